from django.shortcuts import render

from i4region.regions.services import refuse_nul

from . import services


def index(request):
    """The site search: ?q= over everything the visitor may read."""
    refuse_nul(request, "q")
    query = request.GET.get("q", "")[:200]
    groups = services.search(query, request.user) if query.strip() else []
    return render(
        request,
        "search/index.html",
        {"query": query, "groups": groups, "count": sum(len(g.hits) for g in groups)},
    )
