"""The period of an amount, as precisely as its source gives it (budget and funding lines).

The real portfolio's sources give "€470,000 to establish" with no year and "€290,000 a year"
with no years: the period says so, and only exact dates and stated years place an amount in the
yearly arithmetic (i4region.compute.funding.placed_years).
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import formats
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _


class Period(models.TextChoices):
    """How precisely a source dates an amount; only dates and years place it in a year."""

    DATES = "dates", _("exact dates")
    YEARS = "years", _("in the stated year(s)")
    ABOUT = "about", _("about the stated year")
    YEARLY = "yearly", _("every year, from the stated year")
    UNKNOWN = "unknown", _("period not stated in the source")


class Dated(models.Model):
    """The period of an amount, as precisely as the source gives it, with the source's words."""

    period = models.CharField(
        _("period"),
        max_length=8,
        choices=Period.choices,
        default=Period.YEARS,
        help_text=_("How precisely the source dates the amount."),
    )
    date_from = models.DateField(_("from (date)"), null=True, blank=True)
    date_to = models.DateField(_("to (date)"), null=True, blank=True)
    source_words = models.CharField(
        _("the source's words"),
        max_length=400,
        blank=True,
        help_text=_("What the source says about the amount and its period, word for word."),
    )

    class Meta:
        abstract = True

    @property
    def period_text(self) -> str:
        """The period in words, as precisely as the source gives it: "about 2019", "2020–2022"."""
        first = getattr(self, "year", None) or getattr(self, "year_from", None)
        last = getattr(self, "year_to", None)
        span = f"{first}–{last}" if last and last != first else str(first)
        if self.period == Period.DATES and self.date_from and self.date_to:
            return "{} – {}".format(
                formats.date_format(self.date_from, "SHORT_DATE_FORMAT"),
                formats.date_format(self.date_to, "SHORT_DATE_FORMAT"),
            )
        if self.period == Period.YEARS and first:
            return span
        if self.period == Period.ABOUT and first:
            return gettext("about %(year)s") % {"year": first}
        if self.period == Period.YEARLY:
            if first and last:
                return gettext("every year, %(span)s") % {"span": span}
            if first:
                return gettext("every year from %(year)s") % {"year": first}
            return gettext("every year; the years are not stated")
        return gettext("not stated in the source")

    def check_period(self, first: str, last: str | None) -> None:
        """The years a period needs: dates give them, "unknown" has none, "yearly" may have none
        ("€290,000 a year", years not stated), the others a first year."""
        errors = {}
        if self.period == Period.DATES:
            if not (self.date_from and self.date_to):
                errors["date_from"] = _("Exact dates need both the first and the last day.")
            elif self.date_to < self.date_from:
                errors["date_to"] = _("The last day is before the first day.")
            else:
                setattr(self, first, self.date_from.year)
                if last:
                    setattr(self, last, self.date_to.year)
                elif self.date_to.year != self.date_from.year:
                    errors["date_to"] = _("A budget line covers one year: split it by year.")
        elif self.date_from or self.date_to:
            errors["period"] = _("Dates are given: choose exact dates as the period.")
        years = [getattr(self, first)] + ([getattr(self, last)] if last else [])
        if self.period == Period.UNKNOWN and any(y is not None for y in years):
            errors["period"] = _("A year is given: choose how precisely the source states it.")
        if self.period in (Period.YEARS, Period.ABOUT) and years[0] is None:
            errors[first] = _("This period needs a year; choose 'not stated' if there is none.")
        if self.period == Period.YEARS and last and getattr(self, last) is None:
            errors[last] = _("Give the last year too.")
        if errors:
            raise ValidationError(errors)
