"""The imports moved onto the queue: a statistics file uploaded by the secretariat becomes one
release through a job; a 20,000-row Kumu sheet is taken by the page and checked in the background."""

import io
from unittest import mock

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from i4region.accounts.models import Role
from i4region.jobs.models import Job, State
from i4region.observatory.models import Observation
from i4region.stakeholders import kumu_read

from .worker import run_jobs, through_job

pytestmark = pytest.mark.django_db

TIDY = b"indicator,region,period,value,flag\npopulation,LT-LAU-27,2019,88000,e\n"


def _upload(client, name: str, body: bytes, vintage: str) -> str:
    """The page the secretariat ends on: the form when it refused, else the job's page."""
    response = client.post(
        "/en/observatory/imports/upload/",
        {"file": SimpleUploadedFile(name, body), "vintage": vintage},
    )
    return through_job(client, response).content.decode()


def test_the_secretariat_uploads_a_statistics_file_as_a_job(client, make_user):
    client.force_login(make_user(Role.BOARD_MEMBER))
    assert client.get("/en/observatory/imports/upload/").status_code == 403
    client.force_login(make_user(Role.SECRETARIAT))
    assert "month 19 does not exist" in _upload(client, "tidy.csv", TIDY, "2099-19")
    before = Observation.objects.count()
    page = _upload(client, "tidy.csv", TIDY, "2026-05")
    assert "tidy.csv: 1 rows read; 1 added, 0 updated, 0 unchanged, 0 skipped" in page
    assert Observation.objects.count() == before + 1
    unknown = b"indicator,region,period,value\nrobolabas_visitors,LT025,2024,5\n"
    page = _upload(client, "manual.csv", unknown, "2026-05")
    assert "Nothing was written." in page and "line 2, field indicator" in page
    assert Observation.objects.count() == before + 1


def test_a_20000_row_kumu_sheet_is_taken_and_checked_in_the_background(client, make_user):
    client.force_login(make_user(Role.SECRETARIAT))
    rows = "".join(f"Background firm {i},Company\n" for i in range(20_000))
    sheet = io.BytesIO(("Label,Type\n" + rows).encode())
    sheet.name = "elements.csv"
    response = client.post("/en/stakeholders/kumu/", {"elements": sheet})
    assert response.status_code == 302 and "/en/jobs/" in response["Location"]
    job = Job.objects.get(kind="kumu", subject="elements.csv")
    assert job.state == State.QUEUED
    written = {}
    # the write itself is measured in bench/bench_jobs.py; here: every row reaches it
    with mock.patch.object(
        kumu_read, "store", lambda el, con: written.setdefault("rows", (len(el), len(con)))
    ):
        run_jobs()
    job.refresh_from_db()
    assert job.state == State.DONE and written["rows"] == (20_000, 0)
    assert "Imported 20000 elements and 0 connections." in job.summary
