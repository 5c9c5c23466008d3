from django.urls import path, re_path

from . import views

app_name = "reports"

#: kind of report → its address (named after the kind); every one is served as .pdf and .html.
DOCUMENTS = {
    "region-profile": r"^region-profile/(?P<region>[A-Za-z0-9_-]+)",
    "initiative": r"^initiatives/(?P<slug>[-a-zA-Z0-9_]+)",
    "board-briefing": r"^boards/(?P<board>[-a-zA-Z0-9_]+)/meetings/(?P<meeting>\d+|next)",
    "company-brief": r"^companies/(?P<organisation>\d+)/(?P<wave>T\d)",
}

urlpatterns = [
    path("", views.index, name="index"),
    path("region-profile/", views.pick, name="pick"),
    path("batches/", views.batch, name="batch"),
    *(
        re_path(pattern + r"\.(?P<fmt>pdf|html)$", views.document, {"kind": kind}, name=kind)
        for kind, pattern in DOCUMENTS.items()
    ),
]
