from django.conf import settings
from django.core.exceptions import BadRequest, PermissionDenied
from django.http import Http404, HttpResponse, HttpResponseRedirect, HttpResponseServerError
from django.shortcuts import render
from django.urls import Resolver404
from django.utils.translation import gettext as _

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


def found(records, message: str, **lookup):
    """The record of `records` (a queryset) that `lookup` names, else a 404 page saying `message`."""
    record = records.filter(**lookup).first()
    if record is None:
        raise Http404(message)
    return record


def not_found(request, exception=None):
    """A 404 page that helps (search, home link) and shows nothing of the server.

    The resolver's own message lists every URL pattern it tried and the urls.py files they came
    from; only a message a view wrote on purpose (a plain string, e.g. "no such region") is shown.
    """
    detail = exception.args[0] if exception is not None and exception.args else ""
    if not isinstance(detail, str) or isinstance(exception, Resolver404):
        detail = ""
    return render(request, "404.html", {"path": request.path, "detail": detail}, status=404)


def bad_request(request, exception=None):
    """400 in the site's layout; a view's BadRequest message is for the user, a
    SuspiciousOperation's (bad Host header, too many fields) is not shown."""
    message = exception.args[0] if type(exception) is BadRequest and exception.args else ""
    return render(request, "400.html", {"message": message}, status=400)


def permission_denied(request, exception=None):
    """The 403 page says why in the user's language when the view gave a reason, else whom to ask."""
    reason = exception.args[0] if exception is not None and exception.args else ""
    return render(
        request, "403.html", {"reason": reason if isinstance(reason, str) else ""}, status=403
    )


def csrf_failure(request, reason: str = ""):
    """A refused form (expired or missing CSRF token) in the site's layout, without Django's detail."""
    return permission_denied(
        request,
        PermissionDenied(_("The form had expired. Go back, reload the page and try again.")),
    )


def server_error(request):
    """The 500 page in the site's layout; if even that fails (database down), plain text."""
    try:
        return render(request, "500.html", status=500)
    except Exception:  # noqa: BLE001 - the last resort must not raise
        return HttpResponseServerError(
            "Serverio klaida. Bandykite vėliau. / Server error. Please try again later.",
            content_type="text/plain; charset=utf-8",
        )


def health(request):
    """Liveness probe for load balancers (and the benchmarks' floor): no database, no template."""
    return HttpResponse("ok", content_type="text/plain")
