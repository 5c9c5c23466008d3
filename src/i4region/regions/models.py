from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _


class RegionKind(models.TextChoices):
    NUTS = "nuts", _("NUTS region")
    MUNICIPALITY = "municipality", _("Municipality")
    AGGREGATE = "aggregate", _("Group of countries")


class Region(models.Model):
    """A NUTS 2021 region (levels 0–3), a municipality (level 4) or an aggregate such as the EU."""

    code = models.CharField(_("code"), max_length=32, unique=True)
    kind = models.CharField(_("kind"), max_length=16, choices=RegionKind.choices)
    level = models.PositiveSmallIntegerField(_("level"))
    parent = models.ForeignKey(
        "self",
        models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("parent"),
    )
    country_code = models.CharField(_("country"), max_length=2, blank=True)
    name = models.CharField(_("name in the national language"), max_length=200)
    name_en = models.CharField(_("name in English"), max_length=200, blank=True)
    name_lt = models.CharField(_("name in Lithuanian"), max_length=200, blank=True)

    class Meta:
        ordering = ["code"]
        verbose_name = _("region")
        verbose_name_plural = _("regions")
        indexes = [models.Index(fields=["country_code", "level"])]

    def __str__(self) -> str:
        return f"{self.display_name} ({self.code})"

    @property
    def display_name(self) -> str:
        """The name in the active language where the data has one, else the national name."""
        lang = (get_language() or "lt")[:2]
        if lang == "lt" and (self.name_lt or self.country_code == "LT"):
            return self.name_lt or self.name
        if lang == "en" and self.name_en:
            return self.name_en
        return self.name

    def ancestors(self) -> list["Region"]:
        """From the country down to the parent (a short walk: at most four levels)."""
        chain, node = [], self.parent
        while node is not None:
            chain.append(node)
            node = node.parent
        return chain[::-1]
