import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from i4region.board import services
from i4region.board.models import (
    Action,
    Attendance,
    Board,
    Challenge,
    Decision,
    Meeting,
    Membership,
    Proposal,
)

VILNIUS = ZoneInfo("Europe/Vilnius")


@pytest.fixture
def board(db):
    return Board.objects.create(
        slug="test-board", name_en="Test board", name_lt="Bandomoji taryba", quorum_percent=50
    )


@pytest.fixture
def other_board(db):
    return Board.objects.create(slug="other-board", name_en="Other board", name_lt="Kita taryba")


@pytest.fixture
def seat(board):
    """Add a member (optionally linked to a user) to a board."""

    def make(
        user=None,
        position="member",
        sector="business",
        target=None,
        name=None,
        since=dt.date(2020, 1, 1),
    ):
        return Membership.objects.create(
            board=target or board,
            user=user,
            position=position,
            sector=sector,
            designated_on=since,
            person_name=name or f"Person {Membership.objects.count()}",
        )

    return make


@pytest.fixture
def meeting(board):
    return Meeting.objects.create(
        board=board,
        title_en="Spring meeting",
        place="Panevėžys",
        starts_at=dt.datetime(2024, 4, 10, 14, 0, tzinfo=VILNIUS),
    )


@pytest.fixture
def attend():
    def mark(meeting, *seats, status="present"):
        for s in seats:
            Attendance.objects.create(meeting=meeting, membership=s, status=status)

    return mark


@pytest.fixture
def proposal(board):
    challenge = Challenge.objects.create(
        board=board,
        title_en="Few engineers",
        title_lt="Mažai inžinierių",
        theme="skills",
        identified_on=dt.date(2024, 1, 1),
    )
    return Proposal.objects.create(
        board=board,
        challenge=challenge,
        title_en="Engineering school",
        description_en="Open one.",
        state="submitted",
    )


@pytest.fixture
def decision(board, meeting, proposal):
    return Decision.objects.create(
        board=board,
        meeting=meeting,
        proposal=proposal,
        title_en="Open the school",
        text_en="Adopted.",
        method="simple_majority",
    )


@pytest.fixture
def action_due(board):
    """Record an action of the board as `by`, due on `due` (a date, or a number of days from
    today: negative is overdue), with any other fields given (owner, progress…)."""

    def make(by, title, due, **fields):
        day = due if isinstance(due, dt.date) else dt.date.today() + dt.timedelta(days=due)
        return services.save_action(Action(board=board, title_en=title, due_date=day, **fields), by)

    return make
