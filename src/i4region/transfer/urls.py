from django.urls import path

from . import views

app_name = "transfer"
urlpatterns = [
    path("", views.guide, name="guide"),
    path("templates/<slug:slug>/", views.template_page, name="template"),
    path("templates/<slug:slug>/file/", views.template_file, name="template_file"),
]
