"""The project's URLs plus this app's, until the lead mounts indices/ in i4region.urls."""

from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path

from i4region.urls import urlpatterns as project

urlpatterns = [*project, *i18n_patterns(path("indices/", include("i4region.indices.urls")),
                                        prefix_default_language=True)]
