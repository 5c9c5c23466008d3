"""Boards, their founders and their members' seats."""

import datetime as dt

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from i4region.core.bilingual import pair, paired
from i4region.core.fields import (
    choice,
    link,
    optional,
    optional_ref,
    organisation_ref,
    ref,
    user_ref,
)
from i4region.core.models import Record
from i4region.core.publication import PublicationQuerySet
from i4region.regions.models import Region

TEXT = 20_000  # longest free text a form accepts (minutes, descriptions, rules)
NOTE = 4_000  # longest short note (comments, progress notes, reasons)


def once_per_member(record: str, name: str) -> models.UniqueConstraint:
    """A member stands at most once on each `record` (one vote a decision, one roll line a meeting)."""
    return models.UniqueConstraint(fields=[record, "membership"], name=name)


class BoardRecord(Record):
    """A record of a board's workspace. It is shown on the page of the record its `shown_on`
    field names (a milestone on its action's page), or else on a page of its own named after
    the model (board:action, with the board's slug and its id)."""

    shown_on = ""

    class Meta:
        abstract = True

    def get_absolute_url(self) -> str:
        if self.shown_on:
            return getattr(self, self.shown_on).get_absolute_url()
        return reverse(f"board:{self._meta.model_name}", args=[self.board.slug, self.pk])


class Titled(BoardRecord):
    """A record shown by its title, kept in both languages; one of the two is enough."""

    REQUIRED_PAIRS: tuple[str, ...] = ("title",)
    label_field = "title"
    title = paired("title")

    class Meta:
        abstract = True


class BoardType(models.TextChoices):
    ADVISORY = "advisory", _("Advisory board")
    CONSULTATIVE = "consultative", _("Consultative board")
    WORKING_GROUP = "working_group", _("Working group")


class DecisionMethod(models.TextChoices):
    """How a decision is taken; `decisions.outcome_of` applies each rule."""

    SIMPLE_MAJORITY = "simple_majority", _("Simple majority of votes cast")
    ABSOLUTE_MAJORITY = "absolute_majority", _("Absolute majority of voting members")
    TWO_THIRDS = "two_thirds", _("Two-thirds of votes cast")
    CONSENSUS = "consensus", _("Consensus")
    INFORMATION = "information", _("No vote (information)")


VOTED_METHODS = (
    DecisionMethod.SIMPLE_MAJORITY,
    DecisionMethod.ABSOLUTE_MAJORITY,
    DecisionMethod.TWO_THIRDS,
)


class BoardQuerySet(PublicationQuerySet):
    def public(self):
        return self.filter(published=True)

    def visible_to(self, user):
        """The boards this user may know of: the published ones, every board for the
        secretariat, and an unpublished board to its current members and its actions' owners.
        Any other board answers as if it did not exist."""
        if user is None or not user.is_authenticated:
            return self.public()
        if user.has_role("secretariat"):
            return self.all()
        seats = Membership.objects.active_on(timezone.localdate()).filter(user=user)
        owners = Board.objects.filter(actions__owner=user).values("pk")
        return self.filter(
            Q(published=True) | Q(pk__in=seats.values("board_id")) | Q(pk__in=owners)
        )


class Board(Record):
    """A permanent body (advisory board or working group) and its internal rules."""

    slug = models.SlugField(_("short name"), max_length=80, unique=True)
    name_en, name_lt = pair(models.CharField, pgettext_lazy("thing", "name"), max_length=200)
    purpose_en, purpose_lt = pair(models.TextField, _("purpose"), blank=True, max_length=TEXT)
    kind = choice(_("type"), BoardType, default=BoardType.ADVISORY)
    parent = optional_ref("self", _("part of"), "children", models.PROTECT)
    founding_year = optional(models.PositiveSmallIntegerField, _("founding year"))
    founding_date = optional(
        models.DateField,
        _("founding date"),
        help_text=_("Leave empty when only the year is known."),
    )
    decision_method = choice(
        _("usual decision method"), DecisionMethod, default=DecisionMethod.CONSENSUS
    )
    quorum_percent = models.PositiveSmallIntegerField(
        _("quorum (% of voting members present)"),
        default=50,
        validators=[MinValueValidator(1), MaxValueValidator(100)],
        help_text=_(
            "A meeting has a quorum when at least this share of the voting members "
            "(everyone but observers) is present."
        ),
    )
    rules_en, rules_lt = pair(models.TextField, _("internal rules"), blank=True, max_length=TEXT)
    region = optional_ref(Region, _("region"), "boards", models.PROTECT)
    published = models.BooleanField(_("public transparency page"), default=True)
    source_url = link(_("source"), blank=True)
    is_sample = models.BooleanField(_("sample record"), default=False)

    objects = BoardQuerySet.as_manager()

    url_name = "board:workspace"
    url_fields = ("slug",)

    name = paired("name")
    purpose = paired("purpose")
    rules = paired("rules")

    class Meta:
        ordering = ["parent_id", "name_en"]
        verbose_name = _("board")
        verbose_name_plural = _("boards")


class Founder(BoardRecord):
    """An organisation of the register that set the board up (or, when the source does not name
    it, only the role the source describes)."""

    board = ref(Board, _("board"), "founders")
    organisation = organisation_ref(_("organisation"), "boards_founded")
    role_en, role_lt = pair(
        models.CharField,
        _("role"),
        max_length=200,
        blank=True,
        help_text=_("How it took part, as the source says (e.g. through its council)."),
    )
    source_url = link(_("source"), blank=True)
    position = models.PositiveSmallIntegerField(_("order"), default=0)

    role = paired("role")

    shown_on = "board"

    class Meta:
        ordering = ["board", "position", "id"]
        verbose_name = _("founder")
        verbose_name_plural = _("founders")

    def __str__(self) -> str:
        if not self.organisation_id:
            return self.role
        name = str(self.organisation)
        return f"{name} ({self.role})" if self.role else name


class Position(models.TextChoices):
    CHAIR = "chair", _("Chair")
    VICE_CHAIR = "vice_chair", _("Vice-chair")
    SECRETARY = "secretary", _("Secretary")
    MEMBER = "member", _("Member")
    OBSERVER = "observer", _("Observer")


class Sector(models.TextChoices):
    BUSINESS = "business", _("Business")
    EDUCATION = "education", _("Education")
    RESEARCH = "research", _("Research")
    PUBLIC = "public", _("Public sector")
    NGO = "ngo", _("NGO")


class MembershipQuerySet(models.QuerySet):
    def active_on(self, day: dt.date):
        return self.filter(designated_on__lte=day).filter(
            Q(ended_on__isnull=True) | Q(ended_on__gte=day)
        )

    def voting(self):
        return self.exclude(position=Position.OBSERVER)


class Membership(BoardRecord):
    """A person's seat on a board: position, sector represented, from designation to end."""

    board = ref(Board, _("board"), "memberships")
    person_name = models.CharField(_("person"), max_length=200)
    user = user_ref(
        _("user account"),
        "board_memberships",
        help_text=_(
            "Links the seat to a sign-in so the member can read the board's internal items."
        ),
    )
    organisation = organisation_ref(_("organisation"), "board_seats")
    position = choice(_("position"), Position, max_length=12, default=Position.MEMBER)
    sector = choice(_("sector represented"), Sector, max_length=12)
    designated_on = models.DateField(_("designated on"))
    ended_on = optional(models.DateField, _("ended on"))
    is_sample = models.BooleanField(_("sample record"), default=False)

    objects = MembershipQuerySet.as_manager()

    shown_on = "board"

    class Meta:
        ordering = ["board", "ended_on", "position", "person_name"]
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")

    def __str__(self) -> str:
        return f"{self.person_name} ({self.get_position_display()})"

    def clean(self) -> None:
        if self.ended_on and self.designated_on and self.ended_on < self.designated_on:
            raise ValidationError({"ended_on": _("The end date is before the designation date.")})

    def active_on(self, day) -> bool:
        return self.designated_on <= day and (self.ended_on is None or self.ended_on >= day)

    @property
    def may_vote(self) -> bool:
        return self.position != Position.OBSERVER
