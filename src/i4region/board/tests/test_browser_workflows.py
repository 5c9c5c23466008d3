"""Browser journey: the secretariat invites a member, records the roll in one form and opens a
roll-call; the member sets a password from the invitation link, signs in and votes; the outcome
follows from the vote; a CSV updates three actions' progress; the workspace shows the overdue one
in red with its days late."""

import datetime as dt
import re

import pytest

from i4region.conftest import BROWSER_PASSWORD, log_in

from .journeys import add_member, new_meeting, new_working_group, save

pytestmark = pytest.mark.browser


def test_invite_roll_roll_call_outcome_bulk_progress_overdue(served, served_user, page, tmp_path):
    base, run = served
    secretariat = served_user("secretariat")
    log_in(page, base, secretariat)
    board = new_working_group(
        page,
        base,
        "vote-wg",
        name_lt="Balsavimo darbo grupė",
        name_en="Voting working group",
        decision_method="simple_majority",
    )
    email = "ona.kviestoji@example.org"
    add_member(page, board, "Ona Kviestoji", invite_email=email)
    assert f"invitation sent to {email}" in page.locator("main").inner_text()
    add_member(page, board, "Petras Pavyzdys")

    meeting_url = new_meeting(page, board, "Vote on the internship fund", "Panevėžys")
    page.get_by_role("link", name="Record attendance").click()
    statuses = page.locator("select[name^=status_]")
    assert statuses.count() == 2  # the whole roll in one form
    for select in statuses.all():
        select.select_option("present")
    page.get_by_role("button", name="Save the roll").click()
    page.wait_for_load_state()
    assert "Quorum met." in page.locator("main").inner_text()

    meeting_id = re.search(r"/meetings/(\d+)/", meeting_url).group(1)
    page.goto(board + f"/decisions/new/?meeting={meeting_id}")
    page.locator("[name=title_en]").fill("Fund twenty internships")
    page.locator("[name=text_en]").fill("The board funds twenty internships in 2027.")
    save(page)
    decision_url = page.url
    page.get_by_label("Roll-call: members vote online").check()
    page.get_by_role("button", name="Open voting").click()
    page.wait_for_load_state()
    assert "Voting" in page.locator("h1 + p").inner_text()

    # the invited member follows the link the e-mail carries and sets a password
    link = run(
        "shell",
        "-c",
        "from django.contrib.auth.tokens import default_token_generator as g; "
        "from django.utils.http import urlsafe_base64_encode as e; "
        "from i4region.accounts.models import User; "
        "u = User.objects.get(email='ona.kviestoji@example.org'); "
        "print(u.username, f'/en/accounts/reset/{e(str(u.pk).encode())}/{g.make_token(u)}/')",
    ).split()
    username, path = link[-2], link[-1]
    page.context.clear_cookies()
    page.goto(base + path)
    page.locator("[name=new_password1]").fill(BROWSER_PASSWORD)
    page.locator("[name=new_password2]").fill(BROWSER_PASSWORD)
    page.locator("[name=new_password2]").press("Enter")
    page.wait_for_load_state()
    log_in(page, base, username)
    page.goto(decision_url)
    page.get_by_label("For", exact=True).check()
    page.get_by_role("button", name="Cast vote").click()
    page.wait_for_load_state()
    assert "Your vote is recorded." in page.locator("main").inner_text()
    assert page.get_by_role("button", name="Cast vote").count() == 0  # once only

    log_in(page, base, secretariat)
    page.goto(decision_url)
    page.get_by_role("button", name="Close and record the outcome").click()
    page.wait_for_load_state()
    assert page.locator(".state").inner_text() == "Adopted"
    assert "1 for, 0 against, 0 abstained" in page.locator("main").inner_text()

    decision_id = re.search(r"/decisions/(\d+)/", decision_url).group(1)
    late = (dt.date.today() - dt.timedelta(days=9)).isoformat()
    for title, due in (
        ("Sign five host companies", late),
        ("Select pupils", ""),
        ("Publish the call", ""),
    ):
        page.goto(board + f"/actions/new/?decision={decision_id}")
        page.locator("[name=title_en]").fill(title)
        page.locator("[name=status]").select_option("on_track")
        if due:
            page.locator("[name=due_date]").fill(due)
        save(page)
    page.goto(board + "/")
    ids = [
        re.search(
            r"/actions/(\d+)/$", page.get_by_role("link", name=t).first.get_attribute("href")
        ).group(1)
        for t in ("Sign five host companies", "Select pupils", "Publish the call")
    ]
    csv_file = tmp_path / "progress.csv"
    csv_file.write_text(
        "id,progress,status,note\n"
        f"{ids[0]},20,at_risk,Two companies signed\n{ids[1]},50,,\n{ids[2]},100,done,Published\n",
        encoding="utf-8",
    )
    page.locator("input[type=file][name=file]").set_input_files(str(csv_file))
    page.get_by_role("button", name="Upload progress").click()
    page.wait_for_load_state()
    main = page.locator("main").inner_text()
    assert "Progress of 3 actions updated." in main
    row = page.locator("tr.overdue", has_text="Sign five host companies")
    assert "overdue by 9 days" in row.inner_text()
    color = row.locator(".overdue").first.evaluate("e => getComputedStyle(e).color")
    assert color == "rgb(176, 0, 32)"  # red
