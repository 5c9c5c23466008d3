"""Compare regions side by side, and every chart as an image of its own (SVG, PNG, embed).

`/observatory/compare/?regions=LT025,LT011,LV008&indicators=population` is shareable: the
address holds the whole choice. `/observatory/chart/<code>.svg?regions=…` draws the same chart
alone, for downloads and for embedding in another site with an <img>.
"""

from urllib.parse import urlencode

from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from i4region.charts import render as render_chart
from i4region.regions.models import Region, RegionKind
from i4region.regions.services import parse_codes, refuse_nul

from . import charting, services
from .models import Indicator

MAX_REGIONS = 6
MAX_INDICATORS = 8


def chart_query(regions: list[Region]) -> str:
    return urlencode({"regions": ",".join(r.code for r in regions)})


def _chosen(request) -> tuple[list[Region], list[str], list[Indicator], list[str]]:
    refuse_nul(request, "regions", "indicators")
    regions, unknown = parse_codes(request.GET.getlist("regions"), MAX_REGIONS + 1)
    codes = []
    for raw in request.GET.getlist("indicators"):
        codes += [c.strip() for c in raw.split(",") if c.strip()]
    codes = list(dict.fromkeys(codes))[:MAX_INDICATORS]
    found = {i.code: i for i in Indicator.objects.filter(code__in=codes, published=True)}
    return (
        regions,
        unknown,
        [found[c] for c in codes if c in found],
        [c for c in codes if c not in found],
    )


def _table(indicator: Indicator, regions: list[Region]) -> dict:
    """Periods down, regions across; each cell a value with its release and note."""
    by_region = services.series_for(indicator, regions)
    periods = sorted({p.period for points in by_region.values() for p in points}, reverse=True)
    cells = {r.id: {p.period: p for p in by_region[r.id]} for r in regions}
    notes = services.notes_for(indicator, regions)
    rows = [
        (
            period,
            [
                (
                    cells[r.id].get(period),
                    services.note_on(notes, r, cells[r.id][period])
                    if period in cells[r.id]
                    else "",
                )
                for r in regions
            ],
        )
        for period in periods
    ]
    return {
        "rows": rows,
        "vintages": sorted({p.vintage for pts in by_region.values() for p in pts}),
    }


def compare(request):
    """Up to six regions and one or more indicators: chart and table side by side."""
    regions, unknown, indicators, unknown_indicators = _chosen(request)
    if len(request.GET.getlist("regions")) > 1 or len(request.GET.getlist("indicators")) > 1:
        # the picker sends repeated parameters; the shareable address lists them once
        query = {
            "regions": ",".join(r.code for r in regions[:MAX_REGIONS]),
            "indicators": ",".join(i.code for i in indicators),
        }
        return redirect(f"{reverse('observatory:compare')}?{urlencode(query)}")
    notices = []
    if unknown:
        notices.append(
            _("No region has the code %(codes)s; it was left out.") % {"codes": ", ".join(unknown)}
        )
    if unknown_indicators:
        notices.append(
            _("No published indicator has the code %(codes)s; it was left out.")
            % {"codes": ", ".join(unknown_indicators)}
        )
    if len(regions) > MAX_REGIONS:
        notices.append(
            _("At most %(n)d regions are compared; the others were left out.") % {"n": MAX_REGIONS}
        )
        regions = regions[:MAX_REGIONS]
    lang = (request.LANGUAGE_CODE or "lt")[:2]
    panels = []
    if regions:
        for indicator in indicators:
            points = services.series(indicator, regions[0])
            spec = charting.comparison_spec(indicator, regions[0], points, regions[1:], lang)
            spec["title"] = _("%(indicator)s: %(regions)s") % {
                "indicator": indicator.name,
                "regions": ", ".join(r.display_name for r in regions),
            }
            panels.append(
                {
                    "indicator": indicator,
                    "chart": render_chart(spec),
                    "chart_url": reverse("observatory:chart", args=[indicator.code, "svg"])
                    + "?"
                    + chart_query(regions),
                    "source": services.source_line(indicator),
                    "joins": charting.join_text(points),
                    **_table(indicator, regions),
                }
            )
    choices = Region.objects.filter(kind__in=[RegionKind.NUTS, RegionKind.AGGREGATE]).order_by(
        "code"
    )
    return render(
        request,
        "observatory/compare.html",
        {
            "regions": regions,
            "indicators": indicators,
            "panels": panels,
            "notices": notices,
            "region_choices": choices,
            "indicator_choices": Indicator.objects.filter(published=True).order_by("theme", "code"),
            "chosen_codes": {r.code for r in regions},
            "chosen_indicators": {i.code for i in indicators},
            "max_regions": MAX_REGIONS,
        },
    )


def chart(request, code: str, fmt: str):
    """One comparison chart as a standalone SVG image (?download=1 saves it as a file)."""
    if fmt != "svg":
        raise Http404(_("Charts exist as .svg; the PNG is drawn from it in the browser."))
    refuse_nul(request, "regions")
    indicator = Indicator.objects.filter(code=code, published=True).first()
    if indicator is None:
        raise Http404(_("There is no indicator with the code “%(code)s”.") % {"code": code[:64]})
    regions, _unknown = parse_codes(request.GET.getlist("regions"), MAX_REGIONS)
    if not regions:
        raise Http404(_("Name at least one region with ?regions=CODE."))
    lang = (request.LANGUAGE_CODE or "lt")[:2]
    points = services.series(indicator, regions[0])
    spec = charting.comparison_spec(indicator, regions[0], points, regions[1:], lang)
    spec["show_title"] = True
    response = HttpResponse(render_chart(spec), content_type="image/svg+xml; charset=utf-8")
    name = f"{indicator.code}_{'_'.join(r.code for r in regions)}.svg"
    disposition = "attachment" if request.GET.get("download") else "inline"
    response["Content-Disposition"] = f'{disposition}; filename="{name}"'
    response["Access-Control-Allow-Origin"] = "*"  # an open image, embeddable anywhere
    return response
