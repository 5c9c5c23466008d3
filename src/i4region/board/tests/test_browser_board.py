"""Browser journey: the secretariat runs a meeting to a decision and an action, the owner reports
progress, and the public page shows it once the minutes are approved."""

import re

import pytest

from i4region.conftest import log_in

pytestmark = pytest.mark.browser


def save(page):
    page.get_by_role("button", name="Save").click()
    page.wait_for_load_state()


def test_meeting_decision_action_progress_public(served, served_user, page):
    base, _ = served
    secretariat, owner = served_user("secretariat"), served_user("board_member")
    board = base + "/en/board/robotics-wg"
    log_in(page, base, secretariat)

    page.goto(base + "/en/board/new/")
    page.locator("[name=slug]").fill("robotics-wg")
    page.locator("[name=name_lt]").fill("Robotikos darbo grupė")
    page.locator("[name=name_en]").fill("Robotics working group")
    page.locator("[name=kind]").select_option("working_group")
    page.locator("[name=decision_method]").select_option("consensus")
    page.locator("[name=quorum_percent]").fill("50")
    page.locator("[name=published]").check()
    save(page)

    for person, user in (("Ona Pavyzdytė", owner), ("Jonas Pavyzdys", None)):
        page.goto(board + "/members/new/")
        page.locator("[name=person_name]").fill(person)
        if user:
            page.locator("[name=user]").select_option(label=user)
        page.locator("[name=position]").select_option("member")
        page.locator("[name=sector]").select_option("education")
        page.locator("[name=designated_on]").fill("2026-01-01")
        save(page)

    page.goto(board + "/meetings/new/")
    page.locator("[name=title_en]").fill("Robotics internships")
    page.locator("[name=kind]").select_option("ordinary")
    page.locator("[name=mode]").select_option("in_person")
    page.locator("[name=starts_at]").fill("2026-11-20T10:00")
    page.locator("[name=place]").fill("Panevėžys, RoboLabas")
    save(page)
    meeting_url = page.url
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

    page.goto(board + "/challenges/new/")
    page.locator("[name=title_lt]").fill("Trūksta robotikos praktikos vietų")
    page.locator("[name=title_en]").fill("Too few robotics internships")
    page.locator("[name=theme]").select_option("skills")
    page.locator("[name=severity]").select_option("high")
    page.locator("[name=status]").select_option("open")
    page.locator("[name=identified_on]").fill("2026-10-01")
    save(page)
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
