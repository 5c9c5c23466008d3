"""What the portfolio's figures say and what they cannot say, for pages, exports and reports.

The real initiatives are known from sources that give amounts without years ("€470,000 to
establish", "€290,000 a year"), and name staff and building costs without amounts. This module
states that plainly instead of inventing years: amounts apart from the yearly figures with their
period in words, the running costs nobody has recorded a source for, and the initiatives about
which the 24-month alerts cannot tell.

`factsheet(initiative, user)` is what the evidence page and the reports' factsheet show; on their
own `services.sustainability` (budget and funding by year, gap, runway),
`services.secured_by_source_and_year`, `kpi_rows` (KPIs against targets, `kpi_charts` draws
them), `undated_amounts` and `running_costs`.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from i4region.charts import render as render_chart
from i4region.compute import funding as fn

from . import services
from .choices import BudgetCategory, Covers, FundingStatus, Lifecycle
from .models import BudgetLine, FundingLine, Initiative, Kpi


def percent(share: float) -> Decimal:
    """A share (0-1) as per cent with two decimals, the one way exports write shares."""
    return (Decimal(str(share)) * 100).quantize(Decimal("0.01"))


@dataclass(frozen=True)
class Undated:
    """An amount the yearly figures leave out, with what is and is not known about it."""

    initiative: Initiative
    line: BudgetLine | FundingLine
    what: str  # "Establishment (capital)", "Panevėžio miesto savivaldybė (Municipality)"
    amount: Decimal | None  # None: the source names the cost but gives no amount
    period: str


def undated_amounts(inputs: services.Inputs) -> list[Undated]:
    """The lines the arithmetic could not place in a year, each described for a reader."""
    out = []
    for b in inputs.undated_budget:
        what = b.get_category_display()
        if b.subcategory:
            what = f"{what}: {b.get_subcategory_display()}"
        out.append(Undated(b.initiative, b, what, b.planned, b.period_text))
    for f in inputs.undated_funding:
        what = f"{f.funder_organisation} ({f.get_source_type_display()}, {f.get_covers_display()})"
        out.append(Undated(f.initiative, f, str(what), f.amount, f.period_text))
    return out


@dataclass
class RunningCosts:
    """An initiative whose running costs (staff, building) have no recorded source of money."""

    initiative: Initiative
    named_without_amount: list[str] = field(default_factory=list)  # "Staff", "Building ..."
    amounts: list[tuple[Decimal, str]] = field(default_factory=list)  # (290000, "every year")
    recorded: bool = False  # any running cost line at all


def running_costs(initiatives: Iterable[Initiative]) -> list[RunningCosts]:
    """Operating initiatives with no approved, received or planned money for running costs."""
    initiatives = [i for i in initiatives if i.lifecycle not in (Lifecycle.CLOSED, Lifecycle.IDEA)]
    funded = set(
        FundingLine.objects.filter(
            initiative__in=initiatives, covers__in=(Covers.RUNNING, Covers.BOTH)
        )
        .exclude(status=FundingStatus.REJECTED)
        .values_list("initiative_id", flat=True)
    )
    out = []
    for ini in initiatives:
        if ini.pk in funded:
            continue
        entry = RunningCosts(ini)
        for b in ini.budget_lines.filter(category=BudgetCategory.RUNNING):
            entry.recorded = True
            label = b.get_subcategory_display() if b.subcategory else b.get_category_display()
            if b.planned is None:
                entry.named_without_amount.append(str(label))
            else:
                entry.amounts.append((b.planned, b.period_text))
        out.append(entry)
    return out


def blind_spots(
    initiatives: Iterable[Initiative],
    inputs: services.Inputs,
    as_of: date,
    horizon_months: int = services.ALERT_HORIZON_MONTHS,
) -> list[tuple[Initiative, str]]:
    """Initiatives about which "no gap in the next 24 months" cannot be said, and why.

    The alerts see only amounts placed in years: an initiative with amounts of no stated year,
    or without running costs recorded for every year of the horizon, may have a gap they miss.
    """
    last_year = (as_of.year * 12 + as_of.month - 1 + horizon_months) // 12
    horizon = set(range(as_of.year, last_year + 1))
    running: dict[str, set[int]] = {}
    for b in inputs.budget:
        if b.category == "running" and b.planned > 0:
            running.setdefault(b.initiative, set()).add(b.year)
    undated = {line.initiative_id for line in [*inputs.undated_budget, *inputs.undated_funding]}
    out = []
    for ini in initiatives:
        if ini.lifecycle == Lifecycle.CLOSED:
            continue
        missing = sorted(horizon - running.get(ini.slug, set()))
        if ini.pk in undated:
            out.append((ini, _("amounts without a stated year")))
        elif missing:
            years = ", ".join(str(y) for y in missing)
            out.append((ini, _("no running costs recorded for %(years)s") % {"years": years}))
    return out


def kpi_rows(initiatives: Iterable[Initiative]) -> dict[int, list[dict]]:
    """KPIs by initiative id with their values, latest value and progress against the target."""
    rows: dict[int, list[dict]] = {}
    kpis = (
        Kpi.objects.filter(initiative__in=list(initiatives))
        .prefetch_related("values")
        .select_related("indicator")
    )
    for kpi in kpis:
        result = services.kpi_progress(kpi)
        values = list(kpi.values.all())
        rows.setdefault(kpi.initiative_id, []).append(
            {
                "kpi": kpi,
                "values": values,
                "latest": values[-1] if values else None,
                "progress": result,
                "label": services.progress_label(result),
                "on_track": bool(result and result.status in services.ON_TRACK_STATUSES),
                "regional": services.regional_value(kpi.indicator) if kpi.indicator else None,
            }
        )
    return rows


def _locale() -> str:
    lang = (get_language() or "lt")[:2]
    return lang if lang in ("en", "lt") else "en"


def chart(spec: dict) -> str:
    """An SVG chart built from our own numbers and escaped labels (charts.render escapes text)."""
    return mark_safe(render_chart({"locale": _locale(), **spec}))  # noqa: S308


def kpi_charts(rows: list[dict]) -> list[dict]:
    """The KPI rows of one initiative, each with its line chart (None without two points)."""
    for row in rows:
        kpi, values = row["kpi"], row["values"]
        row["chart"] = None
        if len(values) >= 2 or (values and kpi.target_value is not None):
            spec = {
                "type": "line",
                "id": f"kpi-{kpi.pk}",
                "y_zero": True,
                "title": kpi.name,
                "series": [
                    {
                        "key": kpi.code,
                        "label": kpi.name,
                        "points": [(v.period, float(v.value)) for v in values],
                    }
                ],
                "y_title": kpi.unit,
            }
            if kpi.target_value is not None:
                spec["target"] = {
                    "value": float(kpi.target_value),
                    "label": _("Target %(year)s") % {"year": kpi.target_year or ""},
                }
            row["chart"] = chart(spec)
    return rows


def factsheet(initiative: Initiative, user=None, as_of: date | None = None) -> dict:
    """What the evidence page and the reports' factsheet show of one initiative: money by year
    with gap and runway, budget totals, funding, KPIs with their charts, the sourced facts, the
    partners and the board decisions behind it that `user` may read (None: a command, all)."""
    report, _inputs = services.sustainability([initiative], as_of=as_of)
    budget = list(initiative.budget_lines.all())
    totals = {}
    for category in (BudgetCategory.ESTABLISHMENT, BudgetCategory.RUNNING):
        known = [b.planned for b in budget if b.category == category and b.planned is not None]
        totals[category] = sum(known, fn.ZERO) if known else None  # None is shown as "–"
    decisions = initiative.decisions.all()
    return {
        "initiative": initiative,
        "report": report,
        "summary": report.initiatives.get(initiative.slug),
        "years": [r for r in report.years if r.initiative == initiative.slug],
        "budget": budget,
        "totals": totals,
        "kpi_rows": kpi_charts(kpi_rows([initiative]).get(initiative.pk, [])),
        "funding": list(
            initiative.funding_lines.exclude(status=FundingStatus.REJECTED).select_related(
                "funder_organisation"
            )
        ),
        "decisions": list(decisions if user is None else decisions.visible_to(user)),
        "partners": list(initiative.partners.order_by("name")),
        "facts": list(initiative.facts.all()),
    }
