"""Tables of challenges, proposals, decisions and the actions that carry them out."""

import json

from i4region.core.exports import Column, Table, model_table

from ..models import (
    Action,
    Amendment,
    Challenge,
    Decision,
    Evidence,
    Milestone,
    Proposal,
    Vote,
)
from .common import SAMPLE, Context, ref, scope, texts


def challenges(c: Context) -> Table:
    return model_table(
        "challenges",
        "Challenges",
        Challenge,
        scope(Challenge, c.boards, c.public).order_by("id"),
        [
            "id",
            "board_id",
            *texts("title", "description"),
            "theme",
            "severity",
            "status",
            "identified_on",
            "published",
            SAMPLE,
        ],
    )


def evidence(c: Context) -> Table:
    return model_table(
        "challenge_evidence",
        "Indicator evidence of challenges",
        Evidence,
        scope(Evidence, c.boards, c.public, "challenge__board").select_related(
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


def proposals(c: Context) -> Table:
    return model_table(
        "proposals",
        "Proposals",
        Proposal,
        scope(Proposal, c.boards, c.public).prefetch_related("expected_indicators").order_by("id"),
        [
            "id",
            "board_id",
            "challenge_id",
            *texts("title", "description"),
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
            *texts("expected_effect"),
            Column(
                "expected_indicators",
                lambda p: "; ".join(i.code for i in p.expected_indicators.all()),
                "string",
                "Indicator codes it should move, separated by '; '",
            ),
            "cost_estimate",
            "currency",
            *texts("cost_note", "funding_idea"),
            "state",
            "answer",
            "answered_at",
            "published",
            "source_url",
            SAMPLE,
        ],
    )


def decisions(c: Context) -> Table:
    return model_table(
        "decisions",
        "Decisions",
        Decision,
        scope(Decision, c.boards, c.public).order_by("id"),
        [
            "id",
            "board_id",
            "meeting_id",
            "agenda_item_id",
            "proposal_id",
            *texts("title", "text"),
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


def votes(c: Context) -> Table:
    rows = Vote.objects.filter(decision__in=scope(Decision, c.boards, c.public))
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


def amendments(c: Context) -> Table:
    return model_table(
        "decision_amendments",
        "Amendments of decided decisions",
        Amendment,
        scope(Amendment, c.boards, c.public, "decision__board").order_by("id"),
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


def actions(c: Context) -> Table:
    rows = scope(Action, c.boards, c.public).select_related("owner", "owner_organisation")
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
            *texts("title"),
            "description",
            c.org("owner_organisation_id", "owner_organisation_id", "Organisation that owns it"),
            ref(
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


def milestones(c: Context) -> Table:
    actions = scope(Action, c.boards, c.public)
    return model_table(
        "action_milestones",
        "Milestones of actions",
        Milestone,
        Milestone.objects.filter(action__in=actions).order_by("action_id", "date", "id"),
        [
            "id",
            "action_id",
            Column("date", description="Due date of the milestone"),
            *texts("title"),
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
