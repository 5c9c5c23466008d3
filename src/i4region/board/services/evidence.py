"""Evidence for challenges (indicator charts, movement) and the board's composition over time."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.utils import timezone
from django.utils.translation import gettext as _

from i4region.charts import render as render_chart
from i4region.observatory.models import Indicator, Polarity
from i4region.observatory.services import Point, series, source_line
from i4region.regions.models import Region

from ..models import Board, Evidence, Sector


def composition(board: Board) -> tuple[list[int], dict[str, list[int]]]:
    """Members by sector at the end of each year since the first designation (today for now)."""
    seats = list(board.memberships.all())
    if not seats:
        return [], {}
    today = timezone.localdate()
    years = list(range(min(s.designated_on.year for s in seats), today.year + 1))
    counts: dict[str, list[int]] = {}
    for sector in Sector.values:
        row = []
        for year in years:
            day = today if year == today.year else dt.date(year, 12, 31)
            row.append(sum(1 for s in seats if s.sector == sector and s.active_on(day)))
        counts[sector] = row
    return years, counts


def composition_chart(board: Board, lang: str) -> str | None:
    years, counts = composition(board)
    if not years:
        return None
    labels = dict(Sector.choices)
    return render_chart(
        {
            "type": "line",
            "locale": lang,
            "y_zero": True,
            "decimals": 0,
            "title": _("Members by sector represented"),
            "series": [
                {
                    "key": s,
                    "label": str(labels[s]),
                    "points": [(str(y), v) for y, v in zip(years, row, strict=True)],
                }
                for s, row in counts.items()
                if any(row)
            ],
        }
    )


# --------------------------------------------------------------------------- evidence


@dataclass
class Movement:
    indicator: Indicator
    region: Region
    base: Point
    latest: Point
    change: float
    percent: float | None
    better: bool | None  # None: neutral polarity or no change

    @property
    def source(self) -> str:
        """The indicator's source line in the reader's language."""
        return source_line(self.indicator)


def _at_or_before(points: list[Point], period: str) -> Point | None:
    earlier = [p for p in points if p.period <= period]
    return earlier[-1] if earlier else None


def movement(
    indicator: Indicator, region: Region, since: str, points: list[Point] | None = None
) -> Movement | None:
    """How the indicator moved from `since` (or the last value before) to its latest value."""
    points = series(indicator, region) if points is None else points
    if not points or not since:
        return None
    base = _at_or_before(points, since) or points[0]
    latest = points[-1]
    if base.period == latest.period:
        return None
    change = latest.value - base.value
    percent = change / base.value * 100 if base.value else None
    better = None
    if change and indicator.polarity != Polarity.NEUTRAL:
        better = (change > 0) == (indicator.polarity == Polarity.HIGHER_BETTER)
    return Movement(indicator, region, base, latest, change, percent, better)


@dataclass
class EvidenceView:
    evidence: Evidence
    chart: str | None
    latest: Point | None
    previous: Point | None
    trend: Movement | None  # over the last five periods
    since_baseline: Movement | None


def evidence_view(evidence: Evidence, lang: str) -> EvidenceView:
    """The inline chart with the latest value and the trend, for a challenge's evidence."""
    points = series(evidence.indicator, evidence.region)
    chart = None
    if points:
        series_specs = [
            {
                "key": evidence.region.code,
                "label": evidence.region.display_name,
                "points": [(p.period, p.value) for p in points],
                "highlight": True,
            }
        ]
        country = evidence.region.ancestors()[0] if evidence.region.parent_id else None
        if country is not None:
            other = series(evidence.indicator, country)
            if other and evidence.indicator.code.endswith("_eu27"):
                series_specs.append(
                    {
                        "key": country.code,
                        "label": country.display_name,
                        "points": [(p.period, p.value) for p in other],
                    }
                )
        chart = render_chart(
            {
                "type": "line",
                "locale": lang,
                "decimals": evidence.indicator.decimals,
                "title": f"{evidence.indicator.name}, {evidence.region.display_name}",
                "y_title": evidence.indicator.unit,
                "series": series_specs,
                "source": source_line(evidence.indicator),
            }
        )
    latest = points[-1] if points else None
    previous = points[-2] if len(points) > 1 else None
    trend = (
        movement(
            evidence.indicator, evidence.region, points[max(len(points) - 6, 0)].period, points
        )
        if len(points) > 1
        else None
    )
    since = (
        movement(evidence.indicator, evidence.region, evidence.baseline_period, points)
        if evidence.baseline_period
        else None
    )
    return EvidenceView(evidence, chart, latest, previous, trend, since)
