"""A separate process for the kill test of test_jobs, on the database DATABASE_URL names:
`python -m i4region.indices.tests.index_process setup` stores the framework and one run of 2018,
`enqueue N` queues its uncertainty analysis with N draws as a job, `work` runs a worker until it
is stopped (`--batch`: until the queue is empty), `retry` queues the job again, `report` prints
the jobs and the number of runs as JSON."""

import json
import os
import sys

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "i4region.settings")

import django  # noqa: E402

django.setup()

from django.contrib.auth import get_user_model  # noqa: E402

from i4region.indices import i40, services  # noqa: E402
from i4region.indices.models import IndexRun  # noqa: E402
from i4region.jobs import services as jobs  # noqa: E402
from i4region.jobs.models import Job  # noqa: E402
from i4region.jobs.tests import processes  # noqa: E402


def main(command: str, *args: str) -> None:
    if command == "setup":
        framework = services.i40_framework()
        services.create_run(framework, 2018, i40.idata_records(2018), {}, published=True)
    elif command == "enqueue":
        owner, _ = get_user_model().objects.get_or_create(username="index-kill-test")
        run = IndexRun.objects.get()
        jobs.submit(
            owner, "index_run", "kill test", {}, {"run": run.pk, "draws": {"ua_n": int(args[0])}}
        )
    elif command == "work":
        processes.work(batch="--batch" in args)
    elif command == "retry":
        processes.retry_all()
    elif command == "report":
        found = [(j.state, j.attempts, j.interrupted, j.done, j.total) for j in Job.objects.all()]
        print(json.dumps(found))
        print(json.dumps([IndexRun.objects.count()]))


if __name__ == "__main__":
    main(*sys.argv[1:])
