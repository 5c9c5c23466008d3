from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from i4region.accounts.models import Role
from i4region.core.widgets import SearchableSelect, SearchableSelectMultiple
from i4region.regions.models import Region, RegionKind

from .models import Assessment, Interaction, Organisation, OrgType, Person, RelationType

MAX_UPLOAD = 20 * 2**20


def organisation_field(required: bool = True, label=None, multiple: bool = False, **kwargs):
    """A field that picks organisations from the one register (every app's forms use it)."""
    cls, widget = (
        (forms.ModelMultipleChoiceField, SearchableSelectMultiple)
        if multiple
        else (forms.ModelChoiceField, SearchableSelect)
    )
    return cls(
        queryset=Organisation.objects.order_by("name"),
        required=required,
        label=label or (_("organisations") if multiple else _("organisation")),
        widget=widget,
        **kwargs,
    )


class KumuImportForm(forms.Form):
    """A Kumu workbook, or an elements CSV with an optional connections CSV."""

    workbook = forms.FileField(
        label=_("Kumu workbook (XLSX, sheets Elements and Connections)"), required=False
    )
    elements = forms.FileField(label=_("Elements sheet (CSV)"), required=False)
    connections = forms.FileField(label=_("Connections sheet (CSV)"), required=False)

    def clean(self):
        data = super().clean()
        if not (data.get("workbook") or data.get("elements")):
            raise forms.ValidationError(_("Choose a workbook or an elements sheet."))
        for name in ("workbook", "elements", "connections"):
            f = data.get(name)
            if f and f.size > MAX_UPLOAD:
                self.add_error(name, _("The file is larger than 20 MB."))
        return data


class InteractionForm(forms.ModelForm):
    """An interaction with one optional follow-up, in one plain form."""

    follow_up = forms.CharField(label=_("Follow-up"), max_length=300, required=False)
    follow_up_owner = forms.ModelChoiceField(
        label=_("Follow-up owner"), required=False, queryset=get_user_model().objects.none()
    )
    follow_up_due = forms.DateField(
        label=_("Follow-up due date"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )

    class Meta:
        model = Interaction
        fields = ["date", "type", "participants", "purpose", "outcome"]
        widgets = {
            "date": forms.DateInput(attrs={"type": "date"}),
            "participants": forms.CheckboxSelectMultiple,
        }

    def __init__(self, *args, organisation, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["participants"].queryset = organisation.people.all()
        self.fields["follow_up_owner"].queryset = (
            get_user_model()
            .objects.filter(
                is_active=True,
                role__in=[
                    Role.SECRETARIAT,
                    Role.ADMINISTRATOR,
                    Role.BOARD_MEMBER,
                    Role.INITIATIVE_MANAGER,
                ],
            )
            .order_by("username")
        )

    def clean(self):
        data = super().clean()
        parts = [data.get("follow_up"), data.get("follow_up_owner"), data.get("follow_up_due")]
        if any(parts) and not all(parts):
            raise forms.ValidationError(
                _("A follow-up needs a description, an owner and a due date.")
            )
        return data


class OrganisationForm(forms.ModelForm):
    """The secretariat's form for an organisation (Lithuanian municipalities and NUTS regions)."""

    class Meta:
        model = Organisation
        fields = [
            "name",
            "type",
            "parent",
            "nace_code",
            "size_class",
            "municipality",
            "region",
            "website",
            "company_code",
            "tags",
            "description_en",
            "description_lt",
            "source_url",
            "is_sample",
            "published",
            "key_stakeholder",
            "cadence_days",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["municipality"].queryset = Region.objects.filter(
            kind=RegionKind.MUNICIPALITY, country_code="LT"
        ).order_by("name")
        self.fields["region"].queryset = Region.objects.filter(
            kind=RegionKind.NUTS, country_code="LT"
        ).order_by("code")
        if self.instance.pk:
            self.fields["parent"].queryset = Organisation.objects.exclude(pk=self.instance.pk)


class PersonForm(forms.ModelForm):
    """A contact: only what is needed, with the consent to be contacted and where it came from."""

    class Meta:
        model = Person
        fields = [
            "name",
            "role",
            "email",
            "phone",
            "consent",
            "consent_date",
            "consent_source",
            "is_sample",
        ]
        widgets = {"consent_date": forms.DateInput(attrs={"type": "date"})}

    def clean(self):
        data = super().clean()
        if data.get("consent") and not (data.get("consent_date") and data.get("consent_source")):
            raise forms.ValidationError(_("Record when and where the consent was given."))
        return data


class AssessmentForm(forms.ModelForm):
    class Meta:
        model = Assessment
        fields = ["date", "influence", "interest", "stance", "note"]
        widgets = {"date": forms.DateInput(attrs={"type": "date"})}


MEASURE_CHOICES = [
    ("degree", _("Degree (number of ties)")),
    ("weighted_degree", _("Weighted degree (strength of ties)")),
    ("betweenness", _("Betweenness (bridging)")),
    ("closeness", _("Closeness")),
    ("eigenvector", _("Eigenvector (ties to well-tied actors)")),
]


class NetworkFilterForm(forms.Form):
    """GET filters of the network picture."""

    type = forms.MultipleChoiceField(
        label=_("Organisation types"),
        choices=OrgType.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    municipality = forms.ChoiceField(label=_("Municipality"), required=False)
    relation = forms.MultipleChoiceField(
        label=_("Relation types"),
        choices=RelationType.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    colour = forms.ChoiceField(
        label=_("Colour nodes by"),
        required=False,
        choices=[("type", _("Organisation type")), ("community", _("Community"))],
    )
    size = forms.ChoiceField(label=_("Size nodes by"), required=False, choices=MEASURE_CHOICES)

    def __init__(self, *args, municipalities=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["municipality"].choices = [("", _("All")), *municipalities]
