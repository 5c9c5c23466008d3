"""The import of responses from the page, run as a job: all rows stored, or none."""

import io

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from i4region.jobs.services import Refused, Result, kind, step


@kind("maturity_responses", gettext_lazy("Import of maturity responses"), "maturity:index")
def import_maturity(job) -> Result:
    # imported here: the answers are read with pandas, and every command registers the job kinds
    from i4region.compute.maturity import AnswerError

    from .imports import described, import_responses

    step(job, 0, 1, _("Checking and storing the responses of %(file)s") % {"file": job.subject})
    try:
        created = import_responses(
            io.BytesIO(job.file("file")), job.options["model"], job.owner, job.subject
        )
    except AnswerError as exc:
        raise Refused(described(exc)) from exc
    return Result(
        ngettext(
            "Imported %(count)d response from %(file)s.",
            "Imported %(count)d responses from %(file)s.",
            len(created),
        )
        % {"count": len(created), "file": job.subject}
    )
