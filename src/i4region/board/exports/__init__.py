"""Open data of the board workspace: one table per model through core.exports.model_table.

`public=True` keeps what the transparency page shows: each model's own `public()` rule. An id
that points into another table (organisation_id, initiative_id) is given only when that record
is in the same export, so every reference resolves.
"""

from collections.abc import Callable

from i4region.core.exports import Table

from ..models import Board
from . import decisions, meetings, personal
from .common import Context

PUBLIC_TABLES: dict[str, Callable[[Context], Table]] = {
    "boards": meetings.boards,
    "board_founders": meetings.founders,
    "board_members": meetings.members,
    "meetings": meetings.meetings,
    "agenda_items": meetings.agenda,
    "meeting_attendance": meetings.attendance,
    "meeting_documents": meetings.documents,
    "challenges": decisions.challenges,
    "challenge_evidence": decisions.evidence,
    "proposals": decisions.proposals,
    "decisions": decisions.decisions,
    "decision_votes": decisions.votes,
    "decision_amendments": decisions.amendments,
    "actions": decisions.actions,
    "action_milestones": decisions.milestones,
}
PERSONAL_TABLES: dict[str, Callable[[Context], Table]] = {
    "board_history": personal.change_history,
    "board_comments": personal.comments,
}
TABLE_NAMES = (*PUBLIC_TABLES, *PERSONAL_TABLES)
PUBLIC_TABLE_NAMES = tuple(PUBLIC_TABLES)


def tables(public: bool, include_personal_data: bool) -> list[Table]:
    """Every board table for `i4region export`."""
    personal = include_personal_data and not public
    c = Context(Board.objects.order_by("id"), public, personal)
    makers = {**PUBLIC_TABLES, **(PERSONAL_TABLES if personal else {})}
    return [make(c) for make in makers.values()]


def board_table(name: str, board: Board, public: bool, personal: bool = False) -> Table | None:
    """One table limited to one board, for the CSV links on its pages."""
    personal = personal and not public
    make = PUBLIC_TABLES.get(name) or (PERSONAL_TABLES.get(name) if personal else None)
    if make is None:
        return None
    return make(Context(Board.objects.filter(pk=board.pk), public, personal))
