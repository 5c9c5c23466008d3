"""Run the queued jobs in the test's own process and transaction, as `i4region db_worker --batch`
would: the library's worker loop, without closing the test's database connection."""

from unittest import mock

from django_tasks_db.management.commands import db_worker


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
