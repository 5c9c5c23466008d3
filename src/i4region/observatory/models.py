from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from i4region.core import history
from i4region.core.bilingual import pair, paired
from i4region.core.fields import choice, optional_ref, ref, user_ref
from i4region.regions.models import Region


class Theme(models.TextChoices):
    DEMOGRAPHY = "demography", _("Demography")
    ECONOMY = "economy", _("Economy")
    BUSINESS = "business", _("Business dynamics")
    LABOUR = "labour", _("Labour market")
    SKILLS = "skills", _("Human capital and skills")
    INNOVATION = "innovation", _("Innovation and R&D")
    DIGITAL = "digital", _("Digital and Industry 4.0 adoption")


class Polarity(models.TextChoices):
    HIGHER_BETTER = "higher", _("Higher is better")
    LOWER_BETTER = "lower", _("Lower is better")
    NEUTRAL = "neutral", _("Neutral")


class Indicator(models.Model):
    """One statistic with its metadata; its values are Observations, one per vintage."""

    code = models.SlugField(_("code"), max_length=64, unique=True)
    name_en, name_lt = pair(models.CharField, pgettext_lazy("indicator", "name"), max_length=200)
    definition_en, definition_lt = pair(models.TextField, _("definition"), blank=True)
    unit_en, unit_lt = pair(models.CharField, _("unit"), max_length=80)
    decimals = models.PositiveSmallIntegerField(_("decimals shown"), default=0)
    theme = choice(_("theme"), Theme, max_length=16)
    polarity = choice(_("polarity"), Polarity, max_length=8, default=Polarity.NEUTRAL)
    source_dataset = models.CharField(_("source dataset"), max_length=80, blank=True)
    publisher = models.CharField(_("publisher"), max_length=120, blank=True)
    licence = models.CharField(_("licence"), max_length=200, blank=True)
    attribution = models.CharField(_("attribution"), max_length=300, blank=True)
    levels = models.CharField(
        _("geographic levels"),
        max_length=40,
        blank=True,
        help_text=_("Comma-separated: 0–3 for NUTS levels, 4 for municipalities."),
    )
    frequency = models.CharField(_("frequency"), max_length=20, default="annual")
    notes_en, notes_lt = pair(models.TextField, _("notes"), blank=True)
    formula = models.CharField(
        _("formula"),
        max_length=300,
        blank=True,
        help_text=_("For derived indicators: how the values are computed from others."),
    )
    manual = models.BooleanField(
        _("entered by hand"),
        default=False,
        help_text=_("Values come from the data entry form, not from a file."),
    )
    published = models.BooleanField(_("published"), default=True)

    class Meta:
        ordering = ["theme", "code"]
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")

    name = paired("name")
    unit = paired("unit")
    definition = paired("definition")
    notes = paired("notes")

    def __str__(self) -> str:
        return self.name


class ImportBatch(models.Model):
    """One file imported: which, by whom, when, and what it changed."""

    file_name = models.CharField(_("file name"), max_length=255)
    sha256 = models.CharField(_("SHA-256"), max_length=64, db_index=True)
    format = models.CharField(_("format"), max_length=20)
    dataset = models.CharField(_("dataset"), max_length=80, blank=True)
    vintage = models.CharField(_("vintage"), max_length=32)
    rows_read = models.PositiveIntegerField(_("rows read"), default=0)
    added = models.PositiveIntegerField(_("added"), default=0)
    updated = models.PositiveIntegerField(_("updated"), default=0)
    unchanged = models.PositiveIntegerField(_("unchanged"), default=0)
    skipped = models.PositiveIntegerField(_("skipped"), default=0)
    created_by = user_ref(_("imported by"), related_name=None)
    created_by_name = models.CharField(_("imported by (name)"), max_length=150, blank=True)
    created_at = models.DateTimeField(_("imported at"), auto_now_add=True)
    recoding = models.JSONField(
        _("region codes recoded"),
        default=dict,
        blank=True,
        help_text=_(
            "Codes of an older NUTS version renamed on import: the version, the correspondence "
            "and, per new code, the old code."
        ),
    )

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("import batch")
        verbose_name_plural = _("import batches")

    def __str__(self) -> str:
        return f"{self.file_name} ({self.vintage})"


# a value is one indicator's, in one region, for one period, as one release (vintage) gave it
VALUE_KEY = ["indicator", "region", "period", "vintage"]


class Observation(models.Model):
    """A value of an indicator for a region and period, as published in one vintage (release).

    A new release never overwrites an old one: both rows stay, and series pick the newest vintage
    per period (see compute.series.newest).
    """

    # no index of its own: the unique key and the (indicator, period) index both begin with it
    indicator = models.ForeignKey(
        Indicator, models.CASCADE, related_name="observations", db_index=False
    )
    region = models.ForeignKey(Region, models.CASCADE, related_name="observations")
    period = models.CharField(_("period"), max_length=16)
    value = models.FloatField(_("value"))
    flag = models.CharField(_("flag"), max_length=8, blank=True)
    vintage = models.CharField(_("vintage"), max_length=32)
    batch = models.ForeignKey(
        ImportBatch, models.SET_NULL, null=True, blank=True, related_name="observations"
    )

    class Meta:
        ordering = VALUE_KEY
        verbose_name = _("observation")
        verbose_name_plural = _("observations")
        constraints = [
            models.UniqueConstraint(fields=VALUE_KEY, name="observation_unique_per_vintage"),
        ]
        indexes = [models.Index(fields=["indicator", "period"])]

    def __str__(self) -> str:
        return f"{self.indicator.code} {self.region.code} {self.period} = {self.value}"


class Target(models.Model):
    """A quantitative target the secretariat set for an indicator in a region."""

    indicator = ref(Indicator, _("indicator"), "targets")
    region = ref(Region, _("region"), "targets")
    value = models.FloatField(_("target value"))
    year = models.PositiveSmallIntegerField(_("target year"))
    baseline_year = models.PositiveSmallIntegerField(_("baseline year"))
    note = models.CharField(_("note"), max_length=300, blank=True)
    created_by = user_ref(_("set by"))
    created_at = models.DateTimeField(_("set at"), auto_now_add=True)

    class Meta:
        ordering = ["indicator", "region", "year"]
        verbose_name = _("target")
        verbose_name_plural = _("targets")
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "region", "year"], name="target_unique_per_year"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.indicator.code} {self.region.code} {self.year} = {self.value}"


class NoteReason(models.TextChoices):
    PARTIAL = "partial", _("partial count")
    IMPLAUSIBLE = "implausible", _("implausible in source")
    BREAK = "break", _("break in series")
    REVISED = "revised", _("revised in a later release")
    OTHER = "other", _("other")


class ObservationNote(models.Model):
    """The secretariat's note on a value (one region, period and optionally one release) or on a
    period of an indicator in every region; shown beside the value wherever it appears."""

    indicator = ref(Indicator, _("indicator"), "value_notes")
    region = optional_ref(
        Region,
        _("region"),
        "value_notes",
        models.CASCADE,
        help_text=_("Empty: the note applies to the period in every region."),
    )
    period = models.CharField(_("period"), max_length=16)
    vintage = models.CharField(
        _("release"),
        max_length=32,
        blank=True,
        help_text=_("Empty: the note applies to the period in every release."),
    )
    reason = choice(_("reason"), NoteReason, max_length=16)
    text_en, text_lt = pair(models.CharField, _("note"), max_length=300)

    class Meta:
        ordering = VALUE_KEY
        verbose_name = _("note on a value")
        verbose_name_plural = _("notes on values")
        constraints = [models.UniqueConstraint(fields=VALUE_KEY, name="one_note_per_value")]

    def __str__(self) -> str:
        where = self.region.code if self.region_id else "*"
        return f"{self.indicator.code} {where} {self.period}: {self.get_reason_display()}"

    text = paired("text")

    def applies_to(self, region_id: int, period: str, vintage: str) -> bool:
        return (
            self.period == period
            and self.region_id in (None, region_id)
            and self.vintage in ("", vintage)
        )


history.track(ObservationNote, parent="indicator")
history.track(Target, parent="indicator", exclude=("created_by",))
history.track(Indicator)
