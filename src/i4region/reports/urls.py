app_name = "reports"
urlpatterns: list = []  # the pages are added here as they land
