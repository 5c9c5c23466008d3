from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    """Site-wide pieces: layout, navigation, home page, setup/export commands."""

    name = "i4region.core"
    verbose_name = _("Site")
