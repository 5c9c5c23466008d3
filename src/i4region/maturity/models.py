"""Responses to a maturity model and the scores they received.

A response keeps the model and the version it was answered with, the company profile at the
time (size class, NACE Rev. 2 code, municipality, region) and its answers by stable item code.
Its scores carry the version that produced them; a newer version of a model never rescores an
old response (see services.score).
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from i4region.core import history
from i4region.core.fields import choice, optional, ref, user_ref
from i4region.core.models import Record
from i4region.regions.models import RegionKind
from i4region.stakeholders.models import SizeClass, nace_validator, place


class Model(models.TextChoices):
    DMA = "dma", _("EU Digital Maturity Assessment (DMA)")
    IMPULS = "impuls", _("IMPULS Industrie 4.0 Readiness")


class Wave(models.TextChoices):
    T0 = "T0", _("T0 – before support")
    T1 = "T1", _("T1 – first follow-up")
    T2 = "T2", _("T2 – second follow-up")


class Status(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")


class Response(Record):
    """One company's answers to one model in one wave."""

    url_name = "maturity:result"

    model = choice(_("model"), Model, max_length=16)
    version = models.CharField(_("model version"), max_length=16)
    organisation = ref(
        "stakeholders.Organisation", _("organisation"), "maturity_responses", models.PROTECT
    )
    respondent = user_ref(_("respondent"))
    on_behalf = models.BooleanField(
        _("recorded on the company's behalf"),
        default=False,
        help_text=_("Filled in by the secretariat for the company."),
    )
    wave = choice(_("wave"), Wave, max_length=2)
    date = models.DateField(_("date"))
    size_class = choice(_("size class"), SizeClass, max_length=8)
    nace_code = models.CharField(_("NACE Rev. 2 code"), max_length=8, validators=[nace_validator])
    municipality = place(_("municipality"), RegionKind.MUNICIPALITY)
    region = place(_("region"))
    status = choice(_("status"), Status, max_length=12, default=Status.DRAFT)
    submitted_at = optional(models.DateTimeField, _("submitted at"))
    answers = models.JSONField(_("answers"), default=dict, blank=True)
    source = models.CharField(_("source"), max_length=200, blank=True)
    is_sample = models.BooleanField(_("sample (fictional)"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["organisation__name", "model", "wave"]
        verbose_name = _("maturity response")
        verbose_name_plural = _("maturity responses")
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "model", "wave"], name="maturity_one_response_per_wave"
            )
        ]

    def __str__(self) -> str:
        return f"{self.organisation} · {self.get_model_display()} {self.version} · {self.wave}"

    @property
    def nace_section(self) -> str:
        return self.nace_code[:1]

    @property
    def submitted(self) -> bool:
        return self.status == Status.SUBMITTED


class Score(models.Model):
    """A dimension's (or the overall) score of a response, with the version that produced it."""

    response = ref(Response, _("response"), "scores")
    scored_with = models.CharField(_("scored with"), max_length=40)
    dimension = models.CharField(_("dimension"), max_length=40)
    value = models.FloatField(_("score"))
    band = models.CharField(_("band"), max_length=40)

    class Meta:
        ordering = ["response", "pk"]
        verbose_name = _("score")
        verbose_name_plural = _("scores")
        constraints = [
            models.UniqueConstraint(
                fields=["response", "dimension"], name="maturity_one_score_per_dimension"
            )
        ]

    def __str__(self) -> str:
        return f"{self.dimension} = {self.value:.2f} ({self.scored_with})"


# Answers are confidential and many: the history records that a response changed, not the values.
history.track(Response, exclude=("answers", "submitted_at"))
