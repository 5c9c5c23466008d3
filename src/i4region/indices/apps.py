from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IndicesConfig(AppConfig):
    """The composite Industry 4.0 index: frameworks, runs and their pages (engine: compute.index)."""

    name = "i4region.indices"
    verbose_name = _("Composite index")
