from django import forms
from django.conf import settings
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from i4region.accounts.models import Role
from i4region.core.widgets import SearchableSelect, SearchableSelectMultiple
from i4region.regions.models import Region, RegionKind

from .models import (
    Activity,
    Assessment,
    Interaction,
    Organisation,
    OrgType,
    Person,
    Relation,
    RelationType,
)

# A Kumu import runs in a worker; an upload is kept in the database until its job is done, so a
# file is capped at a size a job holds comfortably (rows: kumu_read.MAX_ROWS).
MAX_UPLOAD = 16 * 2**20
DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


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
                self.add_error(
                    name,
                    _("The file is larger than %(mb)d MB; split it into smaller files.")
                    % {"mb": MAX_UPLOAD // 2**20},
                )
        return data


class PersonChoice(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Person) -> str:
        return f"{obj.name} ({obj.organisation.name})"


class InteractionForm(forms.ModelForm):
    """An interaction with its participants (people and organisations of the register) and one
    optional follow-up, in one plain form."""

    participants = PersonChoice(
        label=_("Participants (people)"),
        required=False,
        queryset=Person.objects.select_related("organisation").order_by("name"),
        widget=SearchableSelectMultiple,
    )
    participant_organisations = organisation_field(
        required=False, multiple=True, label=_("Participant organisations")
    )
    follow_up = forms.CharField(label=_("Follow-up"), max_length=300, required=False)
    follow_up_owner = forms.ModelChoiceField(
        label=_("Follow-up owner"), required=False, queryset=get_user_model().objects.none()
    )
    follow_up_due = forms.DateField(label=_("Follow-up due date"), required=False, widget=DATE)

    class Meta:
        model = Interaction
        fields = ["date", "type", "participants", "participant_organisations", "purpose", "outcome"]
        widgets = {"date": DATE}

    def __init__(self, *args, organisation: Organisation, **kwargs):
        super().__init__(*args, **kwargs)
        self.organisation = organisation
        self.fields["participant_organisations"].queryset = Organisation.objects.exclude(
            pk=organisation.pk
        ).order_by("name")
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
        due, date = data.get("follow_up_due"), data.get("date")
        if due and date and due < date:
            self.add_error(
                "follow_up_due",
                _("The follow-up is due before the interaction took place (%(date)s).")
                % {"date": date.isoformat()},
            )
        return data


def home_country() -> str:
    """The home region's country (a NUTS code starts with it): the places a form offers."""
    return settings.I4REGION_HOME_REGION[:2]


class OrganisationForm(forms.ModelForm):
    """The secretariat's form for an organisation (the home country's municipalities and regions)."""

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
            kind=RegionKind.MUNICIPALITY, country_code=home_country()
        ).order_by("name")
        self.fields["region"].queryset = Region.objects.filter(
            kind=RegionKind.NUTS, country_code=home_country()
        ).order_by("code")
        if self.instance.pk:
            self.fields["parent"].queryset = Organisation.objects.exclude(pk=self.instance.pk)


class PersonForm(forms.ModelForm):
    """A contact: only what is needed, with the consent to be contacted and where it came from."""

    class Meta:
        model = Person
        fields = Person.CONTACT_FIELDS
        widgets = {"consent_date": DATE}

    def clean(self):
        data = super().clean()
        if data.get("consent") and not (data.get("consent_date") and data.get("consent_source")):
            raise forms.ValidationError(_("Record when and where the consent was given."))
        return data


class AssessmentForm(forms.ModelForm):
    """A dated judgement; who judged is the signed-in user, not a form field."""

    class Meta:
        model = Assessment
        fields = ["date", "influence", "interest", "stance", "note", "is_sample"]
        widgets = {"date": DATE}


class RelationForm(forms.ModelForm):
    """A tie from the organisation whose page it was added on to another one of the register."""

    target = organisation_field(label=_("to"))

    class Meta:
        model = Relation
        fields = ["target", "type", "directed", "strength", "since", "until", "source_note"]
        widgets = {"since": DATE, "until": DATE}

    def __init__(self, *args, source: Organisation, **kwargs):
        super().__init__(*args, **kwargs)
        self.source = source
        self.fields["target"].queryset = Organisation.objects.exclude(pk=source.pk)

    def clean(self):
        data = super().clean()
        since, until = data.get("since"), data.get("until")
        if since and until and until < since:
            self.add_error("until", _("The relation ends before it began."))
        target, kind = data.get("target"), data.get("type")
        clash = Relation.objects.filter(source=self.source, target=target, type=kind).exclude(
            pk=self.instance.pk
        )
        if target and kind and clash.exists():
            self.add_error("type", _("This relation is already recorded."))
        return data


class ActivityForm(forms.ModelForm):
    """Who does what: an activity of the organisation, tied to an initiative of the portfolio."""

    class Meta:
        model = Activity
        fields = [
            "name",
            "theme",
            "target_group",
            "municipality",
            "start",
            "end",
            "budget_eur",
            "initiative",
            "initiative_note",
            "source_url",
            "is_sample",
        ]
        widgets = {"start": DATE, "end": DATE, "initiative": SearchableSelect}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["municipality"].queryset = Region.objects.filter(
            kind=RegionKind.MUNICIPALITY, country_code=home_country()
        ).order_by("name")

    def clean(self):
        data = super().clean()
        start, end = data.get("start"), data.get("end")
        if start and end and end < start:
            self.add_error("end", _("The activity ends before it starts."))
        return data


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
