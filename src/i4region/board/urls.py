from django.urls import path

from . import edit, views, voting

app_name = "board"

B = "<slug:slug>/"
M = B + "meetings/<int:pk>/"
A = B + "actions/<int:pk>/"
D = B + "decisions/<int:pk>/"


def parts(prefix: str, name: str, edit_view, delete_view=None, key: str = "item") -> list:
    """The pages that add, edit (and delete) the records under `prefix`: <name>_add at
    <prefix>new/, <name>_edit at <prefix><key>/edit/, <name>_delete at <prefix><key>/delete/."""
    pages = [
        path(prefix + "new/", edit_view.as_view(), name=f"{name}_add"),
        path(f"{prefix}<int:{key}>/edit/", edit_view.as_view(), name=f"{name}_edit"),
    ]
    if delete_view is not None:
        pages.append(
            path(f"{prefix}<int:{key}>/delete/", delete_view.as_view(), name=f"{name}_delete")
        )
    return pages


urlpatterns = [
    path("", views.index, name="index"),
    path("new/", edit.BoardEditView.as_view(), name="board_create"),
    path("my-actions/", views.my_actions, name="my_actions"),
    path(B, views.workspace, name="workspace"),
    path(B + "edit/", edit.BoardEditView.as_view(), name="board_edit"),
    path(B + "public/", views.public, name="public"),
    path(B + "public/csv/<slug:name>.csv", views.public_csv, name="public_csv"),
    path(B + "csv/<slug:name>.csv", views.board_csv, name="csv"),
    path(B + "history/", views.history, name="history"),
    path(B + "meetings.ics", views.meetings_ics, name="meetings_ics"),
    *parts(B + "founders/", "founder", edit.FounderEditView, edit.FounderDeleteView, "founder"),
    *parts(B + "members/", "member", edit.MembershipEditView, key="pk"),
    path(B + "meetings/new/", edit.MeetingEditView.as_view(), name="meeting_add"),
    path(M, views.meeting, name="meeting"),
    path(M + "edit/", edit.MeetingEditView.as_view(), name="meeting_edit"),
    path(M + "minutes/", edit.MinutesEditView.as_view(), name="minutes_edit"),
    path(M + "minutes/status/", views.minutes_status, name="minutes_status"),
    *parts(M + "agenda/", "agenda", edit.AgendaItemEditView, edit.AgendaItemDeleteView),
    path(M + "attendance/", edit.attendance_roll, name="attendance_roll"),
    path(M + "attendance/new/", edit.GuestEditView.as_view(), name="attendance_add"),
    path(M + "guests/<int:item>/edit/", edit.GuestEditView.as_view(), name="guest_edit"),
    path(M + "guests/<int:item>/delete/", edit.GuestDeleteView.as_view(), name="guest_delete"),
    path(M + "documents/new/", edit.DocumentEditView.as_view(), name="document_add"),
    path(
        M + "documents/<int:item>/delete/",
        edit.DocumentDeleteView.as_view(),
        name="document_delete",
    ),
    path(B + "challenges/new/", edit.ChallengeEditView.as_view(), name="challenge_add"),
    path(B + "challenges/<int:pk>/", views.challenge, name="challenge"),
    path(B + "challenges/<int:pk>/edit/", edit.ChallengeEditView.as_view(), name="challenge_edit"),
    path(
        B + "challenges/<int:pk>/evidence/new/",
        edit.EvidenceEditView.as_view(),
        name="evidence_add",
    ),
    path(B + "proposals/new/", edit.ProposalEditView.as_view(), name="proposal_add"),
    path(B + "proposals/<int:pk>/", views.proposal, name="proposal"),
    path(B + "proposals/<int:pk>/edit/", edit.ProposalEditView.as_view(), name="proposal_edit"),
    path(B + "proposals/<int:pk>/state/", views.proposal_state, name="proposal_state"),
    path(B + "decisions/new/", edit.DecisionEditView.as_view(), name="decision_add"),
    path(D, voting.decision, name="decision"),
    path(D + "edit/", edit.DecisionEditView.as_view(), name="decision_edit"),
    path(D + "voting/", voting.decision_open, name="decision_open"),
    path(D + "voting/mode/", voting.decision_mode, name="decision_mode"),
    path(D + "tally/", voting.decision_tally, name="decision_tally"),
    path(D + "decide/", voting.decision_decide, name="decision_decide"),
    path(D + "withdraw/", voting.decision_withdraw, name="decision_withdraw"),
    path(D + "amend/", edit.decision_amend, name="decision_amend"),
    path(D + "vote/", voting.decision_vote, name="decision_vote"),
    path(B + "actions/new/", edit.ActionEditView.as_view(), name="action_add"),
    path(B + "actions/progress.csv", views.actions_bulk, name="actions_bulk"),
    path(A, views.action, name="action"),
    path(A + "edit/", edit.ActionEditView.as_view(), name="action_edit"),
    path(A + "progress/", views.action_progress, name="action_progress"),
    *parts(A + "milestones/", "milestone", edit.MilestoneEditView, edit.MilestoneDeleteView),
    path(B + "comment/<slug:kind>/<int:pk>/", views.comment, name="comment"),
]
