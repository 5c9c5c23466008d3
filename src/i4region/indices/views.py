"""Pages of the Industry 4.0 readiness index: ranking, region scorecard, rank intervals,
sensitivity, correlations, method, and the secretariat's recomputation form."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from i4region.accounts.models import Role
from i4region.accounts.permissions import is_secretariat, role_required
from i4region.charts import render as render_chart
from i4region.jobs import services as jobs
from i4region.jobs.models import Job
from i4region.regions.models import Region
from i4region.regions.services import home_country, regions_of_home_country

from . import i40, services
from .forms import AGGREGATION_LABELS, ANALYSES, RecomputeForm
from .models import IndexRun

TOP_IN_CHART = 25


def _home_nuts2() -> tuple[str, ...]:
    """The home country's NUTS2 regions: highlighted in every ranking (from the home region)."""
    return tuple(r.code for r in regions_of_home_country(2))


def _locale() -> str:
    return "lt" if (get_language() or "").startswith("lt") else "en"


def _source() -> str:
    return _("Source: %(source)s; calculation: i4region.") % {"source": i40.SOURCE}


def _chart(kind: str, title: str, decimals: int = 1, **spec: Any) -> str:
    """An SVG chart of the index pages: in the page's language, its title left to the page's
    heading (kept for screen readers), the source below."""
    return render_chart(
        {
            "type": kind,
            "locale": _locale(),
            "show_title": False,
            "title": title,
            "source": _source(),
            "decimals": decimals,
            **spec,
        }
    )


def _pillar_names() -> dict[str, str]:
    lt = _locale() == "lt"
    names = {item.code: item.name(lt) for item in (*i40.PILLARS, *i40.CHOICES)}
    names["Index"] = _("Industry 4.0 readiness index")
    return names


def _region_rows(codes: list[str]) -> list[dict[str, Any]]:
    """A table row per region, in this order: code, name, and whether it is of the home country
    (highlighted)."""
    names = _region_names(codes)
    home = set(_home_nuts2())
    return [{"code": u, "name": names[u], "home": u in home} for u in codes]


def _region_names(codes: list[str]) -> dict[str, str]:
    found = {r.code: r.display_name for r in Region.objects.filter(code__in=codes)}
    return {c: found.get(c, c) for c in codes}


def _home_country_name() -> str:
    country = home_country()
    return country.display_name if country else _("the home country")


def _year(request: HttpRequest) -> int | None:
    """The year asked for by ?year=, or None for the newest; anything else is a 404 that lists
    the years there are."""
    raw = request.GET.get("year")
    if not raw:
        return None
    years = services.published_runs()
    if raw.isascii() and raw.isdigit() and int(raw) in years:
        return int(raw)
    raise Http404(
        _("There is no index for the year %(year)s; the years are %(years)s.")
        % {"year": raw[:8], "years": ", ".join(str(y) for y in years)}
    )


def _run(request: HttpRequest) -> IndexRun:
    """The published run of ?year= (the newest by default), or another run by ?run= for the
    secretariat."""
    wanted = request.GET.get("run")
    if wanted and is_secretariat(request.user):
        run = IndexRun.objects.select_related("framework").filter(pk=wanted).first()
    elif wanted:
        run = IndexRun.objects.select_related("framework").filter(pk=wanted, published=True).first()
    else:
        run = services.published_run(_year(request))
    if run is None:
        raise Http404(_("No index run has been computed yet."))
    return run


def _context(request: HttpRequest, run: IndexRun, **extra: Any) -> dict[str, Any]:
    res = run.results
    pillars = [c for c in res["order"] if res["levels"][c] == 2]
    names = _pillar_names()
    return {
        "run": run,
        "res": res,
        "pillars": pillars,
        "names": names,
        "pillar_labels": [names[p] for p in pillars],
        "source": _source(),
        "doi": i40.DOI,
        "run_query": _run_query(request, run),
        "is_secretariat": is_secretariat(request.user),
        "years": list(services.published_runs()),
        **extra,
    }


def _run_query(request: HttpRequest, run: IndexRun) -> str:
    """The query that keeps the run (or year) being looked at on the links between pages."""
    if request.GET.get("run"):
        return f"?run={run.pk}"
    return f"?year={run.year}" if request.GET.get("year") else ""


def ranking(request: HttpRequest) -> HttpResponse:
    """The index: every region's score, rank, pillar scores and rank interval."""
    run = _run(request)
    res = run.results
    codes = sorted(res["scores"], key=lambda u: res["ranks"][u]["Index"])
    pillars = [c for c in res["order"] if res["levels"][c] == 2]
    rows = _region_rows(codes)
    for row in rows:
        u = row["code"]
        row.update(
            score=res["scores"][u]["Index"],
            rank=res["ranks"][u]["Index"],
            ua=res["uncertainty"].get(u),
            pillars=[(res["scores"][u][p], res["ranks"][u][p]) for p in pillars],
        )
    names = {row["code"]: row["name"] for row in rows}
    home = [row["code"] for row in rows if row["home"]]
    country = _home_country_name()
    shown = codes[:TOP_IN_CHART] + [u for u in home if u not in codes[:TOP_IN_CHART]]
    chart = _chart(
        "bar",
        _("Industry 4.0 readiness index %(year)d: the %(n)d highest regions and %(country)s")
        % {"year": run.year, "n": TOP_IN_CHART, "country": country},
        items=[
            {
                "key": u,
                "label": f"{names[u]} ({u})",
                "value": res["scores"][u]["Index"],
                "highlight": u in home,
            }
            for u in shown
        ],
    )
    return render(
        request,
        "indices/ranking.html",
        _context(request, run, rows=rows, chart=chart, country=country),
    )


def _history(code: str) -> list[dict[str, Any]]:
    """A region's index score, rank and rank interval in every published year it is in."""
    return [
        {
            "year": year,
            "score": run.results["scores"][code]["Index"],
            "rank": run.results["ranks"][code]["Index"],
            "n": run.results["n_units"],
            "ua": run.results["uncertainty"].get(code),
        }
        for year, run in services.published_runs().items()
        if code in run.results["scores"]
    ]


def region(request: HttpRequest, code: str) -> HttpResponse:
    """One region's scorecard: pillar scores and ranks, rank interval, strengths, weaknesses."""
    run = _run(request)
    if code not in run.results["scores"] and not request.GET.keys() & {"run", "year"}:
        # a region of an older NUTS version: its newest year
        run = next(
            (
                r
                for r in reversed(services.published_runs().values())
                if code in r.results["scores"]
            ),
            run,
        )
    res = run.results
    if code not in res["scores"]:
        raise Http404(_("Region %(code)s is not in this index.") % {"code": code})
    names = _pillar_names()
    pillars = [c for c in res["order"] if res["levels"][c] == 2]
    chart = _chart(
        "bar",
        _("Pillar scores of %(code)s") % {"code": code},
        sort="none",
        items=[{"key": p, "label": names[p], "value": res["scores"][code][p]} for p in pillars],
    )
    history = _history(code)
    points = [(str(h["year"]), h["score"]) for h in history]
    history_chart = _chart(
        "line",
        _("Index score of %(code)s by year") % {"code": code},
        series=[{"key": code, "label": code, "points": points}],
        y_title=_("Index score"),
    )
    sw = res["strengths_weaknesses"][code]
    pillar_of = {c.code: c.pillar for c in i40.CHOICES}
    lists = {
        kind: [
            {
                **item,
                "name": names.get(item["code"], item["code"]),
                "pillar": names[pillar_of[item["code"]]],
            }
            for item in sw[kind]
        ]
        for kind in ("strengths", "weaknesses")
    }
    return render(
        request,
        "indices/region.html",
        _context(
            request,
            run,
            code=code,
            region_name=_region_names([code])[code],
            score=res["scores"][code]["Index"],
            rank=res["ranks"][code]["Index"],
            ua=res["uncertainty"].get(code),
            chart=chart,
            history=history,
            history_chart=history_chart,
            lists=lists,
            pillar_rows=[
                (names[p], res["scores"][code][p], res["ranks"][code][p]) for p in pillars
            ],
        ),
    )


def uncertainty(request: HttpRequest) -> HttpResponse:
    """Rank intervals: how far each region's rank moves when the method choices vary."""
    run = _run(request)
    res = run.results
    codes = sorted(res["uncertainty"], key=lambda u: res["uncertainty"][u]["Nominal"])
    rows = _region_rows(codes)
    ua_n = run.parameters.get("ua_n", services.UA_N)
    for row in rows:
        ua = res["uncertainty"][row["code"]]
        row.update(ua, width=ua["Q95"] - ua["Q5"])
    return render(
        request,
        "indices/uncertainty.html",
        _context(request, run, rows=rows, ua_n=ua_n, form=_analysis_form(request, run, ua_n)),
    )


def _analysis_form(request: HttpRequest, run: IndexRun, n: int):
    """The secretariat's form to run this page's analysis again with another number of draws."""
    if not is_secretariat(request.user):
        return None
    what = request.resolver_match.url_name
    return ANALYSES[what](initial={"run": run.pk, "n": n}, auto_id=f"{what}-%s")


def sensitivity(request: HttpRequest) -> HttpResponse:
    """Which method choices matter most: first-order and total sensitivity indices."""
    run = _run(request)
    labels = {
        "Winsorisation": _("Outlier treatment (winsorisation limit)"),
        "Normalisation": _("Normalisation (min-max or z-score)"),
        "Weights": _("Pillar weights (±25 %)"),
        "Aggregation": _("Aggregation (arithmetic or geometric mean)"),
    }
    rows = sorted(run.results["sensitivity"], key=lambda r: -(r["STi"] or 0))
    for r in rows:
        r["label"] = labels.get(r["Variable"], r["Variable"])
    chart = _chart(
        "bar",
        _("Total sensitivity index of each method choice"),
        decimals=2,
        items=[{"key": r["Variable"], "label": r["label"], "value": r["STi"]} for r in rows],
    )
    sa_n = run.parameters.get("sa_n", services.SA_N)
    return render(
        request,
        "indices/sensitivity.html",
        _context(
            request, run, rows=rows, chart=chart, sa_n=sa_n, form=_analysis_form(request, run, sa_n)
        ),
    )


def correlations(request: HttpRequest) -> HttpResponse:
    """Correlations: indicators with their pillar, pillars with the index and each other."""
    run = _run(request)
    res = run.results
    names = _pillar_names()
    pillars = [c for c in res["order"] if res["levels"][c] == 2]
    corr = {(c["a"], c["b"]): c["r"] for c in res["correlations"]}
    matrix = [
        (names[a], [(corr.get((a, b)) if a != b else None) for b in pillars]) for a in pillars
    ]
    with_index = [(names[p], corr.get((p, "Index"))) for p in pillars]
    indicators = [
        (names[c["a"]], names[c["b"]], c["r"])
        for c in res["correlations"]
        if res["levels"].get(c["a"]) == 1
    ]
    return render(
        request,
        "indices/correlations.html",
        _context(
            request,
            run,
            matrix=matrix,
            with_index=with_index,
            indicators=indicators,
            pillar_names=[names[p] for p in pillars],
        ),
    )


def method(request: HttpRequest) -> HttpResponse:
    """How the index is made, in plain words, with the indicator list, the data source and the
    true coverage of the year's data (per indicator and per region)."""
    run = _run(request)
    names = _pillar_names()
    reported = i40.indicator_coverage(i40.reported_records(run.year))
    used = i40.indicator_coverage(run.inputs)
    groups = [
        (
            names[p.code],
            [
                {
                    "name": names[c.code],
                    "direction": c.direction,
                    "per_million": c.per_million,
                    "reported": 100 * reported[c.code],
                    "used": 100 * used[c.code],
                }
                for c in i40.CHOICES
                if c.pillar == p.code
            ],
        )
        for p in i40.PILLARS
    ]
    coverage = i40.region_coverage(run.inputs)
    left_out = set(run.results["screened_out"])
    region_names = _region_names(list(coverage))
    regions = [
        {"code": u, "name": region_names[u], "share": 100 * share, "left_out": u in left_out}
        for u, share in sorted(coverage.items(), key=lambda kv: (kv[1], kv[0]))
    ]
    return render(
        request,
        "indices/method.html",
        _context(
            request,
            run,
            groups=groups,
            regions=regions,
            n_left_out=len(left_out),
            year=run.year,
            n_indicators=len(i40.CHOICES),
            min_region=round(100 * i40.MIN_REGION_COVERAGE),
            min_year=round(100 * i40.MIN_YEAR_COVERAGE),
        ),
    )


def _submit(request: HttpRequest, run: IndexRun, subject: str, **options: Any) -> HttpResponse:
    """Queue the run's computation and show its job: the request does not wait for it."""
    job = jobs.submit(request.user, "index_run", subject, {}, {"run": run.pk, **options})
    return redirect(job)


def _run_name(run: IndexRun) -> str:
    return _("run %(id)d (%(year)d)") % {"id": run.pk, "year": run.year}


@role_required(Role.SECRETARIAT)
def recompute(request: HttpRequest) -> HttpResponse:
    """Recompute the published run with another aggregation method, as a job; it stores a new
    run (or finds the same one)."""
    base = services.published_run()
    if base is None:
        raise Http404(_("No index run has been computed yet."))
    form = RecomputeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        aggregation = form.cleaned_data["aggregation"]
        subject = f"{_run_name(base)}: {AGGREGATION_LABELS[aggregation]}"
        return _submit(request, base, subject, aggregation=aggregation, page="indices:ranking")
    runs = base.framework.runs.select_related("created_by")[:20]
    return render(
        request,
        "indices/recompute.html",
        {
            "form": form,
            "base": base,
            "runs": runs,
            "jobs": Job.objects.filter(owner=request.user, kind="index_run")[:10],
            "source": _source(),
        },
    )


@require_POST
@role_required(Role.SECRETARIAT)
def analyse(request: HttpRequest, what: str) -> HttpResponse:
    """Run the uncertainty or sensitivity analysis of a run again with another number of draws,
    as a job; a number out of range is refused on the page it came from."""
    form = ANALYSES[what](request.POST)
    run = None
    if form.is_valid():
        run = IndexRun.objects.select_related("framework").filter(pk=form.cleaned_data["run"])
        run = run.first()
    if run is None:
        messages.error(request, "; ".join(_form_errors(form)) or _("There is no such run."))
        raw = request.POST.get("run", "")
        return redirect(reverse(f"indices:{what}") + (f"?run={raw}" if raw.isdigit() else ""))
    n = form.cleaned_data["n"]
    subject = {
        "uncertainty": _("%(run)s: uncertainty with %(n)d draws"),
        "sensitivity": _("%(run)s: sensitivity with %(n)d base samples"),
    }[what] % {"run": _run_name(run), "n": n}
    return _submit(request, run, subject, draws={form.parameter: n}, page=f"indices:{what}")


def _form_errors(form) -> list[str]:
    return [f"{form[name].label}: {' '.join(errors)}" for name, errors in form.errors.items()]
