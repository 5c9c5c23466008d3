"""A separate process on the database DATABASE_URL names, for test_two_workers:
`python -m i4region.jobs.tests.queue_process enqueue N` submits N jobs of a test kind;
`python -m i4region.jobs.tests.queue_process work` runs a worker until the queue is empty."""

import os
import sys
import time

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "i4region.settings")

import django  # noqa: E402

django.setup()

from django.contrib.auth import get_user_model  # noqa: E402
from django.core.files.base import ContentFile  # noqa: E402
from django.core.management import call_command  # noqa: E402

from i4region.jobs import services  # noqa: E402


@services.kind("test_pid", "test", "jobs:list")
def _record_pid(job) -> services.Result:
    services.step(job, 0, 1, "working")
    time.sleep(0.05)  # long enough for the other worker to ask for a task meanwhile
    return services.Result(str(os.getpid()))


if __name__ == "__main__":
    if sys.argv[1] == "enqueue":
        owner, _ = get_user_model().objects.get_or_create(username="queue-test")
        for i in range(int(sys.argv[2])):
            services.submit(owner, "test_pid", f"job {i}", {"file": ContentFile(b"x", name="x")})
    else:
        call_command(
            "db_worker",
            "--batch",
            "--no-reload",
            "--no-startup-delay",
            "--interval",
            "0",
            "-v",
            "0",
        )
