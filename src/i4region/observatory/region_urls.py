"""A region's page (its profile), mounted by the regions app under its own namespace."""

from django.urls import path

from . import region_views

urlpatterns = [
    path("<str:code>/", region_views.detail, name="detail"),
]
