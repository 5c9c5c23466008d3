from django.urls import path

from . import views

app_name = "transfer"
urlpatterns = [
    path("", views.guide, name="guide"),
    path("templates/<slug:slug>/", views.template_page, name="template"),
    path("templates/<slug:slug>/file/", views.template_file, name="template_file"),
    path("instance/", views.instance, name="instance"),
    path("instance/dump/", views.dump, name="dump"),
    path("instance/load/", views.load, name="load"),
]
