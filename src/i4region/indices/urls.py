from django.urls import path

from . import views

app_name = "indices"

urlpatterns = [
    path("", views.ranking, name="ranking"),
    path("regions/<str:code>/", views.region, name="region"),
    path("uncertainty/", views.uncertainty, name="uncertainty"),
    path("sensitivity/", views.sensitivity, name="sensitivity"),
    path("correlations/", views.correlations, name="correlations"),
    path("method/", views.method, name="method"),
    path("recompute/", views.recompute, name="recompute"),
]
