from django import forms
from django.utils.translation import gettext_lazy as _

from i4region.core.widgets import SearchableSelect, SearchableSelectMultiple
from i4region.observatory.models import Target
from i4region.stakeholders.forms import organisation_field

from .models import LINK_MODELS, PRIORITY_FIELDS, Measure, MeasureLink, Priority, Strategy

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class StrategyForm(forms.ModelForm):
    adopting_body = organisation_field(required=False, label=_("adopting body"))

    class Meta:
        model = Strategy
        fields = [
            "slug",
            "title_en",
            "title_lt",
            "summary_en",
            "summary_lt",
            "period_start",
            "period_end",
            "status",
            "drafted",
            "adopted_on",
            "revised_on",
            "prepared_by_en",
            "prepared_by_lt",
            "adopting_body",
            "document_url",
            "source_url",
            "source_date",
            "is_sample",
        ]
        widgets = {"adopted_on": DATE, "revised_on": DATE, "source_date": DATE}


class PriorityForm(forms.ModelForm):
    class Meta:
        model = Priority
        fields = list(PRIORITY_FIELDS)


class MeasureForm(forms.ModelForm):
    owner_organisation = organisation_field(required=False, label=_("owner organisation"))
    targets = forms.ModelMultipleChoiceField(
        queryset=Target.objects.select_related("indicator", "region"),
        required=False,
        label=_("indicator targets"),
        help_text=_("Targets set in the observatory; their progress status rolls up."),
        widget=SearchableSelectMultiple,
    )

    class Meta:
        model = Measure
        fields = [
            "position",
            "title_en",
            "title_lt",
            "objective_en",
            "objective_lt",
            "owner_organisation",
            "targets",
            "is_sample",
        ]


class MeasureLinkForm(forms.ModelForm):
    """Pick exactly one record of one kind; the kind follows from the field that is filled."""

    class Meta:
        model = MeasureLink
        fields = [*LINK_MODELS, "note"]
        widgets = {kind: SearchableSelect for kind in LINK_MODELS}

    def __init__(self, *args, measure: Measure, visible: dict | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.measure = measure
        for kind in LINK_MODELS:
            if visible is not None:
                self.fields[kind].queryset = visible[kind]
        activities = self.fields["activity"]
        activities.queryset = activities.queryset.select_related("organisation")
        activities.label_from_instance = lambda a: f"{a} ({a.organisation})"

    def clean(self):
        data = super().clean()
        chosen = [k for k in LINK_MODELS if data.get(k)]
        if len(chosen) != 1:
            raise forms.ValidationError(_("Choose exactly one record to link."))
        kind = chosen[0]
        self.instance.kind = kind
        duplicate = MeasureLink.objects.filter(
            measure_id=self.instance.measure_id, **{kind: data[kind]}
        )
        if self.instance.measure_id and duplicate.exclude(pk=self.instance.pk).exists():
            raise forms.ValidationError(_("This record already serves the measure."))
        return data


class MeasureChoiceField(forms.ModelChoiceField):
    """A measure, shown with its priority, so the choice reads as a place in the strategy."""

    def label_from_instance(self, obj: Measure) -> str:
        return f"{obj.priority.title} → {obj.title}"


def measure_field(required: bool = True, label=None) -> MeasureChoiceField:
    """The picker other apps use to say which measure (and so which priority) a record serves."""
    return MeasureChoiceField(
        queryset=Measure.objects.select_related("priority__strategy").order_by(
            "priority__strategy", "priority__position", "position"
        ),
        required=required,
        label=label or _("measure of the strategy"),
        widget=SearchableSelect,
    )


class ServeForm(forms.ModelForm):
    """From a record's own page: pick the measure it serves."""

    measure = measure_field()

    class Meta:
        model = MeasureLink
        fields = ["measure", "note"]

    def __init__(self, *args, kind: str, record, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.kind = kind
        setattr(self.instance, kind, record)

    def clean(self):
        data = super().clean()
        kind, measure = self.instance.kind, data.get("measure")
        record_id = getattr(self.instance, f"{kind}_id")
        if measure and MeasureLink.objects.filter(measure=measure, **{f"{kind}_id": record_id}):
            raise forms.ValidationError(_("This record already serves the measure."))
        return data
