"""The stored network analysis of the register (written by the network job, read by the pages)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class NetworkResult(models.Model):
    """The analysis and drawing positions of the register's network at one state of its data.

    ``stamp`` fingerprints the organisations, relations and assessments analysed
    (``network_store.data_stamp``): a result whose stamp differs from today's is stale. Only the
    newest result is kept. ``data`` is plain JSON (no pickle), so a dump of the instance carries
    nothing that could run as code when loaded elsewhere.
    """

    stamp = models.CharField(_("data stamp"), max_length=64)
    computed_at = models.DateTimeField(_("computed at"))
    seconds = models.FloatField(_("computing time (seconds)"))
    organisations = models.PositiveIntegerField(_("organisations"))
    relations = models.PositiveIntegerField(_("relations"))
    data = models.JSONField(_("analysis"))

    class Meta:
        ordering = ["-computed_at", "-pk"]
        verbose_name = _("network analysis")
        verbose_name_plural = _("network analyses")

    def __str__(self) -> str:
        return f"{self.organisations} / {self.relations} ({self.computed_at:%Y-%m-%d %H:%M})"
