from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from i4region.compute.parsers import normalise_period
from i4region.regions.models import Region

from .models import Indicator, Target

FLAGS = [
    ("", gettext_lazy("none")),
    ("p", gettext_lazy("p – provisional")),
    ("e", gettext_lazy("e – estimated")),
    ("b", gettext_lazy("b – break in series")),
]


class RegionCodeField(forms.CharField):
    """A region typed as its code (LT025, LT-LAU-27); the cleaned value is the Region."""

    def clean(self, value):
        code = super().clean(value).strip().upper()
        region = Region.objects.filter(code=code).first()
        if region is None:
            raise forms.ValidationError(_("No region has the code “%(code)s”.") % {"code": code})
        return region


class TargetForm(forms.ModelForm):
    region = RegionCodeField(
        label=gettext_lazy("Region (NUTS or municipality code)"), max_length=32
    )

    class Meta:
        model = Target
        fields = ["indicator", "region", "value", "year", "baseline_year", "note"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["indicator"].queryset = Indicator.objects.filter(published=True)

    def clean(self):
        data = super().clean()
        year, baseline = data.get("year"), data.get("baseline_year")
        if year is not None and baseline is not None and baseline >= year:
            self.add_error("baseline_year", _("The baseline year must be before the target year."))
        for name in ("year", "baseline_year"):
            if data.get(name) is not None and not 1990 <= data[name] <= 2100:
                self.add_error(name, _("Enter a year between 1990 and 2100."))
        if (
            data.get("indicator")
            and data.get("region")
            and year
            and Target.objects.filter(
                indicator=data["indicator"], region=data["region"], year=year
            ).exists()
        ):
            self.add_error(
                "year", _("This indicator already has a target for this region and year.")
            )
        return data


class ValueEntryForm(forms.Form):
    indicator = forms.ModelChoiceField(
        queryset=Indicator.objects.filter(manual=True), label=gettext_lazy("Indicator")
    )
    region = RegionCodeField(
        label=gettext_lazy("Region (NUTS or municipality code)"), max_length=32
    )
    period = forms.CharField(label=gettext_lazy("Year"), max_length=16)
    value = forms.FloatField(
        label=gettext_lazy("Value"),
        required=False,
        help_text=gettext_lazy("Leave empty to remove the value."),
    )
    flag = forms.ChoiceField(label=gettext_lazy("Flag"), choices=FLAGS, required=False)
    note = forms.CharField(
        label=gettext_lazy("Source or note"),
        max_length=300,
        help_text=gettext_lazy("Where the figure comes from."),
    )

    def clean_period(self):
        period = normalise_period(self.cleaned_data["period"].strip())
        if period is None or not period.isdigit():
            raise forms.ValidationError(_("Enter a year such as 2025."))
        return period

    def clean(self):
        data = super().clean()
        indicator, region = data.get("indicator"), data.get("region")
        levels = {lv.strip() for lv in indicator.levels.split(",")} if indicator else set()
        if indicator and region and levels - {""} and str(region.level) not in levels:
            self.add_error(
                "region",
                _("%(indicator)s is kept for levels %(levels)s; %(region)s is level %(level)s.")
                % {
                    "indicator": indicator.name,
                    "levels": ", ".join(sorted(levels)),
                    "region": region.code,
                    "level": region.level,
                },
            )
        return data


class IndicatorForm(forms.ModelForm):
    """The metadata the secretariat may edit; code, formula and source mapping stay as loaded."""

    class Meta:
        model = Indicator
        fields = [
            "name_en",
            "name_lt",
            "definition_en",
            "definition_lt",
            "unit_en",
            "unit_lt",
            "decimals",
            "theme",
            "polarity",
            "publisher",
            "licence",
            "attribution",
            "levels",
            "frequency",
            "notes_en",
            "notes_lt",
            "published",
        ]

    def clean_levels(self):
        levels = [lv.strip() for lv in self.cleaned_data["levels"].split(",") if lv.strip()]
        bad = [lv for lv in levels if lv not in {"0", "1", "2", "3", "4"}]
        if bad:
            raise forms.ValidationError(
                _("Levels are 0–4 separated by commas; not %(bad)s.") % {"bad": ", ".join(bad)}
            )
        return ",".join(levels)
