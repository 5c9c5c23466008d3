"""Proposals: who files them in whose name, and their flow to a reasoned answer."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ..models import Board, Membership, Proposal, ProposalState
from .permissions import TransitionRefused, acting, active_membership, can_manage

PROPOSAL_FLOW = {
    ProposalState.DRAFT: {ProposalState.SUBMITTED, ProposalState.WITHDRAWN},
    ProposalState.SUBMITTED: {
        ProposalState.EVALUATING,
        ProposalState.ACCEPTED,
        ProposalState.REJECTED,
        ProposalState.WITHDRAWN,
    },
    ProposalState.EVALUATING: {
        ProposalState.ACCEPTED,
        ProposalState.REJECTED,
        ProposalState.WITHDRAWN,
    },
    ProposalState.ACCEPTED: set(),
    ProposalState.REJECTED: set(),
    ProposalState.WITHDRAWN: set(),
}
ANSWERED = {ProposalState.ACCEPTED, ProposalState.REJECTED}
STATE_VERBS = {
    ProposalState.DRAFT: "changed",
    ProposalState.SUBMITTED: "submitted",
    ProposalState.EVALUATING: "evaluation_started",
    ProposalState.ACCEPTED: "accepted",
    ProposalState.REJECTED: "rejected",
    ProposalState.WITHDRAWN: "withdrawn",
}


def file_proposal(
    board: Board, user, proposal: Proposal, on_behalf_of: Membership | None = None
) -> Proposal:
    """A member files in their own name; only the secretariat files on someone's behalf.

    The proposal keeps who filed it (`created_by`), so one filed on behalf shows as such.
    """
    seat = active_membership(user, board)
    if on_behalf_of is not None and not can_manage(user):
        if seat is None or on_behalf_of.pk != seat.pk:
            raise TransitionRefused(
                _(
                    "You can file a proposal only in your own name; the secretariat files on "
                    "someone's behalf."
                )
            )
    if on_behalf_of is not None and on_behalf_of.board_id != board.pk:
        raise TransitionRefused(_("This person is not a member of this board."))
    proposal.board = board
    proposal.created_by = user
    proposal.proposer_membership = on_behalf_of or (
        None if can_manage(user) and proposal.proposer_organisation_id else seat
    )
    note = ""
    if proposal.filed_on_behalf and proposal.proposer:
        note = _("Filed by %(who)s on behalf of %(proposer)s.") % {
            "who": user.get_full_name() or user.get_username(),
            "proposer": proposal.proposer,
        }
    proposal.full_clean()
    with transaction.atomic(), acting(user, "created", note):
        proposal.save()
    return proposal


def allowed_proposal_states(proposal: Proposal, user) -> list[str]:
    """The states this user may move the proposal to: authors submit or withdraw their own."""
    nexts = PROPOSAL_FLOW[proposal.state]
    if can_manage(user):
        return [s for s in ProposalState.values if s in nexts]
    if proposal.created_by_id == getattr(user, "pk", None):
        return [s for s in (ProposalState.SUBMITTED, ProposalState.WITHDRAWN) if s in nexts]
    return []


def transition_proposal(proposal: Proposal, user, state: str, answer: str = "") -> Proposal:
    """Move a proposal on; accepting or rejecting needs a reasoned answer."""
    if state not in PROPOSAL_FLOW[proposal.state]:
        wanted = ProposalState(state).label if state in ProposalState.values else state
        raise TransitionRefused(
            _("A proposal that is “%(current)s” cannot become “%(wanted)s”.")
            % {"current": proposal.get_state_display(), "wanted": wanted}
        )
    if user is not None and state not in allowed_proposal_states(proposal, user):
        raise TransitionRefused(_("You may not change the state of this proposal."))
    if state in ANSWERED and not answer.strip():
        raise TransitionRefused(
            _(
                "Give the reasons for the answer: accepting or rejecting a "
                "proposal needs a reasoned answer."
            )
        )
    proposal.state = state
    if answer.strip():
        proposal.answer = answer.strip()
    if state in ANSWERED:
        proposal.answered_at = timezone.now()
    with transaction.atomic(), acting(user, STATE_VERBS[state]):
        proposal.save()
    return proposal
