"""The probe's own checks, against a real gunicorn with DEBUG off (production settings).

Uses the browser tests' served instance's database; gunicorn runs with the product's
gunicorn_conf, the static files collected, and HTTPS and the client's address as one TLS proxy
would report them (TRUSTED_PROXY_COUNT=1).
"""

import re
import sys
import urllib.error
import urllib.parse
import urllib.request

import pytest

from i4region.conftest import BROWSER_PASSWORD
from i4region.testing import instance_env, run_cli, serving

pytestmark = pytest.mark.browser


class Visitor:
    """A client that keeps its cookies itself: production cookies are Secure, the socket is not."""

    def __init__(self, base: str, address: str = ""):
        self.base, self.cookies, self.address = base, {}, address

    def request(self, path: str, data: dict | None = None) -> tuple[int, dict, str]:
        headers = {"X-Forwarded-Proto": "https", "Origin": self.base.replace("http:", "https:")}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        if self.address:
            headers["X-Forwarded-For"] = self.address
        body = urllib.parse.urlencode(data).encode() if data is not None else None
        req = urllib.request.Request(self.base + path, data=body, headers=headers)
        try:
            with _no_redirects.open(req, timeout=30) as response:
                status, head, text = response.status, response.headers, response.read()
        except urllib.error.HTTPError as error:
            status, head, text = error.code, error.headers, error.read()
        for cookie in head.get_all("Set-Cookie") or []:
            name, _, value = cookie.split(";", 1)[0].partition("=")
            self.cookies[name] = value
        return status, dict(head), text.decode("utf-8", "replace")

    def log_in(self, path: str, username: str, password: str) -> int:
        _, _, page = self.request(path)
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
        status, _, _ = self.request(
            path, {"csrfmiddlewaretoken": token, "username": username, "password": password}
        )
        return status


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


_no_redirects = urllib.request.build_opener(_NoRedirect)


@pytest.fixture(scope="module")
def gunicorn(served, tmp_path_factory):
    """gunicorn with DEBUG off on the served instance's database; yields (base, run)."""
    _, run = served
    database = run(
        "shell",
        "-c",
        "from django.conf import settings; print(settings.DATABASES['default']['NAME'])",
    ).splitlines()[-1]
    env = instance_env(
        tmp_path_factory.mktemp("production"),
        DEBUG="false",
        DATABASE_URL=f"sqlite:///{database}",
        SECRET_KEY="production-like-secret-key-for-the-served-test-0123456789",
        ALLOWED_HOSTS="127.0.0.1",
        SECURE_SSL_REDIRECT="false",
        TRUSTED_PROXY_COUNT="1",
    )
    assert run_cli(env, "collectstatic", "--noinput", "-v", "0", timeout=300).returncode == 0
    gunicorn = (sys.executable, "-m", "gunicorn", "-c", "python:i4region.gunicorn_conf")
    bind = ("--bind", "127.0.0.1:{port}", "--workers", "2", "i4region.wsgi")
    with serving([*gunicorn, *bind], env) as base:
        yield base, run


def test_random_path_404_shows_no_routes(gunicorn):
    base, _ = gunicorn
    for path in ("/en/x7Qz-no-such-page/", "/lt/admin-panel/", "/wp-login.php"):
        status, headers, body = Visitor(base).request(path)
        assert status == 404, path
        assert "urls.py" not in body and "admin/" not in body, path
        assert "URLResolver" not in body and "URLPattern" not in body, path
        assert "gunicorn" not in headers.get("Server", "").lower()


def test_headers_of_production_pages(gunicorn):
    base, _ = gunicorn
    status, headers, _ = Visitor(base).request("/en/")
    assert status == 200
    assert "script-src 'self'" in headers["Content-Security-Policy"]
    assert "camera=()" in headers["Permissions-Policy"]
    assert "preload" not in headers["Strict-Transport-Security"]
    assert headers["Server"] == "i4region"


@pytest.mark.parametrize(
    "path",
    [
        "/en/regions/?q=%00",
        "/en/regions/LT025/?peers=%00",
        "/en/observatory/indicators/?region=%00",
        "/en/stakeholders/?municipality=%00",
        "/en/regions/LT%0025/",
    ],
)
def test_nul_bytes_answer_400(gunicorn, path):
    base, _ = gunicorn
    status, _, body = Visitor(base).request(path)
    assert status == 400
    assert "NUL" in body


def test_five_failures_then_a_padded_username_is_refused(gunicorn, served_user):
    base, _ = gunicorn
    name = served_user("board_member")
    visitor = Visitor(base, address="203.0.113.5")
    for _ in range(5):
        visitor.log_in("/en/accounts/login/", name, "wrong-password")
    assert visitor.log_in("/en/accounts/login/", f" {name}", BROWSER_PASSWORD) == 429
    # the owner elsewhere is not locked out (the proxy reports another client address)
    elsewhere = Visitor(base, address="198.51.100.20")
    assert elsewhere.log_in("/en/accounts/login/", name, BROWSER_PASSWORD) == 302


def test_six_failures_on_the_admin_login_are_refused(gunicorn):
    base, run = gunicorn
    run(
        "shell",
        "-c",
        "from i4region.accounts.models import User; "
        f"User.objects.create_superuser('probe_admin', 'a@example.org', {BROWSER_PASSWORD!r})",
    )
    visitor = Visitor(base)
    for _ in range(6):
        visitor.log_in("/en/admin/login/", "probe_admin", "wrong-password")
    assert visitor.log_in("/en/admin/login/", "probe_admin", BROWSER_PASSWORD) == 429
