from django import forms
from django.utils.translation import gettext_lazy as _

from .services import AGGREGATION_CHOICES

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
