"""Plain HTML forms of the board workspace; choices are limited to the board being worked on."""

from django import forms
from django.contrib.auth import get_user_model
from django.core.exceptions import NON_FIELD_ERRORS
from django.utils.translation import gettext_lazy as _

from i4region.initiatives.models import Initiative
from i4region.regions.models import Region
from i4region.stakeholders.forms import organisation_field

from .models import (
    DECIDED,
    NOTE,
    Action,
    ActionStatus,
    AgendaItem,
    Attendance,
    AttendanceStatus,
    Board,
    Challenge,
    Decision,
    DecisionState,
    Evidence,
    Founder,
    Meeting,
    MeetingDocument,
    Membership,
    Milestone,
    Proposal,
    ProposalState,
    VoteChoice,
    VoteMode,
)

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
DATETIME = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")
UPLOAD_LIMIT = 1_000_000  # bytes: a progress CSV for every action of a board is far smaller


class RecordForm(forms.ModelForm):
    """A model form whose model rules may name fields it does not show (the minutes form and the
    meeting's place): such errors are shown above the form instead of raising ValueError."""

    def _update_errors(self, errors):
        if hasattr(errors, "error_dict"):
            moved = {}
            for name, messages in errors.error_dict.items():
                key = name if name == NON_FIELD_ERRORS or name in self.fields else NON_FIELD_ERRORS
                moved.setdefault(key, []).extend(messages)
            errors = forms.ValidationError(moved)
        super()._update_errors(errors)

    def clean(self):
        """Of each paired text the model requires, one language is enough (the page shows the
        other language's text when one is empty)."""
        data = super().clean()
        for name in getattr(self._meta.model, "REQUIRED_PAIRS", ()):
            lt, en = f"{name}_lt", f"{name}_en"
            if lt in self.fields and en in self.fields:
                if not (data.get(lt) or "").strip() and not (data.get(en) or "").strip():
                    if lt not in self.errors and en not in self.errors:
                        self.add_error(lt, _("Give it in Lithuanian, in English or in both."))
        return data


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


class BoardForm(RecordForm):
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


class FounderForm(RecordForm):
    organisation = organisation_field(required=False)

    class Meta:
        model = Founder
        fields = ["organisation", "role", "source_url", "position"]

    def clean(self):
        data = super().clean()
        if not data.get("organisation") and not data.get("role"):
            raise forms.ValidationError(
                _("Choose the organisation, or describe the founder when the source names none.")
            )
        return data


class MembershipForm(RecordForm):
    """A seat; give an e-mail to invite the person (an account is created if none has it)."""

    organisation = organisation_field(required=False)
    invite_email = forms.EmailField(
        label=_("invite by e-mail"),
        required=False,
        help_text=_(
            "Creates a sign-in for this person (or links the account that has this e-mail) and "
            "sends them a link to set their password."
        ),
    )

    class Meta:
        model = Membership
        fields = [
            "person_name",
            "organisation",
            "user",
            "invite_email",
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

    def clean(self):
        data = super().clean()
        if data.get("user") and data.get("invite_email"):
            raise forms.ValidationError(
                _("Choose an existing account or give an e-mail to invite, not both.")
            )
        return data


class MeetingForm(RecordForm):
    class Meta:
        model = Meeting
        fields = [
            "title_lt",
            "title_en",
            "kind",
            "mode",
            "starts_at",
            "ends_at",
            "place",
            "online_link",
            "is_sample",
        ]
        widgets = {"starts_at": DATETIME, "ends_at": DATETIME}


class MinutesForm(RecordForm):
    class Meta:
        model = Meeting
        fields = ["minutes_lt", "minutes_en"]
        widgets = {
            "minutes_lt": forms.Textarea(attrs={"rows": 16}),
            "minutes_en": forms.Textarea(attrs={"rows": 16}),
        }


class AgendaItemForm(RecordForm):
    class Meta:
        model = AgendaItem
        fields = [
            "parent",
            "position",
            "title_lt",
            "title_en",
            "description",
            "duration_minutes",
        ]

    def __init__(self, *args, meeting: Meeting, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.meeting = meeting
        self.fields["parent"].queryset = meeting.agenda_items.all()


class DocumentForm(RecordForm):
    class Meta:
        model = MeetingDocument
        fields = ["title", "url"]


class GuestForm(RecordForm):
    """A guest at a meeting; members are on the roll."""

    guest_organisation = organisation_field(required=False, label=_("guest's organisation"))

    class Meta:
        model = Attendance
        fields = ["guest_name", "guest_organisation", "status", "note"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["guest_name"].required = True


class RollForm(forms.Form):
    """The whole roll in one form: a status (and a proxy's name) for every member on the day."""

    def __init__(self, *args, lines, **kwargs):
        super().__init__(*args, **kwargs)
        self.lines = lines
        for line in lines:
            pk = line.membership.pk
            self.fields[f"status_{pk}"] = forms.ChoiceField(
                label=line.membership.person_name,
                choices=AttendanceStatus.choices,
                initial=line.status or AttendanceStatus.PRESENT,
            )
            self.fields[f"proxy_{pk}"] = forms.CharField(
                label=_("proxy for %(person)s") % {"person": line.membership.person_name},
                required=False,
                max_length=200,
                initial=line.proxy_name,
            )

    def rows(self):
        for line in self.lines:
            pk = line.membership.pk
            yield line, self[f"status_{pk}"], self[f"proxy_{pk}"]

    def clean(self):
        data = super().clean()
        for line in self.lines:
            pk = line.membership.pk
            if data.get(f"status_{pk}") == AttendanceStatus.PROXY and not data.get(f"proxy_{pk}"):
                self.add_error(f"proxy_{pk}", _("Name the proxy who represented this member."))
        return data

    def entries(self) -> dict[int, tuple[str, str]]:
        return {
            line.membership.pk: (
                self.cleaned_data[f"status_{line.membership.pk}"],
                self.cleaned_data.get(f"proxy_{line.membership.pk}", ""),
            )
            for line in self.lines
        }


class ChallengeForm(RecordForm):
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


class EvidenceForm(RecordForm):
    region = RegionCodeField(label=_("region"))

    class Meta:
        model = Evidence
        fields = ["indicator", "region", "baseline_period", "note"]


class ProposalForm(RecordForm):
    """Members file in their own name; the secretariat may file on a member's or an
    organisation's behalf."""

    proposer_organisation = organisation_field(
        required=False, label=_("proposed by (organisation)")
    )

    class Meta:
        model = Proposal
        fields = [
            "challenge",
            "title_lt",
            "title_en",
            "description_lt",
            "description_en",
            "proposer_membership",
            "proposer_organisation",
            "expected_effect_lt",
            "expected_effect_en",
            "expected_indicators",
            "cost_estimate",
            "cost_note_lt",
            "cost_note_en",
            "funding_idea_lt",
            "funding_idea_en",
            "published",
            "is_sample",
        ]
        labels = {"proposer_membership": _("on behalf of (member)")}

    def __init__(self, *args, board: Board, manager: bool, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.board = board
        self.fields["challenge"].queryset = board.challenges.all()
        if manager:
            self.fields["proposer_membership"].queryset = board.memberships.all()
        else:
            for name in ("proposer_membership", "proposer_organisation", "published", "is_sample"):
                del self.fields[name]


class ProposalStateForm(forms.Form):
    state = forms.ChoiceField(label=_("new state"), choices=ProposalState.choices)
    answer = forms.CharField(
        label=_("reasoned answer"), widget=forms.Textarea, required=False, max_length=NOTE
    )

    def __init__(self, *args, allowed: list[str], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["state"].choices = [c for c in ProposalState.choices if c[0] in allowed]


class DecisionForm(RecordForm):
    """A draft decision; votes come later, from the roll-call or the secretariat's tally."""

    class Meta:
        model = Decision
        fields = [
            "meeting",
            "agenda_item",
            "proposal",
            "title_lt",
            "title_en",
            "text_lt",
            "text_en",
            "method",
            "is_sample",
        ]

    def __init__(self, *args, board: Board, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.board = board
        self.fields["meeting"].queryset = board.meetings.all()
        self.fields["agenda_item"].queryset = AgendaItem.objects.filter(meeting__board=board)
        self.fields["proposal"].queryset = board.proposals.all()


class OpenVotingForm(forms.Form):
    vote_mode = forms.ChoiceField(
        label=_("source of the votes"), choices=VoteMode.choices, widget=forms.RadioSelect
    )


class TallyForm(forms.Form):
    votes_for = forms.IntegerField(label=_("votes for"), min_value=0, max_value=1000)
    votes_against = forms.IntegerField(label=_("votes against"), min_value=0, max_value=1000)
    votes_abstain = forms.IntegerField(label=_("abstentions"), min_value=0, max_value=1000)


class DecideForm(forms.Form):
    outcome = forms.ChoiceField(
        label=_("outcome"),
        required=False,
        choices=[("", _("as the votes give it"))] + [(s, DecisionState(s).label) for s in DECIDED],
    )


class AmendmentForm(RecordForm):
    reason = forms.CharField(
        label=_("reason for the amendment"), widget=forms.Textarea, max_length=NOTE
    )
    amended_at = forms.ModelChoiceField(
        label=_("agreed at meeting"), required=False, queryset=Meeting.objects.none()
    )

    class Meta:
        model = Decision
        fields = list(Decision.AMENDABLE_FIELDS)

    def __init__(self, *args, board: Board, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["amended_at"].queryset = board.meetings.all()


class ActionForm(RecordForm):
    owner_organisation = organisation_field(required=False, label=_("owner organisation"))

    class Meta:
        model = Action
        fields = [
            "decision",
            "parent",
            "title_lt",
            "title_en",
            "description",
            "owner",
            "owner_organisation",
            "initiative",
            "start_date",
            "due_date",
            "status",
            "progress",
            "weight",
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
        self.fields["initiative"].queryset = Initiative.objects.order_by("slug")


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
        label=_("note"), required=False, max_length=NOTE, widget=forms.Textarea(attrs={"rows": 3})
    )


class BulkProgressForm(forms.Form):
    file = forms.FileField(
        label=_("progress file (CSV)"),
        help_text=_(
            "Columns id, progress, status, note; one line per action. Nothing changes unless "
            "every line is right."
        ),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > UPLOAD_LIMIT:
            raise forms.ValidationError(
                _("The file is larger than %(limit)d kB.") % {"limit": UPLOAD_LIMIT // 1000}
            )
        return upload


class MilestoneForm(RecordForm):
    class Meta:
        model = Milestone
        fields = ["date", "title_lt", "title_en", "description", "done"]
        widgets = {"date": DATE}


class CommentForm(forms.Form):
    text = forms.CharField(
        label=_("comment"), max_length=NOTE, widget=forms.Textarea(attrs={"rows": 3})
    )


class VoteForm(forms.Form):
    choice = forms.ChoiceField(
        label=_("your vote"), choices=VoteChoice.choices, widget=forms.RadioSelect
    )
