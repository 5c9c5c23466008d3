"""Open data of the board workspace: one table per model through core.exports.model_table.

`public=True` keeps what the transparency page shows: each model's own `public()` rule. An id
that points into another table (organisation_id, initiative_id) is given only when that record
is in the same export, so every reference resolves.
"""

import json
from collections.abc import Callable

from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.db.models import QuerySet
from django.utils import timezone

from i4region.core import history
from i4region.core.exports import Column, Field, Table, model_table

from . import services
from .models import (
    Action,
    AgendaItem,
    Amendment,
    Attendance,
    Board,
    Challenge,
    Comment,
    Decision,
    Evidence,
    Founder,
    Meeting,
    MeetingDocument,
    Membership,
    Milestone,
    Proposal,
    Vote,
)


def _visible_ids(model, public: bool) -> set[int] | None:
    """Ids of another app's records a public export may name (None: every one)."""
    if not public:
        return None
    rows = model._default_manager.all()
    rows = rows.public() if hasattr(rows, "public") else rows.filter(published=True)
    return set(rows.values_list("pk", flat=True))


def _ref(name: str, attr: str, ids: set[int] | None, description: str) -> Column:
    def get(obj):
        value = getattr(obj, attr)
        return value if ids is None or value in ids else None

    return Column(name, get, "integer", description)


def _scope(model, boards: QuerySet, public: bool, path: str = "board") -> QuerySet:
    rows = model._default_manager.filter(**{f"{path}__in": boards})
    return rows.public() if public and hasattr(rows, "public") else rows


SAMPLE = Column(
    "is_sample",
    description="true for sample content (fictional people, meetings, decisions) shown as samples",
)


class Context:
    """What every table of one export shares: the boards, the scope, the foreign id sets."""

    def __init__(self, boards: QuerySet, public: bool, personal: bool):
        from i4region.initiatives.models import Initiative
        from i4region.stakeholders.models import Organisation

        self.boards, self.public, self.personal = boards, public, personal
        self.orgs = _visible_ids(Organisation, public)
        self.initiatives = _visible_ids(Initiative, public)
        self.today = timezone.localdate()

    def org(self, name: str, attr: str, description: str) -> Column:
        return _ref(name, attr, self.orgs, description + " (organisations.csv id)")


def _boards(c: Context) -> Table:
    rows = (c.boards.public() if c.public else c.boards).prefetch_related("founders__organisation")
    return model_table(
        "boards",
        "Boards and working groups",
        Board,
        rows.select_related("region"),
        [
            "id",
            "slug",
            "name_en",
            "name_lt",
            Column("type", "kind"),
            "parent_id",
            Column("founding_year", type="year"),
            "founding_date",
            Column(
                "founders",
                lambda b: "; ".join(str(f) for f in b.founders.all()),
                "string",
                "Organisations that set the board up, separated by '; '",
            ),
            "purpose_en",
            "purpose_lt",
            "decision_method",
            "quorum_percent",
            Column("region_code", "region.code", "string", "NUTS code of the region it serves"),
            "published",
            "source_url",
            SAMPLE,
        ],
    )


def _founders(c: Context) -> Table:
    return model_table(
        "board_founders",
        "Founders of the boards",
        Founder,
        Founder.objects.filter(
            board__in=c.boards.public() if c.public else c.boards
        ).select_related("organisation"),
        [
            "id",
            "board_id",
            c.org("organisation_id", "organisation_id", "Founding organisation"),
            Column("organisation_name", "organisation.name", "string", "Its name"),
            "role",
            "source_url",
        ],
    )


def _members(c: Context) -> Table:
    boards = c.boards.public() if c.public else c.boards
    columns = [
        "id",
        "board_id",
        "person_name",
        c.org("organisation_id", "organisation_id", "Organisation the member comes from"),
        Column("organisation_name", "organisation.name", "string", "Its name"),
        "position",
        "sector",
        "designated_on",
        "ended_on",
        SAMPLE,
    ]
    if c.personal:
        columns.append(
            Column("user_email", "user.email", "string", "E-mail of the member's account")
        )
    return model_table(
        "board_members",
        "Board membership",
        Membership,
        Membership.objects.filter(board__in=boards).select_related("organisation", "user"),
        columns,
    )


def _meetings(c: Context) -> Table:
    return model_table(
        "meetings",
        "Meetings",
        Meeting,
        _scope(Meeting, c.boards, c.public).order_by("starts_at", "id"),
        [
            "id",
            "board_id",
            "title",
            Column("type", "kind"),
            Column("format", "mode"),
            "starts_at",
            "ends_at",
            "place",
            "online_link",
            "minutes_status",
            "minutes_approved_at",
            "minutes",
            SAMPLE,
        ],
    )


def _agenda(c: Context) -> Table:
    items = list(_scope(AgendaItem, c.boards, c.public, "meeting__board"))
    numbered = []
    by_meeting: dict[int, list] = {}
    for item in items:
        by_meeting.setdefault(item.meeting_id, []).append(item)
    for meeting_items in by_meeting.values():
        for item, number, _depth in services.agenda_tree(meeting_items):
            item.number = number
            numbered.append(item)
    return model_table(
        "agenda_items",
        "Agenda items",
        AgendaItem,
        numbered,
        [
            "id",
            "meeting_id",
            "parent_id",
            "position",
            Column("number", type="string", description="Number in the agenda, e.g. 2.1"),
            "title",
            "description",
            "duration_minutes",
        ],
    )


def _attendance_rows(c: Context):
    """One row per member and meeting (the roll, "not_recorded" where it is missing), then guests."""
    meetings = _scope(Meeting, c.boards, c.public).order_by("starts_at", "id")
    for meeting in meetings.select_related("board"):
        recorded = {a.membership_id: a for a in meeting.attendance.all()}
        for seat in services.members_on_roll(meeting):
            yield recorded.get(seat.pk) or Attendance(
                meeting=meeting, membership=seat, status="not_recorded"
            )
        yield from (a for a in recorded.values() if a.membership_id is None)


def _attendance(c: Context) -> Table:
    return model_table(
        "meeting_attendance",
        "Meeting attendance: every member on each meeting's day, and guests",
        Attendance,
        _attendance_rows(c),
        [
            Column("id", type="integer", description="Row of the roll; empty where not recorded"),
            "meeting_id",
            Column(
                "member_id",
                "membership_id",
                "integer",
                "The member (board_members.csv id); empty for guests",
            ),
            "guest_name",
            c.org("guest_organisation_id", "guest_organisation_id", "Guest's organisation"),
            Column(
                "status",
                type="string",
                description="present, excused, absent, proxy or not_recorded",
            ),
            "proxy_name",
        ],
    )


def _documents(c: Context) -> Table:
    return model_table(
        "meeting_documents",
        "Meeting documents",
        MeetingDocument,
        _scope(MeetingDocument, c.boards, c.public, "meeting__board"),
        ["id", "meeting_id", "title", "url"],
    )


def _challenges(c: Context) -> Table:
    return model_table(
        "challenges",
        "Challenges",
        Challenge,
        _scope(Challenge, c.boards, c.public).order_by("id"),
        [
            "id",
            "board_id",
            "title_en",
            "title_lt",
            "description_en",
            "description_lt",
            "theme",
            "severity",
            "status",
            "identified_on",
            "published",
            SAMPLE,
        ],
    )


def _evidence(c: Context) -> Table:
    return model_table(
        "challenge_evidence",
        "Indicator evidence of challenges",
        Evidence,
        _scope(Evidence, c.boards, c.public, "challenge__board").select_related(
            "indicator", "region"
        ),
        [
            "id",
            "challenge_id",
            Column("indicator_code", "indicator.code", "string", "Observatory indicator code"),
            Column("region_code", "region.code", "string", "NUTS or municipality code"),
            "baseline_period",
            "note",
        ],
    )


def _proposals(c: Context) -> Table:
    return model_table(
        "proposals",
        "Proposals",
        Proposal,
        _scope(Proposal, c.boards, c.public).prefetch_related("expected_indicators").order_by("id"),
        [
            "id",
            "board_id",
            "challenge_id",
            "title",
            "description",
            Column(
                "proposer_member_id",
                "proposer_membership_id",
                "integer",
                "Proposing member (board_members.csv id)",
            ),
            c.org("proposer_organisation_id", "proposer_organisation_id", "Proposing organisation"),
            Column(
                "filed_on_behalf",
                lambda p: p.filed_on_behalf,
                "boolean",
                "Filed by the secretariat on the proposer's behalf",
            ),
            "expected_effect",
            Column(
                "expected_indicators",
                lambda p: "; ".join(i.code for i in p.expected_indicators.all()),
                "string",
                "Indicator codes it should move, separated by '; '",
            ),
            "cost_estimate",
            "currency",
            "cost_note",
            "funding_idea",
            "state",
            "answer",
            "answered_at",
            "published",
            "source_url",
            SAMPLE,
        ],
    )


def _decisions(c: Context) -> Table:
    return model_table(
        "decisions",
        "Decisions",
        Decision,
        _scope(Decision, c.boards, c.public).order_by("id"),
        [
            "id",
            "board_id",
            "meeting_id",
            "agenda_item_id",
            "proposal_id",
            "title",
            "text",
            Column(
                "method",
                description="simple_majority, absolute_majority, two_thirds, consensus or "
                "information",
            ),
            Column(
                "vote_mode",
                description="roll_call (members voted online) or tally (typed by the "
                "secretariat); empty without a vote",
            ),
            "votes_for",
            "votes_against",
            "votes_abstain",
            "members_present",
            "voting_members",
            "quorum_met",
            Column(
                "outcome",
                lambda d: d.outcome,
                "string",
                "adopted or rejected, computed from the votes, the method and the quorum; "
                "empty until decided",
            ),
            Column("state", description="draft, voting, adopted, rejected or withdrawn"),
            "decided_at",
            SAMPLE,
        ],
    )


def _votes(c: Context) -> Table:
    rows = Vote.objects.filter(decision__in=_scope(Decision, c.boards, c.public))
    return model_table(
        "decision_votes",
        "Members' roll-call votes",
        Vote,
        rows.order_by("decision_id", "id"),
        [
            "id",
            "decision_id",
            Column("member_id", "membership_id", "integer", "The member (board_members.csv id)"),
            "choice",
        ],
    )


def _amendments(c: Context) -> Table:
    return model_table(
        "decision_amendments",
        "Amendments of decided decisions",
        Amendment,
        _scope(Amendment, c.boards, c.public, "decision__board").order_by("id"),
        [
            "id",
            "decision_id",
            "meeting_id",
            "reason",
            Column(
                "changes",
                lambda a: json.dumps(a.changes, ensure_ascii=False, sort_keys=True),
                "string",
                "JSON: each changed field with [before, after]",
            ),
            "created_at",
        ],
    )


def _actions(c: Context) -> Table:
    rows = _scope(Action, c.boards, c.public).select_related("owner", "owner_organisation")
    return model_table(
        "actions",
        "Actions and results",
        Action,
        rows.order_by("id"),
        [
            "id",
            "board_id",
            Column("decision_id", description="The decision it implements (decisions.csv id)"),
            Column("parent_id", description="The action it is part of (actions.csv id)"),
            "title",
            "description",
            c.org("owner_organisation_id", "owner_organisation_id", "Organisation that owns it"),
            _ref(
                "initiative_id",
                "initiative_id",
                c.initiatives,
                "The initiative it belongs to (initiatives.csv id)",
            ),
            "start_date",
            "due_date",
            "status",
            Column(
                "overdue",
                lambda a: a.days_late(c.today) > 0,
                "boolean",
                "Past the due date and neither done nor dropped, as of the export date",
            ),
            Column(
                "days_late",
                lambda a: a.days_late(c.today),
                "integer",
                "Days past the due date as of the export date (0 when not late)",
            ),
            "progress",
            "weight",
            SAMPLE,
        ],
    )


def _milestones(c: Context) -> Table:
    actions = _scope(Action, c.boards, c.public)
    return model_table(
        "action_milestones",
        "Milestones of actions",
        Milestone,
        Milestone.objects.filter(action__in=actions).order_by("action_id", "date", "id"),
        [
            "id",
            "action_id",
            Column("date", description="Due date of the milestone"),
            "title",
            "description",
            "done",
            Column(
                "overdue",
                lambda m: m.days_late(c.today) > 0,
                "boolean",
                "Past its date and not reached, as of the export date",
            ),
        ],
    )


def _history(c: Context) -> Table:
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


def _comments(c: Context) -> Table:
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


PUBLIC_TABLES: dict[str, Callable[[Context], Table]] = {
    "boards": _boards,
    "board_founders": _founders,
    "board_members": _members,
    "meetings": _meetings,
    "agenda_items": _agenda,
    "meeting_attendance": _attendance,
    "meeting_documents": _documents,
    "challenges": _challenges,
    "challenge_evidence": _evidence,
    "proposals": _proposals,
    "decisions": _decisions,
    "decision_votes": _votes,
    "decision_amendments": _amendments,
    "actions": _actions,
    "action_milestones": _milestones,
}
PERSONAL_TABLES: dict[str, Callable[[Context], Table]] = {
    "board_history": _history,
    "board_comments": _comments,
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
