from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class StakeholdersConfig(AppConfig):
    name = "i4region.stakeholders"
    verbose_name = _("Stakeholders")
