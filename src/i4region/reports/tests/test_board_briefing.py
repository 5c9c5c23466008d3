"""The board briefing: what the members read before the sample board's next meeting, and who
may not read it."""

import datetime as dt
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from i4region.board import services
from i4region.board.models import Board, Meeting, Membership

from . import pdf

pytestmark = pytest.mark.django_db
SAMPLE_BOARD = "panevezys-i40"


@pytest.fixture
def next_meeting() -> Meeting:
    """The secretariat schedules the sample board's next meeting (the seed has only its first)."""
    board = Board.objects.get(slug=SAMPLE_BOARD)
    return Meeting.objects.create(
        board=board,
        title="Progress of the actions",
        kind="ordinary",
        mode="in_person",
        starts_at=timezone.now() + dt.timedelta(days=14),
        place="Panevėžys",
        is_sample=True,
    )


def briefing(tmp_path: Path, meeting: str, lang: str = "en") -> Path:
    out = tmp_path / f"briefing-{lang}.pdf"
    call_command(
        "report",
        "board-briefing",
        *("--board", SAMPLE_BOARD, "--meeting", meeting, "--lang", lang, "--out", str(out)),
    )
    pdf.check_document(out, tmp_path)
    return out


def test_briefing_for_the_next_meeting_lists_its_overdue_actions(tmp_path, next_meeting):
    overdue = services.open_and_overdue_actions(next_meeting.board).overdue
    assert overdue, "the sample board has overdue actions"
    out = briefing(tmp_path, "next")
    layer = pdf.text(out)
    assert "Progress of the actions" in layer and "Overdue actions" in layer
    rows = {row[0]: row for row in pdf.table_rows(out) if row}
    for action in overdue:
        marked = f"{action.title_en} Sample" if action.is_sample else action.title_en
        _title, owner, due, late, progress, _status = rows[marked]
        assert owner == " ".join(action.owner_display.split())
        assert due == action.due_date.isoformat()
        assert int(late) == action.days_late(timezone.localdate()) > 0
        assert progress == f"{action.progress:.0f} %"


def test_lithuanian_briefing_by_meeting_id(tmp_path, next_meeting):
    layer = pdf.text(briefing(tmp_path, str(next_meeting.pk), "lt"))
    assert "Vėluojantys veiksmai" in layer and "Darbotvarkė" in layer


def test_unknown_meeting_is_named_with_exit_code_2(tmp_path):
    with pytest.raises(CommandError) as error:
        briefing(tmp_path, "99999")
    assert error.value.returncode == 2 and "99999" in str(error.value)
    with pytest.raises(CommandError) as error:
        call_command(
            "report", "board-briefing", "--board", "nope", "--meeting", "1", "--out", "x.pdf"
        )
    assert error.value.returncode == 2 and "nope" in str(error.value)


def test_briefing_is_refused_to_the_public_and_to_non_members(client, make_user, next_meeting):
    address = f"/en/reports/boards/{SAMPLE_BOARD}/meetings/{next_meeting.pk}.pdf"
    assert client.get(address).status_code == 403
    client.force_login(make_user("company_rep"))
    assert client.get(address).status_code == 403
    client.force_login(make_user("board_member"))  # a board member's role, but no seat here
    assert client.get(address).status_code == 403


def test_briefing_is_given_to_a_member_and_the_secretariat(client, make_user, next_meeting):
    address = f"/en/reports/boards/{SAMPLE_BOARD}/meetings/{next_meeting.pk}.pdf"
    member = make_user("board_member")
    Membership.objects.create(
        board=next_meeting.board,
        person_name="Test member",
        user=member,
        sector="business",
        designated_on=dt.date(2020, 1, 1),
    )
    client.force_login(member)
    response = client.get(address)
    assert response.status_code == 200 and response.content.startswith(b"%PDF-")
    client.force_login(make_user("secretariat"))
    assert client.get(address).status_code == 200
