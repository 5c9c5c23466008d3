"""Field declarations every app repeats, each said once: a reference to another record, to the
register's organisations, to a user; a choice; an optional value; the time stamps.

    owner = user_ref(_("owner"), related_name="board_actions")
    funder = organisation_ref(_("funder"), related_name="funding_given")
    status = choice(_("status"), Status, default=Status.DRAFT)
    created_at, updated_at = stamps()
    source_url = link(_("source"), blank=True)

Each returns the same Django field a longhand declaration would, so replacing one changes no
migration (`i4region makemigrations --check` proves it).
"""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _


def ref(to, label, related_name="+", on_delete=models.CASCADE, **options) -> models.ForeignKey:
    """A required reference: `to` (a model or "app.Model"), deleted with it by default."""
    return models.ForeignKey(
        to, on_delete, related_name=related_name, verbose_name=label, **options
    )


def optional_ref(
    to, label, related_name="+", on_delete=models.SET_NULL, **options
) -> models.ForeignKey:
    """A reference a record may leave empty; emptied when the other record goes, by default."""
    return ref(to, label, related_name, on_delete, null=True, blank=True, **options)


def organisation_ref(label, related_name="+", **options) -> models.ForeignKey:
    """An organisation of the register, optional; the register keeps it while records name it."""
    return optional_ref("stakeholders.Organisation", label, related_name, models.PROTECT, **options)


def user_ref(label, related_name="+", **options) -> models.ForeignKey:
    """A user (who set, recorded or owns something), optional; emptied when the user goes."""
    return optional_ref(settings.AUTH_USER_MODEL, label, related_name, **options)


def users(label, related_name, **options) -> models.ManyToManyField:
    """Users in a role on the record (managers, representatives), none by default."""
    return many(settings.AUTH_USER_MODEL, label, related_name, **options)


def choice(label, choices, max_length: int = 20, **options) -> models.CharField:
    """One of a TextChoices set, stored as its value."""
    return models.CharField(label, max_length=max_length, choices=choices.choices, **options)


def optional(field_class, label, **options) -> models.Field:
    """A value the record may leave empty (NULL in the database, blank in forms)."""
    return field_class(label, null=True, blank=True, **options)


def stamps() -> tuple[models.DateTimeField, models.DateTimeField]:
    """`created_at, updated_at = stamps()`: when the record was made and last changed."""
    return (
        models.DateTimeField(_("created at"), auto_now_add=True),
        models.DateTimeField(_("updated at"), auto_now=True),
    )


class _Link(models.URLField):
    """A web address; one typed without a scheme is read as https:// (Django 6's default), and
    the migrations see a plain URLField."""

    def formfield(self, **kwargs):
        return super().formfield(**{"assume_scheme": "https", **kwargs})

    def deconstruct(self):
        name, _path, args, kwargs = super().deconstruct()
        return name, "django.db.models.URLField", args, kwargs


def link(label, max_length: int = 400, **options) -> models.URLField:
    """A web address (a source, a document, a website)."""
    return _Link(label, max_length=max_length, **options)


def many(to, label, related_name, **options) -> models.ManyToManyField:
    """Records of `to` in a role on the record (partners, decisions behind it), none by default."""
    return models.ManyToManyField(
        to, blank=True, related_name=related_name, verbose_name=label, **options
    )


YEAR = [MinValueValidator(1990), MaxValueValidator(2100)]


def year(label, **options) -> models.PositiveSmallIntegerField:
    """A calendar year (1990–2100) the record may leave empty when its source gives none."""
    return optional(models.PositiveSmallIntegerField, label, validators=YEAR, **options)
