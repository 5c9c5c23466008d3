from django.urls import path

from . import compare, uploads, views

app_name = "observatory"

urlpatterns = [
    path("indicators/", views.indicators, name="indicators"),
    path("indicators/<slug:code>/", views.indicator, name="indicator"),
    path("indicators/<slug:code>/edit/", views.indicator_edit, name="indicator_edit"),
    path("indicators/<slug:code>/data.<str:fmt>", views.download, name="download"),
    path("compare/", compare.compare, name="compare"),
    path("chart/<slug:code>.<str:fmt>", compare.chart, name="chart"),
    path("targets/", views.targets, name="targets"),
    path("entry/", views.entry, name="entry"),
    path("imports/", views.imports, name="imports"),
    path("imports/upload/", uploads.upload, name="upload"),
]
