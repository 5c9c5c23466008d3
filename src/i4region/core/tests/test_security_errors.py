"""The error pages (403, 404, 500) show nothing of the server and speak the user's language.

A probe found the 404 page printing every URL pattern, the admin path and the absolute paths of
the urls.py files (the resolver's `tried`), and a bare English 403.
"""

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import path

from i4region.accounts.models import Role
from i4region.urls import urlpatterns as site_urlpatterns

pytestmark = pytest.mark.django_db


REASON = "Your role does not allow this. Ask the board secretariat if you need it."


def _refuse_with_reason(request):
    from django.utils.translation import gettext as _

    raise PermissionDenied(_(REASON))


def _crash(request):
    raise RuntimeError("secret detail of the server")


# A urlconf for these tests: the whole site plus a view that refuses with a reason and one that
# crashes, so the real handlers render the real templates.
urlpatterns = [
    path("en/refuse/", _refuse_with_reason),
    path("lt/refuse/", _refuse_with_reason),
    path("en/crash/", _crash),
    *site_urlpatterns,
]
handler403 = "i4region.core.views.permission_denied"
handler404 = "i4region.core.views.not_found"
handler500 = "i4region.core.views.server_error"

SERVER_SECRETS = ("urls.py", "admin/", "URLResolver", "URLPattern", "tried", "i4region.")


@pytest.mark.parametrize(
    "url", ["/en/no-such-page/", "/lt/observatory/no/such/thing/", "/nowhere", "/en/admin-x/"]
)
def test_404_page_shows_no_routes_admin_path_or_files(client, url):
    response = client.get(url)
    assert response.status_code == 404
    body = response.content.decode()
    for secret in SERVER_SECRETS:
        assert secret not in body, f"{url}: 404 page shows {secret!r}"
    assert 'class="site-header"' in body  # the site's layout


def test_404_page_speaks_the_language_of_the_path(client):
    assert "We could not find that page" in client.get("/en/no-such-page/").content.decode()
    lithuanian = client.get("/lt/no-such-page/").content.decode()
    assert "We could not find that page" not in lithuanian
    assert 'lang="lt"' in lithuanian


def test_unknown_api_path_answers_json_404(client):
    for url in ("/api/v1/no-such-endpoint", "/api/v1/regions/LT025/nothing/here/"):
        response = client.get(url)
        assert response.status_code == 404, url
        assert response["Content-Type"].startswith("application/json"), url
        assert response.json() == {"detail": "Not Found"}


@pytest.mark.urls(__name__)
def test_403_page_says_why_in_the_users_language(client, make_user):
    client.force_login(make_user(Role.BOARD_MEMBER))
    english = client.get("/en/refuse/")
    assert english.status_code == 403
    body = english.content.decode()
    assert REASON in body
    assert 'class="site-header"' in body
    lithuanian = client.get("/lt/refuse/").content.decode()
    assert 'lang="lt"' in lithuanian
    assert "Jūsų vaidmuo to neleidžia." in lithuanian


def test_403_without_a_reason_says_whom_to_ask(client, make_user):
    client.force_login(make_user(Role.COMPANY_REP))
    response = client.get("/en/observatory/imports/")
    assert response.status_code == 403
    body = response.content.decode()
    assert "Ask the board secretariat" in body
    assert 'class="site-header"' in body
    assert "<h1>403 Forbidden</h1>" not in body


@pytest.mark.urls(__name__)
def test_500_page_is_the_sites_and_hides_the_exception():
    from django.test import Client

    response = Client(raise_request_exception=False).get("/en/crash/")
    assert response.status_code == 500
    body = response.content.decode()
    assert "secret detail of the server" not in body
    assert "RuntimeError" not in body
    assert "Something went wrong on our side" in body
    assert 'class="site-header"' in body


def test_refused_form_is_explained_in_the_sites_layout():
    from django.test import Client

    response = Client(enforce_csrf_checks=True).post(
        "/en/accounts/login/", {"username": "x", "password": "y"}
    )
    assert response.status_code == 403
    body = response.content.decode()
    assert "The form had expired" in body
    assert "CSRF" not in body
