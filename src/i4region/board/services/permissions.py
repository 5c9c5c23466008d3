"""Who may do what on a board, and the acting context every change is recorded under."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager, nullcontext

from django.contrib.auth import get_user_model
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from i4region.accounts.models import Role
from i4region.accounts.permissions import is_secretariat
from i4region.core import history

from ..models import Action, Board, Decision, DecisionState, Membership, VoteMode


class TransitionRefused(ValueError):
    """The change asked for is not allowed from the item's current state; str() says why."""


@contextmanager
def acting(user, code: str | None = None, note: str = "") -> Iterator[None]:
    """Record the saves inside as done by `user` (when signed in) under the history verb `code`;
    inside a request the request's address is kept."""
    signed_in = user is not None and getattr(user, "is_authenticated", False)
    with history.verb(code, note) if code else nullcontext():
        with history.acting_as(user) if signed_in else nullcontext():
            yield


def current_members(board: Board, day: dt.date | None = None) -> QuerySet[Membership]:
    return board.memberships.active_on(day or timezone.localdate())


def active_membership(user, board: Board, day: dt.date | None = None) -> Membership | None:
    """The user's seat on this board on `day` (today by default), if any."""
    if not user.is_authenticated:
        return None
    return current_members(board, day).filter(user=user).first()


def can_manage(user, board: Board | None = None) -> bool:
    """The secretariat (and administrators) manage every board."""
    return is_secretariat(user)


def can_view(user, board: Board) -> bool:
    """Internal items: the secretariat, and the board's current members."""
    return can_manage(user) or active_membership(user, board) is not None


def can_participate(user, board: Board) -> bool:
    """Comment and file proposals: current members (observers too) and the secretariat."""
    return can_view(user, board)


def voting_seat(user, decision: Decision) -> Membership | None:
    """The seat of a voting member who may vote on this decision, whatever the moment."""
    seat = active_membership(
        user, decision.board, timezone.localtime(decision.meeting.starts_at).date()
    )
    seat = seat or active_membership(user, decision.board)
    return seat if seat is not None and seat.may_vote else None


def can_vote(user, decision: Decision) -> Membership | None:
    """The seat a member votes with now: roll-call voting is open and they have not voted."""
    if decision.state != DecisionState.VOTING or decision.vote_mode != VoteMode.ROLL_CALL:
        return None
    seat = voting_seat(user, decision)
    if seat is None or decision.votes.filter(membership=seat).exists():
        return None
    return seat


def can_update_progress(user, action: Action) -> bool:
    """The secretariat, and the action's owner for their own action."""
    if not user.is_authenticated:
        return False
    return can_manage(user) or action.owner_id == user.pk


def can_view_action(user, action: Action) -> bool:
    return can_view(user, action.board) or can_update_progress(user, action)


def boards_for(user) -> QuerySet[Board]:
    """Boards whose workspace this user may open."""
    if can_manage(user):
        return Board.objects.all()
    if not user.is_authenticated:
        return Board.objects.none()
    seats = Membership.objects.active_on(timezone.localdate()).filter(user=user)
    return Board.objects.filter(pk__in=seats.values("board_id"))


def secretariat_contacts() -> list:
    """Whom a member asks about their seat: the active secretariat accounts."""
    users = get_user_model().objects.filter(is_active=True, role=Role.SECRETARIAT)
    return list(users.order_by("last_name", "username"))


def seatless_reason(user) -> str:
    """Why a signed-in user with a board role sees no workspace, or "" when that is not the case."""
    if not user.is_authenticated or can_manage(user) or boards_for(user).exists():
        return ""
    if Membership.objects.filter(user=user).exists():
        return _(
            "Your seat on the board has ended, so the workspace is closed to you. Ask the board "
            "secretariat if this is a mistake."
        )
    if user.has_role(Role.BOARD_MEMBER):
        return _(
            "Your account has the board-member role but is not linked to a seat on any board "
            "yet, so there is no workspace to show. Ask the board secretariat to link your "
            "account to your seat."
        )
    return ""


def refusal(user, board: Board) -> str:
    """The reason a user may not open this board's internal pages, in their language."""
    return seatless_reason(user) or _(
        "Only the secretariat and current members of this board can open its internal pages."
    )
