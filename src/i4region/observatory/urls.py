from django.urls import path

from . import views

app_name = "observatory"

urlpatterns = [
    path("indicators/", views.indicators, name="indicators"),
    path("imports/", views.imports, name="imports"),
]
