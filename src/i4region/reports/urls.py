from django.urls import path, re_path

from . import views

app_name = "reports"

#: Every document is served as .pdf and as .html (the same document, for the screen).
FMT = r"\.(?P<fmt>pdf|html)$"

urlpatterns = [
    path("", views.index, name="index"),
    path("region-profile/", views.pick, name="pick"),
    re_path(
        r"^region-profile/(?P<region>[A-Za-z0-9_-]+)" + FMT,
        views.document,
        {"kind": "region-profile"},
        name="region-profile",
    ),
    re_path(
        r"^initiatives/(?P<slug>[-a-zA-Z0-9_]+)" + FMT,
        views.document,
        {"kind": "initiative"},
        name="initiative",
    ),
    re_path(
        r"^boards/(?P<board>[-a-zA-Z0-9_]+)/meetings/(?P<meeting>\d+|next)" + FMT,
        views.document,
        {"kind": "board-briefing"},
        name="board-briefing",
    ),
    re_path(
        r"^companies/(?P<organisation>\d+)/(?P<wave>T\d)" + FMT,
        views.document,
        {"kind": "company-brief"},
        name="company-brief",
    ),
]
