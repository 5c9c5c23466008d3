"""The regional strategy: strategy → priorities → measures, each measure with its indicator targets
(the observatory's) and the records that serve it (initiatives, activities, board items).

Every actor is an organisation of the one register; every served record is a real foreign key, so
the strategy and the record each show the other ("links from both sides"). A draft strategy is
internal work of the board: only the board members and the secretariat read it.
"""

from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from i4region.accounts.models import Role
from i4region.core import history
from i4region.core.bilingual import pair, paired
from i4region.core.fields import (
    choice,
    link,
    many,
    optional,
    optional_ref,
    organisation_ref,
    ref,
    year,
)
from i4region.core.models import Record
from i4region.core.publication import PublicationQuerySet

PERIOD_OF_TIME = RegexValidator(
    r"^\d{4}(-\d{2}(-\d{2})?)?$", _("Write a year, a month or a day: 2019, 2019-03 or 2019-03-19.")
)


class StrategyStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    ADOPTED = "adopted", _("Adopted")
    REVISED = "revised", _("Revised")


# Who reads a strategy that is not adopted yet: the people who write and discuss it.
INTERNAL_ROLES = (Role.SECRETARIAT, Role.BOARD_MEMBER)


class StrategyQuerySet(PublicationQuerySet):
    """The one publication rule of the strategy, its priorities and measures."""

    def public(self) -> "StrategyQuerySet":
        return self.filter(status__in=(StrategyStatus.ADOPTED, StrategyStatus.REVISED))

    def visible_to(self, user) -> "StrategyQuerySet":
        if user is not None and user.is_authenticated and user.has_role(*INTERNAL_ROLES):
            return self.all()
        return self.public()


class Strategy(Record):
    """A regional strategy document and its life: drafted, adopted, revised."""

    label_field = "title"
    url_name = "strategy:detail"
    url_fields = ("slug",)

    slug = models.SlugField(_("short name (in addresses)"), max_length=80, unique=True)
    title_en, title_lt = pair(models.CharField, _("title"), max_length=250)
    summary_en, summary_lt = pair(models.TextField, _("summary"), blank=True)
    period_start = year(_("first year of the period"))
    period_end = year(_("last year of the period"))
    status = choice(_("status"), StrategyStatus, max_length=8, default=StrategyStatus.DRAFT)
    drafted = models.CharField(
        _("drafted"),
        max_length=10,
        blank=True,
        validators=[PERIOD_OF_TIME],
        help_text=_("When the draft was prepared, as precisely as the source says."),
    )
    adopted_on = optional(models.DateField, _("adopted on"))
    revised_on = optional(models.DateField, _("revised on"))
    prepared_by_en, prepared_by_lt = pair(
        models.CharField, _("prepared by"), max_length=250, blank=True
    )
    adopting_body = organisation_ref(_("adopting body"), related_name="strategies_adopted")
    document_url = link(_("document"), max_length=500, blank=True)
    source_url = link(_("source"), max_length=500, blank=True)
    source_date = optional(models.DateField, _("date of the source"))
    is_sample = models.BooleanField(_("sample record"), default=False)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = StrategyQuerySet.as_manager()

    class Meta:
        ordering = ["-period_start", "slug"]
        verbose_name = _("strategy")
        verbose_name_plural = _("strategies")

    title = paired("title")
    summary = paired("summary")
    prepared_by = paired("prepared_by")

    @property
    def period(self) -> str:
        """'2021–2030', '2021–' or '' (the source gives no period)."""
        if not self.period_start:
            return ""
        return f"{self.period_start}–{self.period_end or ''}"

    def clean(self) -> None:
        errors = {}
        if self.period_start and self.period_end and self.period_end < self.period_start:
            errors["period_end"] = _("The period cannot end before it starts.")
        if self.status == StrategyStatus.ADOPTED and not self.adopted_on:
            errors["adopted_on"] = _("An adopted strategy needs the date of its adoption.")
        if self.status == StrategyStatus.REVISED and not self.revised_on:
            errors["revised_on"] = _("A revised strategy needs the date of its revision.")
        if self.adopted_on and self.revised_on and self.revised_on < self.adopted_on:
            errors["revised_on"] = _("A strategy cannot be revised before it was adopted.")
        if errors:
            raise ValidationError(errors)


class Priority(Record):
    """A priority (focus area) of a strategy."""

    label_field = "title"
    url_name = "strategy:priority"

    strategy = ref(Strategy, _("strategy"), "priorities")
    position = models.PositiveSmallIntegerField(_("order"), default=1)
    title_en, title_lt = pair(models.CharField, _("title"), max_length=250)
    description_en, description_lt = pair(models.TextField, _("description"), blank=True)
    source_url = link(_("source"), max_length=500, blank=True)
    is_sample = models.BooleanField(_("sample record"), default=False)

    class Meta:
        ordering = ["strategy", "position", "pk"]
        verbose_name = _("priority")
        verbose_name_plural = _("priorities")

    title = paired("title")
    description = paired("description")


# What a person writes about a priority, in the order its form asks for it and its table exports it.
PRIORITY_FIELDS = (
    "position",
    "title_en",
    "title_lt",
    "description_en",
    "description_lt",
    "source_url",
    "is_sample",
)


class Measure(Record):
    """A measure of a priority: its objective, who owns it and the targets that show progress."""

    label_field = "title"
    url_name = "strategy:measure"

    priority = ref(Priority, _("priority"), "measures")
    position = models.PositiveSmallIntegerField(_("order"), default=1)
    title_en, title_lt = pair(models.CharField, _("title"), max_length=250)
    objective_en, objective_lt = pair(models.TextField, _("objective"), blank=True)
    owner_organisation = organisation_ref(_("owner organisation"), related_name="strategy_measures")
    targets = many("observatory.Target", _("indicator targets"), "strategy_measures")
    is_sample = models.BooleanField(_("sample record"), default=False)

    class Meta:
        ordering = ["priority", "position", "pk"]
        verbose_name = _("measure")
        verbose_name_plural = _("measures")

    title = paired("title")
    objective = paired("objective")


class LinkKind(models.TextChoices):
    INITIATIVE = "initiative", _("Initiative")
    ACTIVITY = "activity", _("Activity")
    DECISION = "decision", _("Decision")
    ACTION = "action", _("Action")
    CHALLENGE = "challenge", _("Challenge")
    PROPOSAL = "proposal", _("Proposal")


# The foreign key that each kind of link sets (the field has the kind's name).
LINK_MODELS = {
    LinkKind.INITIATIVE: "initiatives.Initiative",
    LinkKind.ACTIVITY: "stakeholders.Activity",
    LinkKind.DECISION: "board.Decision",
    LinkKind.ACTION: "board.Action",
    LinkKind.CHALLENGE: "board.Challenge",
    LinkKind.PROPOSAL: "board.Proposal",
}


def _exactly_one_target() -> Q:
    rule = Q()
    for kind in LINK_MODELS:
        others = {f"{k}__isnull": True for k in LINK_MODELS if k != kind}
        rule |= Q(kind=kind, **{f"{kind}__isnull": False}, **others)
    return rule


def _served(kind: str, verbose_name) -> models.ForeignKey:
    """The optional foreign key of one kind of link; the record's page lists its links."""
    return optional_ref(LINK_MODELS[kind], verbose_name, "strategy_links", models.CASCADE)


class MeasureLink(Record):
    """A record that serves a measure: one kind and exactly that kind's foreign key set."""

    url_name = "strategy:measure"
    url_fields = ("measure.pk",)

    measure = ref(Measure, _("measure"), "links")
    kind = choice(_("kind"), LinkKind, max_length=12)
    initiative = _served(LinkKind.INITIATIVE, _("initiative"))
    activity = _served(LinkKind.ACTIVITY, _("activity"))
    decision = _served(LinkKind.DECISION, _("decision"))
    action = _served(LinkKind.ACTION, _("action"))
    challenge = _served(LinkKind.CHALLENGE, _("challenge"))
    proposal = _served(LinkKind.PROPOSAL, _("proposal"))
    note = models.CharField(_("note"), max_length=300, blank=True)

    class Meta:
        ordering = ["measure", "kind", "pk"]
        verbose_name = _("link to a measure")
        verbose_name_plural = _("links to measures")
        constraints = [
            models.CheckConstraint(
                condition=_exactly_one_target(), name="measure_link_exactly_one_target"
            ),
            *(
                models.UniqueConstraint(
                    fields=["measure", kind],
                    condition=Q(**{f"{kind}__isnull": False}),
                    name=f"measure_link_unique_{kind}",
                )
                for kind in LINK_MODELS
            ),
        ]

    def __str__(self) -> str:
        return f"{self.measure}: {self.target}"

    @property
    def target_id(self) -> int | None:
        """Primary key of the linked record (the kind says which table)."""
        return getattr(self, f"{self.kind}_id", None) if self.kind in LINK_MODELS else None

    @property
    def target(self) -> models.Model | None:
        return getattr(self, self.kind, None) if self.kind in LINK_MODELS else None

    def clean(self) -> None:
        set_kinds = [k for k in LINK_MODELS if getattr(self, f"{k}_id", None)]
        if len(set_kinds) != 1:
            raise ValidationError(_("Choose exactly one record to link."))
        self.kind = set_kinds[0]


history.track(Strategy, exclude=("updated_at",))
history.track(Priority, parent="strategy")
history.track(Measure, parent="priority.strategy")
history.track(MeasureLink, parent="measure.priority.strategy")
