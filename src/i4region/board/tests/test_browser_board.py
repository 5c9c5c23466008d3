"""Browser journey: the secretariat runs a meeting to a decision and an action, the owner reports
progress, and the public page shows it once the minutes are approved."""

import re

import pytest

from i4region.conftest import log_in

from .journeys import add_member, new_meeting, new_working_group, save, submit

pytestmark = pytest.mark.browser


def test_meeting_decision_action_progress_public(served, served_user, page):
    base, _ = served
    secretariat, owner = served_user("secretariat"), served_user("board_member")
    log_in(page, base, secretariat)
    board = new_working_group(
        page,
        base,
        "robotics-wg",
        name_lt="Robotikos darbo grupė",
        name_en="Robotics working group",
        decision_method="consensus",
        published=True,
    )
    add_member(page, board, "Ona Pavyzdytė", user=("label", owner))
    add_member(page, board, "Jonas Pavyzdys")

    meeting_url = new_meeting(
        page,
        board,
        "Robotics internships",
        "Panevėžys, RoboLabas",
        kind="ordinary",
        mode="in_person",
    )
    assert re.search(r"/meetings/\d+/$", meeting_url)
    page.get_by_role("link", name="Add an agenda item").click()
    page.locator("[name=position]").fill("1")
    page.locator("[name=title_en]").fill("Internship programme with local companies")
    save(page)
    page.goto(meeting_url)
    page.get_by_role("link", name="Record attendance").click()
    for select in page.locator("select[name^=status_]").all():
        select.select_option("present")
    page.get_by_role("button", name="Save the roll").click()
    page.wait_for_load_state()

    submit(
        page,
        board + "/challenges/new/",
        title_lt="Trūksta robotikos praktikos vietų",
        title_en="Too few robotics internships",
        theme="skills",
        severity="high",
        status="open",
        identified_on="2026-10-01",
    )
    assert re.search(r"/challenges/\d+/$", page.url), page.locator("main").inner_text()[:800]

    page.goto(board + "/proposals/new/")
    page.locator("[name=challenge]").select_option(index=1)
    page.locator("[name=title_en]").fill("Fund twenty robotics internships a year")
    page.locator("[name=description_en]").fill("Companies host pupils from RoboLabas.")
    save(page)
    assert re.search(r"/proposals/\d+/$", page.url), page.locator("main").inner_text()[:800]
    page.get_by_role("link", name="Record a decision on this proposal").click()
    page.locator("[name=meeting]").select_option(index=1)
    page.locator("[name=agenda_item]").select_option(index=1)
    page.locator("[name=title_en]").fill("Launch the internship programme")
    page.locator("[name=text_en]").fill("The board launches the internship programme in 2027.")
    page.locator("[name=method]").select_option("consensus")
    save(page)
    page.locator("[name=outcome]").select_option("adopted")
    page.get_by_role("button", name="Close and record the outcome").click()
    page.get_by_role("link", name="Assign an action").click()
    page.locator("[name=title_en]").fill("Sign agreements with five companies")
    page.locator("[name=owner]").select_option(label=owner)
    page.locator("[name=status]").select_option("not_started")
    save(page)

    log_in(page, base, owner)
    page.goto(base + "/en/board/my-actions/")
    page.get_by_role("link", name="Sign agreements with five companies").first.click()
    page.locator("[name=status]").select_option("on_track")
    page.locator("[name=progress]").fill("40")
    page.get_by_role("button", name="Update progress").click()
    assert "40" in page.locator("main").inner_text()

    page.goto(board + "/public/")
    assert "Launch the internship programme" not in page.content()  # minutes not approved yet

    log_in(page, base, secretariat)
    page.goto(meeting_url)
    page.get_by_role("link", name="Edit the minutes").click()
    page.locator("[name=minutes_en]").fill("The board agreed to launch the internship programme.")
    save(page)
    page.goto(meeting_url)
    page.get_by_role("button", name="Circulate for comments").click()
    page.get_by_role("button", name="Approve the minutes").click()

    page.context.clear_cookies()
    page.goto(board + "/public/")
    public = page.locator("main").inner_text()
    assert "Launch the internship programme" in public
    assert "Sign agreements with five companies" in public and "40" in public
