from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TransferConfig(AppConfig):
    name = "i4region.transfer"
    verbose_name = _("Transfer to another region")
