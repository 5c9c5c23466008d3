"""Decisions: one source of votes per decision, outcomes computed from the votes and the quorum.

A decision taken by vote opens voting in one mode — a roll-call (each voting member votes once
online, the figures are counted from the votes) or a tally the secretariat types — never both.
Changing the mode clears the figures, and the history keeps what they were. Closing the vote
computes the outcome from the method; the secretariat cannot record one the votes contradict.
"""

from __future__ import annotations

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from ..models import (
    DECIDED,
    VOTED_METHODS,
    Amendment,
    Decision,
    DecisionMethod,
    DecisionState,
    Meeting,
    NotificationKind,
    ProposalState,
    Vote,
    VoteChoice,
    VoteMode,
)
from .meetings import Quorum, quorum
from .notifications import notify
from .permissions import TransitionRefused, acting, can_manage, current_members, voting_seat
from .proposals import transition_proposal


def count_quorum(decision: Decision) -> Quorum:
    """Store the meeting's quorum on the decision (not saved here)."""
    q = quorum(decision.meeting)
    decision.members_present, decision.voting_members, decision.quorum_met = (
        q.present,
        q.voting_members,
        q.met,
    )
    return q


def _no_quorum(q: Quorum) -> TransitionRefused:
    return TransitionRefused(
        _(
            "No quorum: %(present)d of %(voting)d voting members were present, %(required)d "
            "are needed."
        )
        % {"present": q.present, "voting": q.voting_members, "required": q.required}
    )


def outcome_of(method: str, votes_for: int, votes_against: int, voting_members: int) -> str | None:
    """The outcome the votes give under `method`; None where the board states it (consensus).

    - simple majority: more votes for than against (abstentions are not votes cast; a tie fails);
    - absolute majority: votes for from more than half of all voting members;
    - two-thirds: votes for are at least two thirds of the votes cast (for + against);
    - information: nothing to decide, the board takes note (recorded as adopted).
    """
    if method == DecisionMethod.SIMPLE_MAJORITY:
        adopted = votes_for > votes_against
    elif method == DecisionMethod.ABSOLUTE_MAJORITY:
        adopted = votes_for * 2 > voting_members
    elif method == DecisionMethod.TWO_THIRDS:
        cast = votes_for + votes_against
        adopted = cast > 0 and votes_for * 3 >= cast * 2
    elif method == DecisionMethod.INFORMATION:
        return DecisionState.ADOPTED
    else:
        return None
    return DecisionState.ADOPTED if adopted else DecisionState.REJECTED


def save_draft(decision: Decision, user) -> Decision:
    """Create or change a draft decision (title, text, method, meeting…): no votes here."""
    if decision.pk:
        stored = Decision.objects.get(pk=decision.pk)
        if stored.state != DecisionState.DRAFT:
            raise TransitionRefused(
                _("Only a draft decision is edited here; this one is “%(state)s”.")
                % {"state": stored.get_state_display()}
            )
    count_quorum(decision)
    decision.full_clean()
    with transaction.atomic(), acting(user, "changed" if decision.pk else "created"):
        decision.save()
    return decision


def open_voting(decision: Decision, user, mode: str) -> Decision:
    """Open the vote in one mode: roll-call (members vote online) or a secretariat tally."""
    if decision.state != DecisionState.DRAFT:
        raise TransitionRefused(_("Voting opens only on a draft decision."))
    if decision.method not in VOTED_METHODS:
        raise TransitionRefused(
            _("This decision is taken by “%(method)s”: there is no vote to open.")
            % {"method": decision.get_method_display()}
        )
    if mode not in VoteMode.values:
        raise TransitionRefused(_("Choose a roll-call or a tally."))
    count_quorum(decision)
    decision.state, decision.vote_mode = DecisionState.VOTING, mode
    decision.votes_for = decision.votes_against = decision.votes_abstain = 0
    with transaction.atomic(), acting(user, "voting_opened"):
        decision.save()
        if mode == VoteMode.ROLL_CALL:
            path = reverse("board:decision", args=[decision.board.slug, decision.pk])
            seats = current_members(decision.board).voting().exclude(user=None)
            for seat in seats.select_related("user"):
                notify(seat.user, NotificationKind.VOTING_OPENED, decision.title, path)
    return decision


def change_vote_mode(decision: Decision, user, mode: str, reason: str = "") -> Decision:
    """Switch roll-call ↔ tally while voting: the figures start again, the history keeps them."""
    if decision.state != DecisionState.VOTING:
        raise TransitionRefused(_("The source of the votes can change only while voting is open."))
    if mode not in VoteMode.values or mode == decision.vote_mode:
        raise TransitionRefused(_("Choose the other source of votes."))
    with transaction.atomic(), acting(user, "vote_mode_changed", reason.strip()):
        for vote in decision.votes.all():
            vote.delete()
        decision.vote_mode = mode
        decision.votes_for = decision.votes_against = decision.votes_abstain = 0
        decision.save()
    return decision


def _recount(decision: Decision) -> None:
    votes = list(decision.votes.values_list("choice", flat=True))
    decision.votes_for = votes.count(VoteChoice.FOR)
    decision.votes_against = votes.count(VoteChoice.AGAINST)
    decision.votes_abstain = votes.count(VoteChoice.ABSTAIN)


def cast_vote(decision: Decision, user, choice: str) -> Vote:
    """A voting member's one vote in a roll-call; refused in every other case, saying why."""
    if decision.state != DecisionState.VOTING:
        raise TransitionRefused(_("Voting on this decision is not open."))
    if decision.vote_mode != VoteMode.ROLL_CALL:
        raise TransitionRefused(
            _("The secretariat records the tally for this decision; members do not vote online.")
        )
    seat = voting_seat(user, decision)
    if seat is None:
        raise TransitionRefused(_("Only voting members of this board can vote."))
    if decision.votes.filter(membership=seat).exists():
        raise TransitionRefused(_("You have already voted on this decision."))
    if choice not in VoteChoice.values:
        raise TransitionRefused(_("Choose for, against or abstain."))
    with transaction.atomic(), acting(user, "voted"):
        vote = Vote.objects.create(decision=decision, membership=seat, choice=choice)
        _recount(decision)
        decision.save()
    return vote


def record_tally(decision: Decision, user, votes_for: int, votes_against: int, votes_abstain: int):
    """The secretariat's count, in tally mode only; never more votes than members present."""
    if not can_manage(user):
        raise TransitionRefused(_("Only the secretariat records a tally."))
    if decision.state != DecisionState.VOTING or decision.vote_mode != VoteMode.TALLY:
        raise TransitionRefused(
            _(
                "A tally is recorded only while voting is open in tally mode; this decision's votes "
                "come from the members' roll-call."
            )
            if decision.vote_mode == VoteMode.ROLL_CALL
            else _("Voting on this decision is not open.")
        )
    q = count_quorum(decision)
    cast = votes_for + votes_against + votes_abstain
    if min(votes_for, votes_against, votes_abstain) < 0:
        raise TransitionRefused(_("Votes cannot be negative."))
    if cast > q.present:
        raise TransitionRefused(
            _("%(cast)d votes were recorded but only %(present)d voting members were present.")
            % {"cast": cast, "present": q.present}
        )
    decision.votes_for, decision.votes_against, decision.votes_abstain = (
        votes_for,
        votes_against,
        votes_abstain,
    )
    with transaction.atomic(), acting(user, "tally_recorded"):
        decision.save()
    return decision


def decide(decision: Decision, user, outcome: str | None = None) -> Decision:
    """Close the decision: the outcome follows from the votes, the method and the quorum.

    For a voted method `outcome` may be given and must agree with the votes; for a consensus it
    states whether consensus was reached (adopted or rejected); information is taken note of.
    """
    if decision.state not in (DecisionState.DRAFT, DecisionState.VOTING):
        raise TransitionRefused(_("This decision is already closed."))
    voted = decision.method in VOTED_METHODS
    if voted and decision.state != DecisionState.VOTING:
        raise TransitionRefused(_("Open the vote first: this decision is taken by vote."))
    if decision.vote_mode == VoteMode.ROLL_CALL:
        _recount(decision)
    q = count_quorum(decision)
    if decision.method != DecisionMethod.INFORMATION and not q.met:
        raise _no_quorum(q)
    if voted and decision.votes_cast > q.present:
        raise TransitionRefused(
            _("%(cast)d votes were recorded but only %(present)d voting members were present.")
            % {"cast": decision.votes_cast, "present": q.present}
        )
    computed = outcome_of(
        decision.method, decision.votes_for, decision.votes_against, q.voting_members
    )
    if computed is None:  # consensus: the board says whether it was reached
        if outcome not in DECIDED:
            raise TransitionRefused(_("State whether consensus was reached: adopted or rejected."))
        computed = outcome
    elif outcome and outcome != computed:
        raise TransitionRefused(
            _(
                "The votes do not give this outcome: %(for)d for, %(against)d against, "
                "%(abstain)d abstained under “%(method)s” means “%(outcome)s”."
            )
            % {
                "for": decision.votes_for,
                "against": decision.votes_against,
                "abstain": decision.votes_abstain,
                "method": decision.get_method_display(),
                "outcome": DecisionState(computed).label,
            }
        )
    decision.state = computed
    decision.decided_at = timezone.now()
    with transaction.atomic(), acting(user, computed):
        decision.save()
        _answer_proposal(decision, user)
    return decision


def _answer_proposal(decision: Decision, user) -> None:
    proposal = decision.proposal
    if proposal is None or proposal.state not in (
        ProposalState.SUBMITTED,
        ProposalState.EVALUATING,
    ):
        return
    if decision.method == DecisionMethod.INFORMATION:
        return
    target = (
        ProposalState.ACCEPTED
        if decision.state == DecisionState.ADOPTED
        else ProposalState.REJECTED
    )
    answer = proposal.answer or decision.text
    transition_proposal(proposal, None, target, answer=answer)


def withdraw(decision: Decision, user, reason: str = "") -> Decision:
    if decision.state not in (DecisionState.DRAFT, DecisionState.VOTING):
        raise TransitionRefused(_("A closed decision is not withdrawn; amend it instead."))
    decision.state = DecisionState.WITHDRAWN
    with transaction.atomic(), acting(user, "withdrawn", reason.strip()):
        decision.save()
    return decision


def amend_decision(
    decision: Decision, user, reason: str, changes: dict, meeting: Meeting | None = None
) -> Amendment:
    """The only way a decided decision changes: the amendment keeps reason, before and after."""
    if decision.state not in DECIDED:
        raise TransitionRefused(
            _("A draft decision is edited directly; amendments are for decided decisions.")
        )
    if not reason.strip():
        raise TransitionRefused(_("An amendment needs a reason."))
    unknown = set(changes) - set(Decision.AMENDABLE_FIELDS)
    if unknown:
        raise TransitionRefused(
            _("These fields cannot be amended: %(fields)s") % {"fields": ", ".join(sorted(unknown))}
        )
    delta = {
        name: [getattr(decision, name), value]
        for name, value in changes.items()
        if getattr(decision, name) != value
    }
    if not delta:
        raise TransitionRefused(_("The amendment changes nothing."))
    for name, value in changes.items():
        setattr(decision, name, value)
    decision.full_clean()
    with transaction.atomic(), acting(user, "amended", reason.strip()):
        decision._amending = True
        try:
            decision.save()
        finally:
            decision._amending = False
        amendment = Amendment.objects.create(
            decision=decision,
            reason=reason.strip(),
            changes=delta,
            meeting=meeting,
            created_by=user if user and user.is_authenticated else None,
        )
    return amendment
