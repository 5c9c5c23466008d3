"""The Kumu import of the page, run as a job: read, check every row, then write all or nothing."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from i4region.jobs.services import Refused, Result, kind, step

from . import kumu_read


@kind("kumu", gettext_lazy("Kumu import"), "stakeholders:network")
def import_kumu(job) -> Result:
    step(job, 0, 3, _("Reading the sheets"))
    try:
        sheets = kumu_read.read_sheets(
            job.file("elements"), job.file("connections"), xlsx=job.file("workbook")
        )
        counts = {"el": len(sheets[0]), "con": len(sheets[1])}
        step(job, 1, 3, _("Checking %(el)d elements and %(con)d connections") % counts)
        elements, connections = kumu_read.parse(*sheets)
    except kumu_read.KumuError as exc:
        raise Refused(exc.errors) from exc
    step(job, 2, 3, _("Writing %(el)d elements and %(con)d connections") % counts)
    n_el, n_con = kumu_read.store(elements, connections)
    return Result(
        _("Imported %(el)d elements and %(con)d connections.") % {"el": n_el, "con": n_con}
    )
