"""django-axes' lockout check as the first authentication backend."""

from axes.backends import AxesStandaloneBackend


class ThrottlingBackend(AxesStandaloneBackend):
    """Axes' check for every sign-in that comes through a page (the site's or the admin's login).

    An authenticate() call without a request is no attempt from the web (the test client,
    operator scripts): axes cannot count it and would refuse it, so it passes to the next backend.
    """

    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is None:
            return None
        return super().authenticate(request, username, password, **kwargs)
