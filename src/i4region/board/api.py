"""Open read API of the board workspace: only what the public transparency page shows."""

from datetime import date, datetime
from decimal import Decimal

from django.shortcuts import get_object_or_404
from ninja import Router, Schema

from . import services
from .models import Board

router = Router(tags=["board"])


class BoardOut(Schema):
    slug: str
    name_en: str
    name_lt: str
    kind: str
    founding_year: int | None
    is_sample: bool


class DecisionOut(Schema):
    id: int
    title: str
    text: str
    meeting_starts_at: datetime
    method: str
    vote_mode: str
    votes_for: int
    votes_against: int
    votes_abstain: int
    quorum_met: bool
    outcome: str
    state: str
    proposal_id: int | None
    is_sample: bool


class ActionOut(Schema):
    id: int
    decision_id: int | None
    parent_id: int | None
    title: str
    owner: str
    owner_organisation_id: int | None
    initiative_id: int | None
    due_date: date | None
    status: str
    overdue: bool
    progress: Decimal
    weight: Decimal
    is_sample: bool


@router.get("/boards/", response=list[BoardOut])
def boards(request):
    """Boards with a public transparency page."""
    return list(Board.objects.public())


@router.get("/boards/{slug}/decisions/", response=list[DecisionOut])
def decisions(request, slug: str):
    """Decisions adopted or rejected at meetings whose minutes are approved."""
    board = get_object_or_404(Board.objects.public(), slug=slug)
    return [
        DecisionOut(
            id=d.pk,
            title=d.title,
            text=d.text,
            meeting_starts_at=d.meeting.starts_at,
            method=d.method,
            vote_mode=d.vote_mode,
            votes_for=d.votes_for,
            votes_against=d.votes_against,
            votes_abstain=d.votes_abstain,
            quorum_met=d.quorum_met,
            outcome=d.outcome,
            state=d.state,
            proposal_id=d.proposal_id,
            is_sample=d.is_sample,
        )
        for d in board.decisions.public().select_related("meeting")
    ]


@router.get("/boards/{slug}/actions/", response=list[ActionOut])
def actions(request, slug: str):
    """Progress of the actions that published decisions commit to."""
    board = get_object_or_404(Board.objects.public(), slug=slug)
    return [
        ActionOut(
            id=a.pk,
            decision_id=a.decision_id,
            parent_id=a.parent_id,
            title=a.title,
            owner=a.owner_display,
            owner_organisation_id=a.owner_organisation_id,
            initiative_id=a.initiative_id,
            due_date=a.due_date,
            status=a.status,
            overdue=a.is_overdue,
            progress=a.progress,
            weight=a.weight,
            is_sample=a.is_sample,
        )
        for a in services.public_actions(board)
    ]
