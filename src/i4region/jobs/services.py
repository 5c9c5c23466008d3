"""The job queue: submit, run, retry and cancel jobs through Django's tasks API.

A job is a `Job` row (owner, kind, progress, report) plus one task of the `django-tasks` database
backend, which stores its queue in the same database: submitting a job and enqueueing its task are
one transaction, and any number of workers (`i4region db_worker`) on any machine that shares the
database take tasks one at a time. The run itself claims the job with a conditional update, so a
job is never run twice even if a task were handed out twice.

Each app registers the kinds of job it runs in its own `tasks.py` with `@kind(...)`; a kind's
function gets the job, calls `step()` between its phases (outside its own atomic write, so each
step is visible and is the moment a cancellation takes effect) and returns a `Result`, or raises
`Refused` with the problems found: nothing written, the owner sees each problem. A result may
carry files (a batch of reports, a dump) and the address of what it made (a run): they are stored
with the job's last state change, in one transaction, so a job stopped before it finished leaves
neither behind.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable
from dataclasses import dataclass, field

from django.conf import settings
from django.db import InterfaceError, OperationalError, transaction
from django.db.models import F
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django_tasks import task

from i4region.core import history

from .models import Job, JobFile, State, files_cutoff

logger = logging.getLogger(__name__)

# A database that is locked or briefly unreachable: worth another attempt, after a pause.
TRANSIENT = (OperationalError, InterfaceError)


def max_attempts() -> int:
    return getattr(settings, "JOBS_MAX_ATTEMPTS", 3)


def lease() -> dt.timedelta:
    """How long a running job may go without a step before it counts as interrupted."""
    return dt.timedelta(seconds=getattr(settings, "JOBS_LEASE_SECONDS", 900))


class Refused(Exception):
    """The job's input was refused; nothing was written. `lines` name each problem."""

    def __init__(self, lines: list[str]):
        super().__init__("; ".join(lines))
        self.lines = [str(line) for line in lines]


class Cancelled(Exception):
    """The owner cancelled the job while it ran; raised at its next step."""


@dataclass
class Result:
    summary: str
    lines: list[str] = field(default_factory=list)
    files: dict[str, bytes] = field(default_factory=dict)  # file name → content, to download
    link: str = ""  # the page of what the job made, if not its kind's page


@dataclass(frozen=True)
class Kind:
    name: str
    label: str
    run: Callable[[Job], Result]
    result_url: str  # the page where the result of a finished job is seen


KINDS: dict[str, Kind] = {}


def kind(name: str, label: str, result_url: str):
    """Register the function that runs jobs of this kind."""

    def register(run: Callable[[Job], Result]):
        KINDS[name] = Kind(name, label, run, result_url)
        return run

    return register


def submit(owner, kind_name: str, subject: str, files: dict, options: dict | None = None) -> Job:
    """Store the uploads and enqueue the job in one transaction; return at once."""
    if kind_name not in KINDS:
        raise ValueError(f"unknown kind of job {kind_name!r}")
    with transaction.atomic():
        job = Job.objects.create(
            owner=owner,
            kind=kind_name,
            subject=subject[:200],
            options=options or {},
            language=translation.get_language() or settings.LANGUAGE_CODE,
        )
        JobFile.objects.bulk_create(
            JobFile(job=job, field=name, name=upload.name[:200], data=b"".join(upload.chunks()))
            for name, upload in files.items()
            if upload
        )
        _enqueue(job)
    return job


def _enqueue(job: Job, delay: dt.timedelta | None = None) -> None:
    runner = run_job.using(run_after=timezone.now() + delay) if delay else run_job
    job.task_id = runner.enqueue(job.pk).id
    Job.objects.filter(pk=job.pk).update(task_id=job.task_id)


def step(job: Job, done: int, total: int, message: str) -> None:
    """Show progress and renew the lease; a job cancelled meanwhile stops here."""
    updated = Job.objects.filter(pk=job.pk, state=State.RUNNING).update(
        done=done, total=total, message=message[:300], lease_until=timezone.now() + lease()
    )
    if not updated:
        raise Cancelled
    job.done, job.total, job.message = done, total, message


def _finish(job: Job, state: str, files: dict[str, bytes] | None = None, **values) -> None:
    values.setdefault("message", "")
    with transaction.atomic():
        Job.objects.filter(pk=job.pk).update(
            state=state, finished_at=timezone.now(), lease_until=None, **values
        )
        if state == State.DONE:
            job.files.all().delete()  # the data is imported; keep nothing of the upload
            JobFile.objects.bulk_create(
                JobFile(job=job, field=f"result{n}", name=name[:200], data=data, is_result=True)
                for n, (name, data) in enumerate((files or {}).items())
            )
        # uploads (which may hold personal data) and results are kept JOBS_FILES_DAYS, no longer
        JobFile.objects.filter(job__finished_at__lt=files_cutoff()).delete()


@task()
def run_job(job_id: int) -> str:
    """The task a worker runs: claim the job, run its kind, record the outcome."""
    now = timezone.now()
    claimed = Job.objects.filter(pk=job_id, state=State.QUEUED).update(
        state=State.RUNNING,
        started_at=now,
        lease_until=now + lease(),
        attempts=F("attempts") + 1,
        done=0,
        total=0,
    )
    if not claimed:  # cancelled before it started, or already taken by another worker
        return "skipped"
    job = Job.objects.select_related("owner").get(pk=job_id)
    with translation.override(job.language), history.acting_as(job.owner):
        return _run(job)


def _run(job: Job) -> str:
    try:
        result = KINDS[job.kind].run(job)
    except Refused as exc:
        _finish(job, State.FAILED, error=_("Nothing was written."), lines=exc.lines)
        return "refused"
    except Cancelled:
        _finish(job, State.CANCELLED, message=_("Cancelled by its owner; nothing was written."))
        return "cancelled"
    except TRANSIENT as exc:
        if job.attempts < max_attempts():
            pause = dt.timedelta(seconds=5 * 2**job.attempts)
            Job.objects.filter(pk=job.pk).update(
                state=State.QUEUED,
                lease_until=None,
                message=_(
                    "A temporary problem stopped attempt %(n)d (nothing was written); "
                    "it is tried again in %(s)d seconds."
                )
                % {"n": job.attempts, "s": pause.total_seconds()},
            )
            _enqueue(job, pause)
            return "retrying"
        _finish(job, State.FAILED, error=_transient_error(exc, job.attempts))
        return "failed"
    except Exception as exc:
        _finish(
            job,
            State.FAILED,
            error=_("The job stopped on an unexpected error (%(type)s); nothing was written.")
            % {"type": type(exc).__name__},
        )
        raise  # the worker's task result keeps the traceback for the administrator
    _finish(
        job,
        State.DONE,
        result.files,
        summary=result.summary,
        lines=result.lines,
        link=result.link[:300],
        done=job.total,
    )
    return "done"


def _transient_error(exc: Exception, attempts: int) -> str:
    return _(
        "The database was not available after %(n)d attempts (%(type)s); nothing was written. "
        "Try again later."
    ) % {"n": attempts, "type": type(exc).__name__}


def retry(job: Job) -> bool:
    """Queue a failed, cancelled or interrupted job again; its upload was kept."""
    if not job.can_retry:
        return False
    with transaction.atomic():
        moved = Job.objects.filter(pk=job.pk, state=job.state).update(
            state=State.QUEUED,
            error="",
            lines=[],
            summary="",
            message="",
            link="",
            lease_until=None,
        )
        if moved:
            _enqueue(job)
    return bool(moved)


def cancel(job: Job) -> bool:
    """Cancel a waiting job, or a running one at its next step."""
    return bool(
        Job.objects.filter(pk=job.pk, state__in=(State.QUEUED, State.RUNNING)).update(
            state=State.CANCELLED, finished_at=timezone.now(), lease_until=None
        )
    )
