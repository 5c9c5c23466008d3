"""The CSV import of the page, run as a job: every row checked, then all rows written or none."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from i4region.jobs.services import Refused, Result, kind, step

from . import importer


@kind(
    "initiatives_csv",
    gettext_lazy("Import of initiatives, budgets and funding"),
    "initiatives:dashboard",
)
def import_initiatives(job) -> Result:
    step(job, 0, 1, _("Checking and writing the rows of %(file)s") % {"file": job.subject})
    try:
        result = importer.import_csv(job.options["kind"], job.file("file"))
    except importer.ImportFailed as exc:
        raise Refused(exc.errors) from exc
    return Result(result.summary())
