"""Region look-ups shared by views, API and commands."""

from django.db.models import Q

from .models import Region


def find(query: str, limit: int = 50) -> list[Region]:
    """Regions whose code starts with, or whose name contains, the query (codes first)."""
    query = query.strip()
    if not query:
        return []
    by_code = list(Region.objects.filter(code__istartswith=query)[:limit])
    by_name = Region.objects.filter(Q(name__icontains=query) | Q(name_en__icontains=query)
                                    | Q(name_lt__icontains=query)).exclude(
        id__in=[r.id for r in by_code])
    return by_code + list(by_name[: max(limit - len(by_code), 0)])


def country_of(region: Region) -> Region | None:
    chain = region.ancestors()
    return chain[0] if chain else None
