"""Region look-ups shared by views, API and commands: finding a region and its comparators.

This app knows regions only; what is measured about them lives in the observatory.
"""

import unicodedata

from django.conf import settings
from django.core.exceptions import BadRequest

from .models import Region, RegionKind

#: The aggregate every European region is compared with; a setting, so another continent's
#: instance can name its own.
EU_SETTING = "I4REGION_COMPARATOR_AGGREGATE"
EU_DEFAULT = "EU27_2020"


def refuse_nul(request, *names: str) -> None:
    """A NUL byte in a query parameter is a malformed request (PostgreSQL cannot even compare
    it): answer 400 naming the parameter, before any query runs."""
    for name in names:
        if any("\x00" in v for v in request.GET.getlist(name)):
            raise BadRequest(f"parameter '{name}' contains a NUL byte")


def fold(text: str) -> str:
    """Lower case without diacritics: "Panevėžys" and "Panevezys" fold to one key."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def find(query: str, limit: int = 50) -> list[Region]:
    """Regions whose code starts with, or whose name contains, the query (codes first).

    Names are compared folded, so a query typed without Lithuanian letters finds the region.
    """
    query = query.strip()
    if not query or "\x00" in query:
        return []
    by_code = list(Region.objects.filter(code__istartswith=query)[:limit])
    seen = {r.id for r in by_code}
    key = fold(query)
    by_name = [
        r
        for r in Region.objects.exclude(id__in=seen).only(
            "id", "code", "kind", "level", "country_code", "name", "name_en", "name_lt"
        )
        if any(key in fold(n) for n in (r.name, r.name_en, r.name_lt) if n)
    ]
    return by_code + by_name[: max(limit - len(by_code), 0)]


def country_of(region: Region) -> Region | None:
    """The region's country (level 0), or None for a country or an aggregate."""
    chain = region.ancestors()
    return chain[0] if chain else None


def home_region() -> Region | None:
    """The region this instance is built for (settings.I4REGION_HOME_REGION)."""
    return Region.objects.filter(code=settings.I4REGION_HOME_REGION).first()


def home_country() -> Region | None:
    """The home region's country: the national comparator on every page."""
    home = home_region()
    if home is None:
        return None
    return home if home.level == 0 and home.kind == RegionKind.NUTS else country_of(home)


def eu_aggregate() -> Region | None:
    """The aggregate regions are compared with (EU27 unless the setting names another)."""
    code = getattr(settings, EU_SETTING, EU_DEFAULT)
    return Region.objects.filter(code=code, kind=RegionKind.AGGREGATE).first()


def regions_of_home_country(level: int) -> list[Region]:
    """The home country's NUTS regions of one level, e.g. its NUTS2 regions for the index."""
    country = home_country()
    if country is None:
        return []
    return list(
        Region.objects.filter(
            country_code=country.country_code, level=level, kind=RegionKind.NUTS
        ).order_by("code")
    )


def peers_of(region: Region) -> list[Region]:
    """The country's regions of the same level and kind (for ranks and the peer picker)."""
    if not region.country_code or region.kind == RegionKind.AGGREGATE or region.level == 0:
        return []
    return list(
        Region.objects.filter(
            country_code=region.country_code, level=region.level, kind=region.kind
        ).order_by("code")
    )


def nuts2_of(region: Region) -> Region | None:
    """The NUTS2 region a NUTS3 region or municipality lies in (None above NUTS2)."""
    if region.kind == RegionKind.NUTS and region.level == 2:
        return region
    return next((a for a in region.ancestors() if a.kind == RegionKind.NUTS and a.level == 2), None)


def parse_codes(raw_values: list[str], limit: int) -> tuple[list[Region], list[str]]:
    """Regions from values like "LT022,lt023" (or repeated parameters): found and unknown codes.

    A code with characters a region code never has is reported as unknown, never looked up.
    """
    codes: list[str] = []
    for raw in raw_values:
        codes += [c.strip().upper() for c in raw.split(",") if c.strip()]
    codes = list(dict.fromkeys(codes))[:limit]
    valid = [c for c in codes if c.replace("_", "").replace("-", "").isalnum() and len(c) <= 32]
    found = {r.code: r for r in Region.objects.filter(code__in=valid)}
    return [found[c] for c in codes if c in found], [c for c in codes if c not in found]
