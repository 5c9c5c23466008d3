"""The reports pages: the secretariat's index and one download address per kind of report."""

from __future__ import annotations

from csp.decorators import csp_update
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from i4region.accounts.models import Role
from i4region.accounts.permissions import role_required
from i4region.jobs import services as jobs
from i4region.jobs.models import Job

from . import documents
from .forms import BatchForm
from .render import STYLE_HASH, ReportInputError, write

CONTENT_TYPES = {"pdf": "application/pdf", "html": "text/html; charset=utf-8"}


@csp_update({"style-src": [STYLE_HASH]})
def document(request: HttpRequest, kind: str, fmt: str, **options: str) -> HttpResponse:
    """A report as PDF or HTML in the page's language; PermissionDenied from a builder is a 403."""
    lang = (get_language() or "lt")[:2]
    try:
        report = documents.build(kind, lang, request.user, **options)
    except ReportInputError as error:
        raise Http404(str(error)) from None
    response = HttpResponse(write(report, lang, fmt), content_type=CONTENT_TYPES[fmt])
    response["Content-Disposition"] = f'inline; filename="{report.filename}.{fmt}"'
    return response


@role_required(Role.SECRETARIAT)
def index(request: HttpRequest, form: BatchForm | None = None) -> HttpResponse:
    """What can be produced, with a link to each document (the secretariat's desk), and the form
    that makes a whole set of them in the background."""
    return render(
        request,
        "reports/index.html",
        {
            **documents.catalogue(request.user),
            "batch_form": form or BatchForm(initial={"lang": (get_language() or "lt")[:2]}),
            "jobs": Job.objects.filter(owner=request.user, kind="report_batch")[:10],
        },
    )


@require_POST
@role_required(Role.SECRETARIAT)
def batch(request: HttpRequest) -> HttpResponse:
    """Queue a set of reports; the job's page shows each report made, then the ZIP file."""
    form = BatchForm(request.POST)
    if not form.is_valid():
        return index(request, form)
    job = jobs.submit(request.user, "report_batch", form.subject(), {}, form.options())
    return redirect(job)


def pick(request: HttpRequest) -> HttpResponse:
    """The index's region form: ?region=LT011 leads to that region's profile PDF."""
    code = request.GET.get("region", "").strip()
    if not code.replace("_", "").replace("-", "").isalnum():
        raise Http404(_("There is no region with the code “%(code)s”.") % {"code": code})
    return redirect("reports:region-profile", region=code, fmt="pdf")
