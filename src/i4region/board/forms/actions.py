"""Forms of actions, their progress and milestones."""

from django import forms
from django.utils.translation import gettext_lazy as _

from i4region.initiatives.models import Initiative
from i4region.stakeholders.forms import organisation_field

from ..models import (
    NOTE,
    Action,
    ActionStatus,
    Board,
    Milestone,
)
from .base import DATE, UPLOAD_LIMIT, RecordForm, _users


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
