app_name = "strategy"
urlpatterns: list = []  # the pages are added here as they land
