from django.urls import path

from . import views

app_name = "board"

urlpatterns = [
    path("", views.index, name="index"),
    path("new/", views.board_create, name="board_create"),
    path("my-actions/", views.my_actions, name="my_actions"),
    path("<slug:slug>/", views.workspace, name="workspace"),
    path("<slug:slug>/edit/", views.board_edit, name="board_edit"),
    path("<slug:slug>/public/", views.public, name="public"),
    path("<slug:slug>/public/csv/<slug:name>.csv", views.public_csv, name="public_csv"),
    path("<slug:slug>/csv/<slug:name>.csv", views.board_csv, name="csv"),
    path("<slug:slug>/history/", views.history, name="history"),
    path("<slug:slug>/meetings.ics", views.meetings_ics, name="meetings_ics"),
    path("<slug:slug>/founders/new/", views.founder_add, name="founder_add"),
    path("<slug:slug>/members/new/", views.member_edit, name="member_add"),
    path("<slug:slug>/members/<int:pk>/edit/", views.member_edit, name="member_edit"),
    path("<slug:slug>/meetings/new/", views.meeting_edit, name="meeting_add"),
    path("<slug:slug>/meetings/<int:pk>/", views.meeting, name="meeting"),
    path("<slug:slug>/meetings/<int:pk>/edit/", views.meeting_edit, name="meeting_edit"),
    path("<slug:slug>/meetings/<int:pk>/minutes/", views.minutes_edit, name="minutes_edit"),
    path(
        "<slug:slug>/meetings/<int:pk>/minutes/status/", views.minutes_status, name="minutes_status"
    ),
    path("<slug:slug>/meetings/<int:pk>/agenda/new/", views.agenda_add, name="agenda_add"),
    path(
        "<slug:slug>/meetings/<int:pk>/attendance/new/", views.attendance_add, name="attendance_add"
    ),
    path("<slug:slug>/meetings/<int:pk>/documents/new/", views.document_add, name="document_add"),
    path("<slug:slug>/challenges/new/", views.challenge_edit, name="challenge_add"),
    path("<slug:slug>/challenges/<int:pk>/", views.challenge, name="challenge"),
    path("<slug:slug>/challenges/<int:pk>/edit/", views.challenge_edit, name="challenge_edit"),
    path("<slug:slug>/challenges/<int:pk>/evidence/new/", views.evidence_add, name="evidence_add"),
    path("<slug:slug>/proposals/new/", views.proposal_edit, name="proposal_add"),
    path("<slug:slug>/proposals/<int:pk>/", views.proposal, name="proposal"),
    path("<slug:slug>/proposals/<int:pk>/edit/", views.proposal_edit, name="proposal_edit"),
    path("<slug:slug>/proposals/<int:pk>/state/", views.proposal_state, name="proposal_state"),
    path("<slug:slug>/decisions/new/", views.decision_edit, name="decision_add"),
    path("<slug:slug>/decisions/<int:pk>/", views.decision, name="decision"),
    path("<slug:slug>/decisions/<int:pk>/edit/", views.decision_edit, name="decision_edit"),
    path(
        "<slug:slug>/decisions/<int:pk>/approve/", views.decision_approve, name="decision_approve"
    ),
    path("<slug:slug>/decisions/<int:pk>/amend/", views.decision_amend, name="decision_amend"),
    path("<slug:slug>/decisions/<int:pk>/vote/", views.decision_vote, name="decision_vote"),
    path("<slug:slug>/actions/new/", views.action_edit, name="action_add"),
    path("<slug:slug>/actions/<int:pk>/", views.action, name="action"),
    path("<slug:slug>/actions/<int:pk>/edit/", views.action_edit, name="action_edit"),
    path("<slug:slug>/actions/<int:pk>/progress/", views.action_progress, name="action_progress"),
    path("<slug:slug>/actions/<int:pk>/milestones/new/", views.milestone_add, name="milestone_add"),
    path("<slug:slug>/comment/<slug:kind>/<int:pk>/", views.comment, name="comment"),
]
