"""Initiatives of the board's portfolio, their budgets, funding, KPIs and the facts behind them.

Money is Decimal euros (EUR). Amounts and years the sources do not give stay empty (NULL): the
sustainability arithmetic then leaves those lines out and the pages say so.

Owners, partners and funders are organisations of the one register (stakeholders.Organisation);
the board decisions behind an initiative are links to board.Decision.
"""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

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
    users,
    year,
)
from i4region.core.models import Record
from i4region.core.publication import PublicationQuerySet
from i4region.observatory.models import Indicator, Theme
from i4region.regions.models import Region, RegionKind

from .choices import (
    BudgetCategory,
    BudgetSubcategory,
    Covers,
    Direction,
    FundingStatus,
    InitiativeType,
    KpiKind,
    Lifecycle,
    Qualifier,
    SourceType,
    StatusFlag,
    TargetGroup,
)
from .periods import Dated

CURRENCY = "EUR"
MONEY = {"max_digits": 14, "decimal_places": 2, "validators": [MinValueValidator(0)]}
VALUE = {"max_digits": 16, "decimal_places": 4}  # a KPI's values, baseline and target


class InitiativeQuerySet(PublicationQuerySet):
    def public(self) -> "InitiativeQuerySet":
        return self.filter(published=True)

    def visible_to(self, user) -> "InitiativeQuerySet":
        """Secretariat and board see every initiative; a manager also their own drafts."""
        if user is None or not user.is_authenticated:
            return self.public()
        if user.has_role(Role.SECRETARIAT, Role.BOARD_MEMBER):
            return self.all()
        return self.filter(models.Q(published=True) | models.Q(managers=user)).distinct()


class Initiative(Record):
    """A centre, agency, programme or event series the board supports."""

    url_name = "initiatives:detail"
    url_fields = ("slug",)

    slug = models.SlugField(_("short name (in addresses)"), max_length=80, unique=True)
    name_en, name_lt = pair(models.CharField, pgettext_lazy("thing", "name"), max_length=200)
    type = choice(_("type"), InitiativeType, max_length=24)
    owner_organisation = organisation_ref(
        _("owner organisation"),
        related_name="initiatives_owned",
        help_text=_("The organisation that runs the initiative (its beneficiary in Kohesio)."),
    )
    partners = many(
        "stakeholders.Organisation", _("partner organisations"), "initiatives_partnered"
    )
    parent_programme = models.CharField(_("parent programme"), max_length=200, blank=True)
    description_en, description_lt = pair(models.TextField, _("description"), blank=True)
    target_groups = models.CharField(
        _("target groups"),
        max_length=200,
        blank=True,
        help_text=_("Codes separated by semicolons."),
    )
    theme = choice(_("theme"), Theme, max_length=16, blank=True)
    municipality = optional_ref(
        Region,
        _("municipality"),
        "initiatives",
        models.PROTECT,
        limit_choices_to={"kind": RegionKind.MUNICIPALITY},
    )
    lifecycle = choice(_("life cycle stage"), Lifecycle, max_length=16, default=Lifecycle.IDEA)
    start_date = optional(models.DateField, _("start date"))
    end_date = optional(models.DateField, _("end date"))
    status = choice(
        _("status"), StatusFlag, max_length=16, blank=True, default=StatusFlag.NOT_ASSESSED
    )
    status_reason = models.TextField(_("reason for the status"), blank=True)
    decisions = many("board.Decision", _("decisions behind it"), "initiatives")
    managers = users(_("initiative managers"), "managed_initiatives")
    published = models.BooleanField(_("published"), default=False)
    is_sample = models.BooleanField(_("sample record"), default=False)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = InitiativeQuerySet.as_manager()

    class Meta:
        ordering = ["name_en"]
        verbose_name = _("initiative")
        verbose_name_plural = _("initiatives")

    name = paired("name")
    description = paired("description")

    @property
    def target_group_codes(self) -> list[str]:
        return [c for c in (p.strip() for p in self.target_groups.split(";")) if c]

    @property
    def target_group_labels(self) -> list[str]:
        labels = dict(TargetGroup.choices)
        return [str(labels.get(c, c)) for c in self.target_group_codes]


# What a person writes about an initiative, in the order its form asks for it.
INITIATIVE_FIELDS = (
    "slug",
    "name_en",
    "name_lt",
    "type",
    "owner_organisation",
    "partners",
    "parent_programme",
    "description_en",
    "description_lt",
    "target_groups",
    "theme",
    "municipality",
    "lifecycle",
    "start_date",
    "end_date",
    "status",
    "status_reason",
)


class UnderInitiative(Record):
    """A record shown on its initiative's page (a line, KPI, value or fact)."""

    url_name = "initiatives:detail"
    url_fields = ("initiative.slug",)

    class Meta:
        abstract = True


class BudgetLine(UnderInitiative, Dated):
    """What an initiative costs in one year and one category: planned, committed and spent (EUR)."""

    initiative = ref(Initiative, _("initiative"), "budget_lines")
    year = year(_("year"), help_text=_("Empty when the source does not say which year."))
    category = choice(_("category"), BudgetCategory, max_length=16)
    subcategory = choice(_("budget line"), BudgetSubcategory, max_length=24, blank=True)
    planned = optional(models.DecimalField, _("planned (EUR)"), **MONEY)
    committed = optional(models.DecimalField, _("committed (EUR)"), **MONEY)
    spent = optional(models.DecimalField, _("spent (EUR)"), **MONEY)
    source_url = link(_("source"), max_length=500, blank=True)
    note = models.CharField(_("note"), max_length=300, blank=True)

    class Meta:
        ordering = ["initiative", "year", "category", "subcategory"]
        verbose_name = _("budget line")
        verbose_name_plural = _("budget lines")
        constraints = [
            models.UniqueConstraint(
                fields=["initiative", "year", "category", "subcategory"], name="budget_line_unique"
            )
        ]

    def __str__(self) -> str:
        line = self.get_subcategory_display() if self.subcategory else self.get_category_display()
        return f"{line} ({self.year})" if self.year else str(line)

    def clean(self) -> None:
        self.check_period("year", None)


class FundingLine(UnderInitiative, Dated):
    """One source of money for an initiative; field names follow Kohesio where it has one."""

    initiative = ref(Initiative, _("initiative"), "funding_lines")
    funder_organisation = ref(
        "stakeholders.Organisation", _("funder organisation"), "funding_lines", models.PROTECT
    )
    source_type = choice(_("source type (fund)"), SourceType, max_length=16)
    programme = models.CharField(_("programme"), max_length=200, blank=True)
    programming_period = models.CharField(
        _("programming period"), max_length=9, blank=True, help_text=_("For example 2021-2027.")
    )
    amount = models.DecimalField(_("amount (EUR)"), **MONEY)
    cofinancing_rate = optional(
        models.DecimalField,
        _("co-financing rate (%)"),
        max_digits=5,
        decimal_places=2,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
        help_text=_("The share of the eligible cost this source pays, in per cent."),
    )
    year_from = year(_("first year covered"))
    year_to = year(_("last year covered"))
    covers = choice(_("covers"), Covers, max_length=16, default=Covers.BOTH)
    status = choice(_("status"), FundingStatus, max_length=16, default=FundingStatus.PLANNED)
    kohesio_project_id = models.CharField(_("Kohesio project ID"), max_length=64, blank=True)
    source_url = link(_("source"), max_length=500, blank=True)
    note = models.CharField(_("note"), max_length=300, blank=True)

    class Meta:
        ordering = ["initiative", "year_from", "funder_organisation__name"]
        verbose_name = _("funding line")
        verbose_name_plural = _("funding lines")

    def __str__(self) -> str:
        return f"{self.funder_organisation} ({self.get_source_type_display()})"

    def clean(self) -> None:
        self.check_period("year_from", "year_to")


class Kpi(UnderInitiative):
    """An output or outcome an initiative reports, with baseline and target."""

    initiative = ref(Initiative, _("initiative"), "kpis")
    code = models.SlugField(_("code"), max_length=64)
    kind = choice(_("kind"), KpiKind, max_length=8, default=KpiKind.OUTPUT)
    name_en, name_lt = pair(models.CharField, pgettext_lazy("thing", "name"), max_length=200)
    unit_en, unit_lt = pair(models.CharField, _("unit"), max_length=80)
    direction = choice(_("direction"), Direction, max_length=8, default=Direction.HIGHER)
    baseline_year = optional(models.PositiveSmallIntegerField, _("baseline year"))
    baseline_value = optional(models.DecimalField, _("baseline value"), **VALUE)
    target_year = optional(models.PositiveSmallIntegerField, _("target year"))
    target_value = optional(models.DecimalField, _("target value"), **VALUE)
    indicator = optional_ref(Indicator, _("observatory indicator"), "initiative_kpis")

    class Meta:
        ordering = ["initiative", "kind", "code"]
        verbose_name = _("KPI")
        verbose_name_plural = _("KPIs")
        constraints = [
            models.UniqueConstraint(
                fields=["initiative", "code"], name="kpi_code_unique_per_initiative"
            )
        ]

    name = paired("name")
    unit = paired("unit")


# What a person writes about a KPI, in the order its form asks for it and its table exports it.
KPI_FIELDS = (
    "code",
    "kind",
    "name_en",
    "name_lt",
    "unit_en",
    "unit_lt",
    "direction",
    "baseline_year",
    "baseline_value",
    "target_year",
    "target_value",
)


class KpiValue(UnderInitiative):
    """A KPI's value for one period (a year, or a month such as 2021-12), with its source."""

    url_fields = ("kpi.initiative.slug",)

    kpi = ref(Kpi, _("KPI"), "values")
    period = models.CharField(
        _("period"), max_length=10, help_text=_("A year (2021) or a month (2021-12).")
    )
    value = models.DecimalField(_("value"), **VALUE)
    qualifier = choice(_("qualifier"), Qualifier, max_length=12, blank=True)
    source_url = link(_("source"), max_length=500, blank=True)
    note = models.CharField(_("note"), max_length=300, blank=True)

    class Meta:
        ordering = ["kpi", "period"]
        verbose_name = _("KPI value")
        verbose_name_plural = _("KPI values")
        constraints = [
            models.UniqueConstraint(fields=["kpi", "period"], name="kpi_value_unique_per_period")
        ]

    def __str__(self) -> str:
        return f"{self.kpi.name}, {self.period}"

    @property
    def year(self) -> int:
        return int(self.period[:4])


class Fact(UnderInitiative):
    """A sourced statement about an initiative, shown with its URL on the evidence page."""

    initiative = ref(Initiative, _("initiative"), "facts")
    text_en, text_lt = pair(models.TextField, _("fact"), max_length=4000)
    value = models.CharField(_("value"), max_length=40, blank=True)
    unit_en, unit_lt = pair(models.CharField, _("unit"), max_length=80, blank=True)
    reference_period_en, reference_period_lt = pair(
        models.CharField, _("reference period"), max_length=40, blank=True
    )
    source_url = link(_("source"), max_length=500)
    source_date = optional(models.DateField, _("source date"))
    note_en, note_lt = pair(models.TextField, _("note"), max_length=2000, blank=True)

    class Meta:
        ordering = ["initiative", "id"]
        verbose_name = _("fact")
        verbose_name_plural = _("facts")

    def __str__(self) -> str:
        return self.text[:80]

    text = paired("text")
    unit = paired("unit")
    note = paired("note")
    reference_period = paired("reference_period")


history.track(Initiative, exclude=("managers", "partners", "decisions"))
history.track(BudgetLine, parent="initiative")
history.track(FundingLine, parent="initiative")
history.track(Kpi, parent="initiative")
history.track(KpiValue, parent="kpi.initiative")
history.track(Fact, parent="initiative")
