from django.urls import path

from . import editing, views

app_name = "stakeholders"

urlpatterns = [
    path("", views.organisations, name="organisations"),
    path("organisation/add/", editing.OrganisationEdit.as_view(), name="add_organisation"),
    path("organisation/<int:pk>/", views.organisation, name="organisation"),
    path(
        "organisation/<int:pk>/edit/",
        editing.OrganisationEdit.as_view(),
        name="edit_organisation",
    ),
    path("organisation/<int:org>/contact/", editing.PersonEdit.as_view(), name="add_person"),
    path("person/<int:pk>/edit/", editing.PersonEdit.as_view(), name="edit_person"),
    path("person/<int:pk>/erase/", views.erase, name="erase"),
    path("organisation/<int:org>/relation/", editing.RelationEdit.as_view(), name="add_relation"),
    path("relation/<int:pk>/edit/", editing.RelationEdit.as_view(), name="edit_relation"),
    path("relation/<int:pk>/delete/", editing.RelationDelete.as_view(), name="delete_relation"),
    path(
        "organisation/<int:org>/interaction/",
        editing.InteractionEdit.as_view(),
        name="log_interaction",
    ),
    path("interaction/<int:pk>/edit/", editing.InteractionEdit.as_view(), name="edit_interaction"),
    path("organisation/<int:org>/assess/", editing.AssessmentEdit.as_view(), name="assess"),
    path("assessment/<int:pk>/edit/", editing.AssessmentEdit.as_view(), name="edit_assessment"),
    path("organisation/<int:org>/activity/", editing.ActivityEdit.as_view(), name="add_activity"),
    path("activity/<int:pk>/edit/", editing.ActivityEdit.as_view(), name="edit_activity"),
    path("activity/<int:pk>/delete/", editing.ActivityDelete.as_view(), name="delete_activity"),
    path("follow-up/<int:pk>/done/", views.follow_up_done, name="follow_up_done"),
    path("network/", views.network, name="network"),
    path("network.svg", views.network_svg, name="network_svg"),
    path("key-actors/", views.key_actors, name="key_actors"),
    path("grid/", views.grid, name="grid"),
    path("activities/", views.activities, name="activities"),
    path("alerts/", views.alerts, name="alerts"),
    path("kumu/", views.kumu_page, name="kumu"),
    path("kumu/export/<str:fmt>/", views.kumu_export, name="kumu_export"),
]
