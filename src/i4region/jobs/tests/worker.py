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
