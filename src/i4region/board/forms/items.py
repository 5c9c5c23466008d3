"""Forms of challenges, their evidence, proposals and comments."""

from django import forms
from django.utils.translation import gettext_lazy as _

from i4region.stakeholders.forms import organisation_field

from ..models import (
    NOTE,
    Board,
    Challenge,
    Evidence,
    Proposal,
    ProposalState,
)
from .base import DATE, RecordForm, RegionCodeField


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


class CommentForm(forms.Form):
    text = forms.CharField(
        label=_("comment"), max_length=NOTE, widget=forms.Textarea(attrs={"rows": 3})
    )
