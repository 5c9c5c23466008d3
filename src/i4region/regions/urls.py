from django.urls import include, path

from . import views

app_name = "regions"

# A region's page is its profile, which the observatory assembles from the statistics; the
# regions app names the address and stays free of the observatory's code.
urlpatterns = [
    path("", views.search, name="search"),
    path("", include("i4region.observatory.region_urls")),
]
