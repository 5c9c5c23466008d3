"""A separate process on the database DATABASE_URL names, for the queue tests of test_jobs:
`python -m i4region.jobs.tests.queue_process enqueue KIND N` submits N jobs of a test kind,
`work` runs a worker until the queue is empty (`work --forever` until it is stopped), `retry`
queues every job that can be retried again, `report` prints the jobs, tasks and groups as JSON."""

import json
import os
import sys
import time

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "i4region.settings")

import django  # noqa: E402

django.setup()

from django.contrib.auth import get_user_model  # noqa: E402
from django.contrib.auth.models import Group  # noqa: E402
from django.core.files.base import ContentFile  # noqa: E402
from django.db import transaction  # noqa: E402
from django_tasks_db.models import DBTaskResult  # noqa: E402

from i4region.jobs import services  # noqa: E402
from i4region.jobs.models import Job  # noqa: E402
from i4region.jobs.tests import processes  # noqa: E402


@services.kind("test_pid", "test", "jobs:list")
def _record_pid(job) -> services.Result:
    services.step(job, 0, 1, "working")
    time.sleep(0.05)  # long enough for the other worker to ask for a task meanwhile
    return services.Result(str(os.getpid()))


@services.kind("test_half_write", "test", "jobs:list")
def _half_write(job) -> services.Result:
    """Writes a group, then (on its first attempt) waits inside the transaction to be killed."""
    services.step(job, 0, 1, "writing")
    with transaction.atomic():
        Group.objects.create(name=f"written by job {job.pk}")
        if job.attempts == 1:
            time.sleep(120)
    return services.Result("written")


def main(command: str, *args: str) -> None:
    if command == "enqueue":
        owner, _ = get_user_model().objects.get_or_create(username="queue-test")
        for i in range(int(args[1])):
            services.submit(owner, args[0], f"job {i}", {"file": ContentFile(b"x", name="x")})
    elif command == "work":
        processes.work(batch="--forever" not in args)
    elif command == "retry":
        processes.retry_all()
    elif command == "report":
        jobs = [(j.kind, j.state, j.attempts, j.interrupted, j.summary) for j in Job.objects.all()]
        print(json.dumps(jobs))
        print(json.dumps([r.worker_ids for r in DBTaskResult.objects.all()]))
        print(json.dumps(list(Group.objects.values_list("name", flat=True))))


if __name__ == "__main__":
    main(*sys.argv[1:])
