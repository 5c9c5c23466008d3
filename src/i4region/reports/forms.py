from django import forms
from django.utils.translation import gettext_lazy as _

from . import sources
from .batches import BATCHES


class BatchForm(forms.Form):
    """A set of reports to make in the background, in one language and one format."""

    batch = forms.ChoiceField(
        label=_("Reports"), choices=[(b.name, b.label) for b in BATCHES.values()]
    )
    meeting = forms.TypedChoiceField(
        label=_("Meeting (for the board's pack)"), required=False, coerce=int, empty_value=None
    )
    lang = forms.ChoiceField(label=_("Language"), choices=[("lt", "lietuvių"), ("en", "English")])
    fmt = forms.ChoiceField(label=_("Format"), choices=[("pdf", "PDF"), ("html", "HTML")])

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.meetings = {m.pk: m for m in sources.meetings_for_briefing()}
        self.fields["meeting"].choices = [("", "—")] + [
            (pk, f"{m.board.name}: {m.title} ({m.starts_at:%Y-%m-%d})")
            for pk, m in self.meetings.items()
        ]

    def clean(self):
        data = super().clean()
        if BATCHES.get(data.get("batch")) and BATCHES[data["batch"]].needs_meeting:
            if not data.get("meeting"):
                self.add_error("meeting", _("Choose the meeting the pack is for."))
        return data

    def options(self) -> dict:
        """The job's options: what to make, and for the pack the board and meeting."""
        data = self.cleaned_data
        options = {"batch": data["batch"], "lang": data["lang"], "fmt": data["fmt"]}
        if BATCHES[data["batch"]].needs_meeting:
            meeting = self.meetings[data["meeting"]]
            options["meeting"] = {"board": meeting.board.slug, "meeting": str(meeting.pk)}
        return options

    def subject(self) -> str:
        data = self.cleaned_data
        text = str(BATCHES[data["batch"]].label)
        if data.get("meeting") and BATCHES[data["batch"]].needs_meeting:
            text += f" — {self.meetings[data['meeting']].title}"
        return f"{text} ({data['lang']}, {data['fmt'].upper()})"
