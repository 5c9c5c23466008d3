"""The board's records in the one history (core.history): what each page shows of it."""

from __future__ import annotations

from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType

from i4region.core import history

from ..models import Action, Board, Challenge, Decision, Meeting

# A page shows its record's own changes and those of the parts listed here (the roll of a
# meeting, the votes on a decision…); the board's page shows everything filed under the board.
PARTS = {
    Meeting: ("attendance", "agenda_items", "documents"),
    Decision: ("votes",),
    Action: ("milestones",),
    Challenge: ("evidence",),
}


def history_of(obj, limit: int = 50) -> list[history.Entry]:
    """The record's changes and its parts' changes, newest first, ready for core/_history.html."""
    own = LogEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(obj), object_pk=str(obj.pk)
    )
    query = own
    for name in PARTS.get(type(obj), ()):
        related = getattr(obj, name)
        query = query | LogEntry.objects.filter(
            content_type=ContentType.objects.get_for_model(related.model),
            object_pk__in=[str(pk) for pk in related.values_list("pk", flat=True)],
        )
    records = query.select_related("actor", "content_type").order_by("-timestamp", "-id")[:limit]
    return history.render_all(
        records,
        lambda e: e.content_type.model_class() is not type(obj) or e.object_pk != str(obj.pk),
    )


def board_history(board: Board, limit: int = 500) -> list[history.Entry]:
    """Every change filed under the board, newest first."""
    return history.entries_for(board, with_children=True, limit=limit)
