"""Login throttling and password reset, as a guesser and as a bystander would meet them.

A probe found the key was the raw username while the form strips spaces (" im" logged in while
"im" was locked), the admin login was not throttled, everyone behind the TLS proxy shared one
address, anyone could lock a known username, and password reset was unlimited and rendered by
the admin's templates ("Django site admin").
"""

import pytest
from django.core import mail
from django.core.cache import cache

from i4region.accounts.models import Role

pytestmark = pytest.mark.django_db

PASSWORD = "a-Strong-passw0rd!"
LOGIN = "/en/accounts/login/"


@pytest.fixture(autouse=True)
def fresh_counts():
    """Failure counts live in the shared cache: start and leave every test with none."""
    cache.clear()
    yield
    cache.clear()


def fail(client, username: str, times: int, url: str = LOGIN, **extra) -> None:
    """Sign in with a wrong password `times` times (the last one may already be refused)."""
    for _ in range(times):
        client.post(url, {"username": username, "password": "wrong"}, **extra)
        assert not signed_in(client)


def signed_in(client) -> bool:
    return "_auth_user_id" in client.session


@pytest.mark.parametrize("variant", [" jonas", "jonas ", "  Jonas", "JONAS", "ｊｏｎａｓ"])
def test_five_failures_lock_every_spelling_of_the_username(client, make_user, settings, variant):
    make_user(Role.BOARD_MEMBER, username="jonas")
    fail(client, "jonas", settings.AXES_FAILURE_LIMIT)
    response = client.post(LOGIN, {"username": variant, "password": PASSWORD})
    assert response.status_code == 429
    assert "Too many failed sign-in attempts" in response.content.decode()
    assert not signed_in(client)


def test_spellings_share_one_budget(client, make_user, settings):
    make_user(Role.BOARD_MEMBER, username="ieva")
    for variant in ["ieva", " ieva", "ieva  ", "IEVA", "Ieva"][: settings.AXES_FAILURE_LIMIT]:
        fail(client, variant, 1)
    assert client.post(LOGIN, {"username": "ieva", "password": PASSWORD}).status_code == 429


def test_a_guesser_cannot_lock_the_owner_out_from_elsewhere(client, make_user, settings):
    make_user(Role.BOARD_MEMBER, username="rasa")
    fail(client, "rasa", settings.AXES_FAILURE_LIMIT + 3, REMOTE_ADDR="203.0.113.9")
    response = client.post(
        LOGIN, {"username": "rasa", "password": PASSWORD}, REMOTE_ADDR="198.51.100.4"
    )
    assert response.status_code == 302
    assert signed_in(client)


def test_behind_the_proxy_each_client_has_its_own_count(client, make_user, settings):
    """All requests come from the proxy's address; the proxy appends the client's."""
    settings.TRUSTED_PROXY_COUNT = 1
    make_user(Role.BOARD_MEMBER, username="petras")
    proxy = {"REMOTE_ADDR": "10.0.0.1"}
    fail(client, "petras", settings.AXES_FAILURE_LIMIT, HTTP_X_FORWARDED_FOR="203.0.113.9", **proxy)
    # the guesser is locked even when it forges an X-Forwarded-For of its own before the proxy's
    forged = client.post(
        LOGIN,
        {"username": "petras", "password": PASSWORD},
        HTTP_X_FORWARDED_FOR="198.51.100.4, 203.0.113.9",
        **proxy,
    )
    assert forged.status_code == 429
    # the owner, another client behind the same proxy, signs in
    owner = client.post(
        LOGIN,
        {"username": "petras", "password": PASSWORD},
        HTTP_X_FORWARDED_FOR="198.51.100.4",
        **proxy,
    )
    assert owner.status_code == 302


def test_without_a_trusted_proxy_a_forged_header_changes_nothing(client, make_user, settings):
    assert settings.TRUSTED_PROXY_COUNT == 0
    make_user(Role.BOARD_MEMBER, username="ona")
    for n in range(settings.AXES_FAILURE_LIMIT):
        fail(client, "ona", 1, HTTP_X_FORWARDED_FOR=f"192.0.2.{n}")
    response = client.post(
        LOGIN, {"username": "ona", "password": PASSWORD}, HTTP_X_FORWARDED_FOR="192.0.2.200"
    )
    assert response.status_code == 429


def test_admin_login_is_throttled_too(client, make_user, settings):
    make_user(Role.ADMINISTRATOR, username="admin1", is_staff=True, is_superuser=True)
    url = "/en/admin/login/"
    for _ in range(settings.AXES_FAILURE_LIMIT + 1):
        client.post(url, {"username": "admin1", "password": "wrong"})
    response = client.post(url, {"username": "admin1", "password": PASSWORD})
    assert response.status_code == 429
    assert not signed_in(client)
    assert client.get("/en/admin/").status_code == 302


def test_lockout_page_is_the_sites_in_lithuanian(client, make_user, settings):
    make_user(Role.BOARD_MEMBER, username="aldona")
    url = "/lt/accounts/login/"
    fail(client, "aldona", settings.AXES_FAILURE_LIMIT, url=url)
    body = client.post(url, {"username": "aldona", "password": PASSWORD}).content.decode()
    assert 'class="site-header"' in body and 'lang="lt"' in body
    assert "Too many failed sign-in attempts" not in body
    assert "Per daug nesėkmingų bandymų prisijungti" in body


def test_a_successful_sign_in_clears_the_count(client, make_user, settings):
    make_user(Role.BOARD_MEMBER, username="lina")
    fail(client, "lina", settings.AXES_FAILURE_LIMIT - 1)
    assert client.post(LOGIN, {"username": "lina", "password": PASSWORD}).status_code == 302
    client.post("/en/accounts/logout/")
    fail(client, "lina", settings.AXES_FAILURE_LIMIT - 1)
    assert client.post(LOGIN, {"username": "lina", "password": PASSWORD}).status_code == 302


@pytest.mark.parametrize(
    "url",
    [
        "/en/accounts/password-reset/",
        "/en/accounts/password-reset/sent/",
        "/en/accounts/reset/done/",
    ],
)
def test_password_reset_pages_are_the_sites_not_the_admins(client, url):
    body = client.get(url).content.decode()
    assert "Django site admin" not in body
    assert "Django administration" not in body
    assert 'class="site-header"' in body


def test_password_reset_is_rate_limited(client, make_user):
    make_user(Role.BOARD_MEMBER, username="vida")
    url = "/en/accounts/password-reset/"
    for _ in range(5):
        assert client.post(url, {"email": "vida@example.org"}).status_code == 302
    response = client.post(url, {"email": "vida@example.org"})
    assert response.status_code == 429
    assert "Too many reset requests" in response.content.decode()
    assert len(mail.outbox) == 5


def test_password_reset_limit_follows_the_address_across_e_mails(client, make_user):
    url = "/en/accounts/password-reset/"
    for n in range(5):
        client.post(url, {"email": f"nobody{n}@example.org"})
    assert client.post(url, {"email": "else@example.org"}).status_code == 429
    other = client.post(url, {"email": "else@example.org"}, REMOTE_ADDR="198.51.100.7")
    assert other.status_code == 302
