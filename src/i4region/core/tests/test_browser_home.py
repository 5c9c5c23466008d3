"""Browser journey: a newcomer opens the home page, switches language and reaches Panevėžys county."""

import pytest

pytestmark = pytest.mark.browser


def test_home_switch_language_and_reach_lt025(served, page):
    base, _ = served
    page.goto(base + "/")
    assert page.url.endswith("/lt/")
    assert page.locator("html").get_attribute("lang") == "lt"
    page.get_by_role("link", name="EN", exact=True).click()
    assert page.url.endswith("/en/")
    assert page.locator("html").get_attribute("lang") == "en"
    page.get_by_role("link", name="Open the profile of Panevėžys County").click()
    assert page.url.endswith("/en/regions/LT025/")
    assert page.get_by_role("heading", level=1).inner_text().startswith("Panevėžys County")
    assert page.get_by_role("cell", name="207,017").count() == 1
    # and back to Lithuanian on the same page
    page.get_by_role("link", name="LT", exact=True).click()
    assert page.url.endswith("/lt/regions/LT025/")
    assert "Panevėžio apskritis" in page.get_by_role("heading", level=1).inner_text()


def test_stylesheet_is_served(served, page):
    base, _ = served
    response = page.goto(base + "/en/")
    assert response.ok
    css = page.request.get(
        base + page.locator("link[rel=stylesheet][href*=site]").get_attribute("href")
    )
    assert css.status == 200 and ".site-header" in css.text()
