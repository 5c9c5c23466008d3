app_name = "search"
urlpatterns: list = []  # the pages are added here as they land
