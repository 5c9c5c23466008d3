"""Meetings: the minutes' flow, the attendance roll, quorum, the agenda and members' comments."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from ..models import (
    COUNTS_PRESENT,
    Attendance,
    AttendanceStatus,
    Board,
    Comment,
    Meeting,
    Membership,
    MinutesStatus,
    NotificationKind,
)
from .notifications import notify
from .permissions import TransitionRefused, acting, can_participate, current_members

MINUTES_FLOW = {
    MinutesStatus.DRAFT: {MinutesStatus.CIRCULATED},
    MinutesStatus.CIRCULATED: {MinutesStatus.DRAFT, MinutesStatus.APPROVED},
    MinutesStatus.APPROVED: set(),
}
MINUTES_VERBS = {
    MinutesStatus.DRAFT: "changed",
    MinutesStatus.CIRCULATED: "minutes_circulated",
    MinutesStatus.APPROVED: "minutes_approved",
}


def set_minutes_status(meeting: Meeting, user, status: str) -> Meeting:
    """Draft → circulated (members are told) → approved (then public and final)."""
    if status not in MinutesStatus.values:
        raise TransitionRefused(_("Choose one of the states offered."))
    if status not in MINUTES_FLOW[meeting.minutes_status]:
        raise TransitionRefused(
            _("Minutes that are “%(current)s” cannot become “%(wanted)s”.")
            % {
                "current": meeting.get_minutes_status_display(),
                "wanted": MinutesStatus(status).label,
            }
        )
    if status == MinutesStatus.CIRCULATED and not meeting.minutes.strip():
        raise TransitionRefused(_("Write the minutes before circulating them."))
    meeting.minutes_status = status
    if status == MinutesStatus.CIRCULATED:
        meeting.minutes_circulated_at = timezone.now()
    if status == MinutesStatus.APPROVED:
        meeting.minutes_approved_at = timezone.now()
    with transaction.atomic(), acting(user, MINUTES_VERBS[status]):
        meeting.save()
        if status == MinutesStatus.CIRCULATED:
            path = reverse("board:meeting", args=[meeting.board.slug, meeting.pk])
            for seat in current_members(meeting.board).exclude(user=None).select_related("user"):
                notify(seat.user, NotificationKind.MINUTES_CIRCULATED, meeting.title, path)
    return meeting


def meeting_day(meeting: Meeting) -> dt.date:
    return timezone.localtime(meeting.starts_at).date()


def members_on_roll(meeting: Meeting) -> QuerySet[Membership]:
    """Everyone with a seat on the meeting's day: the lines of its roll."""
    return current_members(meeting.board, meeting_day(meeting)).order_by("person_name", "id")


@dataclass(frozen=True)
class RollLine:
    membership: Membership
    status: str  # "" until recorded
    proxy_name: str


def roll(meeting: Meeting) -> list[RollLine]:
    recorded = {a.membership_id: a for a in meeting.attendance.exclude(membership=None)}
    lines = []
    for seat in members_on_roll(meeting):
        entry = recorded.get(seat.pk)
        lines.append(
            RollLine(seat, entry.status if entry else "", entry.proxy_name if entry else "")
        )
    return lines


def record_roll(meeting: Meeting, user, entries: dict[int, tuple[str, str]]) -> int:
    """Set every member's line at once ({membership id: (status, proxy name)}); returns changes.

    Refused once the minutes are approved, for a seat not on the roll, or an unknown status.
    """
    if not meeting.roll_open:
        raise TransitionRefused(
            _("The minutes of this meeting are approved; the attendance roll is final.")
        )
    seats = {s.pk: s for s in members_on_roll(meeting)}
    for pk, (status, proxy) in entries.items():
        if pk not in seats:
            raise TransitionRefused(_("This person is not a member of this board on that day."))
        if status not in AttendanceStatus.values:
            raise TransitionRefused(_("Choose present, excused, absent or proxy for every member."))
        if status == AttendanceStatus.PROXY and not proxy.strip():
            raise TransitionRefused(
                _("Name the proxy who represented %(person)s.") % {"person": seats[pk].person_name}
            )
    changed = 0
    with transaction.atomic(), acting(user, "attendance_recorded"):
        for pk, (status, proxy) in entries.items():
            proxy = proxy.strip() if status == AttendanceStatus.PROXY else ""
            entry = Attendance.objects.filter(meeting=meeting, membership_id=pk).first()
            if entry is None:
                Attendance.objects.create(
                    meeting=meeting, membership_id=pk, status=status, proxy_name=proxy
                )
                changed += 1
            elif (entry.status, entry.proxy_name) != (status, proxy):
                entry.status, entry.proxy_name = status, proxy
                entry.save()
                changed += 1
    return changed


@dataclass(frozen=True)
class Quorum:
    present: int
    voting_members: int
    required: int
    met: bool


def quorum(meeting: Meeting) -> Quorum:
    """Voting members present (or represented by proxy) against the board's quorum rule."""
    seats = members_on_roll(meeting).voting()
    voting = seats.count()
    present = Attendance.objects.filter(
        meeting=meeting, status__in=COUNTS_PRESENT, membership__in=seats
    ).count()
    required = -(-voting * meeting.board.quorum_percent // 100) if voting else 1
    return Quorum(present, voting, required, voting > 0 and present >= required)


def agenda_tree(
    items: list, parent_id: int | None = None, prefix: str = "", depth: int = 0
) -> list[tuple]:
    """Agenda items in reading order as (item, number such as "2.1", depth)."""
    out = []
    children = sorted(
        (i for i in items if i.parent_id == parent_id), key=lambda i: (i.position, i.pk)
    )
    for n, item in enumerate(children, start=1):
        number = f"{prefix}{n}"
        out.append((item, number, depth))
        out.extend(agenda_tree(items, item.pk, number + ".", depth + 1))
    return out


def board_of(obj) -> Board:
    for path in ("board", "meeting.board", "challenge.board", "action.board", "decision.board"):
        target = obj
        for part in path.split("."):
            target = getattr(target, part, None)
        if isinstance(target, Board):
            return target
    if isinstance(obj, Board):
        return obj
    raise TypeError(f"{type(obj).__name__} belongs to no board")


def comments_on(obj) -> QuerySet[Comment]:
    return Comment.objects.filter(
        target_type=ContentType.objects.get_for_model(obj), target_id=obj.pk
    )


def add_comment(obj, user, text: str) -> Comment:
    board = board_of(obj)
    if not can_participate(user, board):
        raise TransitionRefused(_("Only members of this board can comment."))
    if isinstance(obj, Meeting) and obj.minutes_status == MinutesStatus.APPROVED:
        raise TransitionRefused(_("These minutes are approved; comments are closed."))
    text = text.strip()
    if not text:
        raise TransitionRefused(_("The comment is empty."))
    return Comment.objects.create(
        board=board,
        target_type=ContentType.objects.get_for_model(obj),
        target_id=obj.pk,
        author=user,
        author_name=user.get_full_name() or user.get_username(),
        text=text,
    )
