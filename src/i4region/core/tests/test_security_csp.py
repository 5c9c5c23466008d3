"""The Content-Security-Policy holds in a real browser: the main pages break none of its rules.

Headless Chromium reports each violation as a `securitypolicyviolation` event and a console
error ("Refused to ..."); the crawl collects both, signed out and as the secretariat.
"""

import pytest

from i4region.conftest import log_in

pytestmark = pytest.mark.browser

PUBLIC = [
    "/en/",
    "/lt/",
    "/en/regions/LT025/",
    "/en/observatory/indicators/",
    "/en/observatory/indicators/population/",
    "/en/indices/",
    "/en/indices/uncertainty/",
    "/en/board/",
    "/en/initiatives/",
    "/en/initiatives/robolabas/",
    "/en/initiatives/robolabas/evidence/",
    "/en/stakeholders/",
    "/en/accounts/login/",
    "/api/v1/docs",
]
INTERNAL = [
    "/en/stakeholders/network/",
    "/en/stakeholders/grid/",
    "/en/observatory/imports/",
    "/en/board/panevezys-i40/",
    "/en/admin/",
]

WATCH = """
window.__csp = [];
document.addEventListener('securitypolicyviolation',
  e => window.__csp.push(e.violatedDirective + ' ' + e.blockedURI));
"""


def crawl(page, base: str, paths: list[str]) -> list[str]:
    console: list[str] = []
    page.on(
        "console",
        lambda msg: console.append(msg.text) if "Content Security Policy" in msg.text else None,
    )
    page.add_init_script(WATCH)
    found = []
    for path in paths:
        console.clear()
        response = page.goto(base + path)
        assert response.ok, path
        assert "script-src 'self'" in response.headers["content-security-policy"], path
        page.wait_for_load_state("networkidle")
        found += [f"{path}: {v}" for v in page.evaluate("window.__csp")]
        found += [f"{path}: {text}" for text in console]
    return found


def test_public_pages_break_no_csp_rule(page, served):
    base, _ = served
    assert crawl(page, base, PUBLIC) == []


def test_internal_pages_break_no_csp_rule(page, served, served_user):
    base, run = served
    name = served_user("secretariat")
    run(
        "shell",
        "-c",
        "from i4region.accounts.models import User; "
        f"User.objects.filter(username={name!r}).update(is_staff=True, is_superuser=True)",
    )
    log_in(page, base, name)
    assert crawl(page, base, INTERNAL) == []
