from django import forms
from django.utils.translation import gettext_lazy as _


class DumpForm(forms.Form):
    personal = forms.BooleanField(
        label=_("Include people's names, e-mails and phones"),
        required=False,
        help_text=_("Without it they are blank in the package."),
    )


class LoadForm(forms.Form):
    package = forms.FileField(
        label=_("Package (the ZIP file of a dump)"),
        widget=forms.ClearableFileInput(attrs={"accept": ".zip,application/zip"}),
    )
    confirm = forms.BooleanField(
        label=_("I understand that everything in this instance is replaced by the package"),
    )
