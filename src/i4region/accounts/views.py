"""Sign-in pages in the site's own layout; throttling itself is django-axes (see throttle.py)."""

from django.conf import settings
from django.contrib.auth import views as auth_views
from django.http import HttpRequest
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _
from django_ratelimit.core import is_ratelimited

from .throttle import client_address


def locked_out(request: HttpRequest, response=None, credentials: dict | None = None):
    """What axes answers once a (username, address) pair has failed too often, admin login too."""
    minutes = max(1, round(settings.AXES_COOLOFF_TIME.total_seconds() / 60))
    return render(request, "accounts/locked.html", {"lockout_minutes": minutes}, status=429)


def _address_key(group: str, request: HttpRequest) -> str:
    return client_address(request)


def _email_key(group: str, request: HttpRequest) -> str:
    return request.POST.get("email", "").strip().casefold()


class PasswordResetView(auth_views.PasswordResetView):
    """Django's reset, refusing more than PASSWORD_RESET_RATE requests per address or e-mail.

    Without a limit anyone can make the site send any number of e-mails to an address.
    """

    template_name = "accounts/password_reset_form.html"
    email_template_name = "accounts/password_reset_email.txt"
    subject_template_name = "accounts/password_reset_subject.txt"
    limited_message = _("Too many reset requests. Wait an hour and try again.")

    def post(self, request, *args, **kwargs):
        limited = [
            is_ratelimited(
                request,
                group="password-reset",
                key=key,
                rate=settings.PASSWORD_RESET_RATE,
                method="POST",
                increment=True,
            )
            for key in (_address_key, _email_key)
        ]
        if any(limited):
            form = self.get_form()
            form.add_error(None, self.limited_message)
            return self.render_to_response(self.get_context_data(form=form), status=429)
        return super().post(request, *args, **kwargs)
