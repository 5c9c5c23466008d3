from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path

from i4region.api import api
from i4region.core import views as core_views
from i4region.core.registry import app_modules

urlpatterns = [
    path("", core_views.root),
    path("healthz", core_views.health),
    path("api/v1/", api.urls),
]
urlpatterns += i18n_patterns(
    path("", include("i4region.core.urls")),
    # every app with a `urls` module, under its own name: /lt/board/, /en/maturity/ …
    *(
        path(f"{config.label}/", include(module))
        for config, module in app_modules("urls", exclude=("core",))
    ),
    path("admin/", admin.site.urls),
    prefix_default_language=True,
)

handler400 = "i4region.core.views.bad_request"
handler403 = "i4region.core.views.permission_denied"
handler404 = "i4region.core.views.not_found"
handler500 = "i4region.core.views.server_error"
