from django.urls import path

from . import views

app_name = "strategy"


def record(prefix: str, name: str, page, edit_view, delete_view) -> list:
    """A record's page at <prefix><pk>/ (named `name`), with <name>_edit and <name>_delete."""
    return [
        path(f"{prefix}<int:pk>/", page, name=name),
        path(f"{prefix}<int:pk>/edit/", edit_view.as_view(), name=f"{name}_edit"),
        path(f"{prefix}<int:pk>/delete/", delete_view.as_view(), name=f"{name}_delete"),
    ]


urlpatterns = [
    path("", views.index, name="index"),
    path("new/", views.StrategyEdit.as_view(), name="create"),
    path("talent-path/", views.talent_path, name="talent_path"),
    path("export/<slug:name>.csv", views.export_csv, name="export"),
    *record("priorities/", "priority", views.priority, views.PriorityEdit, views.PriorityDelete),
    path(
        "priorities/<int:priority>/measures/new/", views.MeasureEdit.as_view(), name="measure_add"
    ),
    *record("measures/", "measure", views.measure, views.MeasureEdit, views.MeasureDelete),
    path("measures/<int:measure>/links/new/", views.LinkAdd.as_view(), name="link_add"),
    path("links/<int:pk>/delete/", views.LinkDelete.as_view(), name="link_delete"),
    path("serve/<slug:kind>/<int:pk>/", views.Serve.as_view(), name="serve"),
    path("<slug:slug>/", views.detail, name="detail"),
    path("<slug:slug>/edit/", views.StrategyEdit.as_view(), name="edit"),
    path("<slug:slug>/coordination/", views.coordination, name="coordination"),
    path("<slug:slug>/priorities/new/", views.PriorityEdit.as_view(), name="priority_add"),
]
