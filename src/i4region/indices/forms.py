from django import forms
from django.utils.translation import gettext_lazy as _

from .services import AGGREGATION_CHOICES, SA_N, SA_N_RANGE, UA_N, UA_N_RANGE

AGGREGATION_LABELS = {
    "amean": _("Arithmetic mean (weak pillars compensated by strong ones)"),
    "gmean": _("Geometric mean (less compensation)"),
    "hmean": _("Harmonic mean (least compensation)"),
}


class RecomputeForm(forms.Form):
    """The one parameter the secretariat may change without editing the framework."""

    aggregation = forms.ChoiceField(
        label=_("Aggregation method"),
        choices=[(m, AGGREGATION_LABELS[m]) for m in AGGREGATION_CHOICES],
    )


def _rerun_form(name: str, doc: str, parameter: str, label, bounds, initial) -> type:
    """A form that runs one analysis of a run again with another number `n` (`parameter`)."""
    n = forms.IntegerField(label=label, min_value=bounds[0], max_value=bounds[1], initial=initial)
    run = forms.IntegerField(widget=forms.HiddenInput)
    return type(name, (forms.Form,), {"__doc__": doc, "parameter": parameter, "run": run, "n": n})


UncertaintyForm = _rerun_form(
    "UncertaintyForm",
    "Run the uncertainty analysis of a run again with another number of draws.",
    "ua_n",
    _("Number of draws"),
    UA_N_RANGE,
    UA_N,
)
SensitivityForm = _rerun_form(
    "SensitivityForm",
    "Run the sensitivity analysis of a run again with another number of base samples.",
    "sa_n",
    _("Number of base samples"),
    SA_N_RANGE,
    SA_N,
)


ANALYSES = {"uncertainty": UncertaintyForm, "sensitivity": SensitivityForm}
