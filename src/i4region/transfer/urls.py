app_name = "transfer"
urlpatterns: list = []  # the pages are added here as they land
