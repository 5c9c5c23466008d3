"""Personal-data tables (only on request, never public): the history and members' comments."""

import json

from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType

from i4region.core import history
from i4region.core.exports import Column, Field, Table, model_table

from ..models import Board, Comment
from .common import Context


def change_history(c: Context) -> Table:
    keys = [history.key_of(b) for b in c.boards]
    rows = (
        LogEntry.objects.filter(additional_data__parent__in=keys)
        | LogEntry.objects.filter(
            content_type=ContentType.objects.get_for_model(Board),
            object_pk__in=[str(b.pk) for b in c.boards],
        )
    ).select_related("content_type", "actor")

    def board_id(e):
        parent = (e.additional_data or {}).get("parent", "")
        return int(parent.split(":")[1]) if parent else int(e.object_pk)

    return Table(
        "board_history",
        "History of changes in the board workspace",
        [
            Field("id", "integer", "Row of the history"),
            Field("board_id", "integer", "The board (boards.csv id)"),
            Field("target_type", "string", "Kind of record changed"),
            Field("target_id", "integer", "The record changed"),
            Field("target_label", "string", "Its title at the time"),
            Field("user_name", "string", "Who changed it"),
            Field("at", "datetime", "When (UTC)"),
            Field("verb", "string", "What kind of change"),
            Field("changes", "string", "JSON: each changed field with [before, after]"),
            Field("note", "string", "Reason or note"),
        ],
        (
            (
                e.pk,
                board_id(e),
                e.content_type.model,
                int(e.object_pk),
                e.object_repr,
                e.actor.get_username() if e.actor else "i4region",
                e.timestamp,
                (e.additional_data or {}).get("verb")
                or history.ACTION_VERBS.get(e.action, "changed"),
                json.dumps(e.changes_dict, ensure_ascii=False, sort_keys=True),
                (e.additional_data or {}).get("note", ""),
            )
            for e in rows.order_by("id")
        ),
    )


def comments(c: Context) -> Table:
    return model_table(
        "board_comments",
        "Comments of board members",
        Comment,
        Comment.objects.filter(board__in=c.boards).select_related("target_type").order_by("id"),
        [
            "id",
            "board_id",
            Column("target_type", "target_type.model", "string", "Kind of record commented on"),
            Column("target_id", type="integer", description="Identifier of that record"),
            Column("author_name", type="string", description="Author"),
            Column("created_at", type="datetime", description="When (UTC)"),
            "text",
        ],
    )
