"""Run the queued jobs in the test's own process and transaction, as `i4region db_worker --batch`
would: the library's worker loop, without closing the test's database connection."""

import re
from collections.abc import Callable
from unittest import mock

from django_tasks_db.management.commands import db_worker

from i4region.jobs.models import Job


def run_jobs() -> None:
    worker = db_worker.Worker(
        queue_names=["default"],
        interval=0,
        batch=True,
        backend_name="default",
        startup_delay=False,
        max_tasks=None,
        worker_id="test-worker",
        excluded_queue_names=[],
    )
    with mock.patch.object(db_worker, "close_old_connections", lambda: None):
        worker.run()


def through_job(client, response):
    """The page a user ends on after an upload: the job's page once a worker ran it, or the
    form itself when the request refused the upload."""
    if response.status_code != 302 or "/jobs/" not in response["Location"]:
        return response
    run_jobs()
    return client.get(response["Location"])


# `i4region db_worker` as a served instance's test runs it: every queued job, then exit.
BATCH = ("db_worker", "--batch", "--no-reload", "--no-startup-delay", "--interval", "0")


def job_of(response) -> Job:
    """The job a page's form started: the page answers with a redirect to the job's page."""
    assert response.status_code == 302, response.content.decode()[:300]
    assert re.search(r"/(en|lt)/jobs/\d+/$", response["Location"]), response["Location"]
    return Job.objects.get(pk=response["Location"].rstrip("/").rsplit("/", 1)[1])


def watch(
    client, job: Job, tasks, owner, other=None, when: Callable[[int, int], bool] = lambda d, t: True
) -> tuple[list[str], list[int]]:
    """Run the queue; at each step the job reports (where `when(done, total)`), the job's page as
    its owner reads it and the status code `other` gets. `tasks` is the module whose `step` the
    job reports through."""
    pages, refusals = [], []
    step = tasks.step

    def watched(job_, done, total, message):
        step(job_, done, total, message)
        if when(done, total):
            pages.append(client.get(job.get_absolute_url()).content.decode())
            if other is not None:
                client.force_login(other)
                refusals.append(client.get(job.get_absolute_url()).status_code)
                client.force_login(owner)

    with mock.patch.object(tasks, "step", watched):
        run_jobs()
    return pages, refusals


def stopping_in(target, name: str, call: int):
    """`target.name` patched so that the worker stops inside its call number `call`, as a worker
    killed there would (KeyboardInterrupt leaves the job running, its lease to run out)."""
    real = getattr(target, name)
    calls = []

    def stopping(*args, **kwargs):
        calls.append(args)
        if len(calls) == call:
            raise KeyboardInterrupt
        return real(*args, **kwargs)

    return mock.patch.object(target, name, stopping)
