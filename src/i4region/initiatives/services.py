"""Initiative operations shared by views, API, exports and commands.

Who may see and edit what, the bridge from database rows to the pure funding arithmetic
(i4region.compute.funding) and KPI progress (i4region.compute.progress). The CSV import is in
`importer`; the change history is core.history's.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.conf import settings
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from i4region.accounts.models import Role
from i4region.accounts.permissions import has_role
from i4region.compute import funding as fn
from i4region.compute.progress import ProgressResult, progress_status
from i4region.compute.series import Point
from i4region.observatory import services as observatory
from i4region.observatory.models import Indicator
from i4region.regions.models import Region

from .models import BudgetLine, FundingLine, Initiative, Kpi
from .periods import Period

ALERT_HORIZON_MONTHS = 24


def today() -> date:
    """Today in the project's time zone (Europe/Vilnius); tests replace it to fix the clock."""
    return timezone.localdate()


# --- permissions -------------------------------------------------------------------------------


def sees_all(user) -> bool:
    """Secretariat and board members see unpublished initiatives too."""
    return has_role(user, Role.SECRETARIAT, Role.BOARD_MEMBER)


def visible_initiatives(user) -> QuerySet[Initiative]:
    """What this user may read: the public sees published ones, managers also their own."""
    return Initiative.objects.visible_to(user).select_related("municipality", "owner_organisation")


def can_create(user) -> bool:
    return has_role(user, Role.SECRETARIAT)


def can_edit(user, initiative: Initiative) -> bool:
    """The secretariat edits every initiative; an initiative manager only the ones they manage."""
    if has_role(user, Role.SECRETARIAT):
        return True
    return bool(
        user.is_authenticated
        and user.has_role(Role.INITIATIVE_MANAGER)
        and initiative.managers.filter(pk=user.pk).exists()
    )


# --- sustainability ----------------------------------------------------------------------------


@dataclass
class Inputs:
    """Rows converted for the funding arithmetic, and the rows it had to leave out (no amount,
    or a period that fixes no year: "about 2019", "a year, years not stated", none)."""

    budget: list[fn.BudgetLine]
    funding: list[fn.FundingLine]
    undated_budget: list[BudgetLine] = field(default_factory=list)
    undated_funding: list[FundingLine] = field(default_factory=list)


def compute_inputs(initiatives: Iterable[Initiative]) -> Inputs:
    """Budget and funding rows as the pure module wants them (key: initiative slug).

    Lines without a year or a planned amount cannot be placed in a year; they are returned apart
    so pages can show them as "year not known" instead of silently dropping them.
    """
    ids = [i.pk for i in initiatives]
    inputs = Inputs([], [])
    for b in BudgetLine.objects.filter(initiative_id__in=ids).select_related("initiative"):
        years = fn.placed_years(b.period, b.year)
        if years is None or b.planned is None:
            inputs.undated_budget.append(b)
            continue
        inputs.budget.append(
            fn.BudgetLine(
                initiative=b.initiative.slug,
                year=years[0],
                category=b.category,
                subcategory=b.subcategory,
                planned=b.planned,
                committed=b.committed if b.committed is not None else fn.ZERO,
                spent=b.spent if b.spent is not None else fn.ZERO,
            )
        )
    lines = FundingLine.objects.filter(initiative_id__in=ids)
    for f in lines.select_related("initiative", "funder_organisation"):
        years = fn.placed_years(f.period, f.year_from, f.year_to)
        if years is None:
            inputs.undated_funding.append(f)
            continue
        inputs.funding.append(
            fn.FundingLine(
                initiative=f.initiative.slug,
                funder=f.funder_organisation.name,
                source_type=f.source_type,
                amount=f.amount,
                year_from=years[0],
                year_to=years[-1],
                covers=f.covers,
                status=f.status,
                per_year=f.period == Period.YEARLY,
            )
        )
    return inputs


def sustainability(
    initiatives: Iterable[Initiative], as_of: date | None = None
) -> tuple[fn.SustainabilityReport, Inputs]:
    """Gaps, runway, concentration and 24-month alerts for these initiatives (EUR)."""
    inputs = compute_inputs(initiatives)
    report = fn.analyse(
        inputs.budget, inputs.funding, as_of=as_of or today(), horizon_months=ALERT_HORIZON_MONTHS
    )
    return report, inputs


def scenario(
    initiatives: Iterable[Initiative], source: str, end_year: int, as_of: date | None = None
) -> fn.ScenarioResult:
    """Recompute as if ``source`` (a funder or a source type) paid nothing after ``end_year``."""
    inputs = compute_inputs(initiatives)
    return fn.scenario_source_ends(
        inputs.budget,
        inputs.funding,
        source,
        end_year,
        as_of=as_of or today(),
        horizon_months=ALERT_HORIZON_MONTHS,
    )


def secured_by_source_and_year(initiatives: Iterable[Initiative]) -> dict[str, dict[int, Decimal]]:
    """Secured money (approved or received) by source type and year, spread as the arithmetic does."""
    out: dict[str, dict[int, Decimal]] = defaultdict(lambda: defaultdict(lambda: fn.ZERO))
    for f in compute_inputs(initiatives).funding:
        if f.secured:
            for year, part in f.by_year().items():
                out[f.source_type][year] += part
    return {k: dict(v) for k, v in out.items()}


# --- KPIs --------------------------------------------------------------------------------------


def kpi_progress(kpi: Kpi) -> ProgressResult | None:
    """Open SDG progress of a KPI's latest value towards its target; None when it cannot be judged.

    It needs a baseline (year and value), a target (year and value) and a value after the baseline.
    """
    if None in (kpi.baseline_year, kpi.baseline_value, kpi.target_year, kpi.target_value):
        return None
    later = [v for v in kpi.values.all() if v.year > kpi.baseline_year]
    if not later:
        return None
    latest = max(later, key=lambda v: v.period)
    try:
        return progress_status(
            kpi.baseline_year,
            float(kpi.baseline_value),
            latest.year,
            float(latest.value),
            kpi.target_year,
            float(kpi.target_value),
            kpi.direction,
        )
    except ValueError:
        return None


def progress_label(result: ProgressResult | None) -> str:
    if result is None:
        return _("Not assessed (needs baseline, target and a later value)")
    lang = (get_language() or "lt")[:2]
    return result.label(lang if lang in ("en", "lt") else "en")


def regional_value(indicator: Indicator) -> tuple[Region, Point] | None:
    """The home region's latest value of a linked observatory indicator, beside the KPI."""
    region = Region.objects.filter(code=settings.I4REGION_HOME_REGION).first()
    if region is None:
        return None
    points = observatory.series(indicator, region)
    return (region, points[-1]) if points else None


ON_TRACK_STATUSES = {"target_achieved", "substantial_progress"}
