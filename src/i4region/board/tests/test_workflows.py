"""Workflows a secretariat can trust, tested from the side that must be refused: the roll, one
source of votes, outcomes that follow the rules, proposers, overdue work, bulk progress."""

import datetime as dt
import re
from decimal import Decimal

import pytest
from auditlog.models import LogEntry
from django.core import mail
from django.utils import translation

from i4region.board import services
from i4region.board.models import Action, Comment, Decision, Meeting, Proposal

pytestmark = pytest.mark.django_db


@pytest.fixture
def sec(make_user):
    return make_user("secretariat")


@pytest.fixture(autouse=True)
def english():
    """Services answer in the active language; these tests read the English messages."""
    with translation.override("en"):
        yield


def voting(decision, sec, mode="tally"):
    services.open_voting(decision, sec, mode)
    return decision


# --------------------------------------------------------------------------- outcomes


@pytest.mark.parametrize(
    "method, votes_for, votes_against, members, outcome",
    [
        ("simple_majority", 3, 2, 7, "adopted"),
        ("simple_majority", 2, 2, 7, "rejected"),  # a tie does not carry
        ("absolute_majority", 4, 0, 7, "adopted"),  # 4 of 7 members
        ("absolute_majority", 3, 0, 6, "rejected"),  # exactly half is not a majority
        ("absolute_majority", 3, 0, 7, "rejected"),  # a majority of votes, not of members
        ("two_thirds", 4, 2, 7, "adopted"),  # exactly two thirds
        ("two_thirds", 3, 2, 7, "rejected"),  # 60 %
        ("two_thirds", 0, 0, 7, "rejected"),  # nobody voted for
    ],
)
def test_each_method_computes_its_outcome_at_the_boundaries(
    method, votes_for, votes_against, members, outcome
):
    assert services.outcome_of(method, votes_for, votes_against, members) == outcome


@pytest.mark.parametrize(
    "method, tally, members, wanted",
    [
        ("simple_majority", (1, 5, 0), 6, "adopted"),  # the report: 1 for, 5 against
        ("simple_majority", (2, 2, 1), 5, "adopted"),  # a tie
        ("absolute_majority", (3, 0, 3), 6, "adopted"),  # half the members
        ("two_thirds", (3, 2, 0), 5, "adopted"),  # short of two thirds
        ("two_thirds", (4, 2, 0), 6, "rejected"),  # exactly two thirds carries
    ],
)
def test_secretariat_cannot_record_an_outcome_the_votes_contradict(
    decision, seat, attend, sec, method, tally, members, wanted
):
    attend(decision.meeting, *[seat() for _ in range(members)])
    decision.method = method
    decision.save()
    voting(decision, sec)
    services.record_tally(decision, sec, *tally)
    with pytest.raises(services.TransitionRefused, match="do not give this outcome"):
        services.decide(decision, sec, wanted)
    assert Decision.objects.get(pk=decision.pk).state == "voting"
    services.decide(decision, sec)  # without a stated outcome, the votes decide
    assert decision.state != wanted


def test_no_outcome_without_quorum_whatever_the_method(decision, seat, attend, sec):
    present, *_absent = [seat() for _ in range(5)]
    attend(decision.meeting, present)
    for method in ("simple_majority", "consensus"):
        d = Decision.objects.create(
            board=decision.board,
            meeting=decision.meeting,
            title_en=method,
            text_en="x",
            method=method,
        )
        if method == "simple_majority":
            voting(d, sec)
            services.record_tally(d, sec, 1, 0, 0)
        with pytest.raises(services.TransitionRefused, match="No quorum: 1 of 5"):
            services.decide(d, sec, "adopted")
        assert Decision.objects.get(pk=d.pk).state in ("draft", "voting")


def test_a_voted_decision_cannot_be_closed_without_opening_the_vote(decision, seat, attend, sec):
    attend(decision.meeting, seat(), seat())
    with pytest.raises(services.TransitionRefused, match="Open the vote first"):
        services.decide(decision, sec, "adopted")


def test_page_shows_one_state(client, decision, seat, attend, sec):
    attend(decision.meeting, seat(), seat())
    voting(decision, sec)
    services.record_tally(decision, sec, 0, 2, 0)
    services.decide(decision, sec)
    client.force_login(sec)
    html = client.get(decision.get_absolute_url()).content.decode()
    states = re.findall(r'class="state" data-state="(\w+)"', html)
    assert states == ["rejected"]
    assert "Draft" not in html.split("<h1>", 1)[1].split("</dl>", 1)[0]


# --------------------------------------------------------------------------- one source of votes


def test_member_votes_once_and_never_in_tally_mode(client, decision, seat, attend, sec, make_user):
    member = make_user("board_member")
    attend(decision.meeting, seat(user=member), seat())
    url = f"/en/board/{decision.board.slug}/decisions/{decision.pk}/vote/"
    client.force_login(member)
    assert client.post(url, {"choice": "for"}).status_code == 403  # voting not open

    voting(decision, sec, "tally")
    response = client.post(url, {"choice": "for"})
    assert response.status_code == 403
    assert "members do not vote online" in response.content.decode()
    assert not decision.votes.exists()

    services.change_vote_mode(decision, sec, "roll_call")
    assert client.post(url, {"choice": "for"}).status_code == 302
    second = client.post(url, {"choice": "against"})
    assert second.status_code == 403 and "already voted" in second.content.decode()
    decision.refresh_from_db()
    assert (decision.votes_for, decision.votes_against) == (1, 0)


def test_tally_is_refused_in_roll_call_and_a_vote_never_overwrites_a_tally(
    decision, seat, attend, sec, make_user
):
    member = make_user("board_member")
    attend(decision.meeting, seat(user=member), *[seat() for _ in range(5)])
    voting(decision, sec, "tally")
    services.record_tally(decision, sec, 1, 5, 0)
    with pytest.raises(services.TransitionRefused, match="do not vote online"):
        services.cast_vote(decision, member, "for")
    decision.refresh_from_db()
    assert (decision.votes_for, decision.votes_against) == (1, 5)  # not 1/0/0

    services.change_vote_mode(decision, sec, "roll_call", reason="Members asked to vote")
    with pytest.raises(services.TransitionRefused, match="roll-call"):
        services.record_tally(decision, sec, 3, 0, 0)
    # the change of mode is in the history with the old figures
    entry = next(
        e
        for e in LogEntry.objects.get_for_object(decision)
        if (e.additional_data or {}).get("verb") == "vote_mode_changed"
    )
    assert entry.changes_dict["votes_against"] == ["5", "0"]
    assert entry.additional_data["note"] == "Members asked to vote"


# --------------------------------------------------------------------------- proposer


def test_member_cannot_propose_in_another_members_name(
    client, board, proposal, seat, make_user, sec
):
    member, other = make_user("board_member"), make_user("board_member")
    own, theirs = seat(user=member), seat(user=other)
    client.force_login(member)
    client.post(
        f"/en/board/{board.slug}/proposals/new/",
        {
            "challenge": proposal.challenge_id,
            "title_en": "In someone else's name",
            "description_en": "x",
            "proposer_membership": theirs.pk,
        },
    )
    filed = Proposal.objects.get(title_en="In someone else's name")
    assert filed.proposer_membership == own and not filed.filed_on_behalf
    with pytest.raises(services.TransitionRefused, match="only in your own name"):
        services.file_proposal(
            board,
            member,
            Proposal(challenge=proposal.challenge, title_en="t", description_en="d"),
            theirs,
        )
    on_behalf = services.file_proposal(
        board,
        sec,
        Proposal(challenge=proposal.challenge, title_en="t2", description_en="d"),
        theirs,
    )
    assert on_behalf.proposer_membership == theirs and on_behalf.filed_on_behalf
    client.force_login(sec)
    assert "filed on their behalf by" in client.get(on_behalf.get_absolute_url()).content.decode()


# --------------------------------------------------------------------------- the roll


def test_roll_in_one_form_twice_without_error_and_quorum_follows(client, board, meeting, seat, sec):
    members = [seat() for _ in range(4)]
    client.force_login(sec)
    url = f"/en/board/{board.slug}/meetings/{meeting.pk}/attendance/"
    page = client.get(url).content.decode()
    assert all(m.person_name in page for m in members)
    roll = {f"status_{m.pk}": "absent" for m in members}
    roll[f"status_{members[0].pk}"] = "present"
    assert client.post(url, roll).status_code == 302
    assert services.quorum(meeting).met is False
    roll[f"status_{members[1].pk}"] = "proxy"
    roll[f"proxy_{members[1].pk}"] = "Jonas Pavaduotojas"
    assert client.post(url, roll).status_code == 302  # a second entry corrects the first
    assert meeting.attendance.count() == 4
    assert services.quorum(meeting).met is True  # a proxy counts as present
    del roll[f"proxy_{members[1].pk}"]
    response = client.post(url, roll)
    assert response.status_code == 200 and "Name the proxy" in response.content.decode()


def test_roll_is_final_once_the_minutes_are_approved(client, board, meeting, seat, sec):
    m = seat()
    services.record_roll(meeting, sec, {m.pk: ("present", "")})
    meeting.minutes = "Done."
    meeting.save()
    services.set_minutes_status(meeting, sec, "circulated")
    services.set_minutes_status(meeting, sec, "approved")
    with pytest.raises(services.TransitionRefused, match="roll is final"):
        services.record_roll(meeting, sec, {m.pk: ("absent", "")})
    client.force_login(sec)
    url = f"/en/board/{board.slug}/meetings/{meeting.pk}/attendance/"
    assert client.post(url, {f"status_{m.pk}": "absent"}).status_code == 302
    assert meeting.attendance.get().status == "present"


# --------------------------------------------------------------------------- bad input


@pytest.mark.parametrize(
    "path",
    [
        "decisions/new/?proposal=abc",
        "decisions/new/?meeting=1%002",
        "decisions/new/?agenda_item=-1",
        "actions/new/?decision=abc",
        "actions/new/?parent=99999999999999999999",
        "proposals/new/?challenge=abc",
    ],
)
def test_bad_query_parameters_answer_400(client, board, sec, path):
    client.force_login(sec)
    assert client.get(f"/en/board/{board.slug}/{path}").status_code == 400


def test_unknown_ids_in_parameters_are_just_not_preselected(client, board, sec):
    client.force_login(sec)
    assert client.get(f"/en/board/{board.slug}/decisions/new/?proposal=999999").status_code == 200


def test_minutes_of_a_meeting_without_a_place_give_a_form_error(client, board, sec):
    meeting = Meeting.objects.create(
        board=board,
        title_en="No place",
        mode="in_person",
        starts_at=dt.datetime(2024, 1, 1, 10, tzinfo=dt.UTC),
    )
    client.force_login(sec)
    response = client.post(
        f"/en/board/{board.slug}/meetings/{meeting.pk}/minutes/", {"minutes_en": "Text"}
    )
    assert response.status_code == 200
    assert "needs a place" in response.content.decode()
    assert Meeting.objects.get(pk=meeting.pk).minutes == ""


def test_free_text_has_a_length_limit(client, board, meeting, seat, make_user):
    member = make_user("board_member")
    seat(user=member)
    client.force_login(member)
    client.post(f"/en/board/{board.slug}/comment/meeting/{meeting.pk}/", {"text": "x" * 1_000_000})
    assert not Comment.objects.exists()


def test_refused_pages_say_why_in_the_users_language(client, board, make_user):
    client.force_login(make_user("board_member"))
    response = client.get(f"/lt/board/{board.slug}/")
    assert response.status_code == 403
    assert "nesusieta su vieta" in response.content.decode()
    html = client.get("/lt/board/").content.decode()
    assert "nesusieta su vieta" in html and "sekretoriat" in html


# --------------------------------------------------------------------------- invitation


def test_secretariat_invites_a_member_in_one_step(client, board, sec):
    client.force_login(sec)
    response = client.post(
        f"/en/board/{board.slug}/members/new/",
        {
            "person_name": "Ona Naujoji",
            "invite_email": "ona@example.org",
            "position": "member",
            "sector": "education",
            "designated_on": "2024-01-01",
        },
    )
    assert response.status_code == 302
    seat = board.memberships.get(person_name="Ona Naujoji")
    assert seat.user.email == "ona@example.org" and seat.user.role == "board_member"
    assert not seat.user.has_usable_password()
    (message,) = mail.outbox
    link = re.search(r"https?://\S+/reset/\S+/", message.body).group(0)
    client.logout()
    assert client.get(link.split("testserver", 1)[1], follow=True).status_code == 200
    assert services.can_view(seat.user, board)


# --------------------------------------------------------------------------- overdue and bulk


def test_overdue_on_workspace_action_page_and_timeline(client, board, sec, action_due):
    late = action_due(sec, "Late lab", -12)
    client.force_login(sec)
    workspace = client.get(f"/en/board/{board.slug}/").content.decode()
    row = re.search(r'<tr class="overdue">.*?</tr>', workspace, re.S).group(0)
    assert "Late lab" in row and "overdue by 12 days" in row
    page = client.get(late.get_absolute_url()).content.decode()
    assert "12 days ago" in page and 'class="overdue"' in page


def test_bulk_progress_is_all_or_nothing_with_line_errors(client, board, sec):
    a, b, c = (services.save_action(Action(board=board, title_en=t), sec) for t in "ABC")
    client.force_login(sec)
    url = f"/en/board/{board.slug}/actions/progress.csv"

    def upload(text):
        from django.core.files.uploadedfile import SimpleUploadedFile

        return client.post(
            url, {"file": SimpleUploadedFile("p.csv", text.encode())}, follow=True
        ).content.decode()

    bad = f"id,progress,status,note\n{a.pk},40,on_track,ok\n{b.pk},140,,too much\nabc,1,,\n"
    html = upload(bad)
    assert "Line 3" in html and "between 0 and 100" in html and "Line 4" in html
    a.refresh_from_db()
    assert a.progress == Decimal("0")  # nothing changed
    good = f"id,progress,status,note\n{a.pk},40,on_track,ok\n{b.pk},75,,\n{c.pk},,done,finished\n"
    assert "Progress of 3 actions updated" in upload(good)
    progress = {x.title: (x.progress, x.status) for x in board.actions.all()}
    assert progress == {
        "A": (Decimal("40.00"), "on_track"),
        "B": (Decimal("75.00"), "not_started"),
        "C": (Decimal("100.00"), "done"),
    }


# --------------------------------------------------------------------------- erasure


def test_board_comments_are_erased_with_the_person(board, meeting, seat, make_user):
    person = make_user("board_member", first_name="Jurgita", last_name="Trinama")
    seat(user=person, name="Jurgita Trinama")
    services.add_comment(meeting, person, "Call me: jurgita@example.org")
    other = make_user("board_member")
    seat(user=other)
    services.add_comment(meeting, other, "Jurgita Trinama agrees.")
    changed = services.erase_person_data("Jurgita Trinama", person.email)
    assert changed >= 3
    texts = " ".join(Comment.objects.values_list("text", flat=True))
    names = " ".join(Comment.objects.values_list("author_name", flat=True))
    for trace in ("Jurgita", person.email):
        assert trace not in texts and trace not in names
        assert not board.memberships.filter(person_name__icontains=trace).exists()
        for entry in LogEntry.objects.filter(content_type__app_label="board"):
            assert trace not in str(entry.changes) + entry.object_repr


# --------------------------------------------------------------------------- history in Lithuanian

RAW = re.compile(r"\b(True|False|None)\b|\d{4}-\d{2}-\d{2}T\d{2}:\d{2}|\b[a-z]+_[a-z_]+\b")
ENGLISH = re.compile(r"\b(created|changed|deleted|updated|voting opened|imported|tally recorded)\b")


def _history_section(html: str) -> str:
    section = re.search(r'<section aria-labelledby="history-heading".*?</section>', html, re.S)
    return re.sub(r"<[^>]+>", " ", section.group(0))


def test_every_board_history_page_reads_as_people_write_in_lithuanian(client, sec):
    board = services.boards_for(sec).get(slug="panevezys-i40")
    decision = board.decisions.filter(method="simple_majority").first()
    action = board.actions.filter(parent=None, children__isnull=False).first()
    services.update_progress(action.children.first(), sec, status="at_risk", progress=Decimal("30"))
    client.force_login(sec)
    pages = [
        f"/lt/board/{board.slug}/history/",
        f"/lt/board/{board.slug}/meetings/{decision.meeting_id}/",
        f"/lt/board/{board.slug}/decisions/{decision.pk}/",
        f"/lt/board/{board.slug}/proposals/{decision.proposal_id}/",
        f"/lt/board/{board.slug}/challenges/{decision.proposal.challenge_id}/",
        f"/lt/board/{board.slug}/actions/{action.pk}/",
    ]
    for url in pages:
        text = _history_section(client.get(url).content.decode())
        assert "Keitimų istorija" in text or "istorija" in text.lower(), url
        assert not RAW.search(text), (url, RAW.search(text))
        assert not ENGLISH.search(text), (url, ENGLISH.search(text))


def test_resaving_an_unchanged_board_record_records_no_change(board, meeting, sec):
    for obj in (board, meeting):
        before = LogEntry.objects.get_for_object(obj).count()
        with services.acting(sec):
            type(obj).objects.get(pk=obj.pk).save()
        assert LogEntry.objects.get_for_object(obj).count() == before


def test_history_dates_are_local_and_verbs_translated():
    entry = LogEntry.objects.filter(additional_data__verb="minutes_approved").first()
    from i4region.core import history

    with translation.override("lt"):
        shown = history.render(entry)
    assert shown.verb == "protokolas patvirtintas"


def test_digest_lists_overdue_actions_with_days_late(board, sec, make_user, action_due):
    owner = make_user("initiative_manager")
    action_due(sec, "Order the robots", -3, owner=owner)
    services.create_overdue_notifications()
    services.send_digest(base_url="https://i4region.example.org")
    (message,) = [m for m in mail.outbox if m.to == [owner.email]]
    assert "Order the robots" in message.body
    assert re.search(r"vėluoja 3 dienas|3 days late", message.body)


def test_briefing_functions_for_the_reports_app(
    board, meeting, decision, seat, attend, sec, action_due
):
    action_due(sec, "Late", -1)
    services.save_action(Action(board=board, title_en="Done", status="done"), sec)
    services.record_roll(meeting, sec, {seat().pk: ("present", "")})
    assert [d.pk for d in services.decisions_awaiting_vote(board)] == [decision.pk]
    due = services.open_and_overdue_actions(board)
    assert [a.title for a in due.overdue] == ["Late"]
    assert {a.title for a in due.open} == {"Late"}
    meeting.agenda_items.create(title_en="Welcome", position=1)
    assert [(item.title, number) for item, number, _d in services.agenda_of(meeting)] == [
        ("Welcome", "1")
    ]
    seeded = services.boards_for(sec).get(slug="panevezys-i40")
    movements = services.indicator_movement_since_previous_meeting(seeded)
    assert movements and all(m.base.period <= m.latest.period for m in movements)
