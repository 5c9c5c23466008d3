"""What users see: evidence charts, the timeline, composition, iCalendar, CSV, my actions, digest."""

import datetime as dt
import io
from decimal import Decimal

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse

from i4region.board import services
from i4region.board.models import Board, Challenge, Notification

pytestmark = pytest.mark.django_db


@pytest.fixture
def sec(make_user):
    return make_user("secretariat")


def test_challenge_shows_its_indicator_chart_latest_value_and_trend(client, sec):
    board = Board.objects.get(slug="panevezys-i40")
    challenge = Challenge.objects.get(board=board, title_en="The population keeps falling")
    client.force_login(sec)
    html = client.get(f"/en/board/{board.slug}/challenges/{challenge.pk}/").content.decode()
    assert "<svg" in html and "Population on 1 January, Panevėžys County" in html
    assert "207,017" in html and "2025" in html  # latest value, release 2026-04
    assert "worsening" in html  # population falls and higher is better
    assert "Sample" in html


def test_timeline_runs_from_evidence_to_progress_and_indicator_movement(client, sec):
    board = Board.objects.get(slug="panevezys-i40")
    parent = board.actions.get(title_en="Set up the regional STEAM centre")
    client.force_login(sec)
    html = client.get(f"/en/board/{board.slug}/actions/{parent.pk}/").content.decode()
    stages = [
        "Indicator evidence",
        "Challenge",
        "Proposal",
        "Decision",
        "Action",
        "Indicator movement since the decision",
    ]
    positions = [html.index(s, html.index("Timeline: from evidence to results")) for s in stages]
    assert positions == sorted(positions)
    assert "The population keeps falling" in html and "A regional STEAM centre" in html


def test_public_page_in_lithuanian_marks_samples_and_shows_composition(client):
    html = client.get("/lt/board/panevezys-i40/public/").content.decode()
    assert "Panevėžio miesto Pramonės 4.0 vystymo patarėjų taryba" in html
    assert "Pavyzdys" in html and "Sudėtis: atstovaujami sektoriai laikui bėgant" in html
    assert "Jonas Pavyzdys" in html
    assert "34,17" in html  # the parent action's weighted progress


def test_icalendar_export_of_meetings(client, sec):
    client.force_login(sec)
    response = client.get("/en/board/panevezys-i40/meetings.ics")
    body = response.content.decode()
    assert response["Content-Type"].startswith("text/calendar")
    assert body.startswith("BEGIN:VCALENDAR\r\n") and body.endswith("END:VCALENDAR\r\n")
    assert "DTSTART:20181120T120000Z" in body  # 14:00 in Vilnius
    assert all(len(line.encode()) <= 75 for line in body.split("\r\n"))
    assert "1.1 Population decline" in body.replace("\r\n ", "")


def test_csv_download_of_a_table(client, sec):
    client.force_login(sec)
    response = client.get("/en/board/panevezys-i40/csv/actions.csv")
    lines = response.content.decode().splitlines()
    assert lines[0].startswith("id,board_id,decision_id,parent_id,title")
    assert len(lines) == 7
    assert client.get("/en/board/panevezys-i40/csv/nope.csv").status_code == 404


def test_assignment_minutes_and_overdue_arrive_in_one_digest(
    client, board, meeting, seat, make_user, sec, action_due
):
    owner = make_user("initiative_manager")
    member = make_user("board_member")
    seat(user=member)
    action = action_due(sec, "Write the robotics curriculum", dt.date(2020, 1, 1), owner=owner)
    meeting.minutes = "Text."
    meeting.save()
    services.set_minutes_status(meeting, sec, "circulated")
    assert Notification.objects.filter(user=owner, kind="action_assigned").count() == 1
    assert Notification.objects.filter(user=member, kind="minutes_circulated").count() == 1
    assert len(mail.outbox) == 0  # nothing is sent per event

    call_command("board_digest", base_url="https://i4region.example.org", stdout=io.StringIO())
    to_owner = [m for m in mail.outbox if m.to == [owner.email]]
    assert len(to_owner) == 1
    assert "Write the robotics curriculum" in to_owner[0].body
    assert (
        f"https://i4region.example.org/lt/board/{board.slug}/actions/{action.pk}/"
        in to_owner[0].body
    )
    assert len([m for m in mail.outbox if m.to == [member.email]]) == 1
    sent = len(mail.outbox)
    call_command("board_digest", stdout=io.StringIO())
    assert len(mail.outbox) == sent  # overdue is told once per due date, nothing new since


def test_my_actions_lists_overdue_first(client, board, make_user, sec, action_due):
    owner = make_user("initiative_manager")
    action_due(sec, "Later one", 30, owner=owner)
    action_due(sec, "Late one", dt.date(2020, 1, 1), owner=owner, progress=Decimal("10"))
    client.force_login(owner)
    html = client.get("/en/board/my-actions/").content.decode()
    assert html.index("Late one") < html.index("Later one") and "overdue" in html
    assert "Action assigned to you" in html


def test_a_meeting_in_the_hour_the_clocks_skip_is_refused_in_the_page_language(client, board, sec):
    """On 28 March 2027 Vilnius goes from 03:00 to 04:00: 03:30 does not exist there."""
    client.force_login(sec)
    response = client.post(
        f"/lt/board/{board.slug}/meetings/new/",
        {
            "title_lt": "Kovo posėdis",
            "kind": "ordinary",
            "mode": "in_person",
            "starts_at": "2027-03-28T03:30",
        },
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "negalima suprasti laiko juostoje Europe/Vilnius" in html
    assert "couldn’t be interpreted" not in html
    assert not board.meetings.filter(title_lt="Kovo posėdis").exists()


def test_secretariat_journey_meeting_agenda_decision_action(
    client, board, seat, make_user, sec, proposal
):
    """The browser journey in test-client form: meeting → agenda → attendance → decision from a
    proposal → action → owner progress → minutes approved → public page."""
    owner = make_user("initiative_manager")
    members = [seat() for _ in range(3)]
    client.force_login(sec)
    s = board.slug
    client.post(
        f"/en/board/{s}/meetings/new/",
        {
            "title_en": "June meeting",
            "kind": "ordinary",
            "mode": "in_person",
            "starts_at": "2024-06-05T15:00",
            "place": "Pasvalys",
        },
    )
    meeting = board.meetings.get(title_en="June meeting")
    client.post(
        f"/en/board/{s}/meetings/{meeting.pk}/agenda/new/", {"position": 1, "title_en": "Proposals"}
    )
    item = meeting.agenda_items.get()
    client.post(
        f"/en/board/{s}/meetings/{meeting.pk}/agenda/new/",
        {"position": 1, "title_en": "Robotics clubs", "parent": item.pk},
    )
    roll = {f"status_{m.pk}": "present" for m in members[:2]}
    roll[f"status_{members[2].pk}"] = "excused"
    assert client.post(f"/en/board/{s}/meetings/{meeting.pk}/attendance/", roll).status_code == 302
    response = client.post(
        f"/en/board/{s}/decisions/new/?proposal={proposal.pk}",
        {
            "meeting": meeting.pk,
            "agenda_item": item.pk,
            "proposal": proposal.pk,
            "title_en": "Fund robotics clubs",
            "text_en": "Clubs in every school from September.",
            "method": "simple_majority",
        },
    )
    decision = board.decisions.get(title_en="Fund robotics clubs")
    assert response.status_code == 302 and decision.quorum_met
    client.post(f"/en/board/{s}/decisions/{decision.pk}/voting/", {"vote_mode": "tally"})
    client.post(
        f"/en/board/{s}/decisions/{decision.pk}/tally/",
        {"votes_for": 2, "votes_against": 0, "votes_abstain": 0},
    )
    client.post(f"/en/board/{s}/decisions/{decision.pk}/decide/", {"outcome": "adopted"})
    decision.refresh_from_db()
    assert decision.state == "adopted"
    client.post(
        f"/en/board/{s}/actions/new/",
        {
            "decision": decision.pk,
            "title_en": "Start the clubs",
            "owner": owner.pk,
            "status": "not_started",
            "progress": "0",
            "weight": "1",
        },
    )
    action = board.actions.get(title_en="Start the clubs")
    client.force_login(owner)
    client.post(
        f"/en/board/{s}/actions/{action.pk}/progress/", {"status": "on_track", "progress": "45"}
    )
    client.get("/en/board/my-actions/")  # shows (and so clears) the success messages
    assert "Fund robotics clubs" not in client.get(f"/en/board/{s}/public/").content.decode()
    client.force_login(sec)
    client.post(f"/en/board/{s}/meetings/{meeting.pk}/minutes/", {"minutes_en": "Clubs agreed."})
    client.post(f"/en/board/{s}/meetings/{meeting.pk}/minutes/status/", {"status": "circulated"})
    client.post(f"/en/board/{s}/meetings/{meeting.pk}/minutes/status/", {"status": "approved"})
    client.logout()
    html = client.get(f"/en/board/{s}/public/").content.decode()
    assert "Fund robotics clubs" in html and "Start the clubs" in html and "45.0 %" in html
    proposal.refresh_from_db()
    assert proposal.state == "accepted"


@pytest.fixture
def sample_member(make_user, seat):
    """A board member with a seat on the sample board (not the secretariat)."""
    user = make_user("board_member")
    seat(user=user, target=Board.objects.get(slug="panevezys-i40"))
    return user


def test_meeting_page_links_its_briefing_pdf_for_a_member(client, sample_member):
    board = Board.objects.get(slug="panevezys-i40")
    meeting = board.meetings.get()
    client.force_login(sample_member)
    html = client.get(f"/lt/board/{board.slug}/meetings/{meeting.pk}/").content.decode()
    pdf = reverse(
        "reports:board-briefing", kwargs={"board": board.slug, "meeting": meeting.pk, "fmt": "pdf"}
    )
    assert f'<a href="{pdf}">Atsisiųsti PDF</a>' in html
    briefing = client.get(pdf.replace(".pdf", ".html"))
    assert briefing.status_code == 200 and meeting.title_lt in briefing.content.decode()


def _record_pages(board):
    decision = board.decisions.order_by("id").first()
    return {
        "decision": decision,
        "action": board.actions.order_by("id").first(),
        "challenge": decision.proposal.challenge,
        "proposal": decision.proposal,
    }


@pytest.mark.parametrize("kind", ["decision", "action", "challenge", "proposal"])
def test_record_pages_offer_the_secretariat_a_strategy_link(client, sec, sample_member, kind):
    obj = _record_pages(Board.objects.get(slug="panevezys-i40"))[kind]
    serve = reverse("strategy:serve", args=[kind, obj.pk])
    client.force_login(sec)
    html = client.get(obj.get_absolute_url()).content.decode()
    assert 'class="strategy-serves"' in html and f'href="{serve}"' in html
    client.force_login(sample_member)
    response = client.get(obj.get_absolute_url())
    assert response.status_code == 200 and serve not in response.content.decode()


def test_decision_page_names_the_measure_it_serves_to_a_member(client, sample_member):
    from i4region.strategy.models import Measure, MeasureLink

    decision = Board.objects.get(slug="panevezys-i40").decisions.order_by("id").first()
    measure = Measure.objects.order_by("id").first()
    MeasureLink.objects.create(measure=measure, kind="decision", decision=decision)
    client.force_login(sample_member)
    html = client.get(decision.get_absolute_url()).content.decode()
    assert 'class="strategy-serves"' in html and measure.get_absolute_url() in html


@pytest.mark.parametrize(
    ("lang", "shown", "not_shown"),
    [
        ("lt", "per savo tarybą (Panevėžio miesto taryba)", "through its city council"),
        ("en", "through its city council (Panevėžys city council)", "per savo tarybą"),
    ],
)
def test_founders_roles_read_in_the_pages_language(client, make_user, lang, shown, not_shown):
    client.force_login(make_user("secretariat"))
    page = client.get(f"/{lang}/board/panevezys-i40/").content.decode()
    assert shown in page
    assert not_shown not in page
