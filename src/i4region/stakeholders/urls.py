from django.urls import path

from . import views

app_name = "stakeholders"

urlpatterns = [
    path("", views.organisations, name="organisations"),
    path("organisation/add/", views.edit_organisation, name="add_organisation"),
    path("organisation/<int:pk>/", views.organisation, name="organisation"),
    path("organisation/<int:pk>/edit/", views.edit_organisation, name="edit_organisation"),
    path("organisation/<int:pk>/contact/", views.add_person, name="add_person"),
    path("organisation/<int:pk>/interaction/", views.log_interaction, name="log_interaction"),
    path("organisation/<int:pk>/assess/", views.assess, name="assess"),
    path("person/<int:pk>/erase/", views.erase, name="erase"),
    path("follow-up/<int:pk>/done/", views.follow_up_done, name="follow_up_done"),
    path("network/", views.network, name="network"),
    path("network.svg", views.network_svg, name="network_svg"),
    path("key-actors/", views.key_actors, name="key_actors"),
    path("grid/", views.grid, name="grid"),
    path("activities/", views.activities, name="activities"),
    path("alerts/", views.alerts, name="alerts"),
    path("kumu/", views.kumu_page, name="kumu"),
    path("kumu/export/<str:fmt>/", views.kumu_export, name="kumu_export"),
]
