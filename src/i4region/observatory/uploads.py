"""A statistics file uploaded from the page: what `i4region import` does, run as a job
(observatory.tasks) for the secretariat, so the request returns at once."""

from django import forms
from django.shortcuts import redirect, render
from django.utils.translation import gettext_lazy as _

from i4region.accounts.models import Role
from i4region.accounts.permissions import role_required
from i4region.jobs import services as jobs

from .importing import vintage_problem

MAX_UPLOAD = 64 * 2**20  # kept in the database until its job is done


class UploadForm(forms.Form):
    file = forms.FileField(
        label=_("Statistics file"),
        help_text=_("Eurostat bulk TSV (plain or gzip), SDMX-CSV, or a tidy CSV."),
    )
    vintage = forms.CharField(
        label=_("Release (YYYY-MM)"),
        required=False,
        max_length=10,
        help_text=_("Leave empty to take it from the file name or its LAST UPDATE date."),
    )
    dataset = forms.CharField(
        label=_("Dataset code"),
        required=False,
        max_length=60,
        help_text=_("Leave empty to use the dataset the file names."),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_UPLOAD:
            raise forms.ValidationError(
                _("The file is larger than %(mb)d MB; import it with i4region import.")
                % {"mb": MAX_UPLOAD // 2**20}
            )
        return upload

    def clean_vintage(self):
        vintage = self.cleaned_data["vintage"].strip()
        if vintage and (problem := vintage_problem(vintage)):
            raise forms.ValidationError(problem)
        return vintage


@role_required(Role.SECRETARIAT)
def upload(request):
    form = UploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        options = {"vintage": data["vintage"], "dataset": data["dataset"].strip()}
        job = jobs.submit(
            request.user, "observatory_file", data["file"].name, {"file": data["file"]}, options
        )
        return redirect(job)
    return render(request, "observatory/upload.html", {"form": form})
