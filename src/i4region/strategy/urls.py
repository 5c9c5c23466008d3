from django.urls import path

from . import views

app_name = "strategy"

urlpatterns = [
    path("", views.index, name="index"),
    path("new/", views.StrategyEdit.as_view(), name="create"),
    path("talent-path/", views.talent_path, name="talent_path"),
    path("export/<slug:name>.csv", views.export_csv, name="export"),
    path("priorities/<int:pk>/", views.priority, name="priority"),
    path("priorities/<int:pk>/edit/", views.PriorityEdit.as_view(), name="priority_edit"),
    path("priorities/<int:pk>/delete/", views.PriorityDelete.as_view(), name="priority_delete"),
    path(
        "priorities/<int:priority>/measures/new/", views.MeasureEdit.as_view(), name="measure_add"
    ),
    path("measures/<int:pk>/", views.measure, name="measure"),
    path("measures/<int:pk>/edit/", views.MeasureEdit.as_view(), name="measure_edit"),
    path("measures/<int:pk>/delete/", views.MeasureDelete.as_view(), name="measure_delete"),
    path("measures/<int:measure>/links/new/", views.LinkAdd.as_view(), name="link_add"),
    path("links/<int:pk>/delete/", views.LinkDelete.as_view(), name="link_delete"),
    path("serve/<slug:kind>/<int:pk>/", views.Serve.as_view(), name="serve"),
    path("<slug:slug>/", views.detail, name="detail"),
    path("<slug:slug>/edit/", views.StrategyEdit.as_view(), name="edit"),
    path("<slug:slug>/coordination/", views.coordination, name="coordination"),
    path("<slug:slug>/priorities/new/", views.PriorityEdit.as_view(), name="priority_add"),
]
