"""Headers and guards every response gets, as a browser, a shared cache or a fuzzer sees them.

A probe found no CSP, no Permissions-Policy, no Cache-Control: no-store on personal pages and
downloads, 14-day sessions with no idle timeout, HSTS preload on by default, and 500s from a NUL
byte in a query parameter or a path and from `?run=abc`.
"""

import base64
import datetime as dt
import hashlib
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.contrib.sessions.models import Session
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

import i4region
from i4region.accounts.models import Role
from i4region.core.middleware import SessionRenewalMiddleware
from i4region.observatory.models import Indicator

pytestmark = pytest.mark.django_db


def test_no_template_carries_an_inline_style():
    """The CSP's style-src admits no inline style: a style attribute or block would be dropped."""
    package = Path(i4region.__file__).parent
    found = [
        f"{path.relative_to(package)}:{n}"
        for path in package.glob("**/templates/**/*.html")
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if re.search(r"\sstyle=|<style\b", line) and path.name != "document.html"
    ]
    assert found == []


def test_the_html_report_admits_exactly_its_own_stylesheet(client, make_user):
    client.force_login(make_user("secretariat"))
    response = client.get("/en/reports/region-profile/LT025.html")
    assert response.status_code == 200
    style = re.search(r"<style>(.*?)</style>", response.content.decode(), re.S).group(1)
    digest = base64.b64encode(hashlib.sha256(style.encode()).digest()).decode()
    assert f"'sha256-{digest}'" in response["Content-Security-Policy"]
    assert "'unsafe-inline'" not in response["Content-Security-Policy"]


def test_every_page_has_a_csp_without_inline_scripts_and_a_permissions_policy(client):
    response = client.get("/en/")
    csp = response["Content-Security-Policy"]
    directives = dict(
        (part.split()[0], part.split()[1:]) for part in csp.split(";") if part.strip()
    )
    assert "'unsafe-inline'" not in directives["script-src"]
    assert "'unsafe-eval'" not in directives["script-src"]
    assert directives["style-src"] == ["'self'"]
    assert directives["object-src"] == ["'none'"]
    assert directives["frame-ancestors"] == ["'none'"]
    assert "camera=()" in response["Permissions-Policy"]
    assert "geolocation=()" in response["Permissions-Policy"]


def test_pages_of_a_signed_in_user_are_not_stored(client, make_user):
    assert "no-store" not in client.get("/en/").get("Cache-Control", "")
    client.force_login(make_user(Role.SECRETARIAT))
    for url in ("/en/", "/en/stakeholders/", "/en/observatory/imports/"):
        assert "no-store" in client.get(url)["Cache-Control"], url


def test_downloads_are_not_stored_even_for_anonymous_visitors(client):
    indicator = Indicator.objects.order_by("code").first()
    for fmt in ("csv", "json"):
        response = client.get(f"/en/observatory/indicators/{indicator.code}/data.{fmt}")
        assert response.status_code == 200
        assert "no-store" in response["Cache-Control"], fmt


CONTROL = "control character"
NOT_WHOLE = "must be a whole number"


@pytest.mark.parametrize(
    ("url", "reason"),
    [
        ("/en/regions/?q=a%00b", CONTROL),
        ("/en/regions/LT025/?peers=LT01%00", CONTROL),
        ("/en/observatory/indicators/?region=LT%00025", CONTROL),
        ("/en/regions/?q%00=x", CONTROL),
        ("/en/regions/?q=%1b[31m", CONTROL),
        ("/en/regions/LT%00025/", CONTROL),
        ("/en/indices/?run=abc", NOT_WHOLE),
        ("/en/indices/?run=99999999999999999999999", NOT_WHOLE),
        ("/en/indices/?run=%D9%A3", NOT_WHOLE),
    ],
)
def test_control_characters_and_malformed_ids_answer_400_with_a_reason(client, url, reason):
    response = client.get(url)
    assert response.status_code == 400
    body = response.content.decode()
    assert reason in body
    assert 'class="site-header"' in body


def test_the_400_page_speaks_lithuanian_on_lithuanian_pages(client):
    body = client.get("/lt/regions/?q=a%00b").content.decode()
    assert "valdymo simbolis" in body


def test_the_api_answers_bad_input_in_json(client):
    response = client.get("/api/v1/regions/?q=%00")
    assert response.status_code == 400
    assert "control character" in response.json()["detail"]


def test_ordinary_text_with_tabs_and_unicode_passes(client):
    assert client.get("/en/regions/?q=Panev%C4%97%C5%BEys%09").status_code == 200


def test_a_session_ends_after_the_idle_timeout(client, make_user, settings):
    """A session left alone longer than the timeout is gone."""
    assert settings.SESSION_COOKIE_AGE <= 8 * 3600
    client.force_login(make_user(Role.BOARD_MEMBER))
    client.get("/en/")
    session = Session.objects.get(session_key=client.session.session_key)
    Session.objects.filter(pk=session.pk).update(expire_date=timezone.now())
    assert client.get("/en/observatory/imports/").status_code == 302


def test_a_visitor_whose_session_ended_is_not_given_a_new_one(client, make_user):
    client.force_login(make_user(Role.BOARD_MEMBER))
    Session.objects.all().delete()  # it ended: the browser still sends its cookie
    response = client.get("/en/")
    assert response.status_code == 200
    assert not Session.objects.exists()
    assert response.cookies["sessionid"].value == ""  # the stale cookie is cleared


def test_a_session_in_use_is_renewed_without_a_write_on_every_page(client, make_user):
    """Use moves the session's end forward, but page views within a minute write nothing."""
    client.force_login(make_user(Role.BOARD_MEMBER))
    client.get("/en/")
    key = client.session.session_key
    with CaptureQueriesContext(connection) as queries:
        for _ in range(3):
            assert client.get("/en/board/").status_code == 200
    writes = [q["sql"] for q in queries if "django_session" in q["sql"] and "UPDATE" in q["sql"]]
    assert writes == []
    # a minute later the next request renews it: its end moves to now + the idle timeout
    session = client.session
    session[SessionRenewalMiddleware.KEY] -= 61
    session.save()
    Session.objects.filter(pk=key).update(expire_date=timezone.now() + dt.timedelta(minutes=5))
    client.get("/en/board/")
    left = Session.objects.get(pk=key).expire_date - timezone.now()
    assert left > dt.timedelta(minutes=100)


def production_setting(name: str, **env: str) -> str:
    """A setting as `i4region` sees it with DEBUG off and this environment."""
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "i4region",
            "shell",
            "-c",
            f"from django.conf import settings; print(settings.{name})",
        ],
        env={
            **os.environ,
            "DEBUG": "false",
            "SECRET_KEY": "production-like-key-" * 3,
            "ALLOWED_HOSTS": "i4region.example.org",
            "DJANGO_SETTINGS_MODULE": "i4region.settings",
            **env,
        },
        capture_output=True,
        text=True,
        check=True,
    )
    return result.stdout.strip().splitlines()[-1]


def test_hsts_preload_is_off_unless_asked_for():
    assert production_setting("SECURE_HSTS_PRELOAD") == "False"
    assert production_setting("SECURE_HSTS_PRELOAD", SECURE_HSTS_PRELOAD="true") == "True"
    assert production_setting("SESSION_COOKIE_AGE", SESSION_IDLE_TIMEOUT="900") == "900"
