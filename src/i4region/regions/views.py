from django.core.cache import cache
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from i4region.charts import render as render_chart
from i4region.observatory.models import Indicator
from i4region.observatory.services import catalogue_stamp, data_stamp, series

from . import services
from .models import Region

MAX_PEERS = 6
# The profile is recomputed when the data or the catalogue changes; this only bounds its age.
PROFILE_CACHE_SECONDS = 24 * 3600


def parse_peers(request, region: Region) -> tuple[list[Region], list[str]]:
    """Peer regions from ?peers=LT022,LT023 (or repeated peers=…); unknown codes are reported."""
    codes = []
    for raw in request.GET.getlist("peers"):
        codes += [c.strip().upper() for c in raw.split(",") if c.strip()]
    codes = list(dict.fromkeys(c for c in codes if c != region.code))[:MAX_PEERS]
    found = {r.code: r for r in Region.objects.filter(code__in=codes)}
    return [found[c] for c in codes if c in found], [c for c in codes if c not in found]


def _chart(item: services.Headline, region: Region, country, eu, peers, lang: str) -> str:
    lines = [
        {
            "key": region.code,
            "label": region.display_name,
            "points": [(p.period, p.value) for p in item.points],
        }
    ]
    others = (
        ([country] if item.compare and country else [])
        + ([eu] if item.compare and eu and eu != region else [])
        + peers
    )
    for other in others:
        points = series(item.indicator, other)
        if points:
            lines.append(
                {
                    "key": other.code,
                    "label": other.display_name,
                    "points": [(p.period, p.value) for p in points],
                }
            )
    return render_chart(
        {
            "type": "line",
            "locale": lang,
            "title": item.indicator.name,
            "y_title": item.indicator.unit,
            "series": lines,
            "highlight": region.code,
            "decimals": item.indicator.decimals,
            "show_title": False,
            "source": item.indicator.attribution,
        }
    )


def detail(request, code: str):
    region = Region.objects.filter(code=code).select_related("parent").first()
    if region is None:
        upper = Region.objects.filter(code=code.upper()).first()
        if upper is not None:
            return redirect("regions:detail", code=upper.code)
        raise Http404(_("There is no region with the code “%(code)s”.") % {"code": code})
    lang = (request.LANGUAGE_CODE or "lt")[:2]
    peers, unknown_peers = parse_peers(request, region)
    key = ":".join(
        [
            "region-profile",
            region.code,
            lang,
            ",".join(r.code for r in peers),
            data_stamp(),
            catalogue_stamp(),
        ]
    )
    profile = cache.get(key)
    if profile is None:
        profile = _profile(region, peers, lang)
        cache.set(key, profile, PROFILE_CACHE_SECONDS)
    return render(
        request,
        "regions/detail.html",
        {
            **profile,
            "region": region,
            "ancestors": region.ancestors(),
            "children": region.children.exclude(kind="municipality").order_by("code"),
            "peers": peers,
            "unknown_peers": unknown_peers,
            "peer_codes": ",".join(r.code for r in peers),
        },
    )


def _profile(region: Region, peers: list[Region], lang: str) -> dict:
    """The computed part of a region's profile: the same for every visitor until the data changes."""
    country = services.country_of(region)
    eu = Region.objects.filter(code=services.EU).first()
    headlines = services.headlines(region)
    for item in headlines:
        item.sparkline = render_chart(
            {
                "type": "sparkline",
                "locale": lang,
                "decimals": item.indicator.decimals,
                "points": [(p.period, p.value) for p in item.points[-15:]],
                "description": _("Trend of %(indicator)s, %(start)s–%(end)s")
                % {
                    "indicator": item.indicator.name,
                    "start": item.points[-15:][0].period,
                    "end": item.latest.period,
                },
            }
        )
        item.chart = _chart(item, region, country, eu, peers, lang)
    population = Indicator.objects.filter(code="population").first()
    points = series(population, region) if population else []
    area = Indicator.objects.filter(code="area_km2").first()
    area_points = series(area, region) if area else []
    return {
        "municipalities": services.municipalities(region),
        "headlines": headlines,
        "statements": services.statements(region),
        "country": country,
        "eu": eu,
        "peer_example": ",".join([r.code for r in services.peers_of(region) if r != region][:2]),
        "population": population,
        "points": list(reversed(points)),
        "vintages": sorted({p.vintage for p in points}, reverse=True),
        "area": area_points[-1] if area_points else None,
    }


def search(request):
    query = request.GET.get("q", "")
    results = services.find(query)
    if len(results) == 1:
        return redirect("regions:detail", code=results[0].code)
    return render(request, "regions/search.html", {"query": query, "results": results})
