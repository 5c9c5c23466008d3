"""Index runs on the job queue: a recomputation with another aggregation, or the uncertainty and
sensitivity analyses with other numbers of draws. The engine reports its draws batch by batch;
nothing is stored until the whole run is computed."""

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from i4region.jobs.services import Refused, Result, kind, step

from .models import IndexRun


@kind("index_run", gettext_lazy("Index run"), "indices:recompute")
def index_run(job) -> Result:
    # imported here: the engine brings scipy, and every command registers the job kinds at start-up
    from . import services

    base = IndexRun.objects.select_related("framework").filter(pk=job.options["run"]).first()
    if base is None:
        raise Refused([_("Run %(id)s no longer exists.") % {"id": job.options["run"]}])
    step(job, 0, 1, _("Building the index"))

    def progress(done: int, total: int) -> None:
        step(job, done, total, _("%(done)d of %(total)d draws") % {"done": done, "total": total})

    try:
        run, created = services.recompute(
            base,
            job.options.get("aggregation"),
            job.owner,
            draws=job.options.get("draws"),
            progress=progress,
        )
    except services.RunError as exc:
        raise Refused([str(exc)]) from exc
    summary = _("New run %(id)d stored.") if created else _("This run already exists: run %(id)d.")
    page = job.options.get("page", "indices:ranking")
    return Result(summary % {"id": run.pk}, link=f"{reverse(page)}?run={run.pk}")
