"""A finished job's files (its upload, which may hold personal data, and its results) are kept
JOBS_FILES_DAYS days, then removed; its page says so and offers no retry that could not run."""

import datetime as dt
import io

import pytest
from django.utils import timezone, translation

from i4region.accounts.models import Role
from i4region.jobs.models import Job, JobFile, State

from .worker import run_jobs

pytestmark = pytest.mark.django_db


def _finished(owner, state: str, days_ago: int, *, result: bool) -> Job:
    job = Job.objects.create(
        owner=owner,
        kind="kumu",
        subject="old.csv",
        state=state,
        finished_at=timezone.now() - dt.timedelta(days=days_ago),
    )
    JobFile.objects.create(
        job=job,
        field="result0" if result else "elements",
        name="old.csv",
        data=b"Label\nOld\n",
        is_result=result,
    )
    return job


def _kumu_job(client) -> Job:
    upload = io.BytesIO(b"Label,Type\nRetention school,School\n")
    upload.name = "elements.csv"
    response = client.post("/en/stakeholders/kumu/", {"elements": upload})
    assert response.status_code == 302
    return Job.objects.get(pk=response["Location"].rstrip("/").rsplit("/", 1)[1])


def _english(job: Job) -> str:
    with translation.override("en"):
        return job.get_absolute_url()


def test_files_older_than_the_retention_are_removed_when_a_job_ends(client, make_user, settings):
    assert settings.JOBS_FILES_DAYS == 30
    owner = make_user(Role.SECRETARIAT)
    client.force_login(owner)
    old_result = _finished(owner, State.DONE, 31, result=True)
    old_upload = _finished(owner, State.FAILED, 31, result=False)
    recent = _finished(owner, State.DONE, 29, result=True)
    file_url = old_result.files.get().get_absolute_url()
    assert client.get(file_url).status_code == 200
    _kumu_job(client)
    run_jobs()
    assert not JobFile.objects.filter(job__in=[old_result, old_upload]).exists()
    assert client.get(file_url).status_code == 404
    page = client.get(_english(old_result)).content.decode()
    assert "were removed 30 days after it finished" in page
    failed = client.get(_english(old_upload)).content.decode()
    assert "were removed 30 days after it finished" in failed and ">Retry<" not in failed
    kept = client.get(_english(recent)).content.decode()
    assert "were removed" not in kept and recent.files.get().name in kept


def test_a_recent_failed_job_keeps_its_upload_for_a_retry(client, make_user):
    owner = make_user(Role.SECRETARIAT)
    client.force_login(owner)
    failed = _finished(owner, State.FAILED, 29, result=False)
    _kumu_job(client)
    run_jobs()
    assert failed.files.exists()
    assert ">Retry<" in client.get(_english(failed)).content.decode()
