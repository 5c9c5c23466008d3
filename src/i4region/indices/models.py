"""Index frameworks (versioned: a change makes a new version, old ones stay) and runs (inputs,
parameters, engine version and results), so that any published number can be reproduced."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from i4region.core.bilingual import pair, paired


class Authored(models.Model):
    """When and by whom a framework version or a run was made."""

    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("created by"),
    )

    class Meta:
        abstract = True


class IndexFramework(Authored):
    """One version of an index framework: pipeline TOML plus the indicator selection and pillar
    structure in COINr iMeta form."""

    code = models.SlugField(_("code"), max_length=40)
    version = models.PositiveIntegerField(_("version"))
    name_en, name_lt = pair(models.CharField, pgettext_lazy("thing", "name"), max_length=200)
    description_en, description_lt = pair(models.TextField, _("description"), blank=True)
    pipeline_toml = models.TextField(_("pipeline (TOML)"))
    uncertainty_toml = models.TextField(_("uncertain inputs (TOML)"), blank=True)
    imeta = models.JSONField(_("indicator selection and structure (iMeta rows)"))
    reference_year = models.PositiveIntegerField(_("reference year"))
    source = models.CharField(_("data source"), max_length=300)

    name = paired("name")
    description = paired("description")

    class Meta:
        verbose_name = _("index framework")
        verbose_name_plural = _("index frameworks")
        ordering = ["code", "-version"]
        constraints = [
            models.UniqueConstraint(
                fields=["code", "version"], name="indices_framework_code_version"
            )
        ]

    def __str__(self) -> str:
        return f"{self.code} v{self.version}"


class IndexRun(Authored):
    """One computation of a framework version for one data year: everything needed to recompute
    it, and its results (scores and ranks at every level, rank intervals, sensitivity indices,
    correlations)."""

    framework = models.ForeignKey(
        IndexFramework,
        on_delete=models.PROTECT,
        related_name="runs",
        verbose_name=_("framework version"),
    )
    year = models.PositiveIntegerField(_("data year"))
    inputs = models.JSONField(_("inputs snapshot (iData rows)"))
    inputs_sha256 = models.CharField(_("inputs SHA-256"), max_length=64)
    parameters = models.JSONField(_("parameters"), default=dict)
    engine_version = models.CharField(_("engine version"), max_length=40)
    results = models.JSONField(_("results"))
    published = models.BooleanField(_("published"), default=False)

    class Meta:
        verbose_name = _("index run")
        verbose_name_plural = _("index runs")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.framework} {self.year} run {self.pk}"
