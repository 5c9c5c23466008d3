from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from i4region.charts import render as render_chart
from i4region.observatory.models import Indicator
from i4region.observatory.services import series

from . import services
from .models import Region


def detail(request, code: str):
    region = Region.objects.filter(code=code).select_related("parent").first()
    if region is None:
        upper = Region.objects.filter(code=code.upper()).first()
        if upper is not None:
            return redirect("regions:detail", code=upper.code)
        raise Http404(_("There is no region with the code “%(code)s”.") % {"code": code})
    lang = (request.LANGUAGE_CODE or "lt")[:2]
    population = Indicator.objects.filter(code="population").first()
    points = series(population, region) if population else []
    area = Indicator.objects.filter(code="area_km2").first()
    area_points = series(area, region) if area else []
    chart = None
    if points:
        chart = render_chart({
            "type": "line", "locale": lang,
            "title": _("Population on 1 January, %(region)s") % {"region": region.display_name},
            "y_label": population.unit,
            "series": [{"key": region.code, "label": region.display_name,
                        "points": [(p.period, p.value) for p in points], "highlight": True}],
            "source": _("Source: Eurostat (demo_r_pjanaggr3)"),
        })
    vintages = sorted({p.vintage for p in points}, reverse=True)
    return render(request, "regions/detail.html", {
        "region": region,
        "ancestors": region.ancestors(),
        "children": region.children.order_by("code"),
        "population": population,
        "points": list(reversed(points)),
        "vintages": vintages,
        "chart": chart,
        "area": area_points[-1] if area_points else None,
    })


def search(request):
    query = request.GET.get("q", "")
    results = services.find(query)
    if len(results) == 1:
        return redirect("regions:detail", code=results[0].code)
    return render(request, "regions/search.html", {"query": query, "results": results})
