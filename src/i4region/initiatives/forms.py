from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from i4region.accounts.models import Role
from i4region.observatory.models import Theme
from i4region.regions.models import Region, RegionKind
from i4region.stakeholders.forms import organisation_field

from .choices import SUBCATEGORIES_OF, SourceType, TargetGroup
from .importer import BUDGET_COLUMNS, FUNDING_COLUMNS, IMPORT_COLUMNS, PERIOD_COLUMNS
from .models import (
    INITIATIVE_FIELDS,
    KPI_FIELDS,
    BudgetLine,
    Fact,
    FundingLine,
    Initiative,
    Kpi,
    KpiValue,
)
from .periods import Period

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
PERIOD_WIDGETS = {"date_from": DATE, "date_to": DATE}


def municipalities():
    return Region.objects.filter(kind=RegionKind.MUNICIPALITY).order_by("name")


def in_order(form, data: dict, first: str, last: str, message: str, strict: bool = False) -> dict:
    """The form's cleaned data, with `message` on `last` when it comes before `first` (or, when
    `strict`, is not after it)."""
    a, b = data.get(first), data.get(last)
    if a and b and (b <= a if strict else b < a):
        form.add_error(last, message)
    return data


class InitiativeForm(forms.ModelForm):
    """What an initiative manager may change; the secretariat also gets managers and publishing."""

    owner_organisation = organisation_field(required=False, label=_("owner organisation"))
    partners = organisation_field(required=False, multiple=True, label=_("partner organisations"))
    target_groups = forms.MultipleChoiceField(
        label=_("target groups"),
        choices=TargetGroup.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = Initiative
        fields = list(INITIATIVE_FIELDS)
        widgets = {
            "start_date": DATE,
            "end_date": DATE,
            "description_en": forms.Textarea(attrs={"rows": 4}),
            "description_lt": forms.Textarea(attrs={"rows": 4}),
            "status_reason": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["municipality"].queryset = municipalities()
        if self.instance.pk:
            self.initial["target_groups"] = self.instance.target_group_codes

    def clean_target_groups(self) -> str:
        return ";".join(self.cleaned_data["target_groups"])

    def clean(self):
        message = _("The end date is before the start date.")
        return in_order(self, super().clean(), "start_date", "end_date", message)


class SecretariatInitiativeForm(InitiativeForm):
    class Meta(InitiativeForm.Meta):
        fields = [*InitiativeForm.Meta.fields, "decisions", "managers", "published"]
        widgets = {**InitiativeForm.Meta.widgets, "managers": forms.CheckboxSelectMultiple}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["managers"].queryset = (
            get_user_model()
            .objects.filter(role=Role.INITIATIVE_MANAGER, is_active=True)
            .order_by("username")
        )


class ChildForm(forms.ModelForm):
    """A form for a record under an initiative; its uniqueness is checked within that initiative."""

    def __init__(self, *args, initiative: Initiative, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.initiative = initiative

    def validate_unique(self):
        exclude = self._get_validation_exclusions() - {"initiative"}
        try:
            self.instance.validate_unique(exclude=exclude)
            self.instance.validate_constraints(exclude=exclude)
        except forms.ValidationError as exc:
            self._update_errors(exc)


class PeriodMixin:
    """Without a chosen period, a line with a year is "in the stated year", one without "not
    stated in the source" (the model then checks that period and years agree)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["period"].required = False

    def clean_period(self) -> str:
        period = self.cleaned_data.get("period")
        if period:
            return period
        year = self.data.get("year") or self.data.get("year_from")
        return Period.YEARS if year else Period.UNKNOWN


class BudgetLineForm(PeriodMixin, ChildForm):
    class Meta:
        model = BudgetLine
        fields = [*BUDGET_COLUMNS[1:], *PERIOD_COLUMNS]  # the import's columns but the initiative
        widgets = PERIOD_WIDGETS

    def clean(self):
        data = super().clean()
        category, sub = data.get("category"), data.get("subcategory", "")
        if category in SUBCATEGORIES_OF and sub not in SUBCATEGORIES_OF[category]:
            self.add_error("subcategory", _("This budget line does not belong to that category."))
        return data


class FundingLineForm(PeriodMixin, ChildForm):
    funder_organisation = organisation_field(label=_("funder organisation"))

    class Meta:
        model = FundingLine
        fields = [*FUNDING_COLUMNS[1:], *PERIOD_COLUMNS]
        widgets = PERIOD_WIDGETS

    def clean(self):
        message = _("The last year is before the first year.")
        return in_order(self, super().clean(), "year_from", "year_to", message)


class KpiForm(ChildForm):
    class Meta:
        model = Kpi
        fields = [*KPI_FIELDS, "indicator"]

    def clean(self):
        message = _("The target year must be after the baseline year.")
        return in_order(self, super().clean(), "baseline_year", "target_year", message, strict=True)


class KpiValueForm(forms.ModelForm):
    class Meta:
        model = KpiValue
        fields = ["kpi", "period", "value", "qualifier", "source_url", "note"]

    def __init__(self, *args, initiative: Initiative, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kpi"].queryset = initiative.kpis.all()

    def clean_period(self) -> str:
        period = self.cleaned_data["period"].strip()
        year, _sep, month = period.partition("-")
        if not (
            len(year) == 4
            and year.isdigit()
            and (not month or (month.isdigit() and 1 <= int(month) <= 12 and len(month) == 2))
        ):
            raise forms.ValidationError(_("Write a year (2021) or a month (2021-12)."))
        return period


class FactForm(ChildForm):
    class Meta:
        model = Fact
        fields = [
            "text_en",
            "text_lt",
            "value",
            "unit_en",
            "unit_lt",
            "reference_period_en",
            "reference_period_lt",
            "source_url",
            "source_date",
            "note_en",
            "note_lt",
        ]
        widgets = {
            "text_en": forms.Textarea(attrs={"rows": 3}),
            "text_lt": forms.Textarea(attrs={"rows": 3}),
            "note_en": forms.Textarea(attrs={"rows": 2}),
            "note_lt": forms.Textarea(attrs={"rows": 2}),
            "source_date": DATE,
        }


class FilterForm(forms.Form):
    """Dashboard filters; every field is optional."""

    theme = forms.ChoiceField(
        label=_("Theme"), required=False, choices=[("", _("All themes")), *Theme.choices]
    )
    target_group = forms.ChoiceField(
        label=_("Target group"),
        required=False,
        choices=[("", _("All target groups")), *TargetGroup.choices],
    )
    municipality = forms.ModelChoiceField(
        label=_("Municipality"),
        required=False,
        queryset=Region.objects.none(),
        to_field_name="code",
        empty_label=_("All municipalities"),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["municipality"].queryset = (
            municipalities().filter(initiatives__isnull=False).distinct()
        )


class ScenarioForm(forms.Form):
    """ "If source X ends in year Y": the source is a funder or a source type in the portfolio."""

    source = forms.ChoiceField(label=_("Funding source that ends"))
    end_year = forms.IntegerField(
        label=_("Last year it still pays"), min_value=1990, max_value=2100
    )

    def __init__(self, *args, funders: list[str], source_types: list[str], **kwargs):
        super().__init__(*args, **kwargs)
        labels = dict(SourceType.choices)
        self.fields["source"].choices = [
            (_("Source type"), [(f"type:{t}", labels.get(t, t)) for t in source_types]),
            (_("Funder"), [(f"funder:{f}", f) for f in funders]),
        ]


class ImportForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("What the file holds"),
        choices=[
            ("initiatives", _("Initiatives")),
            ("budget", _("Budget lines")),
            ("funding", _("Funding lines")),
        ],
    )
    file = forms.FileField(label=_("CSV file (UTF-8)"))

    columns = IMPORT_COLUMNS
