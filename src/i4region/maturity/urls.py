from django.urls import path

from . import views

app_name = "maturity"
urlpatterns = [
    path("", views.index, name="index"),
    path("start/", views.start, name="start"),
    path("responses/<int:pk>/", views.result, name="result"),
    path("responses/<int:pk>/answer/<slug:dimension>/", views.answer, name="answer"),
    path("responses/<int:pk>/brief/", views.brief, name="brief"),
    path("import/", views.import_view, name="import"),
    path("export/<slug:model>-<slug:form>.csv", views.export_view, name="export"),
]
