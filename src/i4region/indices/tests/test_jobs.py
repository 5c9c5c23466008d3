"""Index runs on the job queue: the recomputation and the uncertainty and sensitivity runs are
posted, return at once to their job, show the engine's progress in draws, then lead to the new
run; another user gets 404; a run stopped mid-way stores nothing and runs again on retry."""

import datetime as dt
import json
import re
import signal
import sqlite3
import subprocess
import sys
import time
from unittest import mock

import pytest
from django.utils import timezone, translation

from i4region.accounts.models import Role
from i4region.indices import services, tasks
from i4region.indices.models import IndexRun
from i4region.jobs import services as jobs
from i4region.jobs.models import Job, State
from i4region.jobs.tests.worker import job_of, run_jobs, watch
from i4region.testing import instance_env, run_cli

pytestmark = pytest.mark.django_db


def test_recompute_returns_at_once_shows_the_draws_then_leads_to_the_run(client, make_user):
    owner, other = make_user(Role.SECRETARIAT), make_user(Role.BOARD_MEMBER)
    client.force_login(owner)
    before = IndexRun.objects.count()
    job = job_of(client.post("/en/indices/recompute/", {"aggregation": "gmean"}))
    assert IndexRun.objects.count() == before  # the request did not compute
    page = client.get(job.get_absolute_url()).content.decode()
    assert "Waiting for a worker" in page and "<progress" in page
    assert job.subject in client.get("/en/indices/recompute/").content.decode()
    pages, others = watch(client, job, tasks, owner, other, when=lambda done, total: total > 1)
    total = services.n_draws(services.published_run().framework, {})
    assert total == 200 + 60 * 6
    middle = [p for p in pages if re.search(rf'<progress value="([1-9]\d*)" max="{total}">', p)]
    assert middle and "draws" in middle[0]
    assert set(others) == {404}
    job.refresh_from_db()
    assert job.state == State.DONE
    run = IndexRun.objects.get(pk=job.link.rsplit("=", 1)[1])
    assert run.parameters == {"changes": {"aggregate.method": "gmean"}} and not run.published
    page = client.get(job.get_absolute_url()).content.decode()
    assert f"New run {run.pk} stored." in page and f'href="/en/indices/?run={run.pk}"' in page
    assert "not published" in client.get(job.link).content.decode()
    client.force_login(other)
    assert client.post(f"/en/jobs/{job.pk}/retry/").status_code == 404


def test_an_uncertainty_run_from_its_page_with_more_draws(client, make_user):
    client.force_login(make_user(Role.SECRETARIAT))
    page = client.get("/en/indices/uncertainty/").content.decode()
    assert 'action="/en/indices/uncertainty/run/"' in page and 'value="200"' in page
    base = services.published_run()
    job = job_of(client.post("/en/indices/uncertainty/run/", {"run": base.pk, "n": 2500}))
    assert job.subject == f"run {base.pk} ({base.year}): uncertainty with 2500 draws"
    run_jobs()
    job.refresh_from_db()
    assert job.state == State.DONE and job.link.startswith("/en/indices/uncertainty/?run=")
    page = client.get(job.link).content.decode()
    assert "recomputed 2500 times" in page and "not published" in page


@pytest.mark.parametrize(
    ("lang", "expected", "absent"),
    [
        (
            "en",
            "Number of base samples: Ensure this value is greater than or equal to 10.",
            "Bazinių imčių skaičius",
        ),
        (
            "lt",
            "Bazinių imčių skaičius: Įsitikinkite, kad reikšmė yra didesnė arba lygi 10.",
            "Number of base samples",
        ),
    ],
)
def test_a_number_out_of_range_is_refused_on_the_page(client, make_user, lang, expected, absent):
    client.force_login(make_user(Role.SECRETARIAT))
    base = services.published_run()
    response = client.post(
        f"/{lang}/indices/sensitivity/run/", {"run": base.pk, "n": 9}, follow=True
    )
    page = response.content.decode()
    assert expected in page
    assert absent not in page
    assert not Job.objects.exists()


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("lt", "Imčių skaičius: 40 – už leistinų ribų; įrašykite skaičių nuo 50 iki 100000"),
        ("en", "Number of draws: 40 is out of range; give a number from 50 to 100000"),
    ],
)
def test_a_queued_run_out_of_range_is_refused_in_its_language(client, make_user, lang, expected):
    """A job's numbers are checked again when it runs (a job queued before the range narrowed,
    or made without the form): its owner reads why, in the language the job was asked in."""
    owner = make_user(Role.SECRETARIAT)
    with translation.override(lang):
        job = jobs.submit(
            owner,
            "index_run",
            "run",
            {},
            {"run": services.published_run().pk, "draws": {"ua_n": 40}},
        )
    before = IndexRun.objects.count()
    run_jobs()
    client.force_login(owner)
    page = client.get(f"/{lang}/jobs/{job.pk}/").content.decode()
    assert expected in page
    assert IndexRun.objects.count() == before


def test_the_analysis_form_is_for_the_secretariat_only(client, make_user):
    base = services.published_run()
    assert (
        'action="/en/indices/sensitivity/run/"'
        not in client.get("/en/indices/sensitivity/").content.decode()
    )
    response = client.post("/en/indices/sensitivity/run/", {"run": base.pk, "n": 100})
    assert response.status_code == 302 and "login" in response["Location"]
    client.force_login(make_user(Role.BOARD_MEMBER))
    assert (
        client.post("/en/indices/sensitivity/run/", {"run": base.pk, "n": 100}).status_code == 403
    )
    assert not Job.objects.exists()


def test_a_run_that_no_longer_exists_fails_for_its_owner(client, make_user):
    owner = make_user(Role.SECRETARIAT)
    run, _ = services.recompute(services.published_run(), "hmean", owner)
    client.force_login(owner)
    job = job_of(client.post("/en/indices/sensitivity/run/", {"run": run.pk, "n": 20}))
    gone = run.pk
    run.delete()
    run_jobs()
    page = client.get(job.get_absolute_url()).content.decode()
    assert "Nothing was written." in page and f"Run {gone} no longer exists." in page
    assert "What stopped it:" in page and "upload the file again" not in page
    client.force_login(make_user(Role.COMPANY_REP))
    assert client.get(job.get_absolute_url()).status_code == 404


def test_lithuanian_job_of_a_recomputation(client, make_user):
    client.force_login(make_user(Role.SECRETARIAT))
    job = job_of(client.post("/en/indices/recompute/", {"aggregation": "hmean"}))
    run_jobs()
    page = client.get(f"/lt/jobs/{job.pk}/").content.decode()
    assert "Indekso skaičiavimas" in page and "Index run" not in page


def test_a_run_stopped_before_it_is_stored_leaves_nothing_and_runs_again(client, make_user):
    client.force_login(make_user(Role.SECRETARIAT))
    before = IndexRun.objects.count()
    job = job_of(client.post("/en/indices/recompute/", {"aggregation": "gmean"}))

    def killed(**kwargs):
        raise KeyboardInterrupt  # the process stops as the run is written: no handler runs

    with mock.patch.object(IndexRun.objects, "create", killed):
        run_jobs()
    assert IndexRun.objects.count() == before
    job.refresh_from_db()
    assert job.state == State.RUNNING and job.done > 0
    Job.objects.filter(pk=job.pk).update(lease_until=timezone.now() - dt.timedelta(seconds=1))
    assert "interrupted" in client.get(job.get_absolute_url()).content.decode()
    assert client.post(f"/en/jobs/{job.pk}/retry/").status_code == 302
    run_jobs()
    job.refresh_from_db()
    assert (job.state, job.attempts) == (State.DONE, 2)
    assert IndexRun.objects.count() == before + 1


def test_a_worker_killed_mid_analysis_stores_nothing_and_the_run_is_made_on_retry(tmp_path):
    """A real worker process, killed (SIGKILL) while the engine reports its draws: no run is
    stored, the job shows as interrupted once its lease ends, and the retry makes the run once."""
    env = instance_env(
        tmp_path,
        DEBUG="true",
        SECRET_KEY="index-kill-test-secret-key-0123456789-abcdefghijklmnopqrstuvwxyz",
        JOBS_LEASE_SECONDS="3",
    )
    for app in ("indices", "jobs", "django_tasks_database", "auditlog", "sessions"):
        done = run_cli(env, "migrate", app, "-v", "0")
        assert done.returncode == 0, done.stderr
    script = (sys.executable, "-m", "i4region.indices.tests.index_process")

    def run(*args: str):
        done = subprocess.run([*script, *args], env=env, capture_output=True, text=True)
        assert done.returncode == 0, done.stderr
        return [json.loads(line) for line in done.stdout.splitlines() if line[:1] == "["]

    run("setup")
    run("enqueue", "10000")
    worker = subprocess.Popen([*script, "work"], env=env)
    try:
        db = sqlite3.connect(tmp_path / "db.sqlite3", timeout=10)  # read as the job page would
        for _ in range(3000):
            time.sleep(0.02)
            query = "SELECT state, done, total FROM jobs_job"
            state, done_, total = db.execute(query).fetchone()
            if state == "running" and 0 < done_ < total:  # inside the draws
                break
        db.close()
        assert 0 < done_ < total, (state, done_, total)
    finally:
        worker.send_signal(signal.SIGKILL)
        worker.wait(timeout=30)
    time.sleep(3.5)  # past the lease
    [[state, attempts, interrupted, *_]], [runs] = run("report")
    assert (state, attempts, interrupted, runs) == ("running", 1, True, 1)
    run("retry")
    run("work", "--batch")
    [[state, attempts, *_]], [runs] = run("report")
    assert (state, attempts, runs) == ("done", 2, 2)
