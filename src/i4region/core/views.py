from django.conf import settings
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.utils import translation

from i4region.regions.models import Region

from .navigation import CAPABILITIES, capability


def root(request):
    """`/` → the chosen language, else the instance's default (Lithuanian for Panevėžys)."""
    lang = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME) or settings.LANGUAGE_CODE
    if lang not in dict(settings.LANGUAGES):
        lang = settings.LANGUAGE_CODE
    return HttpResponseRedirect(f"/{lang}/")


def home(request):
    region = Region.objects.filter(code=settings.I4REGION_HOME_REGION).first()
    return render(request, "core/home.html", {"region": region, "capabilities": CAPABILITIES})


def unbuilt(request, slug: str):
    cap = capability(slug)
    if cap is None or cap.url_name:
        raise Http404
    return render(request, "core/unbuilt.html", {"capability": cap})


def not_found(request, exception=None):
    """A 404 page that helps: search hint, link home, the code asked for when there is one."""
    translation.activate(
        translation.get_language_from_path(request.path_info) or settings.LANGUAGE_CODE
    )
    detail = exception.args[0] if exception is not None and exception.args else ""
    return render(request, "404.html", {"path": request.path, "detail": detail}, status=404)


def health(request):
    """Liveness probe for load balancers (and the benchmarks' floor): no database, no template."""
    return HttpResponse("ok", content_type="text/plain")
