"""Plain HTML forms of the board workspace; choices are limited to the board being worked on."""

from django import forms
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.utils.translation import gettext_lazy as _

from i4region.regions.models import Region

from .models import (
    Action,
    ActionStatus,
    AgendaItem,
    Attendance,
    Board,
    Challenge,
    Decision,
    Evidence,
    Founder,
    Meeting,
    MeetingDocument,
    Membership,
    Milestone,
    Proposal,
    ProposalState,
    VoteChoice,
)

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
DATETIME = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


class RegionCodeField(forms.CharField):
    """A region typed as its code (LT025), since a list of every European region is too long."""

    def __init__(self, **kwargs):
        kwargs.setdefault("max_length", 32)
        kwargs.setdefault("help_text", _("NUTS or municipality code, e.g. LT025."))
        super().__init__(**kwargs)

    def prepare_value(self, value):
        if isinstance(value, int):
            region = Region.objects.filter(pk=value).first()
            return region.code if region else value
        return value.code if isinstance(value, Region) else value

    def clean(self, value):
        value = super().clean(value)
        if not value:
            return None
        region = Region.objects.filter(code=value.strip().upper()).first()
        if region is None:
            raise forms.ValidationError(
                _("There is no region with the code “%(code)s”."), params={"code": value}
            )
        return region


def _users():
    return get_user_model().objects.filter(is_active=True).order_by("username")


class BoardForm(forms.ModelForm):
    region = RegionCodeField(label=_("region"), required=False)

    class Meta:
        model = Board
        fields = [
            "slug",
            "name_lt",
            "name_en",
            "purpose_lt",
            "purpose_en",
            "kind",
            "parent",
            "founding_year",
            "founding_date",
            "decision_method",
            "quorum_percent",
            "rules_lt",
            "rules_en",
            "region",
            "published",
            "source_url",
            "is_sample",
        ]
        widgets = {"founding_date": DATE}


class FounderForm(forms.ModelForm):
    class Meta:
        model = Founder
        fields = ["organisation_name", "source_url", "position"]


class MembershipForm(forms.ModelForm):
    class Meta:
        model = Membership
        fields = [
            "person_name",
            "user",
            "organisation_name",
            "position",
            "sector",
            "designated_on",
            "ended_on",
            "is_sample",
        ]
        widgets = {"designated_on": DATE, "ended_on": DATE}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["user"].queryset = _users()


class MeetingForm(forms.ModelForm):
    class Meta:
        model = Meeting
        fields = [
            "title",
            "kind",
            "mode",
            "starts_at",
            "ends_at",
            "place",
            "online_link",
            "is_sample",
        ]
        widgets = {"starts_at": DATETIME, "ends_at": DATETIME}


class MinutesForm(forms.ModelForm):
    class Meta:
        model = Meeting
        fields = ["minutes"]
        widgets = {"minutes": forms.Textarea(attrs={"rows": 16})}


class AgendaItemForm(forms.ModelForm):
    class Meta:
        model = AgendaItem
        fields = ["parent", "position", "title", "description", "duration_minutes"]

    def __init__(self, *args, meeting: Meeting, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.meeting = meeting
        self.fields["parent"].queryset = meeting.agenda_items.all()


class DocumentForm(forms.ModelForm):
    class Meta:
        model = MeetingDocument
        fields = ["title", "url"]


class AttendanceForm(forms.ModelForm):
    class Meta:
        model = Attendance
        fields = ["membership", "guest_name", "guest_organisation", "status"]

    def __init__(self, *args, meeting: Meeting, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.meeting = meeting
        self.fields["membership"].queryset = meeting.board.memberships.all()


class ChallengeForm(forms.ModelForm):
    class Meta:
        model = Challenge
        fields = [
            "title_lt",
            "title_en",
            "description_lt",
            "description_en",
            "theme",
            "severity",
            "status",
            "identified_on",
            "published",
            "is_sample",
        ]
        widgets = {"identified_on": DATE}


class EvidenceForm(forms.ModelForm):
    region = RegionCodeField(label=_("region"))

    class Meta:
        model = Evidence
        fields = ["indicator", "region", "baseline_period", "note"]


class ProposalForm(forms.ModelForm):
    class Meta:
        model = Proposal
        fields = [
            "challenge",
            "title",
            "description",
            "proposer_membership",
            "proposer_organisation_name",
            "expected_effect",
            "expected_indicators",
            "cost_estimate",
            "cost_note",
            "funding_idea",
            "published",
            "is_sample",
        ]

    def __init__(self, *args, board: Board, manager: bool, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.board = board
        self.fields["challenge"].queryset = board.challenges.all()
        self.fields["proposer_membership"].queryset = board.memberships.all()
        if not manager:
            del self.fields["published"]
            del self.fields["is_sample"]


class ProposalStateForm(forms.Form):
    state = forms.ChoiceField(label=_("new state"), choices=ProposalState.choices)
    answer = forms.CharField(label=_("reasoned answer"), widget=forms.Textarea, required=False)

    def __init__(self, *args, allowed: list[str], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["state"].choices = [c for c in ProposalState.choices if c[0] in allowed]


class DecisionForm(forms.ModelForm):
    class Meta:
        model = Decision
        fields = [
            "meeting",
            "agenda_item",
            "proposal",
            "title",
            "text",
            "method",
            "votes_for",
            "votes_against",
            "votes_abstain",
            "outcome",
            "is_sample",
        ]

    def __init__(self, *args, board: Board, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.board = board
        self.fields["meeting"].queryset = board.meetings.all()
        self.fields["agenda_item"].queryset = AgendaItem.objects.filter(meeting__board=board)
        self.fields["proposal"].queryset = board.proposals.all()


class AmendmentForm(forms.ModelForm):
    reason = forms.CharField(label=_("reason for the amendment"), widget=forms.Textarea)
    amended_at = forms.ModelChoiceField(
        label=_("agreed at meeting"), required=False, queryset=Meeting.objects.none()
    )

    class Meta:
        model = Decision
        fields = list(Decision.AMENDABLE_FIELDS)

    def __init__(self, *args, board: Board, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["amended_at"].queryset = board.meetings.all()


class ActionForm(forms.ModelForm):
    class Meta:
        model = Action
        fields = [
            "decision",
            "parent",
            "title",
            "description",
            "owner",
            "owner_name",
            "start_date",
            "due_date",
            "status",
            "progress",
            "weight",
            "initiative_type",
            "initiative_id",
            "is_sample",
        ]
        widgets = {"start_date": DATE, "due_date": DATE}

    def __init__(self, *args, board: Board, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.board = board
        self.fields["decision"].queryset = board.decisions.all()
        parents = board.actions.all()
        if self.instance.pk:
            parents = parents.exclude(pk=self.instance.pk)
        self.fields["parent"].queryset = parents
        self.fields["owner"].queryset = _users()
        # Initiatives live in their own app; any of its models can be linked once it has them.
        self.fields["initiative_type"].queryset = ContentType.objects.filter(
            app_label="initiatives"
        )


class ProgressForm(forms.Form):
    status = forms.ChoiceField(label=_("status"), choices=ActionStatus.choices)
    progress = forms.DecimalField(
        label=_("progress (%)"),
        required=False,
        min_value=0,
        max_value=100,
        decimal_places=2,
        help_text=_(
            "Leave empty to use the status's default "
            "(not started 0 %, done 100 %) or keep the "
            "current value."
        ),
    )
    note = forms.CharField(
        label=_("note"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )


class MilestoneForm(forms.ModelForm):
    class Meta:
        model = Milestone
        fields = ["date", "title", "description", "done"]
        widgets = {"date": DATE}


class CommentForm(forms.Form):
    text = forms.CharField(label=_("comment"), widget=forms.Textarea(attrs={"rows": 3}))


class VoteForm(forms.Form):
    choice = forms.ChoiceField(
        label=_("your vote"), choices=VoteChoice.choices, widget=forms.RadioSelect
    )
