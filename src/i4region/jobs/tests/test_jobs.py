"""Jobs as their owner sees them: the upload returns at once, the job page shows the progress, then
the report or the failure; another user gets 404; a job stopped mid-way leaves nothing written and
runs again on retry; a transient failure is tried again; two workers never run one job twice."""

import datetime as dt
import io
import json
import os
import signal
import subprocess
import sys
import time
import uuid
from unittest import mock

import pytest
from django.db import OperationalError
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from i4region.accounts.models import Role
from i4region.jobs.models import Job, State
from i4region.stakeholders import kumu_read
from i4region.stakeholders.models import Organisation, Relation
from i4region.testing import instance_env, run_cli

from .worker import run_jobs

pytestmark = pytest.mark.django_db

ELEMENTS = b"Label,Type\nJob test school,School\nJob test plant,Company\n"
CONNECTIONS = b"From,To,Type,Strength\nJob test school,Job test plant,training,4\n"


def _upload(client, elements: bytes = ELEMENTS, connections: bytes | None = CONNECTIONS):
    files = {"elements": io.BytesIO(elements)}
    files["elements"].name = "elements.csv"
    if connections is not None:
        files["connections"] = io.BytesIO(connections)
        files["connections"].name = "connections.csv"
    response = client.post("/en/stakeholders/kumu/", files)
    assert response.status_code == 302, response.content.decode()[:500]
    return Job.objects.get(pk=response["Location"].rstrip("/").rsplit("/", 1)[1])


def test_upload_returns_at_once_and_the_owner_follows_progress_then_report(client, make_user):
    owner, other = make_user(Role.SECRETARIAT), make_user(Role.BOARD_MEMBER)
    client.force_login(owner)
    job = _upload(client)
    assert not Organisation.objects.filter(name="Job test school").exists()  # nothing ran yet
    page = client.get(job.get_absolute_url()).content.decode()
    assert "Waiting for a worker" in page and '<meta http-equiv="refresh"' in page
    seen = {}
    store = kumu_read.store

    def watched_store(elements, connections):
        # what the owner and another user see while the job writes
        seen["owner"] = client.get(job.get_absolute_url()).content.decode()
        client.force_login(other)
        seen["other"] = client.get(job.get_absolute_url()).status_code
        client.force_login(owner)
        return store(elements, connections)

    with mock.patch.object(kumu_read, "store", watched_store):
        run_jobs()
    assert '<progress value="2" max="3">' in seen["owner"]
    assert "Step 2 of 3: Writing 2 elements and 1 connections" in seen["owner"]
    assert seen["other"] == 404
    page = client.get(job.get_absolute_url()).content.decode()
    assert "Imported 2 elements and 1 connections." in page
    assert '<meta http-equiv="refresh"' not in page and "<progress" not in page
    assert Relation.objects.get(source__name="Job test school").strength == 4
    assert f'href="/en/jobs/{job.pk}/"' in client.get("/en/jobs/").content.decode()
    client.force_login(other)
    assert f"/en/jobs/{job.pk}/" not in client.get("/en/jobs/").content.decode()
    client.force_login(make_user(Role.SECRETARIAT))  # the secretariat sees everyone's jobs
    assert f"/en/jobs/{job.pk}/" in client.get("/en/jobs/").content.decode()


def test_a_refused_file_fails_with_each_problem_for_its_owner_only(client, make_user):
    owner = make_user(Role.SECRETARIAT)
    client.force_login(owner)
    job = _upload(client, b"Label,Type\nX,Spaceship\n", None)
    run_jobs()
    page = client.get(job.get_absolute_url()).content.decode()
    assert "Nothing was written." in page and "Elements line 2" in page and "Spaceship" in page
    assert not Organisation.objects.filter(name="X").exists()
    client.force_login(make_user(Role.SECRETARIAT))  # sees it, may not act on it
    assert client.post(f"/en/jobs/{job.pk}/retry/").status_code == 403
    client.force_login(make_user(Role.COMPANY_REP))
    assert client.get(job.get_absolute_url()).status_code == 404
    assert client.post(f"/en/jobs/{job.pk}/retry/").status_code == 404


def test_lithuanian_job_page(client, make_user):
    client.force_login(make_user(Role.SECRETARIAT))
    job = _upload(client)
    page = client.get(f"/lt/jobs/{job.pk}/").content.decode()
    assert "Laukiama" in page and "Waiting for a worker" not in page


def test_a_job_stopped_mid_write_leaves_nothing_and_runs_again_on_retry(client, make_user):
    client.force_login(make_user(Role.SECRETARIAT))
    job = _upload(client)

    def killed(**kwargs):
        # the process stops here, after the organisations were saved: no handler of ours runs
        raise KeyboardInterrupt

    with mock.patch.object(Relation.objects, "create", killed):
        run_jobs()
    assert not Organisation.objects.filter(name__startswith="Job test").exists()
    job.refresh_from_db()
    assert job.state == State.RUNNING and not job.interrupted  # its lease still runs
    Job.objects.filter(pk=job.pk).update(lease_until=timezone.now() - dt.timedelta(seconds=1))
    page = client.get(job.get_absolute_url()).content.decode()
    assert "interrupted" in page and "Retry" in page and '<meta http-equiv="refresh"' not in page
    assert client.post(f"/en/jobs/{job.pk}/retry/").status_code == 302
    run_jobs()
    job.refresh_from_db()
    assert (job.state, job.attempts) == (State.DONE, 2)
    assert Relation.objects.filter(source__name="Job test school").count() == 1


def test_the_owner_cancels_a_waiting_job_and_nothing_is_written(client, make_user):
    owner = make_user(Role.SECRETARIAT)
    client.force_login(owner)
    job = _upload(client)
    client.force_login(make_user(Role.BOARD_MEMBER))
    assert client.post(f"/en/jobs/{job.pk}/cancel/").status_code == 404
    client.force_login(owner)
    page = client.post(f"/en/jobs/{job.pk}/cancel/", follow=True).content.decode()
    assert "The job was cancelled; nothing of it was written." in page
    run_jobs()
    job.refresh_from_db()
    assert (job.state, job.attempts) == (State.CANCELLED, 0)
    assert not Organisation.objects.filter(name__startswith="Job test").exists()


def test_a_transient_failure_is_tried_again_later(client, make_user):
    client.force_login(make_user(Role.SECRETARIAT))
    job = _upload(client)
    with mock.patch.object(kumu_read, "store", side_effect=OperationalError("database is locked")):
        run_jobs()
    job.refresh_from_db()
    assert (job.state, job.attempts) == (State.QUEUED, 1)
    assert "tried again in 10 seconds" in client.get(job.get_absolute_url()).content.decode()
    later = DBTaskResult.objects.get(id=job.task_id)
    assert later.run_after > timezone.now()
    DBTaskResult.objects.filter(pk=later.pk).update(run_after=timezone.now())
    run_jobs()
    job.refresh_from_db()
    assert (job.state, job.attempts) == (State.DONE, 2)


@pytest.fixture(scope="module")
def queue(tmp_path_factory):
    """`queue(COMMAND, …)` runs queue_process on a database of its own: PostgreSQL when the local
    server lets the test create one, else SQLite (the library's exclusive transactions)."""
    name = f"i4region_jobs_{uuid.uuid4().hex[:8]}"
    base = os.environ.get("JOBS_TEST_POSTGRES", "postgresql://postgres@127.0.0.1:5432")
    try:
        import psycopg

        with psycopg.connect(f"{base}/postgres", autocommit=True, connect_timeout=3) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')
        url = {"DATABASE_URL": f"{base}/{name}"}
    except Exception:  # no server, no role, no right to create: the embedded database
        url = {}
    env = instance_env(
        tmp_path_factory.mktemp("queue"),
        DEBUG="true",
        SECRET_KEY="queue-test-secret-key-0123456789-abcdefghijklmnopqrstuvwxyz",
        JOBS_LEASE_SECONDS="3",
        **url,
    )
    for app in ("jobs", "django_tasks_database"):
        done = run_cli(env, "migrate", app, "-v", "0")
        assert done.returncode == 0, done.stderr
    script = (sys.executable, "-m", "i4region.jobs.tests.queue_process")

    def run(*args: str, wait: bool = True):
        if not wait:
            return subprocess.Popen([*script, *args], env=env)
        done = subprocess.run(
            [*script, *args], env=env, capture_output=True, text=True, timeout=300
        )
        assert done.returncode == 0, done.stderr
        return [json.loads(line) for line in done.stdout.splitlines() if line[:1] == "["]

    yield run
    if url:
        with psycopg.connect(f"{base}/postgres", autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def test_two_workers_never_run_one_job_twice(queue):
    queue("enqueue", "test_pid", "40")
    workers = [queue("work", wait=False) for _ in range(2)]
    assert [w.wait(timeout=300) for w in workers] == [0, 0]
    jobs, tasks, _groups = queue("report")
    jobs = [j for j in jobs if j[0] == "test_pid"]
    assert len(jobs) == 40 and {(state, n) for _, state, n, *_ in jobs} == {("done", 1)}
    assert len({pid for *_, pid in jobs}) == 2, "both workers took jobs"
    assert len(tasks) == 40 and all(len(ids) == 1 for ids in tasks)


def test_a_worker_killed_mid_write_leaves_nothing_and_the_job_runs_again(queue):
    queue("enqueue", "test_half_write", "1")
    worker = queue("work", "--forever", wait=False)
    try:
        for _ in range(100):
            time.sleep(0.5)
            jobs, _tasks, groups = queue("report")
            if [j for j in jobs if j[0] == "test_half_write" and j[1] == "running"]:
                break
        time.sleep(1)  # inside its transaction, the group written
    finally:
        worker.send_signal(signal.SIGKILL)
        worker.wait(timeout=30)
    time.sleep(3.5)  # past the lease (JOBS_LEASE_SECONDS=3)
    jobs, _tasks, groups = queue("report")
    [job] = [j for j in jobs if j[0] == "test_half_write"]
    assert job[1:4] == ["running", 1, True], job  # interrupted
    assert not [g for g in groups if g.startswith("written by job")]
    queue("retry")
    assert queue("work", wait=False).wait(timeout=300) == 0
    jobs, _tasks, groups = queue("report")
    [job] = [j for j in jobs if j[0] == "test_half_write"]
    assert job[1:3] == ["done", 2]
    assert len([g for g in groups if g.startswith("written by job")]) == 1


def test_the_menu_offers_jobs_to_signed_in_users_only(client, make_user):
    assert 'href="/en/jobs/"' not in client.get("/en/").content.decode()
    assert client.get("/en/jobs/").status_code == 302
    client.force_login(make_user(Role.COMPANY_REP))
    page = client.get("/en/").content.decode()
    assert 'href="/en/jobs/">Jobs</a>' in page
    assert "No jobs yet." in client.get("/en/jobs/").content.decode()
    assert ">Užduotys</a>" in client.get("/lt/").content.decode()


def test_a_dump_carries_no_job_and_no_upload(client, make_user, tmp_path):
    from django.core.management import call_command

    client.force_login(make_user(Role.SECRETARIAT))
    _upload(client, b"Label,Type\nDump test secret firm,Company\n", None)
    call_command("dump", "--out", str(tmp_path), "--include-personal-data", verbosity=0)
    package = json.loads((tmp_path / "datapackage.json").read_text())
    names = {r["name"] for r in package["resources"]}
    assert not {n for n in names if n.startswith(("jobs", "django_tasks"))}
    assert not [p for p in tmp_path.rglob("*.csv") if b"Dump test secret" in p.read_bytes()]
