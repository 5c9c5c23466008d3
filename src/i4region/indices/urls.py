from django.urls import path, re_path

from . import views

app_name = "indices"

# every page but the ranking and the scorecard is at /<name>/, served by views.<name>
PAGES = ("uncertainty", "sensitivity", "correlations", "method", "recompute")

urlpatterns = [
    path("", views.ranking, name="ranking"),
    path("regions/<str:code>/", views.region, name="region"),
    *(path(f"{name}/", getattr(views, name), name=name) for name in PAGES),
    re_path(r"^(?P<what>uncertainty|sensitivity)/run/$", views.analyse, name="analyse"),
]
