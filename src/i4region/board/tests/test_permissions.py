"""Who may do what, tested from the side of the user who must be refused."""

from decimal import Decimal

import pytest

from i4region.board import services
from i4region.board.models import Action, Comment, Decision, Proposal

pytestmark = pytest.mark.django_db


def progress_update(client, action, status: str) -> int:
    """The status code of a progress update of `action` to `status`, as the signed-in user."""
    url = f"/en/board/{action.board.slug}/actions/{action.pk}/progress/"
    return client.post(url, {"status": status}).status_code


@pytest.fixture
def roles(board, other_board, seat, make_user):
    """A secretariat user, a member of this board, a member of another board, an action owner
    who is not a member, a board_member-role user without a seat, and an observer."""
    users = {
        "secretariat": make_user("secretariat"),
        "member": make_user("board_member"),
        "outsider_member": make_user("board_member"),
        "owner": make_user("initiative_manager"),
        "seatless": make_user("board_member"),
        "observer": make_user("board_member"),
    }
    seat(user=users["member"])
    seat(user=users["outsider_member"], target=other_board)
    seat(user=users["observer"], position="observer")
    return users


@pytest.fixture
def action(board, roles):
    return services.save_action(
        Action(board=board, title_en="Build a lab", owner=roles["owner"]), roles["secretariat"]
    )


def pages(board, meeting, proposal, decision, action):
    s = board.slug
    return [
        f"/en/board/{s}/",
        f"/en/board/{s}/history/",
        f"/en/board/{s}/meetings.ics",
        f"/en/board/{s}/meetings/{meeting.pk}/",
        f"/en/board/{s}/challenges/{proposal.challenge_id}/",
        f"/en/board/{s}/proposals/{proposal.pk}/",
        f"/en/board/{s}/decisions/{decision.pk}/",
        f"/en/board/{s}/csv/decisions.csv",
    ]


def manage_pages(board, meeting, decision, action):
    s = board.slug
    return [
        f"/en/board/{s}/edit/",
        f"/en/board/{s}/members/new/",
        f"/en/board/{s}/meetings/new/",
        f"/en/board/{s}/meetings/{meeting.pk}/agenda/new/",
        f"/en/board/{s}/meetings/{meeting.pk}/attendance/new/",
        f"/en/board/{s}/meetings/{meeting.pk}/minutes/",
        f"/en/board/{s}/challenges/new/",
        f"/en/board/{s}/decisions/new/",
        f"/en/board/{s}/actions/new/",
        f"/en/board/{s}/actions/{action.pk}/edit/",
        "/en/board/new/",
    ]


def test_anonymous_is_sent_to_login_and_sees_only_the_public_page(
    client, board, meeting, proposal, decision, action
):
    for url in [
        *pages(board, meeting, proposal, decision, action),
        f"/en/board/{board.slug}/actions/{action.pk}/",
        "/en/board/my-actions/",
    ]:
        response = client.get(url)
        assert response.status_code == 302 and "/login/" in response["Location"], url
    assert client.get(f"/en/board/{board.slug}/public/").status_code == 200
    assert client.get("/en/board/").status_code == 200


def test_secretariat_manages_everything(client, roles, board, meeting, proposal, decision, action):
    client.force_login(roles["secretariat"])
    for url in [
        *pages(board, meeting, proposal, decision, action),
        *manage_pages(board, meeting, decision, action),
    ]:
        assert client.get(url).status_code == 200, url
    response = client.post(
        f"/en/board/{board.slug}/meetings/new/",
        {
            "title_en": "Autumn meeting",
            "kind": "ordinary",
            "mode": "in_person",
            "starts_at": "2024-10-01T14:00",
            "place": "Rokiškis",
        },
    )
    assert response.status_code == 302
    assert board.meetings.filter(title_en="Autumn meeting").exists()


def test_member_reads_own_board_but_cannot_manage(
    client, roles, board, meeting, proposal, decision, action
):
    client.force_login(roles["member"])
    for url in pages(board, meeting, proposal, decision, action):
        assert client.get(url).status_code == 200, url
    for url in manage_pages(board, meeting, decision, action):
        assert client.get(url).status_code == 403, url
    assert (
        client.post(
            f"/en/board/{board.slug}/meetings/{meeting.pk}/minutes/status/",
            {"status": "circulated"},
        ).status_code
        == 403
    )
    for step in ("decide", "voting", "voting/mode", "tally", "withdraw"):
        url = f"/en/board/{board.slug}/decisions/{decision.pk}/{step}/"
        assert client.post(url).status_code == 403, url
    assert client.post(f"/en/board/{board.slug}/actions/progress.csv").status_code == 403


def test_member_comments_and_files_proposals(client, roles, board, meeting, proposal):
    client.force_login(roles["member"])
    response = client.post(
        f"/en/board/{board.slug}/comment/meeting/{meeting.pk}/",
        {"text": "Item 2 needs the budget figure."},
    )
    assert response.status_code == 302
    assert Comment.objects.filter(text="Item 2 needs the budget figure.").exists()
    response = client.post(
        f"/en/board/{board.slug}/proposals/new/",
        {
            "challenge": proposal.challenge_id,
            "title_en": "Robotics summer school",
            "description_en": "Two weeks in July.",
        },
    )
    assert response.status_code == 302
    filed = Proposal.objects.get(title_en="Robotics summer school")
    assert filed.created_by == roles["member"] and filed.state == "draft"
    assert filed.proposer_membership.user == roles["member"]


@pytest.mark.parametrize("who", ["outsider_member", "seatless", "owner"])
def test_non_members_get_403_on_the_boards_internal_items(
    client, roles, who, board, meeting, proposal, decision, action
):
    client.force_login(roles[who])
    for url in pages(board, meeting, proposal, decision, action):
        assert client.get(url).status_code == 403, (who, url)
    assert (
        client.post(
            f"/en/board/{board.slug}/comment/meeting/{meeting.pk}/", {"text": "Let me in"}
        ).status_code
        == 403
    )
    assert client.post(f"/en/board/{board.slug}/proposals/new/", {}).status_code == 403


def test_another_boards_items_cannot_be_reached_through_own_board(
    client, roles, other_board, board, meeting, decision
):
    """A member of the other board asks for this board's items under their own board's address."""
    client.force_login(roles["outsider_member"])
    s = other_board.slug
    for url in [
        f"/en/board/{s}/meetings/{meeting.pk}/",
        f"/en/board/{s}/decisions/{decision.pk}/",
        f"/en/board/{s}/proposals/{decision.proposal_id}/",
    ]:
        assert client.get(url).status_code == 404, url
    assert (
        client.post(f"/en/board/{s}/comment/meeting/{meeting.pk}/", {"text": "sneaky"}).status_code
        == 404
    )
    assert not Comment.objects.filter(text="sneaky").exists()


def test_owner_updates_own_action_only(client, roles, board, action):
    client.force_login(roles["owner"])
    url = f"/en/board/{board.slug}/actions/{action.pk}/"
    assert client.get(url).status_code == 200
    assert (
        client.post(url + "progress/", {"status": "on_track", "progress": "40"}).status_code == 302
    )
    action.refresh_from_db()
    assert action.progress == Decimal("40") and action.status == "on_track"
    other = services.save_action(
        Action(board=board, title_en="Someone else's"), roles["secretariat"]
    )
    assert client.get(f"/en/board/{board.slug}/actions/{other.pk}/").status_code == 403
    assert progress_update(client, other, "done") == 403
    assert client.get(f"/en/board/{board.slug}/actions/{action.pk}/edit/").status_code == 403


def test_member_who_does_not_own_the_action_cannot_update_it(client, roles, board, action):
    client.force_login(roles["member"])
    assert client.get(f"/en/board/{board.slug}/actions/{action.pk}/").status_code == 200
    assert progress_update(client, action, "done") == 403
    action.refresh_from_db()
    assert action.status == "not_started"


def test_only_voting_members_vote(client, roles, board, decision):
    services.open_voting(decision, roles["secretariat"], "roll_call")
    client.force_login(roles["observer"])
    url = f"/en/board/{board.slug}/decisions/{decision.pk}/vote/"
    assert client.post(url, {"choice": "for"}).status_code == 403
    client.force_login(roles["outsider_member"])
    assert client.post(url, {"choice": "for"}).status_code == 403
    client.force_login(roles["member"])
    assert client.post(url, {"choice": "for"}).status_code == 302
    assert Decision.objects.get(pk=decision.pk).votes_for == 1


def test_public_page_shows_only_approved_and_published(
    client, roles, board, meeting, decision, seat, attend, action
):
    sec = roles["secretariat"]
    decision.title_en = "Open the engineering school"
    decision.method = "consensus"
    decision.save()
    action.decision = decision
    services.save_action(action, sec)
    meeting.minutes = "Minutes text that is still a draft."
    meeting.save()
    attend(meeting, seat())
    url = f"/en/board/{board.slug}/public/"
    html = client.get(url).content.decode()
    assert "Open the engineering school" not in html and "still a draft" not in html
    services.decide(decision, sec, "adopted")
    services.set_minutes_status(meeting, sec, "circulated")
    html = client.get(url).content.decode()
    assert "Open the engineering school" not in html  # minutes not approved yet
    services.set_minutes_status(meeting, sec, "approved")
    html = client.get(url).content.decode()
    assert "Open the engineering school" in html and "still a draft" in html
    assert "Build a lab" in html  # the action's progress is public with its decision
    csv_text = client.get(f"/en/board/{board.slug}/public/csv/actions.csv").content.decode()
    assert "Build a lab" in csv_text
    assert client.get(f"/en/board/{board.slug}/public/csv/board_history.csv").status_code == 404


def test_unpublished_board_has_no_public_page(client, board):
    board.published = False
    board.save()
    assert client.get(f"/en/board/{board.slug}/public/").status_code == 404
    assert board.slug not in client.get("/en/board/").content.decode()
