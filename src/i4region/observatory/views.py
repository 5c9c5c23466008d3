import json

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext as _

from i4region.accounts.models import Role
from i4region.accounts.permissions import is_secretariat, role_required
from i4region.charts import render as render_chart
from i4region.charts.choropleth import highlight, without_codes
from i4region.core import history
from i4region.core.exports import csv_response
from i4region.regions.models import Region, RegionKind
from i4region.regions.services import country_of, eu_aggregate, home_country, refuse_nul

from . import charting, geo, services, tables
from .compare import chart_query
from .forms import IndicatorForm, TargetForm, ValueEntryForm
from .models import ImportBatch, Indicator, Target
from .pages import fragment, page_stamp, shared_page

MAP_CACHE_SECONDS = 24 * 3600


def indicators(request):
    """The indicator catalogue, grouped by theme."""
    items = Indicator.objects.filter(published=True).order_by("theme", "code")
    return render(
        request,
        "observatory/indicators.html",
        {"indicators": items, "can_enter": is_secretariat(request.user)},
    )


@role_required(Role.SECRETARIAT)
def imports(request):
    """Every file imported: who, when, its SHA-256 and what it changed (secretariat only)."""
    batches = ImportBatch.objects.select_related("created_by")[:200]
    return render(request, "observatory/imports.html", {"batches": batches})


def _indicator_or_404(code: str) -> Indicator:
    indicator = Indicator.objects.filter(code=code, published=True).first()
    if indicator is None:
        raise Http404(_("There is no indicator with the code “%(code)s”.") % {"code": code})
    return indicator


def _region_for(request, indicator: Indicator) -> tuple[Region, list[str]]:
    """?region=CODE (default: the home region); falls back to the country for national data."""
    refuse_nul(request, "region", "year")
    notices = []
    code = request.GET.get("region", "").strip().upper() or settings.I4REGION_HOME_REGION
    region = Region.objects.filter(code=code).first()
    if region is None:
        notices.append(
            _("No region has the code “%(code)s”; showing %(home)s instead.")
            % {"code": code, "home": settings.I4REGION_HOME_REGION}
        )
        region = Region.objects.get(code=settings.I4REGION_HOME_REGION)
    if not services.series(indicator, region):
        country = country_of(region)
        if country is not None and services.series(indicator, country):
            notices.append(
                _("This indicator is not published for %(region)s; showing %(country)s.")
                % {"region": region.display_name, "country": country.display_name}
            )
            region = country
    return region, notices


#: How a map is drawn at each zoom, in pixels: Europe's outlines coarser (so 1,500 regions stay
#: a small page), one country's finer; both to whole pixels.
ZOOM = {"europe": {"simplify": 2.5, "precision": 0}, "country": {"simplify": 0.8, "precision": 0}}


def _maps(indicator: Indicator, region: Region) -> list[tuple[str, str, dict, list[Region]]]:
    """(scope, title, boundaries, regions) of the maps that fit the region: its country and
    Europe. The scope names the map in the cache: one map serves every region it draws."""
    if region.kind == RegionKind.MUNICIPALITY:
        return [
            (
                "municipalities",
                _("Municipalities of %(country)s")
                % {"country": home_country().display_name if home_country() else ""},
                geo.municipalities(),
                list(Region.objects.filter(kind=RegionKind.MUNICIPALITY)),
            )
        ]
    if region.kind == RegionKind.NUTS and region.level in (2, 3):
        level = region.level
        country = country_of(region)
        europe = list(Region.objects.filter(kind=RegionKind.NUTS, level=level))
        return [
            (
                f"country-{level}-{region.country_code}",
                _("Regions of %(country)s (NUTS %(level)s)")
                % {
                    "country": country.display_name if country else region.country_code,
                    "level": level,
                },
                geo.nuts_of_country(level, region.country_code),
                [r for r in europe if r.country_code == region.country_code],
            ),
            (
                f"europe-{level}",
                _("Regions of Europe (NUTS %(level)s)") % {"level": level},
                geo.nuts(level),
                europe,
            ),
        ]
    return [
        (
            "europe-0",
            _("Countries of Europe"),
            geo.nuts(0),
            list(Region.objects.filter(kind=RegionKind.NUTS, level=0)),
        )
    ]


def _cached(key: str, compute):
    found = cache.get(key)
    if found is None:
        found = compute()
        cache.set(key, found, MAP_CACHE_SECONDS)
    return found


def _render_map(
    indicator: Indicator, scope: str, title: str, boundaries: dict, values: dict, year: str, lang
) -> str:
    """The map of one scope and year, without a highlight (charts.highlight adds it)."""
    return render_chart(
        {
            "type": "map",
            "locale": lang,
            "geojson": boundaries,
            "show_title": False,
            "title": f"{indicator.name}, {year}: {title}",
            "values": {code: p.value for code, p in values.items()},
            "legend_title": indicator.unit,
            "decimals": indicator.decimals,
            "source": services.source_line(indicator),
            **ZOOM["europe" if scope.startswith("europe") else "country"],
        }
    )


def indicator(request, code: str):
    """One indicator: definition and metadata, chart, table, maps with a year selector, downloads.

    The content is the same for every visitor of one indicator, region, year, language and
    right to edit: it is rendered once per state of the data (`profile.fragment`)."""
    return shared_page(request, lambda: _indicator_page(request, code))


def _indicator_page(request, code: str):
    refuse_nul(request, "region", "year")
    lang = (request.LANGUAGE_CODE or "lt")[:2]
    can_edit = is_secretariat(request.user)
    asked = (request.GET.get("region", "").strip().upper(), request.GET.get("year", "").strip())
    parts = ("indicator", code, lang, *asked, can_edit, request.scheme, request.get_host())
    page = fragment(parts, lambda: _indicator_content(request, code, lang, can_edit))
    return render(request, "observatory/indicator.html", {"page": page})


def _indicator_content(request, code: str, lang: str, can_edit: bool) -> dict:
    indicator = _indicator_or_404(code)
    region, notices = _region_for(request, indicator)
    points = services.series(indicator, region)
    others = [r for r in (country_of(region), eu_aggregate()) if r is not None and r != region]
    chart_url = (
        reverse("observatory:chart", args=[indicator.code, "svg"])
        + "?"
        + chart_query([region, *others])
    )
    chart = charting.comparison_chart(indicator, region, points, others, lang) if points else None
    notes = services.notes_for(indicator, [region])
    datasets = {v: services.dataset_of(indicator, region, v) for v in {p.vintage for p in points}}
    rows = [(p, services.note_on(notes, region, p), datasets[p.vintage]) for p in reversed(points)]

    stamp = page_stamp()
    prefix = f"obsmap:{indicator.code}:{stamp}"
    plans = [
        (
            scope,
            title,
            boundaries,
            regions,
            _cached(
                f"{prefix}:{scope}:periods", lambda r=regions: services.map_periods(indicator, r)
            ),
        )
        for scope, title, boundaries, regions in _maps(indicator, region)
    ]
    years = sorted({y for *_, periods in plans for y in periods}, reverse=True)
    year, maps = None, []
    asked = request.GET.get("year", "").strip()
    if years:
        default = points[-1].period if points and points[-1].period in years else years[0]
        year = asked if asked in years else default
        if asked and asked not in years:
            notices.append(
                _("There is no map for the year “%(year)s”; showing %(default)s.")
                % {"year": asked, "default": year}
            )
    for scope, title, boundaries, regions, periods in plans:
        if year not in periods:
            continue
        values = _cached(
            f"{prefix}:{scope}:{year}", lambda r=regions: services.map_values(indicator, r, year)
        )
        svg = _cached(
            f"{prefix}:{scope}:{year}:{lang}",
            lambda s=scope, t=title, b=boundaries, v=values: without_codes(
                _render_map(indicator, s, t, b, v, year, lang)
            ),
        )
        bare, spans = svg
        names = {r.code: r.display_name for r in regions}
        ranked = sorted(
            ((names.get(c, c), c, p) for c, p in values.items()), key=lambda row: -row[2].value
        )
        maps.append(
            {
                "title": title,
                "svg": highlight(bare, region.code, spans),
                "rows": ranked if len(ranked) <= 60 else None,
                "count": len(ranked),
            }
        )
    formula = services.formula_of(indicator)
    inputs = Indicator.objects.filter(code__in=formula.inputs) if formula else []
    goals = [services.target_status(t) for t in indicator.targets.filter(region=region)]
    tile = _tile(indicator, region, points, notes, goals)
    source = services.source_line(indicator)
    html = render_to_string(
        "observatory/_indicator.html",
        {
            "indicator": indicator,
            "region": region,
            "rows": rows,
            "chart": chart,
            "chart_url": chart_url,
            "tile": tile,
            "sources": sorted({services.source_line(indicator, dataset) for *_, dataset in rows}),
            "joins": charting.join_text(points),
            "source": source,
            "notices": notices,
            "maps": maps,
            "years": years,
            "year": year,
            "formula": formula,
            "inputs": inputs,
            "targets": goals,
            "can_enter": indicator.manual and can_edit,
            "can_edit": can_edit,
            "vintages": sorted({p.vintage for p in points}, reverse=True),
            "levels": [_level_name(lv) for lv in indicator.levels.split(",") if lv.strip()],
            # the chart embed code names the site's address
            "request": request,
        },
    )
    return {"title": indicator.name, "source": source, "html": html}


def _tile(indicator, region, points, notes, goals) -> dict | None:
    """The headline of the page: latest value with its release and note, the change since the
    previous period within one release, and the first target's Open SDG status."""
    if not points:
        return None
    latest = points[-1]
    tile = {
        "latest": latest,
        "note": services.note_on(notes, region, latest),
        "target": goals[0] if goals else None,
        "change": None,
        "previous": None,
    }
    if len(points) > 1:
        pair = services.change_between(indicator, region, points[-2].period, latest.period)
        if pair:
            tile["previous"] = pair[0]
            tile["change"] = pair[1].value - pair[0].value
    return tile


def _level_name(level: str) -> str:
    level = level.strip()
    if level == "4":
        return _("municipalities")
    if level == "0":
        return _("countries")
    return f"NUTS {level}"


def download(request, code: str, fmt: str):
    """The shown series as CSV or JSON: the same columns as the API (observatory.tables)."""
    if fmt not in ("csv", "json"):
        raise Http404(_("Downloads exist as .csv and .json."))
    indicator = _indicator_or_404(code)
    region, _notices = _region_for(request, indicator)
    table = tables.series_table(indicator, region, services.series(indicator, region))
    name = f"{indicator.code}_{region.code}"
    if fmt == "csv":
        return csv_response(table, f"{name}.csv")
    body = {
        "indicator": indicator.code,
        "region": region.code,
        "unit": indicator.unit_en,
        "formula": indicator.formula or None,
        "source": services.source_line(indicator),
        "licence": indicator.licence,
        "observations": table.records(),
    }
    response = HttpResponse(
        json.dumps(body, ensure_ascii=False, indent=1),
        content_type="application/json; charset=utf-8",
    )
    response["Content-Disposition"] = f'attachment; filename="{name}.json"'
    return response


def targets(request):
    """Every target with its distance and progress status; the secretariat can add one."""
    items = [
        services.target_status(t)
        for t in Target.objects.select_related("indicator", "region", "created_by").filter(
            indicator__published=True
        )
    ]
    can_edit = is_secretariat(request.user)
    form = None
    if can_edit:
        form = TargetForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            target = form.save(commit=False)
            target.created_by = request.user
            target.save()
            messages.success(request, _("Target saved."))
            return redirect("observatory:targets")
    elif request.method == "POST":
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        raise PermissionDenied
    return render(
        request, "observatory/targets.html", {"items": items, "form": form, "can_edit": can_edit}
    )


@role_required(Role.SECRETARIAT)
def entry(request):
    """Data entry for indicators without a machine source, with the history of every change."""
    form = ValueEntryForm(
        request.POST or None,
        initial={"region": request.GET.get("region", settings.I4REGION_HOME_REGION)},
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        change = services.enter_value(
            indicator=data["indicator"],
            region=data["region"],
            period=data["period"],
            value=data["value"],
            flag=data["flag"],
            note=data["note"],
            user=request.user,
        )
        messages.success(request, _("Value saved.") if change else _("Nothing changed."))
        return redirect("observatory:entry")
    return render(
        request, "observatory/entry.html", {"form": form, "history": services.hand_entries()}
    )


@role_required(Role.SECRETARIAT)
def indicator_edit(request, code: str):
    """The secretariat edits an indicator's metadata; setup never overwrites an edited one."""
    indicator = Indicator.objects.filter(code=code).first()
    if indicator is None:
        raise Http404(_("There is no indicator with the code “%(code)s”.") % {"code": code})
    form = IndicatorForm(request.POST or None, instance=indicator)
    if request.method == "POST" and form.is_valid():
        with history.verb("changed"):
            form.save()
        messages.success(request, _("Indicator saved."))
        return redirect("observatory:indicator", code=indicator.code)
    return render(
        request, "observatory/indicator_edit.html", {"form": form, "indicator": indicator}
    )
