"""'Start a new region': the steps and the practice's templates, readable by everyone; and the
dump and load of the whole instance from the web, as jobs (the secretariat dumps, an
administrator loads)."""

from django.conf import settings
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from i4region.accounts.models import Role
from i4region.accounts.permissions import has_role, role_required
from i4region.jobs import services as jobs
from i4region.jobs.models import Job

from . import practice
from .forms import DumpForm, LoadForm

KINDS = ("instance_dump", "instance_load")


def guide(request):
    return render(
        request,
        "transfer/guide.html",
        {
            "templates": practice.templates(),
            "home_region": settings.I4REGION_HOME_REGION,
            "perms_secretariat": has_role(request.user, Role.SECRETARIAT),
        },
    )


def template_page(request, slug: str):
    found = practice.template(slug)
    if found is None:
        raise Http404
    return render(request, "transfer/template.html", {"template": found})


def template_file(request, slug: str):
    found = practice.template(slug)
    if found is None:
        raise Http404
    content = dict(practice.template_files())[found.filename]
    response = HttpResponse(content, content_type="application/toml; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{found.filename}"'
    return response


@role_required(Role.SECRETARIAT)
def instance(request, dump_form=None, load_form=None):
    """Dump the instance to a ZIP file, or (administrators) replace it by a package."""
    may_load = has_role(request.user, Role.ADMINISTRATOR)
    return render(
        request,
        "transfer/instance.html",
        {
            "dump_form": dump_form or DumpForm(),
            "load_form": (load_form or LoadForm()) if may_load else None,
            "jobs": Job.objects.filter(owner=request.user, kind__in=KINDS)[:10],
        },
    )


@require_POST
@role_required(Role.SECRETARIAT)
def dump(request):
    form = DumpForm(request.POST)
    if not form.is_valid():
        return instance(request, dump_form=form)
    personal = form.cleaned_data["personal"]
    subject = settings.I4REGION_HOME_REGION
    job = jobs.submit(request.user, "instance_dump", subject, {}, {"personal": personal})
    return redirect(job)


@require_POST
@role_required(Role.ADMINISTRATOR)
def load(request):
    form = LoadForm(request.POST, request.FILES)
    if not form.is_valid():
        return instance(request, load_form=form)
    upload = form.cleaned_data["package"]
    job = jobs.submit(request.user, "instance_load", upload.name, {"package": upload})
    return redirect(job)
