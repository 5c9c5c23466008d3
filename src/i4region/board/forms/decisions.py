"""Forms of decisions: drafting, voting, deciding and amending."""

from django import forms
from django.utils.translation import gettext_lazy as _

from ..models import (
    DECIDED,
    NOTE,
    AgendaItem,
    Board,
    Decision,
    DecisionState,
    Meeting,
    VoteChoice,
    VoteMode,
)
from .base import RecordForm


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


class VoteForm(forms.Form):
    choice = forms.ChoiceField(
        label=_("your vote"), choices=VoteChoice.choices, widget=forms.RadioSelect
    )
