from django.urls import path

from . import editing, views

app_name = "stakeholders"


def on_organisation(kind: str, edit, add: str, add_name: str = "", delete=None) -> list:
    """The pages of a record kept on its organisation's page: added at organisation/<org>/<add>/
    (named add_<kind> unless `add_name`), edited at <kind>/<pk>/edit/ and, with a `delete`
    view, deleted at <kind>/<pk>/delete/."""
    pages = [
        path(f"organisation/<int:org>/{add}/", edit.as_view(), name=add_name or f"add_{kind}"),
        path(f"{kind}/<int:pk>/edit/", edit.as_view(), name=f"edit_{kind}"),
    ]
    if delete is not None:
        pages.append(path(f"{kind}/<int:pk>/delete/", delete.as_view(), name=f"delete_{kind}"))
    return pages


urlpatterns = [
    path("", views.organisations, name="organisations"),
    path("organisation/add/", editing.OrganisationEdit.as_view(), name="add_organisation"),
    path("organisation/<int:pk>/", views.organisation, name="organisation"),
    path(
        "organisation/<int:pk>/edit/",
        editing.OrganisationEdit.as_view(),
        name="edit_organisation",
    ),
    *on_organisation("person", editing.PersonEdit, "contact"),
    path("person/<int:pk>/erase/", views.erase, name="erase"),
    *on_organisation("relation", editing.RelationEdit, "relation", delete=editing.RelationDelete),
    *on_organisation("interaction", editing.InteractionEdit, "interaction", "log_interaction"),
    *on_organisation("assessment", editing.AssessmentEdit, "assess", "assess"),
    *on_organisation("activity", editing.ActivityEdit, "activity", delete=editing.ActivityDelete),
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
