"""What a board briefing needs, for the reports app's PDF and the workspace: the agenda of a
meeting, decisions awaiting a vote, open and overdue actions, indicator movement since the
previous meeting."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import QuerySet
from django.utils import timezone

from ..models import VOTED_METHODS, Action, Board, Decision, DecisionState, Meeting
from .evidence import Movement, movement
from .meetings import agenda_tree


def agenda_of(meeting: Meeting) -> list[tuple]:
    """The meeting's agenda in reading order: (item, number such as "2.1", depth)."""
    return agenda_tree(list(meeting.agenda_items.all()))


def decisions_awaiting_vote(board: Board) -> QuerySet[Decision]:
    """Decisions with voting open, and drafts taken by vote whose voting has not opened yet."""
    return (
        (
            board.decisions.filter(state=DecisionState.VOTING)
            | board.decisions.filter(state=DecisionState.DRAFT, method__in=VOTED_METHODS)
        )
        .select_related("meeting", "proposal")
        .order_by("meeting__starts_at", "id")
    )


@dataclass(frozen=True)
class ActionsDue:
    open: list[Action]  # neither done nor dropped, by due date
    overdue: list[Action]  # the open ones past their due date, most days late first


def open_and_overdue_actions(board: Board, day: dt.date | None = None) -> ActionsDue:
    day = day or timezone.localdate()
    rows = list(
        board.actions.open()
        .select_related("owner", "owner_organisation", "decision")
        .order_by("due_date", "id")
    )
    late = sorted((a for a in rows if a.days_late(day)), key=lambda a: -a.days_late(day))
    return ActionsDue(rows, late)


def previous_meeting(meeting: Meeting) -> Meeting | None:
    return (
        meeting.board.meetings.filter(starts_at__lt=meeting.starts_at)
        .order_by("-starts_at")
        .first()
    )


def indicator_movement_since_previous_meeting(
    board: Board, meeting: Meeting | None = None
) -> list[Movement]:
    """How each evidence indicator of the board's challenges moved since the meeting before
    `meeting` (the next upcoming or the latest meeting by default); from its year's value."""
    if meeting is None:
        now = timezone.now()
        meeting = (
            board.meetings.filter(starts_at__gte=now).order_by("starts_at").first()
            or board.meetings.order_by("-starts_at").first()
        )
    if meeting is None:
        return []
    before = previous_meeting(meeting) or meeting
    since = str(timezone.localtime(before.starts_at).year)
    out, seen = [], set()
    evidence = board.challenges.all().prefetch_related("evidence__indicator", "evidence__region")
    for challenge in evidence:
        for ev in challenge.evidence.all():
            key = (ev.indicator_id, ev.region_id)
            if key in seen:
                continue
            seen.add(key)
            m = movement(ev.indicator, ev.region, since)
            if m is not None:
                out.append(m)
    return out
