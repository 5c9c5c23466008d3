"""Region look-ups shared by views, API and commands."""

from dataclasses import dataclass

from django.db.models import Q
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _

from i4region.charts import format_number
from i4region.observatory.models import Indicator
from i4region.observatory.services import Point, change_between, cross_section, series, series_for

from .models import Region, RegionKind


def find(query: str, limit: int = 50) -> list[Region]:
    """Regions whose code starts with, or whose name contains, the query (codes first)."""
    query = query.strip()
    if not query:
        return []
    by_code = list(Region.objects.filter(code__istartswith=query)[:limit])
    by_name = Region.objects.filter(
        Q(name__icontains=query) | Q(name_en__icontains=query) | Q(name_lt__icontains=query)
    ).exclude(id__in=[r.id for r in by_code])
    return by_code + list(by_name[: max(limit - len(by_code), 0)])


def country_of(region: Region) -> Region | None:
    chain = region.ancestors()
    return chain[0] if chain else None


# ------------------------------------------------------------------------------------------
# Region profile: headline figures, comparisons and plain-language statements.

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
)
EU = "EU27_2020"
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
        return str(_("well below"))
    if ratio < 0.95:
        return str(_("below"))
    if ratio <= 1.05:
        return str(_("close to"))
    if ratio <= 1.2:
        return str(_("above"))
    return str(_("well above"))


@dataclass
class Headline:
    indicator: Indicator
    latest: Point
    points: list[Point]
    country: Point | None = None
    eu: Point | None = None
    rank: int | None = None
    ranked: int | None = None
    compare: bool = True

    @property
    def gap_country(self) -> float | None:
        return self.latest.value - self.country.value if self.country else None

    @property
    def gap_eu(self) -> float | None:
        return self.latest.value - self.eu.value if self.eu else None


def _at(points: list[Point], period: str) -> Point | None:
    return next((p for p in points if p.period == period), None)


def peers_of(region: Region) -> list[Region]:
    """The country's regions of the same level and kind (for ranks and the peer picker)."""
    if not region.country_code or region.kind == RegionKind.AGGREGATE or region.level == 0:
        return []
    return list(
        Region.objects.filter(
            country_code=region.country_code, level=region.level, kind=region.kind
        ).order_by("code")
    )


def rank_in(
    indicator: Indicator, region: Region, period: str, peers: list[Region]
) -> tuple[int, int] | None:
    """(rank, out of) with 1 = highest value in the period, among regions that have one."""
    values = cross_section(indicator, peers, period)
    if region.id not in values or len(values) < 2:
        return None
    mine = values[region.id].value
    return 1 + sum(1 for p in values.values() if p.value > mine), len(values)


def headlines(region: Region) -> list[Headline]:
    """Latest value, trend, gap to country and EU, and rank, for each headline indicator."""
    country = country_of(region)
    eu = Region.objects.filter(code=EU).first()
    peers = peers_of(region)
    by_code = {
        i.code: i
        for i in Indicator.objects.filter(code__in=[c for c, _ in HEADLINES], published=True)
    }
    out = []
    for code, compare in HEADLINES:
        indicator = by_code.get(code)
        if indicator is None:
            continue
        points = series(indicator, region)
        if not points:
            continue
        latest = points[-1]
        item = Headline(indicator, latest, points, compare=compare)
        if compare and country is not None:
            item.country = _at(series(indicator, country), latest.period)
        if compare and eu is not None and eu != region:
            item.eu = _at(series(indicator, eu), latest.period)
        if peers:
            ranked = rank_in(indicator, region, latest.period, peers)
            if ranked:
                item.rank, item.ranked = ranked
        out.append(item)
    return out


@dataclass(frozen=True)
class Statement:
    text: str
    source: str


def statements(region: Region) -> list[Statement]:
    """What the board needs said, in words, computed from the data (nothing is written by hand)."""
    out = []
    population = Indicator.objects.filter(code="population").first()
    pair = change_between(population, region, *LONG_RUN) if population else None
    if pair:
        first, last = pair
        change = last.value / first.value - 1
        words = share_in_words(change)
        context = {
            "region": region.display_name,
            "start": first.period,
            "end": last.period,
            "first": format_number(first.value, _lang()),
            "last": format_number(last.value, _lang()),
            "percent": format_number(abs(change) * 100, _lang(), 1)
            + ("\u00a0%" if _lang() == "lt" else "%"),
            "share": words or "",
            "vintage": last.vintage,
        }
        if change < 0:
            text = (
                _(
                    "Between %(start)s and %(end)s the population of %(region)s fell from "
                    "%(first)s to %(last)s: by %(share)s (%(percent)s)."
                )
                if words
                else _(
                    "Between %(start)s and %(end)s the population of %(region)s fell from "
                    "%(first)s to %(last)s, by %(percent)s."
                )
            ) % context
        else:
            text = (
                _(
                    "Between %(start)s and %(end)s the population of %(region)s grew from "
                    "%(first)s to %(last)s, by %(percent)s."
                )
                % context
            )
        source = (
            _(
                "Both figures from the Eurostat release %(vintage)s (demo_r_pjanaggr3), so "
                "they are comparable."
            )
            % context
        )
        newest = series(population, region)
        revised = next((p for p in newest if p.period == last.period), None)
        if revised is not None and revised.vintage != last.vintage:
            source += " " + _(
                "The newer release %(vintage)s, revised after the 2021 census, "
                "gives %(value)s for %(year)s and does not reach back to "
                "%(start)s."
            ) % {
                "vintage": revised.vintage,
                "year": revised.period,
                "value": format_number(revised.value, _lang()),
                "start": first.period,
            }
        out.append(Statement(text, source))
    gdp = Indicator.objects.filter(code="gdp_pps_per_capita_eu27").first()
    country = country_of(region)
    if gdp and country is not None:
        points = series(gdp, region)
        reference = {p.period: p for p in series(gdp, country)}
        latest = next((p for p in reversed(points) if p.period in reference), None)
        if latest is not None:
            ref = reference[latest.period]
            context = {
                "region": region.display_name,
                "country": country.display_name,
                "year": latest.period,
                "value": format_number(latest.value, _lang()),
                "ref": format_number(ref.value, _lang()),
                "level": level_in_words(latest.value / ref.value),
                "vintage": latest.vintage,
            }
            out.append(
                Statement(
                    _(
                        "GDP per head in purchasing power standards in %(year)s was %(value)s in "
                        "%(region)s against %(ref)s in %(country)s (EU27 = 100): %(level)s the "
                        "national average."
                    )
                    % context,
                    _("Eurostat release %(vintage)s (nama_10r_3gdp).") % context,
                )
            )
    return out


def municipalities(region: Region) -> list[tuple[Region, Point | None]]:
    """The region's municipalities with their latest population, where the data has one."""
    children = list(region.children.filter(kind=RegionKind.MUNICIPALITY).order_by("name"))
    population = Indicator.objects.filter(code="population").first()
    if not children or population is None:
        return []
    latest = series_for(population, children)
    return [(c, latest[c.id][-1] if latest[c.id] else None) for c in children]


def _lang() -> str:
    lang = (get_language() or "lt")[:2]
    return lang if lang in ("en", "lt") else "en"
