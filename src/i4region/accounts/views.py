from django.contrib.auth import views as auth_views
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from . import throttle


def client_address(request) -> str:
    return request.META.get("REMOTE_ADDR", "")


class ThrottledLoginView(auth_views.LoginView):
    """Django's login, refusing further attempts after repeated failures (username or address)."""

    template_name = "registration/login.html"
    locked_message = _(
        "Too many failed sign-in attempts. Try again in 15 minutes or reset your password."
    )

    def post(self, request, *args, **kwargs):
        username = request.POST.get("username", "")
        address = client_address(request)
        form = self.get_form()
        if throttle.is_locked(username, address):
            form.is_valid()
            form.errors.clear()
            form.add_error(None, ValidationError(self.locked_message, code="locked"))
            return self.render_to_response(self.get_context_data(form=form), status=429)
        if form.is_valid():
            throttle.clear(username, address)
            return self.form_valid(form)
        throttle.record_failure(username, address)
        return self.form_invalid(form)
