"""The profile of a region: headline figures with their sources, comparisons with the home
country and the EU, statements in words, releases and where they join, and the charts.

`region_profile(region, lang, peers)` is the one entry point: the region page renders it and
the reports build the region-profile PDF from it. It is computed once per region, language,
peers and state of the data and catalogue, and shared through the cache.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.core.cache import cache
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from i4region.charts import format_number
from i4region.compute.series import Point, joins
from i4region.regions import services as regions
from i4region.regions.models import Region, RegionKind

from . import charting, services
from .compare import chart_query
from .models import Indicator
from .pages import PAGE_CACHE_SECONDS, page_stamp

#: Indicators on the profile, in order; False marks counts that are not compared with the
#: country or the EU (a county's population next to the country's says nothing).
HEADLINES: tuple[tuple[str, bool], ...] = (
    ("population", False),
    ("population_change_5y", True),
    ("population_density", True),
    ("median_age", True),
    ("gdp_pps_per_capita_eu27", True),
    ("gdp_eur_per_capita", True),
    ("active_enterprises", False),
    ("unemployment_rate", True),
    ("employment_rate_15_64", True),
    ("tertiary_attainment_25_64", True),
    ("gerd_pc_gdp", True),
)
#: The span of the board's strategy for the long-run population statement.
LONG_RUN = ("2005", "2020")

_SHARES = (
    (1 / 10, gettext_lazy("about a tenth")),
    (1 / 5, gettext_lazy("about a fifth")),
    (1 / 4, gettext_lazy("about a quarter")),
    (1 / 3, gettext_lazy("about a third")),
    (1 / 2, gettext_lazy("about half")),
)


def share_in_words(fraction: float) -> str | None:
    """0.259 → "about a quarter"; None when no simple fraction is within two points."""
    for share, words in _SHARES:
        if abs(abs(fraction) - share) <= 0.02:
            return str(words)
    return None


def level_in_words(ratio: float) -> str:
    """How a value compares with a reference, from their ratio."""
    if ratio < 0.8:
        return _("well below")
    if ratio < 0.95:
        return _("below")
    if ratio <= 1.05:
        return _("close to")
    if ratio <= 1.2:
        return _("above")
    return _("well above")


@dataclass
class Figure:
    """One number as shown, with everything needed to cite it."""

    point: Point
    source: str
    dataset: str
    note: str = ""

    @property
    def release(self) -> str:
        return self.point.vintage


@dataclass
class Headline:
    indicator: Indicator
    latest: Figure
    points: list[Point]
    #: the region whose values these are: the profile's own, or its NUTS2 region when the
    #: indicator is published only for NUTS2
    shown_for: Region
    country: Figure | None = None
    eu: Figure | None = None
    rank: int | None = None
    ranked: int | None = None
    compare: bool = True
    sparkline: str = ""
    chart: str = ""
    chart_url: str = ""
    joins: list = field(default_factory=list)

    @property
    def gap_country(self) -> float | None:
        return self.latest.point.value - self.country.point.value if self.country else None

    @property
    def gap_eu(self) -> float | None:
        return self.latest.point.value - self.eu.point.value if self.eu else None


@dataclass(frozen=True)
class Statement:
    text: str
    source: str


def figure(indicator: Indicator, region: Region, point: Point, notes: dict | None = None) -> Figure:
    """A point with its source line, dataset code and the secretariat's note, if any."""
    dataset = services.dataset_of(indicator, region, point.vintage)
    note = services.note_on(notes, region, point) if notes else ""
    return Figure(point, services.source_line(indicator, dataset), dataset, note)


def _at(points: list[Point], period: str) -> Point | None:
    return next((p for p in points if p.period == period), None)


def rank_in(
    indicator: Indicator, region: Region, period: str, peers: list[Region]
) -> tuple[int, int] | None:
    """(rank, out of) with 1 = highest value in the period, among regions that have one."""
    values = services.cross_section(indicator, peers, period)
    if region.id not in values or len(values) < 2:
        return None
    mine = values[region.id].value
    return 1 + sum(1 for p in values.values() if p.value > mine), len(values)


def headlines(region: Region) -> list[Headline]:
    """Latest value, trend, gap to country and EU, and rank, for each headline indicator.

    A NUTS3 region or municipality shows its NUTS2 region's value for an indicator published
    only for NUTS2, and says so (`shown_for`).
    """
    country = regions.country_of(region)
    eu = regions.eu_aggregate()
    nuts2 = regions.nuts2_of(region)
    by_code = {
        i.code: i
        for i in Indicator.objects.filter(code__in=[c for c, _ in HEADLINES], published=True)
    }
    out = []
    for code, compare in HEADLINES:
        indicator = by_code.get(code)
        if indicator is None:
            continue
        shown_for = region
        points = services.series(indicator, region)
        if not points and nuts2 is not None and nuts2 != region:
            shown_for, points = nuts2, services.series(indicator, nuts2)
        if not points:
            continue
        notes = services.notes_for(indicator, [shown_for])
        item = Headline(
            indicator,
            figure(indicator, shown_for, points[-1], notes),
            points,
            shown_for,
            compare=compare,
            joins=joins(points),
        )
        period = points[-1].period
        if compare and country is not None and country != shown_for:
            found = _at(services.series(indicator, country), period)
            item.country = figure(indicator, country, found) if found else None
        if compare and eu is not None and eu != shown_for:
            found = _at(services.series(indicator, eu), period)
            item.eu = figure(indicator, eu, found) if found else None
        peers = regions.peers_of(shown_for)
        if peers:
            ranked = rank_in(indicator, shown_for, period, peers)
            if ranked:
                item.rank, item.ranked = ranked
        out.append(item)
    return out


def _lang() -> str:
    lang = (translation.get_language() or "lt")[:2]
    return lang if lang in ("en", "lt") else "en"


def _num(value: float) -> str:
    return format_number(value, _lang())


def _population_statement(region: Region, population: Indicator) -> Statement | None:
    pair = services.change_between(population, region, *LONG_RUN)
    if not pair:
        return None
    first, last = pair
    change = last.value / first.value - 1
    words = share_in_words(change)
    context = {
        "region": region.display_name,
        "start": first.period,
        "end": last.period,
        "first": _num(first.value),
        "last": _num(last.value),
        "percent": format_number(abs(change) * 100, _lang(), 1)
        + ("\u00a0%" if _lang() == "lt" else "%"),
        "share": words or "",
        "vintage": last.vintage,
        "publisher": population.publisher,
        "dataset": services.dataset_of(population, region, last.vintage),
    }
    if change < 0 and words:
        text = _(
            "Between %(start)s and %(end)s the population of %(region)s fell from "
            "%(first)s to %(last)s: by %(share)s (%(percent)s)."
        )
    elif change < 0:
        text = _(
            "Between %(start)s and %(end)s the population of %(region)s fell from "
            "%(first)s to %(last)s, by %(percent)s."
        )
    else:
        text = _(
            "Between %(start)s and %(end)s the population of %(region)s grew from "
            "%(first)s to %(last)s, by %(percent)s."
        )
    source = (
        _(
            "Both figures from the %(publisher)s release %(vintage)s (%(dataset)s), so "
            "they are comparable."
        )
        % context
    )
    revised = _at(services.series(population, region), last.period)
    if revised is not None and revised.vintage != last.vintage:
        source += " " + _(
            "The newer release %(vintage)s, revised after the 2021 census, "
            "gives %(value)s for %(year)s and does not reach back to "
            "%(start)s."
        ) % {
            "vintage": revised.vintage,
            "year": revised.period,
            "value": _num(revised.value),
            "start": first.period,
        }
    return Statement(text % context, source)


def _gdp_statement(region: Region, gdp: Indicator, country: Region) -> Statement | None:
    points = services.series(gdp, region)
    reference = {p.period: p for p in services.series(gdp, country)}
    latest = next((p for p in reversed(points) if p.period in reference), None)
    if latest is None:
        return None
    ref = reference[latest.period]
    context = {
        "region": region.display_name,
        "country": country.display_name,
        "year": latest.period,
        "value": _num(latest.value),
        "ref": _num(ref.value),
        "level": level_in_words(latest.value / ref.value),
        "vintage": latest.vintage,
        "publisher": gdp.publisher,
        "dataset": services.dataset_of(gdp, region, latest.vintage),
    }
    return Statement(
        _(
            "GDP per head in purchasing power standards in %(year)s was %(value)s in "
            "%(region)s against %(ref)s in %(country)s (EU27 = 100): %(level)s the "
            "national average."
        )
        % context,
        _("%(publisher)s release %(vintage)s (%(dataset)s).") % context,
    )


def statements(region: Region) -> list[Statement]:
    """What the board needs said, in words, computed from the data (nothing is written by hand)."""
    out = []
    population = Indicator.objects.filter(code="population").first()
    if population is not None:
        found = _population_statement(region, population)
        if found:
            out.append(found)
    gdp = Indicator.objects.filter(code="gdp_pps_per_capita_eu27").first()
    country = regions.country_of(region)
    if gdp is not None and country is not None:
        found = _gdp_statement(region, gdp, country)
        if found:
            out.append(found)
    return out


def municipalities(region: Region) -> list[tuple[Region, Figure | None]]:
    """The region's municipalities with their latest population, where the data has one."""
    children = list(region.children.filter(kind=RegionKind.MUNICIPALITY).order_by("name"))
    population = Indicator.objects.filter(code="population").first()
    if not children or population is None:
        return []
    latest = services.series_for(population, children)
    return [
        (c, figure(population, c, latest[c.id][-1]) if latest[c.id] else None) for c in children
    ]


def _population(region: Region) -> dict:
    population = Indicator.objects.filter(code="population").first()
    points = services.series(population, region) if population else []
    notes = services.notes_for(population, [region]) if population else {}
    rows = [figure(population, region, p, notes) for p in reversed(points)]
    return {
        "population": population,
        "population_rows": rows,
        "population_sources": sorted({r.source for r in rows}),
        "population_chart": charting.release_chart(population, region, points, _lang())
        if points
        else "",
        "population_joins": joins(points),
        "vintages": sorted({p.vintage for p in points}, reverse=True),
    }


def _compute(region: Region, peers: list[Region], lang: str) -> dict:
    country = regions.country_of(region)
    eu = regions.eu_aggregate()
    items = headlines(region)
    for item in items:
        others = [
            c for c in (country, eu) if item.compare and c is not None and c != item.shown_for
        ] + peers
        item.sparkline = charting.sparkline(item.indicator, item.points, lang)
        item.chart = charting.comparison_chart(
            item.indicator, item.shown_for, item.points, others, lang
        )
        item.chart_url = (
            reverse("observatory:chart", args=[item.indicator.code, "svg"])
            + "?"
            + chart_query([item.shown_for, *others])
        )
    area = Indicator.objects.filter(code="area_km2").first()
    area_points = services.series(area, region) if area else []
    nuts2 = regions.nuts2_of(region)
    return {
        "region": region,
        "peers": peers,
        "municipalities": municipalities(region),
        "headlines": items,
        "statements": statements(region),
        "country": country,
        "eu": eu,
        "nuts2": nuts2 if nuts2 != region else None,
        "index_region": nuts2,
        "peer_example": ",".join([r.code for r in regions.peers_of(region) if r != region][:2]),
        "area": figure(area, region, area_points[-1]) if area_points else None,
        **_population(region),
    }


def region_profile(region: Region, lang: str, peers: list[Region] | None = None) -> dict:
    """The whole profile of a region in one language: every figure with its source line,
    dataset code and release (`Figure`), the statements, the charts as SVG.

    Shared by the region page and the region-profile report; cached until the data or the
    catalogue changes.
    """
    peers = list(peers or [])
    key = ":".join(
        ["region-profile", region.code, lang, ",".join(r.code for r in peers), page_stamp()]
    )
    profile = cache.get(key)
    if profile is None:
        with translation.override(lang):
            profile = _compute(region, peers, lang)
        cache.set(key, profile, PAGE_CACHE_SECONDS)
    return profile
