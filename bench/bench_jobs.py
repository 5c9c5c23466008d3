"""Benchmark the job queue: enqueue → done latency of a Kumu import run by a worker process, as a
ratio against the same import called directly in this process; with --index, an uncertainty run
of the Industry 4.0 index posted from its page: the page's request, and the job until done, as
ratios against the same run computed directly in this process.

A throw-away SQLite database gets the register's tables; one `i4region db_worker` (polling every
0.1 s) runs beside. Each round imports a fresh sheet of N organisations: once directly
(`kumu_read.import_files`), once as a job (`jobs.services.submit`, then waiting until the job is
done, as its page would). Prints the medians and the ratio. Run from the repository root:

    .venv/bin/python bench/bench_jobs.py [--rows N] [--repeat R] [--index --draws N]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))


def sheet(rows: int, tag: str) -> bytes:
    return (
        "Label,Type\n" + "".join(f"Bench {tag} firm {i},Company\n" for i in range(rows))
    ).encode()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=300)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--index", action="store_true", help="the index run instead")
    parser.add_argument("--draws", type=int, default=20_000, help="--index: uncertainty draws")
    args = parser.parse_args()
    tmp = tempfile.mkdtemp(prefix="bench-jobs-")
    os.environ.update(
        DATABASE_URL=f"sqlite:///{tmp}/bench.sqlite3",
        DJANGO_SETTINGS_MODULE="i4region.settings",
        DEBUG="true",
        I4REGION_HOME=tmp,
        SECRET_KEY="bench-jobs-secret-key-0123456789-abcdefghijklmnopqrstuvwxyz",
    )
    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.core.files.base import ContentFile
    from django.core.management import call_command

    from i4region.jobs import services
    from i4region.stakeholders import kumu_read

    if args.index:
        return bench_index(args)
    for app in ("stakeholders", "auditlog", "jobs", "django_tasks_database"):
        call_command("migrate", app, verbosity=0)
    owner = get_user_model().objects.create_user("bench")
    worker = start_worker()
    direct, queued = [], []
    try:
        for r in range(args.repeat):
            data = sheet(args.rows, f"d{r}")
            t0 = time.perf_counter()
            kumu_read.import_files(data)
            direct.append(time.perf_counter() - t0)
            upload = ContentFile(sheet(args.rows, f"q{r}"), name="elements.csv")
            t0 = time.perf_counter()
            wait_done(services.submit(owner, "kumu", "elements.csv", {"elements": upload}))
            queued.append(time.perf_counter() - t0)
    finally:
        worker.terminate()
        worker.wait(timeout=30)
    d, q = statistics.median(direct), statistics.median(queued)
    print(f"Kumu import of {args.rows} organisations, median of {args.repeat}, SQLite")
    print(f"direct call           {d * 1000:8.0f} ms")
    print(f"enqueue -> done (job) {q * 1000:8.0f} ms")
    print(f"ratio job/direct      {q / d:8.2f}x  (overhead {1000 * (q - d):.0f} ms)")


def start_worker() -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "i4region", "db_worker", "--no-reload", "--interval", "0.1"],
        env=os.environ,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def wait_done(job) -> None:
    """Poll the job's row until the worker has finished it; fail unless it is done."""
    from i4region.jobs.models import Job, State

    while (state := Job.objects.get(pk=job.pk).state) not in (State.DONE, State.FAILED):
        time.sleep(0.02)
    assert state == State.DONE


def bench_index(args) -> None:
    """The uncertainty run of the 2018 index with N draws: computed directly; posted from the
    page (the request alone); and as that request's job, until a worker has stored the run."""
    from django.core.management import call_command
    from django.test import Client

    from i4region.accounts.models import Role, User
    from i4region.indices import i40, services
    from i4region.jobs.models import Job

    call_command("migrate", verbosity=0)
    call_command("createcachetable", verbosity=0)
    base, _ = services.create_run(
        services.i40_framework(), 2018, i40.idata_records(2018), {}, published=True
    )
    user = User.objects.create_user("bench-secretariat", role=Role.SECRETARIAT)
    client = Client(SERVER_NAME="localhost")
    client.force_login(user)
    direct, request, queued = [], [], []
    for r in range(args.repeat):  # before the worker starts: it polls the same SQLite file
        t0 = time.perf_counter()
        services.recompute(base, None, user, draws={"ua_n": args.draws + r})
        direct.append(time.perf_counter() - t0)
    worker = start_worker()
    try:
        for r in range(args.repeat):
            n = args.draws + args.repeat + r  # a new run each time: never a stored one
            t0 = time.perf_counter()
            response = client.post("/en/indices/uncertainty/run/", {"run": base.pk, "n": n})
            request.append(time.perf_counter() - t0)
            assert response.status_code == 302 and "/jobs/" in response["Location"]
            wait_done(Job.objects.latest("pk"))
            queued.append(time.perf_counter() - t0)
    finally:
        worker.terminate()
        worker.wait(timeout=30)
    d, p, q = (statistics.median(x) for x in (direct, request, queued))
    print(f"Index uncertainty run, {args.draws} draws, median of {args.repeat}, SQLite")
    print(f"direct computation    {d * 1000:8.0f} ms")
    print(f"page request (POST)   {p * 1000:8.0f} ms   ratio request/direct {p / d:8.3f}x")
    print(f"post -> done (job)    {q * 1000:8.0f} ms   ratio job/direct     {q / d:8.2f}x")


if __name__ == "__main__":
    main()
