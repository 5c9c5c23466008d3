app_name = "maturity"
urlpatterns: list = []  # the pages are added here as they land
