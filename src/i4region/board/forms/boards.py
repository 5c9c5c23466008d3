"""Forms of a board's profile, its founders and its members' seats."""

from django import forms
from django.utils.translation import gettext_lazy as _

from i4region.stakeholders.forms import organisation_field

from ..models import (
    Board,
    Founder,
    Membership,
)
from .base import DATE, RecordForm, RegionCodeField, _users


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
        fields = ["organisation", "role_lt", "role_en", "source_url", "position"]

    def clean(self):
        data = super().clean()
        if not (data.get("organisation") or data.get("role_lt") or data.get("role_en")):
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
