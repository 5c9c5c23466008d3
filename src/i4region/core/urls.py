from django.urls import path

from . import views

app_name = "core"

urlpatterns = [
    path("", views.home, name="home"),
    path("planned/<slug:slug>/", views.unbuilt, name="unbuilt"),
]


def parts(prefix: str, name: str, edit_view, delete_view=None, key: str = "item", page=None):
    """The pages of the records under `prefix`: <name>_add at <prefix>new/, <name>_edit at
    <prefix><key>/edit/, with a `delete_view` <name>_delete at <prefix><key>/delete/, with a
    `page` view the record's own page <name> at <prefix><key>/."""
    record = f"{prefix}<int:{key}>/"
    pages = [
        path(prefix + "new/", edit_view.as_view(), name=f"{name}_add"),
        path(record + "edit/", edit_view.as_view(), name=f"{name}_edit"),
    ]
    if delete_view is not None:
        pages.append(path(record + "delete/", delete_view.as_view(), name=f"{name}_delete"))
    if page is not None:
        pages.append(path(record, page, name=name))
    return pages
