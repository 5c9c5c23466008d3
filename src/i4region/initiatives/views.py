from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from i4region.accounts.models import Role
from i4region.accounts.permissions import role_required
from i4region.compute.funding import ZERO
from i4region.core import history
from i4region.core.exports import csv_response
from i4region.core.views import found
from i4region.jobs import services as jobs

from . import exports, importer, portfolio, services
from .choices import SourceType
from .forms import FilterForm, ImportForm, ScenarioForm
from .models import Initiative


def _visible(request, slug: str) -> Initiative:
    return found(services.visible_initiatives(request.user), _("No such initiative."), slug=slug)


def dashboard(request):
    """The portfolio: status, money per year and source, coverage, gaps, alerts and KPIs."""
    form = FilterForm(request.GET or None)
    initiatives = list(services.visible_initiatives(request.user).order_by("name_en"))
    if form.is_valid():
        data = form.cleaned_data
        if data["theme"]:
            initiatives = [i for i in initiatives if i.theme == data["theme"]]
        if data["target_group"]:
            initiatives = [i for i in initiatives if data["target_group"] in i.target_group_codes]
        if data["municipality"]:
            initiatives = [i for i in initiatives if i.municipality_id == data["municipality"].pk]
    report, inputs = services.sustainability(initiatives)
    kpis = portfolio.kpi_rows(initiatives)
    by_slug = {i.slug: i for i in initiatives}
    rows = []
    for ini in initiatives:
        summary = report.initiatives.get(ini.slug)
        k = kpis.get(ini.pk, [])
        rows.append(
            {
                "initiative": ini,
                "summary": summary,
                "coverage": (summary.secured / summary.cost * 100)
                if summary and summary.cost
                else None,
                "kpis": len(k),
                "kpis_on_track": sum(r["on_track"] for r in k),
            }
        )
    by_source = services.secured_by_source_and_year(initiatives)
    years = sorted(
        {y for per in by_source.values() for y in per} | {p.year for p in report.portfolio_years}
    )
    labels = dict(SourceType.choices)
    source_rows = [
        {
            "label": labels.get(s, s),
            "cells": [per.get(y) for y in years],
            "total": sum(per.values(), ZERO),
        }
        for s, per in sorted(by_source.items())
    ]
    charts = []
    if report.portfolio_years:
        charts.append(
            portfolio.chart(
                {
                    "type": "line",
                    "id": "portfolio-years",
                    "y_zero": True,
                    "title": _("Portfolio costs and secured funding by year (EUR)"),
                    "series": [
                        {
                            "key": "cost",
                            "label": _("Costs"),
                            "points": [
                                (str(p.year), float(p.cost)) for p in report.portfolio_years
                            ],
                        },
                        {
                            "key": "secured",
                            "label": _("Secured funding"),
                            "points": [
                                (str(p.year), float(p.secured)) for p in report.portfolio_years
                            ],
                        },
                    ],
                    "highlight": "secured",
                    "y_title": "EUR",
                    "source": _("Source: budget and funding lines of the initiatives"),
                }
            )
        )
    if source_rows:
        charts.append(
            portfolio.chart(
                {
                    "type": "bar",
                    "id": "portfolio-sources",
                    "title": _("Secured funding by source (EUR, all years)"),
                    "items": [
                        {"key": r["label"], "label": r["label"], "value": float(r["total"])}
                        for r in source_rows
                    ],
                    "source": _("Source: funding lines with status approved or received"),
                }
            )
        )
    alerts = [{"alert": a, "initiative": by_slug[a.initiative]} for a in report.alerts]
    as_of = report.as_of or services.today()
    return render(
        request,
        "initiatives/dashboard.html",
        {
            "form": form,
            "rows": rows,
            "report": report,
            "alerts": alerts,
            "years": years,
            "source_rows": source_rows,
            "charts": charts,
            "undated": portfolio.undated_amounts(inputs),
            "running_costs": portfolio.running_costs(initiatives),
            "blind_spots": portfolio.blind_spots(initiatives, inputs, as_of),
            "can_create": services.can_create(request.user),
            "can_import": services.can_create(request.user),
        },
    )


def detail(request, slug: str):
    """Everything about one initiative: money by year, funding, KPIs, facts and changes."""
    initiative = _visible(request, slug)
    editable = services.can_edit(request.user, initiative)
    context = {
        **portfolio.factsheet(initiative, request.user),
        "can_edit": editable,
        "can_delete": services.can_create(request.user),
        "funding_lines": initiative.funding_lines.all(),
        "history": history.entries_for(initiative, limit=50) if editable else None,
    }
    return render(request, "initiatives/detail.html", context)


def evidence(request, slug: str):
    """The two-minute page for a funder: what it is, what it cost, who paid, what it achieved."""
    initiative = _visible(request, slug)
    return render(
        request, "initiatives/evidence.html", portfolio.factsheet(initiative, request.user)
    )


def scenario(request):
    """ "If source X ends in year Y": the gaps before and after, per initiative and year."""
    initiatives = list(services.visible_initiatives(request.user))
    inputs = services.compute_inputs(initiatives)
    funders = sorted({f.funder for f in inputs.funding})
    types = sorted({f.source_type for f in inputs.funding})
    form = ScenarioForm(request.GET or None, funders=funders, source_types=types)
    result, rows = None, []
    if form.is_valid():
        by, _sep, source = form.cleaned_data["source"].partition(":")
        result = services.scenario(initiatives, source, form.cleaned_data["end_year"])
        before = {(r.initiative, r.year): r for r in result.baseline.years}
        names = {i.slug: i for i in initiatives}
        for r in result.scenario.years:
            b = before.get((r.initiative, r.year))
            rows.append(
                {
                    "initiative": names[r.initiative],
                    "year": r.year,
                    "cost": r.cost,
                    "gap_before": b.gap if b else ZERO,
                    "gap_after": r.gap,
                    "changed": (b.gap if b else ZERO) != r.gap,
                }
            )
    return render(
        request,
        "initiatives/scenario.html",
        {"form": form, "result": result, "rows": rows, "has_funding": bool(inputs.funding)},
    )


@role_required(Role.SECRETARIAT)
def import_view(request):
    """Upload a CSV of initiatives, budget lines or funding lines: a job writes all rows or none."""
    form = ImportForm(request.POST or None, request.FILES or None)
    errors: list[str] = []
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        if upload.size > importer.MAX_BYTES:
            errors = importer.too_large(upload.size)
        else:
            kind = form.cleaned_data["kind"]
            job = jobs.submit(
                request.user, "initiatives_csv", upload.name, {"file": upload}, {"kind": kind}
            )
            return redirect(job)
    return render(
        request,
        "initiatives/import.html",
        {
            "form": form,
            "errors": errors,
            "columns": importer.IMPORT_COLUMNS,
            "optional": importer.PERIOD_COLUMNS,
            "max_rows": importer.MAX_ROWS,
            "max_mb": importer.MAX_BYTES // 1024 // 1024,
        },
    )


def export_csv(request, name: str):
    """Download one of the open-data tables; only what the public may see unless signed in."""
    public = not services.sees_all(request.user)
    tables = {t.name: t for t in exports.tables(public=public, include_personal_data=False)}
    if name not in tables:
        raise Http404
    return csv_response(tables[name], f"{name}.csv")
