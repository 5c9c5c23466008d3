"""Browser journey: import a Kumu sheet, open and filter the network, open a key actor, log an
interaction with a follow-up."""

import datetime as dt

import pytest

from i4region.conftest import log_in
from i4region.jobs.tests.worker import BATCH

pytestmark = pytest.mark.browser

ELEMENTS = """Label,Type,Description
Browser test school,School,Teaches robotics
Browser test plant,Company,Makes parts
"""
CONNECTIONS = """From,To,Type,Direction,Strength
Browser test school,Browser test plant,training,directed,4
"""


def test_kumu_import_network_key_actor_and_interaction(served, served_user, page, tmp_path):
    base, run = served
    (tmp_path / "elements.csv").write_text(ELEMENTS, encoding="utf-8")
    (tmp_path / "connections.csv").write_text(CONNECTIONS, encoding="utf-8")
    log_in(page, base, served_user("secretariat"))

    page.goto(base + "/en/stakeholders/kumu/")
    page.locator("input[name=elements]").set_input_files(tmp_path / "elements.csv")
    page.locator("input[name=connections]").set_input_files(tmp_path / "connections.csv")
    page.get_by_role("button", name="Import").click()
    run(*BATCH)  # the import runs in a worker; its job's page shows the report
    page.reload()
    assert "Imported 2 elements and 1 connections." in page.content()
    page.get_by_role("link", name="See the result").click()
    assert page.url.split("?")[0].endswith("/en/stakeholders/network/")

    page.get_by_text("Filters and measures").click()  # the folded filter panel opens
    page.locator("input[name=type][value=school]").check()
    page.get_by_role("button", name="Apply filters").click()
    assert "type=school" in page.url
    assert "Browser test school" in page.locator("svg").first.inner_html()

    page.goto(base + "/en/stakeholders/key-actors/")
    page.locator("main table a[href*='/stakeholders/organisation/']").first.click()
    assert "Key-actor rank 1" in page.content()
    page.get_by_role("link", name="Log an interaction").click()
    due = (dt.date.today() + dt.timedelta(days=14)).isoformat()
    page.locator("[name=date]").fill(dt.date.today().isoformat())
    page.locator("[name=type]").select_option("meeting")
    page.locator("[name=purpose]").fill("Agree on robotics internships")
    page.locator("[name=outcome]").fill("Two internships offered")
    page.locator("[name=follow_up]").fill("Send the internship agreement")
    page.locator("[name=follow_up_owner]").select_option(index=1)
    page.locator("[name=follow_up_due]").fill(due)
    page.get_by_role("button", name="Save").click()
    assert "Created: " in page.content()
    assert f"due {due}" in page.content()
