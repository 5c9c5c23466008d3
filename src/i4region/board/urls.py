from django.urls import path

from i4region.core.urls import parts

from . import edit, views, voting

app_name = "board"

B = "<slug:slug>/"
M = B + "meetings/<int:pk>/"
A = B + "actions/<int:pk>/"
D = B + "decisions/<int:pk>/"


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
    *parts(B + "meetings/", "meeting", edit.MeetingEditView, key="pk", page=views.meeting),
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
    *parts(B + "challenges/", "challenge", edit.ChallengeEditView, key="pk", page=views.challenge),
    path(
        B + "challenges/<int:pk>/evidence/new/",
        edit.EvidenceEditView.as_view(),
        name="evidence_add",
    ),
    *parts(B + "proposals/", "proposal", edit.ProposalEditView, key="pk", page=views.proposal),
    path(B + "proposals/<int:pk>/state/", views.proposal_state, name="proposal_state"),
    *parts(B + "decisions/", "decision", edit.DecisionEditView, key="pk", page=voting.decision),
    path(D + "voting/", voting.decision_open, name="decision_open"),
    path(D + "voting/mode/", voting.decision_mode, name="decision_mode"),
    path(D + "tally/", voting.decision_tally, name="decision_tally"),
    path(D + "decide/", voting.decision_decide, name="decision_decide"),
    path(D + "withdraw/", voting.decision_withdraw, name="decision_withdraw"),
    path(D + "amend/", edit.decision_amend, name="decision_amend"),
    path(D + "vote/", voting.decision_vote, name="decision_vote"),
    *parts(B + "actions/", "action", edit.ActionEditView, key="pk", page=views.action),
    path(B + "actions/progress.csv", views.actions_bulk, name="actions_bulk"),
    path(A + "progress/", views.action_progress, name="action_progress"),
    *parts(A + "milestones/", "milestone", edit.MilestoneEditView, edit.MilestoneDeleteView),
    path(B + "comment/<slug:kind>/<int:pk>/", views.comment, name="comment"),
]
