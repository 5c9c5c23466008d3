"""'Start a new region': the steps and the practice's templates, readable by everyone."""

from django.conf import settings
from django.http import Http404, HttpResponse
from django.shortcuts import render

from . import practice


def guide(request):
    return render(
        request,
        "transfer/guide.html",
        {"templates": practice.templates(), "home_region": settings.I4REGION_HOME_REGION},
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
