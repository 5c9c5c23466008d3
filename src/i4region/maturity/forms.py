"""Forms of the self-assessment: start a response, answer one dimension's questions, import a file."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from i4region.compute.maturity import Spec
from i4region.stakeholders.forms import organisation_field
from i4region.stakeholders.models import Organisation, OrgType, SizeClass, nace_validator

from .models import Model, Wave
from .services import label


class StartForm(forms.Form):
    """Which company, model and wave; the profile defaults to the register's."""

    organisation = organisation_field(label=_("company"))
    model = forms.ChoiceField(label=_("model"), choices=Model.choices, initial=Model.DMA)
    wave = forms.ChoiceField(label=_("wave"), choices=Wave.choices, initial=Wave.T0)
    size_class = forms.ChoiceField(
        label=_("size class"),
        choices=[("", _("as in the register")), *SizeClass.choices],
        required=False,
    )
    nace_code = forms.CharField(
        label=_("NACE Rev. 2 code"),
        required=False,
        max_length=8,
        validators=[nace_validator],
        help_text=_("Leave empty to use the register's code."),
    )

    def __init__(self, *args, companies=None, **kwargs):
        super().__init__(*args, **kwargs)
        qs = Organisation.objects.filter(type=OrgType.COMPANY).order_by("name")
        self.fields["organisation"].queryset = companies if companies is not None else qs


class DimensionForm(forms.Form):
    """The questions of one dimension: tick lists as checkboxes, scales as radio buttons.

    Every field may be left empty in a draft; submit checks completeness over all dimensions.
    An exclusive item ("none of these") cannot be ticked with the others of its question.
    """

    def __init__(self, *args, spec: Spec, dimension: str, answers: dict, **kwargs):
        super().__init__(*args, **kwargs)
        self.spec = spec
        self.questions = spec.questions_of(dimension)
        for q in self.questions:
            if q.scale.is_tick:
                self.fields[q.code] = forms.MultipleChoiceField(
                    label=label(q.label),
                    choices=[(i.code, label(i.label)) for i in q.items],
                    widget=forms.CheckboxSelectMultiple,
                    required=False,
                    initial=[i.code for i in q.items if answers.get(i.code) == 1],
                )
                continue
            for item in q.items:
                self.fields[item.code] = forms.TypedChoiceField(
                    label=label(item.label),
                    choices=[(str(v), label(t)) for v, t in q.scale.values],
                    coerce=int,
                    empty_value=None,
                    widget=forms.RadioSelect,
                    required=False,
                    initial=answers.get(item.code),
                )

    def groups(self) -> list[dict]:
        """Questions with their bound fields, for the template (one fieldset per question)."""
        out = []
        for q in self.questions:
            codes = [q.code] if q.scale.is_tick else [i.code for i in q.items]
            out.append(
                {
                    "question": label(q.label),
                    "tick": q.scale.is_tick,
                    "fields": [self[c] for c in codes],
                }
            )
        return out

    def clean(self):
        data = super().clean()
        for q in self.questions:
            exclusive = q.exclusive_item
            ticked = data.get(q.code) or []
            if exclusive and exclusive in ticked and len(ticked) > 1:
                item = next(i for i in q.items if i.code == exclusive)
                self.add_error(
                    q.code,
                    _("“%(item)s” cannot be ticked together with other answers.")
                    % {"item": label(item.label)},
                )
        return data

    def answers(self) -> dict[str, int]:
        """The item values this page sets: every tick of its lists, the scales that were chosen."""
        out: dict[str, int] = {}
        for q in self.questions:
            if q.scale.is_tick:
                ticked = set(self.cleaned_data.get(q.code) or [])
                out.update({i.code: int(i.code in ticked) for i in q.items})
            else:
                for i in q.items:
                    if self.cleaned_data.get(i.code) is not None:
                        out[i.code] = self.cleaned_data[i.code]
        return out


class ImportForm(forms.Form):
    model = forms.ChoiceField(label=_("model"), choices=Model.choices, initial=Model.DMA)
    file = forms.FileField(
        label=_("CSV file"),
        help_text=_(
            "Wide form: response_id, organisation_id, wave, date, optional size_class and "
            "nace_code, then one column per item code."
        ),
    )
