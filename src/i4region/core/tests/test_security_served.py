"""The probe's own checks, against a real gunicorn with DEBUG off (production settings).

Uses the browser tests' served instance's database; gunicorn runs with the product's
gunicorn_conf, the static files collected, and HTTPS and the client's address as one TLS proxy
would report them (TRUSTED_PROXY_COUNT=1).
"""

import sys

import pytest

from i4region.conftest import BROWSER_PASSWORD
from i4region.testing import Client, instance_env, run_cli, serving

pytestmark = pytest.mark.browser


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
        status, headers, body = Client(base).get(path)
        assert status == 404, path
        assert "urls.py" not in body and "admin/" not in body, path
        assert "URLResolver" not in body and "URLPattern" not in body, path
        assert "gunicorn" not in headers.get("Server", "").lower()


def test_headers_of_production_pages(gunicorn):
    base, _ = gunicorn
    status, headers, _ = Client(base).get("/en/")
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
    status, _, body = Client(base).get(path)
    assert status == 400
    assert "NUL" in body


def test_five_failures_then_a_padded_username_is_refused(gunicorn, served_user):
    base, _ = gunicorn
    name = served_user("board_member")
    visitor = Client(base, address="203.0.113.5")
    for _ in range(5):
        visitor.log_in(name, "wrong-password", "/en/accounts/login/")
    assert visitor.log_in(f" {name}", BROWSER_PASSWORD, "/en/accounts/login/") == 429
    # the owner elsewhere is not locked out (the proxy reports another client address)
    elsewhere = Client(base, address="198.51.100.20")
    assert elsewhere.log_in(name, BROWSER_PASSWORD, "/en/accounts/login/") == 302


def test_six_failures_on_the_admin_login_are_refused(gunicorn):
    base, run = gunicorn
    run(
        "shell",
        "-c",
        "from i4region.accounts.models import User; "
        f"User.objects.create_superuser('probe_admin', 'a@example.org', {BROWSER_PASSWORD!r})",
    )
    visitor = Client(base)
    for _ in range(6):
        visitor.log_in("probe_admin", "wrong-password", "/en/admin/login/")
    assert visitor.log_in("probe_admin", BROWSER_PASSWORD, "/en/admin/login/") == 429
