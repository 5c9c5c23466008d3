from django.shortcuts import redirect, render

from . import services


def search(request):
    """Find a region by name (diacritics optional) or code; one match goes straight to it."""
    services.refuse_nul(request, "q")
    query = request.GET.get("q", "")
    results = services.find(query)
    if len(results) == 1:
        return redirect("regions:detail", code=results[0].code)
    return render(request, "regions/search.html", {"query": query, "results": results})
