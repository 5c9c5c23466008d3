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


class RerunForm(forms.Form):
    """Run one analysis of a run again with another number `n`, the run option `parameter`."""

    parameter: str
    run = forms.IntegerField(widget=forms.HiddenInput)


class UncertaintyForm(RerunForm):
    """The uncertainty analysis with another number of draws."""

    parameter = "ua_n"
    n = forms.IntegerField(
        label=_("Number of draws"), min_value=UA_N_RANGE[0], max_value=UA_N_RANGE[1], initial=UA_N
    )


class SensitivityForm(RerunForm):
    """The sensitivity analysis with another number of base samples."""

    parameter = "sa_n"
    n = forms.IntegerField(
        label=_("Number of base samples"),
        min_value=SA_N_RANGE[0],
        max_value=SA_N_RANGE[1],
        initial=SA_N,
    )


ANALYSES = {"uncertainty": UncertaintyForm, "sensitivity": SensitivityForm}
