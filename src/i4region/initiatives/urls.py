from django.urls import path

from . import edit, views

app_name = "initiatives"

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("new/", edit.InitiativeEdit.as_view(), name="create"),
    path("scenario/", views.scenario, name="scenario"),
    path("import/", views.import_view, name="import"),
    path("export/<slug:name>.csv", views.export_csv, name="export"),
    path("<slug:slug>/", views.detail, name="detail"),
    path("<slug:slug>/evidence/", views.evidence, name="evidence"),
    path("<slug:slug>/edit/", edit.InitiativeEdit.as_view(), name="edit"),
    path("<slug:slug>/delete/", edit.InitiativeDelete.as_view(), name="delete"),
]
for segment, (edit_view, delete_view) in edit.CHILDREN.items():
    name = segment.replace("-", "_")
    urlpatterns += [
        path(f"<slug:slug>/{segment}/add/", edit_view.as_view(), name=f"{name}_add"),
        path(f"<slug:slug>/{segment}/<int:pk>/", edit_view.as_view(), name=f"{name}_edit"),
        path(
            f"<slug:slug>/{segment}/<int:pk>/delete/",
            delete_view.as_view(),
            name=f"{name}_delete",
        ),
    ]
