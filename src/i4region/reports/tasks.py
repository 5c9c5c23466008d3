"""A set of reports made by a worker: each report built and written in turn (the job shows which),
then all of them as one ZIP file for the owner to download. A report the owner may not read, or
one that cannot be made, stops the set: no file is kept."""

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from i4region.jobs.services import Refused, Result, kind, step

from . import batches
from .render import ReportInputError


@kind("report_batch", gettext_lazy("Set of reports"), "reports:index")
def report_batch(job) -> Result:
    name, lang, fmt = job.options["batch"], job.options["lang"], job.options["fmt"]
    wanted = batches.items(name, **job.options.get("meeting", {}))
    files = []
    step(job, 0, len(wanted), _("Making %(n)d reports") % {"n": len(wanted)})
    try:
        for done, made in enumerate(batches.produce(wanted, lang, fmt, job.owner), start=1):
            files.append(made)
            step(job, done, len(wanted), made[0])
    except (ReportInputError, PermissionDenied) as exc:
        raise Refused([str(exc)]) from exc
    archive = f"{name}-{lang}-{fmt}.zip"
    summary = ngettext("%(n)d report in %(file)s.", "%(n)d reports in %(file)s.", len(files))
    return Result(
        summary % {"n": len(files), "file": archive},
        lines=[file for file, _content in files],
        files={archive: batches.zipped(files)},
    )
