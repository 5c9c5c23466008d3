from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path

from i4region.api import api
from i4region.core import views as core_views

urlpatterns = [
    path("", core_views.root),
    path("healthz", core_views.health),
    path("api/v1/", api.urls),
]
urlpatterns += i18n_patterns(
    path("", include("i4region.core.urls")),
    path("accounts/", include("i4region.accounts.urls")),
    path("regions/", include("i4region.regions.urls")),
    path("observatory/", include("i4region.observatory.urls")),
    path("indices/", include("i4region.indices.urls")),
    path("board/", include("i4region.board.urls")),
    path("initiatives/", include("i4region.initiatives.urls")),
    path("stakeholders/", include("i4region.stakeholders.urls")),
    path("maturity/", include("i4region.maturity.urls")),
    path("strategy/", include("i4region.strategy.urls")),
    path("reports/", include("i4region.reports.urls")),
    path("transfer/", include("i4region.transfer.urls")),
    path("search/", include("i4region.search.urls")),
    path("admin/", admin.site.urls),
    prefix_default_language=True,
)

handler400 = "i4region.core.views.bad_request"
handler403 = "i4region.core.views.permission_denied"
handler404 = "i4region.core.views.not_found"
handler500 = "i4region.core.views.server_error"
