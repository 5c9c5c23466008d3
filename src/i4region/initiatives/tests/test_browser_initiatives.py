"""Browser journey: a funding line that ends next year makes the dashboard show the coming gap."""

import datetime as dt

import pytest

from i4region.conftest import log_in

pytestmark = pytest.mark.browser


def test_funding_that_ends_next_year_shows_an_alert_and_a_gap(served, served_user, page):
    base, _ = served
    this_year = dt.date.today().year
    log_in(page, base, served_user("secretariat"))

    page.goto(base + "/en/initiatives/new/")
    page.locator("[name=slug]").fill("robotics-camps")
    page.locator("[name=name_en]").fill("Robotics summer camps")
    page.locator("[name=name_lt]").fill("Robotikos vasaros stovyklos")
    page.locator("[name=type]").select_option("event_series")
    page.locator("[name=lifecycle]").select_option("operating")
    page.locator("[name=published]").check()
    page.get_by_role("button", name="Save").click()
    assert page.url.endswith("/en/initiatives/robotics-camps/")

    for year in (this_year, this_year + 1, this_year + 2):
        page.get_by_role("link", name="Add budget line").click()
        page.locator("[name=year]").fill(str(year))
        page.locator("[name=category]").select_option("running")
        page.locator("[name=subcategory]").select_option("staff")
        page.locator("[name=planned]").fill("100000")
        page.get_by_role("button", name="Save").click()

    page.get_by_role("link", name="Add funding line").click()
    page.locator("[name=funder_organisation]").select_option(label="Panevėžio miesto savivaldybė")
    page.locator("[name=source_type]").select_option("municipality")
    page.locator("[name=amount]").fill("200000")
    page.locator("[name=year_from]").fill(str(this_year))
    page.locator("[name=year_to]").fill(str(this_year + 1))
    page.locator("[name=covers]").select_option("running")
    page.locator("[name=status]").select_option("approved")
    page.get_by_role("button", name="Save").click()
    assert f"covered by secured funding until {this_year + 1}" in page.content()

    page.goto(base + "/en/initiatives/")
    alerts = page.locator("#alerts + *").inner_text()
    assert "Robotics summer camps" in alerts
    assert f"a gap of 100,000 EUR opens in {this_year + 2}" in alerts
