"""Open read API of the board workspace: only what the public transparency page shows."""

from datetime import date, datetime
from decimal import Decimal

from django.shortcuts import get_object_or_404
from ninja import Field, Router, Schema

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
    meeting_starts_at: datetime = Field(alias="meeting.starts_at")
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
    owner: str = Field(alias="owner_display")
    owner_organisation_id: int | None
    initiative_id: int | None
    due_date: date | None
    status: str
    overdue: bool = Field(alias="is_overdue")
    progress: Decimal
    weight: Decimal
    is_sample: bool


@router.get("/boards/", response=list[BoardOut])
def boards(request):
    """Boards with a public transparency page."""
    return list(Board.objects.public())


def public_board(slug: str) -> Board:
    return get_object_or_404(Board.objects.public(), slug=slug)


@router.get("/boards/{slug}/decisions/", response=list[DecisionOut])
def decisions(request, slug: str):
    """Decisions adopted or rejected at meetings whose minutes are approved."""
    return public_board(slug).decisions.public().select_related("meeting")


@router.get("/boards/{slug}/actions/", response=list[ActionOut])
def actions(request, slug: str):
    """Progress of the actions that published decisions commit to."""
    return services.public_actions(public_board(slug))
