"""Pages of the self-assessment: start, answer one dimension at a time, result, benefit brief,
and the secretariat's import and downloads. Every page works without JavaScript."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from i4region import charts
from i4region.accounts.models import Role
from i4region.accounts.permissions import role_required
from i4region.core import history
from i4region.core.exports import csv_response
from i4region.jobs import services as jobs
from i4region.stakeholders.models import Organisation, OrgType

from . import exports, services
from .forms import DimensionForm, ImportForm, StartForm
from .models import Model, Response


def _is_secretariat(user) -> bool:
    return bool(user.is_authenticated and user.has_role(Role.SECRETARIAT))


def _own_companies(user):
    return Organisation.objects.filter(type=OrgType.COMPANY, representatives=user).order_by("name")


def _response_for(request: HttpRequest, pk: int) -> Response:
    """The response if the user may see it: login first, then 403 for anyone but its company
    and the secretariat."""
    response = get_object_or_404(Response.objects.select_related("organisation"), pk=pk)
    if not services.may_see(request.user, response.organisation):
        raise PermissionDenied
    return response


def index(request: HttpRequest) -> HttpResponse:
    """What the self-assessment is; a company's own responses; the secretariat's overview."""
    context: dict = {
        "models": Model.choices,
        "band_labels": services.band_labels(),
        "regional": services.regional_summary(is_sample=False),
        "regional_sample": services.regional_summary(is_sample=True),
    }
    user = request.user
    if _is_secretariat(user):
        context["responses"] = Response.objects.select_related("organisation").order_by(
            "organisation__name", "model", "wave"
        )
        context["secretariat"] = True
    elif user.is_authenticated:
        companies = list(_own_companies(user).prefetch_related("maturity_responses"))
        context["companies"] = companies
    return render(request, "maturity/index.html", context)


def start(request: HttpRequest) -> HttpResponse:
    """Open (or resume) the response of a company for a model and wave."""
    user = request.user
    if not user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    companies = None if _is_secretariat(user) else _own_companies(user)
    if companies is not None and not companies.exists():
        raise PermissionDenied
    form = StartForm(request.POST or None, companies=companies, initial=request.GET.dict())
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            response = services.start(
                data["organisation"],
                data["model"],
                data["wave"],
                user,
                size_class=data["size_class"],
                nace_code=data["nace_code"],
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            if response.submitted:
                messages.info(request, _("This wave is already submitted: here is its result."))
                return redirect("maturity:result", response.pk)
            return redirect(
                "maturity:answer", response.pk, services.spec_of(response).dimensions[0].code
            )
    return render(request, "maturity/start.html", {"form": form})


@login_required
def answer(request: HttpRequest, pk: int, dimension: str) -> HttpResponse:
    """One dimension's questions: save the draft, go on, or submit the whole response."""
    response = _response_for(request, pk)
    if response.submitted:
        return redirect("maturity:result", response.pk)
    spec = services.spec_of(response)
    codes = spec.dimension_codes
    if dimension not in codes:
        raise Http404
    form = DimensionForm(
        request.POST or None, spec=spec, dimension=dimension, answers=response.answers
    )
    if request.method == "POST" and form.is_valid():
        response.answers = {**response.answers, **form.answers()}
        response.save()
        action = request.POST.get("action", "save")
        if action == "submit":
            try:
                services.submit(response)
            except ValidationError as exc:
                messages.error(request, " ".join(exc.messages))
                first = services.missing_items(response)[0]
                return redirect("maturity:answer", response.pk, _dimension_of(spec, first))
            messages.success(request, _("Submitted. Here is your result."))
            return redirect("maturity:result", response.pk)
        messages.success(request, _("Draft saved."))
        step = codes.index(dimension) + (1 if action == "next" else 0)
        return redirect("maturity:answer", response.pk, codes[min(step, len(codes) - 1)])
    answered = set(response.answers)
    steps = [
        {
            "code": d.code,
            "label": services.label(d.label),
            "done": all(
                c in answered for q in spec.questions_of(d.code) for c in (i.code for i in q.items)
            ),
            "current": d.code == dimension,
        }
        for d in spec.dimensions
    ]
    return render(
        request,
        "maturity/answer.html",
        {
            "response": response,
            "form": form,
            "steps": steps,
            "dimension": services.label(spec.dimension(dimension).label),
            "is_last": dimension == codes[-1],
            "missing": len(services.missing_items(response)),
            "title": services.label(spec.title),
        },
    )


def _dimension_of(spec, item: str) -> str:
    return next(q.dimension for q in spec.questions if item in {i.code for i in q.items})


@login_required
def result(request: HttpRequest, pk: int) -> HttpResponse:
    """Scores, bands and feedback, the chart, the peer benchmark and the change since last wave."""
    response = _response_for(request, pk)
    if not response.submitted:
        return redirect(
            "maturity:answer", response.pk, services.spec_of(response).dimensions[0].code
        )
    org, wave, model = response.organisation, response.wave, response.model
    data = services.result(org, wave, model)
    full = _is_secretariat(request.user)
    bench = services.benchmark(org, wave, model, full=full)
    return render(
        request,
        "maturity/result.html",
        {
            "response": response,
            "data": data,
            "chart": mark_safe(charts.render(services.chart_spec(data))),  # escaped by the renderer
            "benchmark": bench,
            "secretariat_sees_hidden": full and any(not g["shown"] for g in bench["groups"]),
            "history": history.entries_for(response) if full else None,
            "progress": services.progress(org, wave, model),
        },
    )


@login_required
def brief(request: HttpRequest, pk: int) -> HttpResponse:
    """What the region offers for the company's two weakest dimensions, and who to contact."""
    response = _response_for(request, pk)
    if not response.submitted:
        raise Http404
    data = services.brief(response.organisation, response.wave, response.model)
    return render(request, "maturity/brief.html", {"response": response, "data": data})


@role_required(Role.SECRETARIAT)
def import_view(request: HttpRequest) -> HttpResponse:
    """Upload responses in the wide form: a job stores all rows, or none and lists every error."""
    form = ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        model = form.cleaned_data["model"]
        job = jobs.submit(
            request.user, "maturity_responses", upload.name, {"file": upload}, {"model": model}
        )
        return redirect(job)
    return render(request, "maturity/import.html", {"form": form})


@role_required(Role.SECRETARIAT)
def export_view(request: HttpRequest, model: str, form: str) -> HttpResponse:
    """The secretariat's download of every response of a model, wide or long."""
    if model not in Model.values or form not in ("wide", "long"):
        raise Http404
    table = exports.wide_table(model) if form == "wide" else exports.long_table(model)
    return csv_response(table, f"maturity-{model}-{form}.csv")
