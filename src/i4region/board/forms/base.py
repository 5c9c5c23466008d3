"""What the board's forms share: the record form base, the date widgets, region and user choices."""

from django import forms
from django.contrib.auth import get_user_model
from django.core.exceptions import NON_FIELD_ERRORS
from django.utils.translation import gettext_lazy as _

from i4region.regions.models import Region

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
DATETIME = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")
UPLOAD_LIMIT = 1_000_000  # bytes: a progress CSV for every action of a board is far smaller


class RecordForm(forms.ModelForm):
    """A model form whose model rules may name fields it does not show (the minutes form and the
    meeting's place): such errors are shown above the form instead of raising ValueError."""

    def _update_errors(self, errors):
        if hasattr(errors, "error_dict"):
            moved = {}
            for name, messages in errors.error_dict.items():
                key = name if name == NON_FIELD_ERRORS or name in self.fields else NON_FIELD_ERRORS
                moved.setdefault(key, []).extend(messages)
            errors = forms.ValidationError(moved)
        super()._update_errors(errors)

    def clean(self):
        """Of each paired text the model requires, one language is enough (the page shows the
        other language's text when one is empty)."""
        data = super().clean()
        for name in getattr(self._meta.model, "REQUIRED_PAIRS", ()):
            lt, en = f"{name}_lt", f"{name}_en"
            if lt in self.fields and en in self.fields:
                if not (data.get(lt) or "").strip() and not (data.get(en) or "").strip():
                    if lt not in self.errors and en not in self.errors:
                        self.add_error(lt, _("Give it in Lithuanian, in English or in both."))
        return data


class RegionCodeField(forms.CharField):
    """A region typed as its code (LT025), since a list of every European region is too long."""

    def __init__(self, **kwargs):
        kwargs.setdefault("max_length", 32)
        kwargs.setdefault("help_text", _("NUTS or municipality code, e.g. LT025."))
        super().__init__(**kwargs)

    def prepare_value(self, value):
        if isinstance(value, int):
            region = Region.objects.filter(pk=value).first()
            return region.code if region else value
        return value.code if isinstance(value, Region) else value

    def clean(self, value):
        value = super().clean(value)
        if not value:
            return None
        region = Region.objects.filter(code=value.strip().upper()).first()
        if region is None:
            raise forms.ValidationError(
                _("There is no region with the code “%(code)s”."), params={"code": value}
            )
        return region


def _users():
    return get_user_model().objects.filter(is_active=True).order_by("username")
