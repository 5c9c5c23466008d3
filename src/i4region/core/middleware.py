"""Site-wide guards that no single view should have to remember (issue 17).

BadInputMiddleware turns input that would crash a view deep down (a NUL byte reaching
PostgreSQL, "abc" where an id is looked up) into a 400 with a clear message, before any view runs.
SecurityHeadersMiddleware adds the headers every response needs and keeps personal pages and
downloads out of shared and browser caches. SessionRenewalMiddleware keeps the idle timeout
without writing the session on every request.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils import translation
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _

# C0 controls and DEL; tab, line feed and carriage return are ordinary text in a form field.
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
# Query parameters that every view uses as a record id: a whole number or nothing.
ID_PARAMETERS = frozenset({"run", "proposal", "challenge", "meeting", "decision", "action"})
LARGEST_ID = 2**63 - 1  # a bigint primary key; larger numbers overflow the database driver

# Browser features no page of the site uses, switched off for the site and anything it embeds.
PERMISSIONS_POLICY = ", ".join(
    f"{feature}=()"
    for feature in (
        "accelerometer",
        "camera",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "payment",
        "usb",
    )
)
DOWNLOAD_TYPES = ("text/csv", "application/vnd.openxmlformats", "application/zip")


def problem(request: HttpRequest) -> str | None:
    """What is wrong with the request's path or query, in the user's language; None if nothing."""
    if CONTROL.search(request.path):
        return _("The address contains a control character (such as a NUL byte).")
    for name, values in request.GET.lists():
        if CONTROL.search(name) or any(CONTROL.search(value) for value in values):
            return _(
                "The parameter “%(name)s” contains a control character (such as a NUL byte)."
            ) % {"name": CONTROL.sub("?", name)}
        if name in ID_PARAMETERS and any(
            value and (not value.isascii() or not value.isdigit() or int(value) > LARGEST_ID)
            for value in values
        ):
            return _("The parameter “%(name)s” must be a whole number.") % {"name": name}
    return None


class BadInputMiddleware:
    """Answer 400 with the reason for input no view can use; JSON under /api/, a page elsewhere."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.path.startswith("/api/"):
            with translation.override("en"):  # the API speaks English, like its schema
                message = problem(request)
            if message is None:
                return self.get_response(request)
            return JsonResponse({"detail": message}, status=400)
        message = problem(request)
        if message is None:
            return self.get_response(request)
        return render(request, "400.html", {"message": message}, status=400)


class SecurityHeadersMiddleware:
    """Permissions-Policy on every response; no-store for signed-in users' pages and downloads."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        response.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        user = getattr(request, "user", None)
        download = response.get("Content-Disposition", "").startswith("attachment") or response.get(
            "Content-Type", ""
        ).startswith(DOWNLOAD_TYPES)
        if download or (user is not None and user.is_authenticated):
            add_never_cache_headers(response)
        return response


class SessionRenewalMiddleware:
    """A session unused for SESSION_COOKIE_AGE seconds ends; one in use is saved again (its end
    moved to now + the age) at most once per SESSION_RENEW_SECONDS, not on every request: a
    signed-in page view then writes nothing, and never waits behind an import that holds
    SQLite's write lock."""

    KEY = "_renewed_at"

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        session = getattr(request, "session", None)
        if session is None or session.session_key is None:
            return response
        renewed = session.get(self.KEY)
        if session.is_empty():  # the cookie named a session that has ended: none is made
            return response
        now = int(time.time())
        if not isinstance(renewed, int) or now - renewed >= settings.SESSION_RENEW_SECONDS:
            session[self.KEY] = now
        return response
