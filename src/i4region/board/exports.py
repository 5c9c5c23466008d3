"""Open data of the board workspace: one CSV per table, every column defined in datapackage.json.

`public=True` keeps only what the transparency page shows: published boards, approved minutes,
approved decisions taken at meetings with approved minutes, the actions they commit to, and the
challenges and proposals marked published. The same tables serve the per-board CSV downloads.
"""

import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.db.models import QuerySet

from i4region.core.exports import Field, Table

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
    HistoryEntry,
    Meeting,
    MeetingDocument,
    Membership,
    Milestone,
    Proposal,
)


def F(name: str, type_: str, description: str) -> Field:
    return Field(name, type_, description)


ID = F("id", "integer", "Identifier of the row, stable between exports.")
SAMPLE = F(
    "is_sample",
    "boolean",
    "true for sample content (fictional people, meetings, decisions) shown as samples.",
)


@dataclass(frozen=True)
class Spec:
    title: str
    fields: tuple[Field, ...]
    rows: Callable[[QuerySet, bool], Iterable[tuple]]
    personal: bool = False  # only with include_personal_data, never public


def _public_meeting_ids(boards) -> set[int]:
    return set(
        Meeting.objects.filter(
            board__in=boards, board__published=True, minutes_status="approved"
        ).values_list("pk", flat=True)
    )


def _public_decision_ids(boards) -> set[int]:
    return set(
        Decision.objects.filter(
            board__in=boards, status="approved", meeting__in=_public_meeting_ids(boards)
        ).values_list("pk", flat=True)
    )


def _actions(boards, public):
    rows = (
        Action.objects.filter(board__in=boards)
        .select_related("decision__meeting__board", "parent", "owner", "initiative_type")
        .order_by("id")
    )
    return [a for a in rows if not public or services.is_public_action(a)]


def _boards(boards, public):
    for b in boards.select_related("parent", "region").prefetch_related("founders"):
        yield (
            b.pk,
            b.slug,
            b.name_en,
            b.name_lt,
            b.kind,
            b.parent_id,
            b.founding_year,
            b.founding_date,
            "; ".join(f.organisation_name for f in b.founders.all()),
            b.purpose_en,
            b.purpose_lt,
            b.decision_method,
            b.quorum_percent,
            b.region.code if b.region else None,
            b.published,
            b.source_url,
            b.is_sample,
        )


def _founders(boards, public):
    for f in Founder.objects.filter(board__in=boards).order_by("board_id", "position", "id"):
        yield f.pk, f.board_id, f.organisation_name, f.source_url


def _members(boards, public, personal=False):
    for m in Membership.objects.filter(board__in=boards).select_related("user").order_by("id"):
        row = (
            m.pk,
            m.board_id,
            m.person_name,
            m.organisation_name,
            m.position,
            m.sector,
            m.designated_on,
            m.ended_on,
            m.is_sample,
        )
        yield row + ((m.user.email if m.user_id else None,) if personal else ())


def _meetings(boards, public):
    rows = Meeting.objects.filter(board__in=boards).order_by("starts_at", "id")
    if public:
        rows = rows.filter(pk__in=_public_meeting_ids(boards))
    for m in rows:
        yield (
            m.pk,
            m.board_id,
            m.title,
            m.kind,
            m.mode,
            m.starts_at,
            m.ends_at,
            m.place,
            m.online_link,
            m.minutes_status,
            m.minutes_approved_at,
            m.minutes,
            m.is_sample,
        )


def _meeting_rows(model, boards, public):
    rows = model.objects.filter(meeting__board__in=boards).order_by("meeting_id", "id")
    if public:
        rows = rows.filter(meeting__in=_public_meeting_ids(boards))
    return rows


def _agenda(boards, public):
    items = list(_meeting_rows(AgendaItem, boards, public))
    by_meeting: dict[int, list] = {}
    for item in items:
        by_meeting.setdefault(item.meeting_id, []).append(item)
    for meeting_items in by_meeting.values():
        for item, number, _depth in services.agenda_tree(meeting_items):
            yield (
                item.pk,
                item.meeting_id,
                item.parent_id,
                item.position,
                number,
                item.title,
                item.description,
                item.duration_minutes,
            )


def _attendance(boards, public):
    for a in _meeting_rows(Attendance, boards, public):
        yield a.pk, a.meeting_id, a.membership_id, a.guest_name, a.guest_organisation, a.status


def _documents(boards, public):
    for d in _meeting_rows(MeetingDocument, boards, public):
        yield d.pk, d.meeting_id, d.title, d.url


def _challenges(boards, public):
    rows = Challenge.objects.filter(board__in=boards).order_by("id")
    if public:
        rows = rows.filter(published=True, board__published=True)
    for c in rows:
        yield (
            c.pk,
            c.board_id,
            c.title_en,
            c.title_lt,
            c.description_en,
            c.description_lt,
            c.theme,
            c.severity,
            c.status,
            c.identified_on,
            c.published,
            c.is_sample,
        )


def _evidence(boards, public):
    rows = (
        Evidence.objects.filter(challenge__board__in=boards)
        .select_related("indicator", "region")
        .order_by("id")
    )
    if public:
        rows = rows.filter(challenge__published=True, challenge__board__published=True)
    for e in rows:
        yield e.pk, e.challenge_id, e.indicator.code, e.region.code, e.baseline_period, e.note


def _proposals(boards, public):
    rows = (
        Proposal.objects.filter(board__in=boards)
        .prefetch_related("expected_indicators")
        .order_by("id")
    )
    if public:
        rows = rows.filter(published=True, board__published=True)
    for p in rows:
        yield (
            p.pk,
            p.board_id,
            p.challenge_id,
            p.title,
            p.description,
            p.proposer_membership_id,
            p.proposer_organisation_name,
            p.expected_effect,
            "; ".join(i.code for i in p.expected_indicators.all()),
            p.cost_estimate,
            p.currency,
            p.cost_note,
            p.funding_idea,
            p.state,
            p.answer,
            p.answered_at,
            p.published,
            p.source_url,
            p.is_sample,
        )


def _decisions(boards, public):
    rows = Decision.objects.filter(board__in=boards).order_by("id")
    if public:
        rows = rows.filter(pk__in=_public_decision_ids(boards))
    for d in rows:
        yield (
            d.pk,
            d.board_id,
            d.meeting_id,
            d.agenda_item_id,
            d.proposal_id,
            d.title,
            d.text,
            d.method,
            d.votes_for,
            d.votes_against,
            d.votes_abstain,
            d.members_present,
            d.voting_members,
            d.quorum_met,
            d.outcome,
            d.status,
            d.approved_at,
            d.is_sample,
        )


def _amendments(boards, public):
    rows = Amendment.objects.filter(decision__board__in=boards).order_by("id")
    if public:
        rows = rows.filter(decision__in=_public_decision_ids(boards))
    for a in rows:
        yield (
            a.pk,
            a.decision_id,
            a.meeting_id,
            a.reason,
            json.dumps(a.changes, ensure_ascii=False, sort_keys=True),
            a.created_at,
        )


def _action_rows(boards, public):
    for a in _actions(boards, public):
        yield (
            a.pk,
            a.board_id,
            a.decision_id,
            a.parent_id,
            a.title,
            a.description,
            a.owner_display,
            a.start_date,
            a.due_date,
            a.status,
            a.progress,
            a.weight,
            f"{a.initiative_type.app_label}.{a.initiative_type.model}"
            if a.initiative_type_id
            else None,
            a.initiative_id,
            a.is_sample,
        )


def _milestones(boards, public):
    allowed = {a.pk for a in _actions(boards, public)}
    for m in Milestone.objects.filter(action_id__in=allowed).order_by("action_id", "date", "id"):
        yield m.pk, m.action_id, m.date, m.title, m.description, m.done


def _history(boards, public):
    for h in (
        HistoryEntry.objects.filter(board__in=boards).select_related("target_type").order_by("id")
    ):
        yield (
            h.pk,
            h.board_id,
            h.target_type.model,
            h.target_id,
            h.target_label,
            h.user_name,
            h.at,
            h.verb,
            json.dumps(h.changes, ensure_ascii=False, sort_keys=True),
            h.note,
        )


def _comments(boards, public):
    for c in Comment.objects.filter(board__in=boards).select_related("target_type").order_by("id"):
        yield (
            c.pk,
            c.board_id,
            c.target_type.model,
            c.target_id,
            c.author_name,
            c.created_at,
            c.text,
        )


BOARD_ID = F("board_id", "integer", "The board (boards.csv id).")
MEETING_ID = F("meeting_id", "integer", "The meeting (meetings.csv id).")

SPECS: dict[str, Spec] = {
    "boards": Spec(
        "Boards and working groups",
        (
            ID,
            F("slug", "string", "Short name used in addresses."),
            F("name_en", "string", "Name in English."),
            F("name_lt", "string", "Name in Lithuanian."),
            F("type", "string", "advisory, consultative or working_group."),
            F("parent_id", "integer", "The board this working group belongs to (boards.csv id)."),
            F("founding_year", "year", "Year the board was founded."),
            F("founding_date", "date", "Founding date, when the exact day is known."),
            F("founders", "string", "Organisations that set the board up, separated by '; '."),
            F("purpose_en", "string", "Purpose in English."),
            F("purpose_lt", "string", "Purpose in Lithuanian."),
            F("decision_method", "string", "Usual decision method: consensus or vote."),
            F(
                "quorum_percent",
                "integer",
                "Share of voting members (observers excluded) who must "
                "be present for a quorum, in %.",
            ),
            F("region_code", "string", "NUTS or municipality code of the region the board serves."),
            F("published", "boolean", "Whether the board has a public transparency page."),
            F("source_url", "string", "Where the facts about the board come from."),
            SAMPLE,
        ),
        _boards,
    ),
    "board_founders": Spec(
        "Founders of the boards",
        (
            ID,
            BOARD_ID,
            F("organisation_name", "string", "Founding organisation (plain name)."),
            F("source_url", "string", "Source of the fact."),
        ),
        _founders,
    ),
    "board_members": Spec(
        "Board membership",
        (
            ID,
            BOARD_ID,
            F("person_name", "string", "Member's name."),
            F("organisation_name", "string", "Organisation the member comes from (plain name)."),
            F("position", "string", "chair, vice_chair, secretary, member or observer."),
            F(
                "sector",
                "string",
                "Sector represented: business, education, research, public, ngo.",
            ),
            F("designated_on", "date", "Designation date."),
            F("ended_on", "date", "End of membership; empty while the member serves."),
            SAMPLE,
        ),
        _members,
    ),
    "meetings": Spec(
        "Meetings",
        (
            ID,
            BOARD_ID,
            F("title", "string", "Title."),
            F("type", "string", "ordinary, extraordinary or workshop."),
            F("format", "string", "in_person, online or hybrid."),
            F("starts_at", "datetime", "Start (UTC)."),
            F("ends_at", "datetime", "End (UTC)."),
            F("place", "string", "Place."),
            F("online_link", "string", "Link for online attendance."),
            F("minutes_status", "string", "draft, circulated or approved."),
            F("minutes_approved_at", "datetime", "When the minutes were approved (UTC)."),
            F("minutes", "string", "Text of the minutes."),
            SAMPLE,
        ),
        _meetings,
    ),
    "agenda_items": Spec(
        "Agenda items",
        (
            ID,
            MEETING_ID,
            F("parent_id", "integer", "The item this one is nested under."),
            F("position", "integer", "Order among its siblings."),
            F("number", "string", "Number in the agenda, e.g. 2.1."),
            F("title", "string", "Title."),
            F("description", "string", "Description."),
            F("duration_minutes", "integer", "Planned duration in minutes."),
        ),
        _agenda,
    ),
    "meeting_attendance": Spec(
        "Meeting attendance",
        (
            ID,
            MEETING_ID,
            F("member_id", "integer", "The member (board_members.csv id); empty for guests."),
            F("guest_name", "string", "Guest's name."),
            F("guest_organisation", "string", "Guest's organisation."),
            F("status", "string", "present, excused or absent."),
        ),
        _attendance,
    ),
    "meeting_documents": Spec(
        "Meeting documents",
        (ID, MEETING_ID, F("title", "string", "Title."), F("url", "string", "Link.")),
        _documents,
    ),
    "challenges": Spec(
        "Challenges",
        (
            ID,
            BOARD_ID,
            F("title_en", "string", "Title in English."),
            F("title_lt", "string", "Title in Lithuanian."),
            F("description_en", "string", "Description in English."),
            F("description_lt", "string", "Description in Lithuanian."),
            F("theme", "string", "Theme."),
            F("severity", "string", "low, medium, high or critical."),
            F("status", "string", "open, addressed, resolved or closed."),
            F("identified_on", "date", "When the board identified it."),
            F("published", "boolean", "Shown on the public page."),
            SAMPLE,
        ),
        _challenges,
    ),
    "challenge_evidence": Spec(
        "Indicator evidence of challenges",
        (
            ID,
            F("challenge_id", "integer", "The challenge (challenges.csv id)."),
            F("indicator_code", "string", "Observatory indicator code."),
            F("region_code", "string", "NUTS or municipality code."),
            F(
                "baseline_period",
                "string",
                "Period from which the indicator's movement is measured.",
            ),
            F("note", "string", "Note."),
        ),
        _evidence,
    ),
    "proposals": Spec(
        "Proposals",
        (
            ID,
            BOARD_ID,
            F("challenge_id", "integer", "The challenge it answers."),
            F("title", "string", "Title."),
            F("description", "string", "Description."),
            F("proposer_member_id", "integer", "Proposing member (board_members.csv id)."),
            F("proposer_organisation_name", "string", "Proposing organisation (plain name)."),
            F("expected_effect", "string", "Expected effect."),
            F(
                "expected_indicators",
                "string",
                "Indicator codes it should move, separated by '; '.",
            ),
            F("cost_estimate", "number", "Cost estimate in the stated currency."),
            F("currency", "string", "ISO 4217 currency of the cost estimate."),
            F("cost_note", "string", "What the cost estimate covers."),
            F("funding_idea", "string", "How it could be funded."),
            F("state", "string", "draft, submitted, evaluating, accepted, rejected or withdrawn."),
            F("answer", "string", "Reasoned answer."),
            F("answered_at", "datetime", "When it was answered (UTC)."),
            F("published", "boolean", "Shown on the public page."),
            F("source_url", "string", "Source of the facts it quotes."),
            SAMPLE,
        ),
        _proposals,
    ),
    "decisions": Spec(
        "Decisions",
        (
            ID,
            BOARD_ID,
            MEETING_ID,
            F("agenda_item_id", "integer", "Agenda item it was taken under."),
            F(
                "proposal_id",
                "integer",
                "The proposal decided on; empty for a decision on its own.",
            ),
            F("title", "string", "Title."),
            F("text", "string", "Text of the decision."),
            F("method", "string", "consensus or vote."),
            F("votes_for", "integer", "Votes for."),
            F("votes_against", "integer", "Votes against."),
            F("votes_abstain", "integer", "Abstentions."),
            F("members_present", "integer", "Voting members present."),
            F("voting_members", "integer", "Voting members of the board on the meeting day."),
            F("quorum_met", "boolean", "Whether the meeting had a quorum."),
            F("outcome", "string", "adopted, rejected or deferred."),
            F(
                "status",
                "string",
                "draft or approved; approved decisions change only by amendment.",
            ),
            F("approved_at", "datetime", "When it was approved (UTC)."),
            SAMPLE,
        ),
        _decisions,
    ),
    "decision_amendments": Spec(
        "Amendments of approved decisions",
        (
            ID,
            F("decision_id", "integer", "The decision (decisions.csv id)."),
            MEETING_ID,
            F("reason", "string", "Reason for the amendment."),
            F("changes", "string", "JSON: each changed field with [before, after]."),
            F("created_at", "datetime", "When it was recorded (UTC)."),
        ),
        _amendments,
    ),
    "actions": Spec(
        "Actions and results",
        (
            ID,
            BOARD_ID,
            F("decision_id", "integer", "The decision it carries out (decisions.csv id)."),
            F(
                "parent_id",
                "integer",
                "The parent action (actions.csv id); its progress is the "
                "weighted mean of its children's.",
            ),
            F("title", "string", "Title."),
            F("description", "string", "Description."),
            F("owner", "string", "Owner: a person or an organisation."),
            F("start_date", "date", "Start date."),
            F("due_date", "date", "Due date."),
            F("status", "string", "not_started, on_track, at_risk, off_track, done or dropped."),
            F("progress", "number", "Progress in % (0-100)."),
            F("weight", "number", "Weight in the parent's progress."),
            F("initiative_type", "string", "Kind of the initiative it feeds (app.model)."),
            F("initiative_id", "integer", "Identifier of that initiative."),
            SAMPLE,
        ),
        _action_rows,
    ),
    "action_milestones": Spec(
        "Milestones of actions",
        (
            ID,
            F("action_id", "integer", "The action (actions.csv id)."),
            F("date", "date", "Date."),
            F("title", "string", "Title."),
            F("description", "string", "Description."),
            F("done", "boolean", "Reached."),
        ),
        _milestones,
    ),
    "board_history": Spec(
        "History of changes in the board workspace",
        (
            ID,
            BOARD_ID,
            F("target_type", "string", "Kind of record changed."),
            F("target_id", "integer", "Identifier of the record changed."),
            F("target_label", "string", "The record's title at the time."),
            F("user_name", "string", "Who changed it."),
            F("at", "datetime", "When (UTC)."),
            F("verb", "string", "What kind of change."),
            F("changes", "string", "JSON: each changed field with [before, after]."),
            F("note", "string", "Reason or note."),
        ),
        _history,
        personal=True,
    ),
    "board_comments": Spec(
        "Comments of board members",
        (
            ID,
            BOARD_ID,
            F("target_type", "string", "Kind of record commented on."),
            F("target_id", "integer", "Identifier of that record."),
            F("author_name", "string", "Author."),
            F("created_at", "datetime", "When (UTC)."),
            F("text", "string", "Comment."),
        ),
        _comments,
        personal=True,
    ),
}

TABLE_NAMES = tuple(SPECS)
PUBLIC_TABLE_NAMES = tuple(n for n, s in SPECS.items() if not s.personal)
EMAIL = F("user_email", "string", "E-mail of the member's account (personal data).")


def _table(name: str, boards: QuerySet, public: bool, personal: bool) -> Table:
    spec = SPECS[name]
    fields = spec.fields
    if name == "board_members" and personal:
        fields = (*fields, EMAIL)
        return Table(name, spec.title, fields, list(_members(boards, public, personal=True)))
    return Table(name, spec.title, fields, list(spec.rows(boards, public)))


def tables(public: bool, include_personal_data: bool) -> list[Table]:
    """Every board table for `i4region export`."""
    boards = Board.objects.order_by("id")
    if public:
        boards = boards.filter(published=True)
    personal = include_personal_data and not public
    return [
        _table(n, boards, public, personal) for n, s in SPECS.items() if not s.personal or personal
    ]


def board_table(name: str, board: Board, public: bool, personal: bool = False) -> Table | None:
    """One table limited to one board, for the CSV links on its pages."""
    if name not in SPECS or (public and SPECS[name].personal):
        return None
    return _table(name, Board.objects.filter(pk=board.pk), public, personal and not public)
