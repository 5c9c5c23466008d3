"""Dump and load from the web, as jobs: the secretariat's dump returns at once and ends as one ZIP
file for its owner only; an administrator's load checks the package, then replaces the instance
in one step; a refused package and a load stopped mid-way change nothing and can be retried."""

import csv
import datetime as dt
import hashlib
import io
import json
import re
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from i4region.accounts.models import Role, User
from i4region.jobs.models import Job, State
from i4region.jobs.tests.worker import job_of, run_jobs, stopping_in, watch
from i4region.stakeholders import network_store
from i4region.stakeholders.models import NetworkResult, Organisation
from i4region.transfer import services, tasks

pytestmark = pytest.mark.django_db


def _download(client, job) -> bytes:
    page = client.get(job.get_absolute_url()).content.decode()
    [link] = re.findall(r'href="(/en/jobs/\d+/files/\d+/)" download', page)
    response = client.get(link)
    assert response.status_code == 200
    return response.content


@pytest.fixture
def admin(make_user):
    return make_user(Role.ADMINISTRATOR, username="web-admin")


@pytest.fixture
def package(client, admin) -> bytes:
    """A dump made from the web by the administrator, with personal data."""
    client.force_login(admin)
    job = job_of(client.post("/en/transfer/instance/dump/", {"personal": "on"}))
    run_jobs()
    return _download(client, job)


def test_a_loaded_register_without_its_analysis_is_analysed_by_the_queue(
    client, admin, django_capture_on_commit_callbacks
):
    NetworkResult.objects.all().delete()  # the package carries no analysis of its register
    client.force_login(admin)
    job = job_of(client.post("/en/transfer/instance/dump/", {}))
    run_jobs()
    upload = SimpleUploadedFile("backup.zip", _download(client, job))
    job_of(client.post("/en/transfer/instance/load/", {"package": upload, "confirm": "on"}))
    Job.objects.filter(kind=network_store.KIND).delete()
    with django_capture_on_commit_callbacks(execute=True):
        run_jobs()
    assert Job.objects.filter(kind=network_store.KIND, state=State.QUEUED).count() == 1


def test_a_dump_from_the_web_is_a_job_with_progress_and_a_zip(client, make_user):
    owner, other = make_user(Role.SECRETARIAT), make_user(Role.SECRETARIAT)
    client.force_login(owner)
    page = client.get("/en/transfer/instance/").content.decode()
    assert 'action="/en/transfer/instance/dump/"' in page
    assert 'action="/en/transfer/instance/load/"' not in page  # loading is an administrator's
    job = job_of(client.post("/en/transfer/instance/dump/", {}))
    assert "Waiting for a worker" in client.get(job.get_absolute_url()).content.decode()
    seen, _ = watch(client, job, tasks, owner, when=lambda done, total: done == 3)
    tables = len(services.resources())
    assert f'<progress value="3" max="{tables + 1}">' in seen[0]
    page = client.get(job.get_absolute_url()).content.decode()
    assert f"{tables} tables, " in page and "without personal data" in page
    archive = zipfile.ZipFile(io.BytesIO(_download(client, job)))
    described = json.loads(archive.read("datapackage.json"))
    assert described["personal_data"] is False and len(described["resources"]) == tables
    assert owner.email not in archive.read("accounts__user.csv").decode()
    link = re.search(r'href="(/en/jobs/\d+/files/\d+/)"', page).group(1)
    client.force_login(other)  # the secretariat sees the job, and may download it
    assert client.get(link).status_code == 200
    assert client.post(f"/en/jobs/{job.pk}/retry/").status_code == 403
    client.force_login(make_user(Role.BOARD_MEMBER))
    assert client.get(link).status_code == 404
    assert client.get("/en/transfer/instance/").status_code == 403
    assert client.post("/en/transfer/instance/dump/", {}).status_code == 403


def test_an_administrator_replaces_the_instance_by_a_package(client, admin, package):
    Organisation.objects.create(name="Made after the dump", type="company")
    kept = Organisation.objects.count() - 1
    client.force_login(admin)
    upload = SimpleUploadedFile("backup.zip", package, content_type="application/zip")
    job = job_of(client.post("/en/transfer/instance/load/", {"package": upload, "confirm": "on"}))
    assert Organisation.objects.filter(name="Made after the dump").exists()  # not yet
    run_jobs()
    assert not Organisation.objects.filter(name="Made after the dump").exists()
    assert Organisation.objects.count() == kept
    client.force_login(User.objects.get(username="web-admin"))  # every session ended
    page = client.get(job.get_absolute_url()).content.decode()
    assert "Restored " in page and "from backup.zip." in page


def test_a_package_without_the_loader_is_refused_and_changes_nothing(client, admin, make_user):
    client.force_login(admin)
    job = job_of(client.post("/en/transfer/instance/dump/", {}))
    run_jobs()
    package = _download(client, job)
    other = make_user(Role.ADMINISTRATOR, username="made-later")
    client.force_login(other)
    upload = SimpleUploadedFile("old.zip", package)
    job = job_of(client.post("/en/transfer/instance/load/", {"package": upload, "confirm": "on"}))
    run_jobs()
    page = client.get(job.get_absolute_url()).content.decode()
    assert "Nothing was written." in page
    assert "the package has no active administrator account “made-later”" in page
    assert User.objects.filter(username="made-later").exists()
    client.force_login(admin)  # another administrator: not their job
    assert client.post(f"/en/jobs/{job.pk}/retry/").status_code == 403


def test_a_file_that_is_not_a_package_is_refused(client, admin):
    client.force_login(admin)
    upload = SimpleUploadedFile("notes.zip", b"not a zip")
    job = job_of(client.post("/en/transfer/instance/load/", {"package": upload, "confirm": "on"}))
    run_jobs()
    assert "the file is not a ZIP file" in client.get(job.get_absolute_url()).content.decode()
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("../../etc/evil.csv", "x")
    upload = SimpleUploadedFile("evil.zip", buffer.getvalue())
    job = job_of(client.post("/en/transfer/instance/load/", {"package": upload, "confirm": "on"}))
    run_jobs()
    page = client.get(job.get_absolute_url()).content.decode()
    assert "../../etc/evil.csv: a package holds only its CSV files" in page


def test_loading_is_for_administrators_and_needs_the_confirmation(client, admin, make_user):
    upload = SimpleUploadedFile("backup.zip", b"PK")
    client.force_login(make_user(Role.SECRETARIAT))
    assert client.post("/en/transfer/instance/load/", {"package": upload}).status_code == 403
    client.force_login(admin)
    upload.seek(0)
    response = client.post("/en/transfer/instance/load/", {"package": upload})
    assert response.status_code == 200 and "This field is required." in response.content.decode()
    assert not Job.objects.exists()


def test_a_load_stopped_mid_way_leaves_the_instance_and_runs_again(client, admin, package):
    Organisation.objects.create(name="Made after the dump", type="company")
    before = Organisation.objects.count()
    client.force_login(admin)
    upload = SimpleUploadedFile("backup.zip", package)
    job = job_of(client.post("/en/transfer/instance/load/", {"package": upload, "confirm": "on"}))
    with stopping_in(services, "_insert", 5):  # the worker stops with four tables written
        run_jobs()
    assert Organisation.objects.count() == before
    assert Organisation.objects.filter(name="Made after the dump").exists()
    job.refresh_from_db()
    assert job.state == State.RUNNING
    Job.objects.filter(pk=job.pk).update(lease_until=timezone.now() - dt.timedelta(seconds=1))
    assert client.post(f"/en/jobs/{job.pk}/retry/").status_code == 302
    run_jobs()
    job.refresh_from_db()
    assert (job.state, job.attempts) == (State.DONE, 2)
    assert not Organisation.objects.filter(name="Made after the dump").exists()


def _edited(package: bytes, name: str, edit) -> bytes:
    """The package with one file changed by `edit` (text → text); a CSV file's size and checksum
    in datapackage.json follow it, so that only the change itself is wrong."""
    source = zipfile.ZipFile(io.BytesIO(package))
    files = {n: source.read(n) for n in source.namelist()}
    files[name] = edit(files[name].decode()).encode()
    if name != "datapackage.json":
        described = json.loads(files["datapackage.json"])
        [entry] = [r for r in described["resources"] if r["path"] == name]
        entry["bytes"] = len(files[name])
        entry["hash"] = f"sha256:{hashlib.sha256(files[name]).hexdigest()}"
        files["datapackage.json"] = json.dumps(described).encode()
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for n, data in files.items():
            archive.writestr(n, data)
    return buffer.getvalue()


def _refused(client, lang: str, package: bytes) -> str:
    """The job page of a replacement by `package` asked for in `lang`, after the worker ran it."""
    upload = SimpleUploadedFile("broken.zip", package)
    response = client.post(f"/{lang}/transfer/instance/load/", {"package": upload, "confirm": "on"})
    job = job_of(response)
    run_jobs()
    job.refresh_from_db()
    assert job.state == State.FAILED
    return client.get(f"/{lang}/jobs/{job.pk}/").content.decode()


def _second_id(text: str) -> str:
    lines = text.split("\n")
    lines[2] = "x," + lines[2].split(",", 1)[1]  # the id of the second row
    return "\n".join(lines)


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("lt", ["Nieko neįrašyta.", "datapackage.json: netinkamas JSON, 1 eilutė, 1 stulpelis"]),
        ("en", ["Nothing was written.", "datapackage.json: not valid JSON at line 1, column 1"]),
    ],
)
def test_a_descriptor_that_is_not_json_is_refused_in_the_page_language(
    client, admin, package, lang, expected
):
    broken = _edited(package, "datapackage.json", lambda text: "<" + text)
    page = _refused(client, lang, broken)
    assert all(text in page for text in expected)
    assert "Expecting" not in page  # Python's own reason, in English


def _broken_recoding(text: str) -> str:
    """The import batches' file with its first row's recoding cut short."""
    rows = list(csv.reader(io.StringIO(text)))
    rows[1][rows[0].index("recoding")] = '{"version": 2021'
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(rows)
    return out.getvalue()


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("lt", "observatory__importbatch.csv, 2 eilutė: recoding: netinkamas JSON, 1 eilutė, "),
        ("en", "observatory__importbatch.csv, line 2: recoding: not valid JSON at line 1, "),
    ],
)
def test_a_cell_that_is_not_json_is_refused_naming_its_line_and_column(
    client, admin, package, lang, expected
):
    page = _refused(
        client, lang, _edited(package, "observatory__importbatch.csv", _broken_recoding)
    )
    assert expected in page
    assert "Expecting" not in page


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("lt", "stakeholders__organisation.csv: stulpeliai [&#x27;key&#x27;, "),
        ("en", "stakeholders__organisation.csv: columns [&#x27;key&#x27;, "),
    ],
)
def test_a_table_with_other_columns_is_refused_in_the_page_language(
    client, admin, package, lang, expected
):
    broken = _edited(package, "stakeholders__organisation.csv", lambda t: "key" + t[2:])
    page = _refused(client, lang, broken)
    assert expected in page
    assert ("skiriasi nuo laukiamų" if lang == "lt" else "differ from") in page


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("lt", "stakeholders__organisation.csv, 3 eilutė: „x“ turi būti sveikasis skaičius."),
        ("en", "stakeholders__organisation.csv, line 3: “x” value must be an integer."),
    ],
)
def test_a_line_that_cannot_be_read_is_refused_naming_it_and_changes_nothing(
    client, admin, package, lang, expected
):
    Organisation.objects.create(name="Made after the dump", type="company")
    before = Organisation.objects.count()
    broken = _edited(package, "stakeholders__organisation.csv", _second_id)
    page = _refused(client, lang, broken)
    assert expected in page
    assert Organisation.objects.count() == before
    assert Organisation.objects.filter(name="Made after the dump").exists()
