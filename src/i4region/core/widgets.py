"""Form widgets shared by every app."""

from django import forms
from django.utils.translation import gettext_lazy as _


class SearchableSelect(forms.Select):
    """A plain <select> (it works without JavaScript: type to jump) that `picker.js` enhances
    with a filter box, for long lists such as the register of organisations."""

    def __init__(self, attrs=None, choices=()):
        super().__init__(
            {**(attrs or {}), "data-picker": "1", "data-picker-label": _("Filter the list")},
            choices,
        )


class SearchableSelectMultiple(forms.SelectMultiple):
    def __init__(self, attrs=None, choices=()):
        super().__init__(
            {
                **(attrs or {}),
                "data-picker": "1",
                "size": "8",
                "data-picker-label": _("Filter the list"),
            },
            choices,
        )
