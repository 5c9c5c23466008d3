"""Every main page reads on a phone and passes an axe-core audit, in both languages."""

import json
import shutil
from pathlib import Path

import pytest

from i4region.conftest import log_in

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[4]
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
ARTEFACTS = ROOT / "var" / "test-artefacts"


def _board_slug(run) -> str:
    return (
        run(
            "shell",
            "-c",
            "from i4region.board.models import Board; "
            "print(Board.objects.order_by('pk').first().slug)",
        )
        .strip()
        .splitlines()[-1]
    )


def _pages(run) -> dict[str, str]:
    return {
        "home": "/{lang}/",
        "profile": "/{lang}/regions/LT025/",
        "indicator": "/{lang}/observatory/indicators/population/",
        "index": "/{lang}/indices/",
        "workspace": "/{lang}/board/" + _board_slug(run) + "/",
        "initiatives": "/{lang}/initiatives/",
        "network": "/{lang}/stakeholders/network/",
    }


@pytest.fixture
def secretariat_page(served, served_user):
    """A signed-in secretariat tab; CSP bypassed only so that axe-core can be injected."""
    from playwright.sync_api import sync_playwright

    from i4region.conftest import CHROMIUM_FLAGS

    base, _ = served
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=shutil.which("chromium"), args=CHROMIUM_FLAGS)
        context = browser.new_context(bypass_csp=True)
        tab = context.new_page()
        tab.set_default_timeout(60_000)  # a cold profile or network on a loaded machine
        try:
            log_in(tab, base, served_user("secretariat"))
            yield tab
        finally:
            context.close()
            browser.close()


def test_no_main_page_scrolls_sideways_on_a_phone(served, secretariat_page):
    base, run = served
    page = secretariat_page
    page.set_viewport_size({"width": 390, "height": 844})
    ARTEFACTS.mkdir(parents=True, exist_ok=True)
    too_wide = {}
    for name, path in _pages(run).items():
        response = page.goto(base + path.format(lang="lt"))
        assert response.ok, (name, response.status)
        width = page.evaluate("document.documentElement.scrollWidth")
        page.screenshot(path=str(ARTEFACTS / f"390px-{name}.png"), full_page=True)
        if width > 390:
            too_wide[name] = width
    assert not too_wide, f"wider than the 390 px viewport: {too_wide}"


def test_the_phone_menu_opens_without_javascript(served, browser_without_js):
    base, _ = served
    page = browser_without_js
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(base + "/en/")
    menu = page.locator("#main-menu")
    assert not menu.is_visible()
    page.get_by_text("Menu", exact=True).click()
    assert menu.is_visible()


@pytest.fixture
def browser_without_js(served):
    from playwright.sync_api import sync_playwright

    from i4region.conftest import CHROMIUM_FLAGS

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=shutil.which("chromium"), args=CHROMIUM_FLAGS)
        context = browser.new_context(java_script_enabled=False)
        try:
            yield context.new_page()
        finally:
            context.close()
            browser.close()


@pytest.mark.parametrize("lang", ["lt", "en"])
def test_axe_finds_no_serious_violation(served, secretariat_page, lang):
    assert AXE.exists(), "axe-core is missing: make test installs it with npm ci"
    base, run = served
    page = secretariat_page
    found = {}
    for name, path in _pages(run).items():
        page.goto(base + path.format(lang=lang))
        page.add_script_tag(path=str(AXE))
        violations = page.evaluate(
            "async () => (await axe.run(document, {resultTypes: ['violations']})).violations"
            ".filter(v => ['serious', 'critical'].includes(v.impact))"
            ".map(v => ({rule: v.id, where: v.nodes.slice(0, 3).map(n => n.target.join(' '))}))"
        )
        if violations:
            found[name] = violations
    assert not found, json.dumps(found, indent=1)[:3000]
