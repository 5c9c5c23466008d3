from django.urls import path

from . import views

app_name = "initiatives"

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("new/", views.create, name="create"),
    path("scenario/", views.scenario, name="scenario"),
    path("import/", views.import_view, name="import"),
    path("export/<slug:name>.csv", views.export_csv, name="export"),
    path("<slug:slug>/", views.detail, name="detail"),
    path("<slug:slug>/evidence/", views.evidence, name="evidence"),
    path("<slug:slug>/edit/", views.edit, name="edit"),
    path("<slug:slug>/<slug:kind>/add/", views.child, name="child_add"),
    path("<slug:slug>/<slug:kind>/<int:pk>/", views.child, name="child_edit"),
]
