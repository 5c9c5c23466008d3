from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class StakeholdersConfig(AppConfig):
    name = "i4region.stakeholders"
    verbose_name = _("Stakeholders")

    def ready(self) -> None:
        # a change of the register asks for one network analysis job (network_store)
        from . import network_store

        network_store.connect()
