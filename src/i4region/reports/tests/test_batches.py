"""Sets of reports on the job queue: the secretariat's form returns at once to the job, which shows
each report as it is made and then one ZIP file to download, for its owner only; a set stopped
mid-way keeps no file and is made again on retry; a report that cannot be made fails the set."""

import datetime as dt
import io
import re
import zipfile

import pytest
from django.core.management import call_command
from django.utils import timezone

from i4region.accounts.models import Role
from i4region.board.models import Meeting
from i4region.jobs.models import Job, JobFile, State
from i4region.jobs.tests.worker import job_of, run_jobs, stopping_in, watch
from i4region.reports import batches, documents, tasks

pytestmark = pytest.mark.django_db


def _post(client, **data):
    return job_of(client.post("/en/reports/batches/", {"lang": "en", "fmt": "html", **data}))


def _archive(client, job) -> zipfile.ZipFile:
    page = client.get(job.get_absolute_url()).content.decode()
    [link] = re.findall(r'href="(/en/jobs/\d+/files/\d+/)" download', page)
    response = client.get(link)
    assert response.status_code == 200 and response["Content-Type"] == "application/zip"
    return zipfile.ZipFile(io.BytesIO(response.content))


def test_every_factsheet_as_a_job_with_progress_then_one_zip(client, make_user):
    owner, other = make_user(Role.SECRETARIAT), make_user(Role.BOARD_MEMBER)
    client.force_login(owner)
    job = _post(client, batch="initiatives")
    page = client.get(job.get_absolute_url()).content.decode()
    assert "Waiting for a worker" in page and not JobFile.objects.filter(is_result=True).exists()
    n = len(documents.all_initiatives())
    assert n >= 2
    pages, refusals = watch(client, job, tasks, owner, other)
    assert f'<progress value="1" max="{n}">' in pages[1]
    assert f"Step 1 of {n}: initiative-" in pages[1]
    assert set(refusals) == {404}
    page = client.get(job.get_absolute_url()).content.decode()
    assert f"{n} reports in initiatives-en-html.zip." in page
    archive = _archive(client, job)
    slugs = [item["slug"] for item in documents.all_initiatives()]
    assert archive.namelist() == [f"initiative-{slug}-en.html" for slug in slugs]
    assert "Initiative factsheet" in archive.read(archive.namelist()[0]).decode()
    link = re.search(r'href="(/en/jobs/\d+/files/\d+/)"', page).group(1)
    client.force_login(other)
    assert client.get(link).status_code == 404
    client.logout()
    assert client.get(link).status_code == 302


def test_the_profiles_of_the_home_country_in_lithuanian(client, make_user):
    client.force_login(make_user(Role.SECRETARIAT))
    job = _post(client, batch="region-profiles", lang="lt")
    run_jobs()
    names = _archive(client, job).namelist()
    assert names[:3] == [
        "region-profile-LT-lt.html",
        "region-profile-LT01-lt.html",
        "region-profile-LT02-lt.html",
    ]
    assert "region-profile-LT025-lt.html" in names and len(names) == 13


def test_the_board_pack_needs_its_meeting(client, make_user):
    client.force_login(make_user(Role.SECRETARIAT))
    response = client.post(
        "/en/reports/batches/", {"batch": "board-pack", "lang": "en", "fmt": "pdf"}
    )
    assert response.status_code == 200
    assert "Choose the meeting the pack is for." in response.content.decode()
    assert not Job.objects.exists()


def test_the_board_pack_as_pdf_files(client, make_user):
    client.force_login(make_user(Role.SECRETARIAT))
    meeting = Meeting.objects.order_by("pk").first()
    job = _post(client, batch="board-pack", meeting=meeting.pk, fmt="pdf")
    run_jobs()
    archive = _archive(client, job)
    names = archive.namelist()
    assert names[0] == f"board-briefing-{meeting.board.slug}-{meeting.pk}-en.pdf"
    assert names[1] == "region-profile-LT025-en.pdf"
    assert len(names) == 2 + len(documents.all_initiatives())
    assert all(archive.read(name).startswith(b"%PDF-") for name in names)


def test_a_meeting_gone_before_the_job_fails_it_for_its_owner(client, make_user):
    owner = make_user(Role.SECRETARIAT)
    client.force_login(owner)
    meeting = Meeting.objects.order_by("pk").first()
    job = _post(client, batch="board-pack", meeting=meeting.pk)
    job.options["meeting"]["meeting"] = "999999"  # as if deleted meanwhile
    Job.objects.filter(pk=job.pk).update(options=job.options)
    run_jobs()
    page = client.get(job.get_absolute_url()).content.decode()
    assert "Nothing was written." in page and "has no meeting “999999”" in page
    assert not JobFile.objects.filter(job=job, is_result=True).exists()
    client.force_login(make_user(Role.COMPANY_REP))
    assert client.get(job.get_absolute_url()).status_code == 404


def test_a_set_stopped_mid_way_keeps_nothing_and_is_made_again(client, make_user):
    client.force_login(make_user(Role.SECRETARIAT))
    job = _post(client, batch="initiatives")
    with stopping_in(batches, "write", 2):  # the worker stops inside the second report
        run_jobs()
    job.refresh_from_db()
    assert job.state == State.RUNNING and job.done == 1
    assert not JobFile.objects.filter(job=job, is_result=True).exists()
    Job.objects.filter(pk=job.pk).update(lease_until=timezone.now() - dt.timedelta(seconds=1))
    assert client.post(f"/en/jobs/{job.pk}/retry/").status_code == 302
    run_jobs()
    job.refresh_from_db()
    assert (job.state, job.attempts) == (State.DONE, 2)
    assert len(_archive(client, job).namelist()) == len(documents.all_initiatives())


def test_the_command_writes_every_profile_too(tmp_path):
    call_command(
        "report",
        "region-profile",
        "--all",
        "--lang",
        "en",
        "--format",
        "html",
        "--out",
        str(tmp_path),
    )
    assert len(list(tmp_path.glob("region-profile-*-en.html"))) == 13
