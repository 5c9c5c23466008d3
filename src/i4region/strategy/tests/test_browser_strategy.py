"""Browser journey: the secretariat adds a priority and a measure to the strategy, links an
indicator target and RoboLabas, and sees the priority's status and the talent path change."""

import re

import pytest

from i4region.conftest import log_in

pytestmark = pytest.mark.browser

STRATEGY = "/strategy/panevezys-industry-4-0/"
MAKE_TARGET = """
from i4region.observatory.models import Indicator, Observation, Target
from i4region.regions.models import Region
region = Region.objects.get(code="LT025")
ind = Indicator.objects.create(code="journey-robotics-pupils", name_en="Pupils in robotics clubs",
    name_lt="Robotikos būrelių mokiniai", unit_en="persons", unit_lt="asmenys", theme="skills",
    polarity="higher")
for period, value in (("2019", 100), ("2024", 320)):
    Observation.objects.create(indicator=ind, region=region, period=period, value=value,
        vintage="journey")
print(Target.objects.create(indicator=ind, region=region, value=300, year=2027,
    baseline_year=2019).pk)
"""


def test_secretariat_links_a_target_and_robolabas(served, served_user, page):
    base, run = served
    target_pk = run("shell", "-c", MAKE_TARGET).strip().splitlines()[-1]
    log_in(page, base, served_user("secretariat"))

    page.goto(base + "/en" + STRATEGY)
    page.get_by_role("link", name="Add priority").click()
    page.get_by_label("Title (English)").fill("Robotics for every pupil")
    page.get_by_label("Title (Lithuanian)").fill("Robotika kiekvienam mokiniui")
    page.get_by_role("button", name="Save").click()
    assert page.locator("h1").inner_text() == "Robotics for every pupil"
    priority_url = page.url
    assert "No measures yet." in page.content()
    assert "Gap in the plan: no measure" in page.content()

    page.get_by_role("link", name="Add measure").click()
    page.get_by_label("Title (English)").fill("Robotics clubs in every school")
    page.get_by_label("Title (Lithuanian)").fill("Robotikos būreliai kiekvienoje mokykloje")
    page.locator("[name=targets]").select_option(target_pk)
    page.get_by_role("button", name="Save").click()
    assert page.locator("h1").inner_text() == "Robotics clubs in every school"
    assert "Pupils in robotics clubs" in page.content()
    assert "Target achieved" in page.content()

    page.get_by_role("link", name="Link a record").click()
    page.locator("[name=initiative]").select_option(label="RoboLabas robotics competition centre")
    page.get_by_role("button", name="Save").click()
    assert "RoboLabas robotics competition centre" in page.locator("#served-by").inner_text()

    page.goto(priority_url)
    status = page.locator("#priority-status").inner_text()
    assert re.search(r"On track:\s*1\b", status), status
    assert "Gap in the plan" not in page.content()

    page.goto(base + "/en/strategy/talent-path/")
    stage = page.locator("#stage-informal_steam").inner_text()
    assert "Robotics clubs in every school" in stage

    # the same pages in Lithuanian
    page.goto(priority_url.replace("/en/", "/lt/"))
    assert page.locator("h1").inner_text() == "Robotika kiekvienam mokiniui"
    assert re.search(r"Vyksta pagal planą:\s*1\b", page.locator("#priority-status").inner_text())
    page.goto(base + "/lt/strategy/talent-path/")
    assert (
        "Robotikos būreliai kiekvienoje mokykloje"
        in page.locator("#stage-informal_steam").inner_text()
    )
    assert page.locator("html").get_attribute("lang") == "lt"
