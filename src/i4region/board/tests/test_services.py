"""State transitions, quorum, amendments, progress roll-up and history, through board.services."""

from decimal import Decimal

import pytest
from auditlog.models import LogEntry
from django.utils import translation

from i4region.board import services
from i4region.board.models import (
    Action,
    Amendment,
    Decision,
    DecisionLocked,
    Meeting,
)


def entries(obj, verb=None):
    """The one history's records of this object (core.history on django-auditlog)."""
    rows = LogEntry.objects.get_for_object(obj).order_by("-timestamp", "-id")
    return [e for e in rows if verb is None or (e.additional_data or {}).get("verb") == verb]


pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def english():
    """The refusals below are matched in English, whichever language a previous test left."""
    with translation.override("en"):
        yield


def test_minutes_go_draft_circulated_approved_and_no_further(meeting, make_user):
    sec = make_user("secretariat")
    with pytest.raises(services.TransitionRefused, match="Write the minutes"):
        services.set_minutes_status(meeting, sec, "circulated")
    meeting.minutes = "We met."
    meeting.save()
    with pytest.raises(services.TransitionRefused):
        services.set_minutes_status(meeting, sec, "approved")  # must circulate first
    services.set_minutes_status(meeting, sec, "circulated")
    services.set_minutes_status(meeting, sec, "approved")
    meeting.refresh_from_db()
    assert meeting.minutes_status == "approved" and meeting.minutes_approved_at is not None
    with pytest.raises(services.TransitionRefused):
        services.set_minutes_status(meeting, sec, "draft")


def test_proposal_needs_a_reasoned_answer_and_final_states_are_final(proposal, make_user):
    sec = make_user("secretariat")
    services.transition_proposal(proposal, sec, "evaluating")
    with pytest.raises(services.TransitionRefused, match="reasoned answer"):
        services.transition_proposal(proposal, sec, "accepted", answer="  ")
    services.transition_proposal(proposal, sec, "rejected", answer="No funding source.")
    proposal.refresh_from_db()
    assert proposal.state == "rejected" and proposal.answer == "No funding source."
    with pytest.raises(services.TransitionRefused):
        services.transition_proposal(proposal, sec, "accepted", answer="Changed our mind.")


def test_author_may_only_submit_or_withdraw_own_proposal(proposal, make_user):
    author = make_user("board_member")
    proposal.state, proposal.created_by = "draft", author
    proposal.save()
    assert services.allowed_proposal_states(proposal, author) == ["submitted", "withdrawn"]
    services.transition_proposal(proposal, author, "submitted")
    assert proposal.state == "submitted"
    with pytest.raises(services.TransitionRefused, match="may not"):
        services.transition_proposal(proposal, author, "accepted", answer="I like it.")


def test_quorum_counts_voting_members_present_not_observers(board, meeting, seat, attend):
    members = [seat() for _ in range(4)]
    observer = seat(position="observer")
    attend(meeting, members[0], observer)
    q = services.quorum(meeting)
    assert (q.present, q.voting_members, q.required, q.met) == (1, 4, 2, False)
    attend(meeting, members[1])
    attend(meeting, members[2], status="excused")
    assert services.quorum(meeting).met is True


def test_members_who_left_or_joined_later_do_not_count(board, meeting, seat, attend):
    import datetime as dt

    present = seat()
    seat(since=dt.date(2025, 1, 1))  # joined after the meeting
    gone = seat()
    gone.ended_on = dt.date(2023, 12, 31)
    gone.save()
    attend(meeting, present)
    q = services.quorum(meeting)
    assert (q.present, q.voting_members, q.met) == (1, 1, True)


def test_decision_without_quorum_cannot_be_approved(decision, seat, attend, make_user):
    sec = make_user("secretariat")
    a, b, _c = seat(), seat(), seat()
    attend(decision.meeting, a)
    services.open_voting(decision, sec, "tally")
    services.record_tally(decision, sec, 1, 0, 0)
    with pytest.raises(services.TransitionRefused, match="No quorum: 1 of 3"):
        services.decide(decision, sec)
    attend(decision.meeting, b)
    services.record_tally(decision, sec, 2, 0, 0)
    services.decide(decision, sec)
    decision.refresh_from_db()
    assert decision.state == "adopted" and decision.quorum_met
    assert (decision.members_present, decision.voting_members) == (2, 3)
    decision.proposal.refresh_from_db()
    assert decision.proposal.state == "accepted"  # answered by the decision


def test_more_votes_than_members_present_is_refused(decision, seat, attend, make_user):
    a, b = seat(), seat()
    attend(decision.meeting, a, b)
    sec = make_user("secretariat")
    services.open_voting(decision, sec, "tally")
    with pytest.raises(services.TransitionRefused, match="3 votes were recorded but only 2"):
        services.record_tally(decision, sec, 2, 1, 0)


def test_vote_that_does_not_carry_cannot_adopt(decision, seat, attend, make_user):
    members = [seat() for _ in range(3)]
    attend(decision.meeting, *members)
    sec = make_user("secretariat")
    services.open_voting(decision, sec, "tally")
    services.record_tally(decision, sec, 1, 2, 0)
    with pytest.raises(services.TransitionRefused, match="1 for, 2 against"):
        services.decide(decision, sec, "adopted")


def test_members_votes_are_tallied(decision, seat, attend, make_user):
    users = [make_user("board_member") for _ in range(3)]
    seats = [seat(user=u) for u in users]
    attend(decision.meeting, *seats)
    sec = make_user("secretariat")
    services.open_voting(decision, sec, "roll_call")
    services.cast_vote(decision, users[0], "for")
    services.cast_vote(decision, users[1], "for")
    services.cast_vote(decision, users[2], "abstain")
    with pytest.raises(services.TransitionRefused, match="already voted"):
        services.cast_vote(decision, users[2], "against")  # one vote per member, never two
    decision.refresh_from_db()
    assert (decision.votes_for, decision.votes_against, decision.votes_abstain) == (2, 0, 1)
    services.decide(decision, sec)
    with pytest.raises(services.TransitionRefused):
        services.cast_vote(decision, users[0], "against")  # closed once approved


def test_approved_decision_changes_only_through_a_recorded_amendment(
    decision, seat, attend, make_user
):
    sec = make_user("secretariat")
    attend(decision.meeting, seat())
    decision.method = "consensus"
    services.decide(decision, sec, "adopted")
    decision.text = "Quietly changed."
    with pytest.raises(DecisionLocked):
        decision.save()
    assert Decision.objects.get(pk=decision.pk).text == "Adopted."
    with pytest.raises(services.TransitionRefused, match="needs a reason"):
        services.amend_decision(decision, sec, "", {"text_en": "New"})
    fresh = Decision.objects.get(pk=decision.pk)
    amendment = services.amend_decision(
        fresh, sec, "Budget halved by the council.", {"text_en": "Adopted with half the budget."}
    )
    fresh.refresh_from_db()
    assert fresh.text == "Adopted with half the budget."
    assert amendment.changes == {"text_en": ["Adopted.", "Adopted with half the budget."]}
    assert Amendment.objects.filter(decision=fresh).count() == 1
    (entry,) = entries(fresh, "amended")
    assert entry.actor == sec and entry.additional_data["note"] == "Budget halved by the council."


def test_parent_progress_is_weighted_mean_of_children_and_rolls_up(board, make_user):
    sec = make_user("secretariat")
    root = services.save_action(Action(board=board, title_en="Root"), sec)
    parent = services.save_action(Action(board=board, title_en="Parent", parent=root), sec)
    a = services.save_action(
        Action(board=board, title_en="A", parent=parent, weight=Decimal("3")), sec
    )
    b = services.save_action(
        Action(board=board, title_en="B", parent=parent, weight=Decimal("1")), sec
    )
    services.update_progress(a, sec, progress=Decimal("60"))
    services.update_progress(b, sec, progress=Decimal("20"))
    parent.refresh_from_db()
    root.refresh_from_db()
    assert parent.progress == Decimal("50.00")  # (3*60 + 1*20) / 4
    assert root.progress == Decimal("50.00")
    with pytest.raises(services.TransitionRefused, match="weighted mean"):
        services.update_progress(parent, sec, progress=Decimal("90"))
    services.update_progress(b, sec, status="done")  # default progress for done: 100
    parent.refresh_from_db()
    assert b.progress == Decimal("100") and parent.progress == Decimal("70.00")


def test_default_progress_per_status(board, make_user):
    sec = make_user("secretariat")
    a = services.save_action(
        Action(board=board, title_en="A", status="on_track", progress=Decimal("40")), sec
    )
    services.update_progress(a, sec, status="at_risk")
    assert a.progress == Decimal("40")  # at risk keeps the progress
    services.update_progress(a, sec, status="done")
    assert a.progress == Decimal("100")
    services.update_progress(a, sec, status="not_started")
    assert a.progress == Decimal("0")
    with pytest.raises(services.TransitionRefused, match="between 0 and 100"):
        services.update_progress(a, sec, progress=Decimal("120"))


def test_weighted_progress_arithmetic():
    assert services.weighted_progress(
        [(Decimal("1"), Decimal("0")), (Decimal("2"), Decimal("100"))]
    ) == Decimal("66.67")
    assert services.weighted_progress(
        [(Decimal("0"), Decimal("10")), (Decimal("0"), Decimal("30"))]
    ) == Decimal("20.00")
    assert services.weighted_progress([]) == Decimal("0")


def test_history_keeps_who_when_before_and_after(meeting, make_user):
    sec = make_user("secretariat")
    meeting.place = "Biržai"
    with services.acting(sec):
        meeting.save()
    entry = entries(meeting)[0]
    assert entry.actor == sec and entry.timestamp is not None
    assert entry.changes_dict == {"place": ["Panevėžys", "Biržai"]}
    count = len(entries(meeting))
    with services.acting(sec):
        Meeting.objects.get(pk=meeting.pk).save()  # no change, no entry
    assert len(entries(meeting)) == count


def test_owner_progress_update_is_in_history(board, make_user):
    sec, owner = make_user("secretariat"), make_user("initiative_manager")
    a = services.save_action(Action(board=board, title_en="A", owner=owner), sec)
    services.update_progress(a, owner, progress=Decimal("35"), note="Lab ordered")
    (entry,) = entries(a, "progress_updated")
    assert entry.actor == owner and entry.changes_dict["progress"] == ["0.00", "35.00"]
    assert entry.additional_data["note"] == "Lab ordered"


def test_seeded_sample_board_is_real_with_sample_content():
    from i4region.board.models import Board

    board = Board.objects.get(slug="panevezys-i40")
    assert not board.is_sample and board.founding_year == 2018
    founder = board.founders.first()
    assert founder.organisation.name == "Panevėžio miesto savivaldybė"
    assert "city council" in str(founder)
    assert board.memberships.filter(is_sample=False).count() == 0
    assert board.challenges.filter(
        evidence__indicator__code="population", evidence__region__code="LT025"
    ).exists()
    parent = board.actions.get(title_en="Set up the regional STEAM centre")
    kids = list(parent.children.values_list("weight", "progress"))
    assert len(kids) == 3 and parent.progress == services.weighted_progress(kids)
