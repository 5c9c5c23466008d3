"""Forms of a meeting: details, minutes, agenda, documents, guests and the attendance roll."""

from django import forms
from django.utils.translation import gettext_lazy as _

from i4region.stakeholders.forms import organisation_field

from ..models import (
    AgendaItem,
    Attendance,
    AttendanceStatus,
    Meeting,
    MeetingDocument,
)
from .base import DATETIME, RecordForm


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
