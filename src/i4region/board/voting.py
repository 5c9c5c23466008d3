"""Decision pages: one state, one source of votes, the secretariat's steps and members' votes."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from . import services
from .forms import DecideForm, OpenVotingForm, TallyForm, VoteForm
from .models import VOTED_METHODS, Decision, DecisionState, VoteMode
from .views import MANAGE, PARTICIPATE, board_access, record_page, refused


@board_access()
def decision(request, board, pk):
    d = get_object_or_404(Decision, pk=pk, board=board)
    seat = services.voting_seat(request.user, d)
    mine = d.votes.filter(membership=seat).first() if seat else None
    manage = services.can_manage(request.user)
    return record_page(
        request,
        board,
        "decision",
        d,
        services.can_participate(request.user, board),
        quorum=services.quorum(d.meeting),
        actions=d.actions.filter(parent=None).prefetch_related("children"),
        amendments=d.amendments.select_related("created_by", "meeting"),
        votes=d.votes.select_related("membership") if d.vote_mode == VoteMode.ROLL_CALL else [],
        my_vote=mine,
        vote_form=VoteForm() if services.can_vote(request.user, d) else None,
        open_form=(
            OpenVotingForm()
            if manage and d.state == DecisionState.DRAFT and d.method in VOTED_METHODS
            else None
        ),
        tally_form=(
            TallyForm(
                initial={
                    "votes_for": d.votes_for,
                    "votes_against": d.votes_against,
                    "votes_abstain": d.votes_abstain,
                }
            )
            if manage and d.state == DecisionState.VOTING and d.vote_mode == VoteMode.TALLY
            else None
        ),
        decide_form=(
            DecideForm()
            if manage
            and (
                d.state == DecisionState.VOTING
                or (d.state == DecisionState.DRAFT and d.method not in VOTED_METHODS)
            )
            else None
        ),
        timeline=services.timeline(d),
    )


def _decision_step(request, board, pk, step) -> HttpResponse:
    d = get_object_or_404(Decision, pk=pk, board=board)
    try:
        text = step(d)
        messages.success(request, text)
    except services.TransitionRefused as exc:
        refused(request, exc)
    return redirect(d.get_absolute_url())


def _vote_mode_step(request, board, pk, change, message: str) -> HttpResponse:
    """Set where the votes come from (the form's mode) with `change(decision, mode)`; the
    success message names the mode."""
    form = OpenVotingForm(request.POST)
    mode = form.cleaned_data["vote_mode"] if form.is_valid() else ""

    def step(d):
        change(d, mode)
        return message % {"mode": d.get_vote_mode_display()}

    return _decision_step(request, board, pk, step)


@require_POST
@board_access(MANAGE)
def decision_open(request, board, pk):
    def change(d, mode):
        services.open_voting(d, request.user, mode)

    return _vote_mode_step(request, board, pk, change, _("Voting is open: %(mode)s."))


@require_POST
@board_access(MANAGE)
def decision_mode(request, board, pk):
    def change(d, mode):
        services.change_vote_mode(d, request.user, mode, request.POST.get("reason", ""))

    return _vote_mode_step(request, board, pk, change, _("The votes now come from: %(mode)s."))


@require_POST
@board_access(MANAGE)
def decision_tally(request, board, pk):
    form = TallyForm(request.POST)

    def step(d):
        if not form.is_valid():
            raise services.TransitionRefused(_("Give the votes for, against and abstentions."))
        data = form.cleaned_data
        services.record_tally(
            d, request.user, data["votes_for"], data["votes_against"], data["votes_abstain"]
        )
        return _("The tally is recorded.")

    return _decision_step(request, board, pk, step)


@require_POST
@board_access(MANAGE)
def decision_decide(request, board, pk):
    form = DecideForm(request.POST)
    outcome = form.cleaned_data["outcome"] if form.is_valid() else None

    def step(d):
        services.decide(d, request.user, outcome or None)
        return _("The decision is closed: %(state)s.") % {"state": d.get_state_display()}

    return _decision_step(request, board, pk, step)


@require_POST
@board_access(MANAGE)
def decision_withdraw(request, board, pk):
    def step(d):
        services.withdraw(d, request.user, request.POST.get("reason", ""))
        return _("The decision is withdrawn.")

    return _decision_step(request, board, pk, step)


@require_POST
@board_access(PARTICIPATE)
def decision_vote(request, board, pk):
    d = get_object_or_404(Decision, pk=pk, board=board)
    if services.voting_seat(request.user, d) is None:
        raise PermissionDenied(_("Only voting members of this board can vote."))
    form = VoteForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose for, against or abstain."))
        return redirect(d.get_absolute_url())
    try:
        services.cast_vote(d, request.user, form.cleaned_data["choice"])
        messages.success(request, _("Your vote is recorded."))
    except services.TransitionRefused as exc:
        raise PermissionDenied(str(exc)) from exc
    return redirect(d.get_absolute_url())
