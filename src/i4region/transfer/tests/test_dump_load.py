"""A whole instance moves and restores without loss; a bad package writes nothing."""

import csv
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import translation

from i4region.accounts.models import User
from i4region.stakeholders.models import Organisation, Person

pytestmark = pytest.mark.django_db(transaction=False)

SECRET = "round-trip-test-secret-key-0123456789-abcdefghijklmnopqrstuvwxyz"


def _run(*args: str, database_url: str, home: Path) -> subprocess.CompletedProcess:
    env = {
        **os.environ,
        "DATABASE_URL": database_url,
        "SECRET_KEY": SECRET,
        "DEBUG": "true",
        "I4REGION_HOME": str(home),
        "DJANGO_SETTINGS_MODULE": "i4region.settings",
    }
    return subprocess.run(
        [sys.executable, "-m", "i4region", *args],
        env=env,
        cwd=home,
        capture_output=True,
        text=True,
        timeout=900,
    )


def _postgres_url() -> str | None:
    """A fresh PostgreSQL database for the round trip when the machine runs one."""
    try:
        import psycopg

        with psycopg.connect(
            "postgresql://postgres@127.0.0.1:5432/postgres", autocommit=True, connect_timeout=2
        ) as conn:
            name = f"i4region_roundtrip_{os.getpid()}"
            conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
            conn.execute(f'CREATE DATABASE "{name}"')
        return f"postgres://postgres@127.0.0.1:5432/{name}"
    except Exception:
        return None


def _drop_postgres(url: str) -> None:
    import psycopg

    with psycopg.connect("postgresql://postgres@127.0.0.1:5432/postgres", autocommit=True) as c:
        c.execute(f'DROP DATABASE IF EXISTS "{url.rsplit("/", 1)[1]}"')


def _content(folder: Path) -> dict:
    package = json.loads((folder / "datapackage.json").read_text(encoding="utf-8"))
    package.pop("created")
    files = {p.name: p.read_bytes() for p in sorted(folder.glob("*.csv"))}
    return {"package": package, "files": files}


def _rows(folder: Path, name: str) -> list[dict]:
    with open(folder / f"{name}.csv", encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


@pytest.fixture
def instance_with_people(make_user):
    user = make_user("secretariat", username="ruta", first_name="Rūta", last_name="Žemaitė")
    org = Organisation.objects.create(
        name="Roundtrip UAB",
        type="company",
        is_sample=True,
        description_lt='=HYPERLINK("x") ąčęėįšųūž\nantra eilutė',
    )
    Person.objects.create(
        name="Jonas Jonaitis", organisation=org, email="jonas@example.org", phone="+370 600 00000"
    )
    return user


def test_dump_then_load_then_dump_gives_the_same_package(tmp_path, instance_with_people):
    first = tmp_path / "first"
    call_command("dump", "--out", str(first), "--include-personal-data", verbosity=0)
    targets = [f"sqlite:///{tmp_path / 'restored.sqlite3'}"]
    postgres = _postgres_url()
    if postgres:
        targets.append(postgres)
    try:
        for number, url in enumerate(targets):
            loaded = _run("load", str(first), database_url=url, home=tmp_path)
            assert loaded.returncode == 0, loaded.stderr
            again = tmp_path / f"again{number}"
            dumped = _run(
                "dump",
                "--out",
                str(again),
                "--include-personal-data",
                database_url=url,
                home=tmp_path,
            )
            assert dumped.returncode == 0, dumped.stderr
            assert _content(again) == _content(first), url.split(":")[0]
    finally:
        if postgres:
            _drop_postgres(postgres)
    users = {r["username"]: r for r in _rows(first, "accounts__user")}
    assert users["ruta"]["last_name"] == "Žemaitė"
    assert users["ruta"]["password"].startswith(("md5$", "pbkdf2_"))  # the hash, never a password
    descriptions = [r["description_lt"] for r in _rows(first, "stakeholders__organisation")]
    assert '\'=HYPERLINK("x") ąčęėįšųūž\nantra eilutė' in descriptions  # text, not a formula


def test_without_personal_data_names_e_mails_and_phones_stay_behind(tmp_path, instance_with_people):
    out = tmp_path / "dump"
    call_command("dump", "--out", str(out), verbosity=0)
    text = "".join(p.read_text(encoding="utf-8") for p in out.glob("*.csv"))
    assert "jonas@example.org" not in text and "+370 600 00000" not in text
    assert "Jonas Jonaitis" not in (out / "stakeholders__person.csv").read_text(encoding="utf-8")
    assert json.loads((out / "datapackage.json").read_text())["personal_data"] is False


def _refusal(capsys_args, folder: Path) -> str:
    """The one line `i4region load` refuses with, in the instance's language: the command's own
    process speaks LANGUAGE_CODE (lt), whatever language a page of an earlier test set here."""
    with translation.override("lt"), pytest.raises(CommandError) as caught:
        call_command("load", str(folder), verbosity=0)
    assert caught.value.returncode == 2
    message = str(caught.value)
    assert "\n" not in message
    return message


def test_loading_into_a_database_that_holds_data_is_refused(tmp_path):
    out = tmp_path / "dump"
    call_command("dump", "--out", str(out), verbosity=0)
    users = User.objects.count()
    assert "duomenų bazė netuščia (eilučių yra lentelėse " in _refusal(None, out)
    assert User.objects.count() == users


@pytest.fixture
def fresh_package(tmp_path):
    out = tmp_path / "dump"
    call_command("dump", "--out", str(out), verbosity=0)
    return out


def test_a_truncated_file_is_refused_before_anything_is_written(fresh_package):
    path = fresh_package / "stakeholders__organisation.csv"
    path.write_bytes(path.read_bytes()[:-40])
    assert "kontrolinė suma nesutampa" in _refusal(None, fresh_package)


def test_a_package_from_a_newer_schema_is_refused(fresh_package):
    descriptor = fresh_package / "datapackage.json"
    package = json.loads(descriptor.read_text())
    package["schema_version"].append("board.9999_from_the_future")
    descriptor.write_text(json.dumps(package))
    assert "rinkinys sukurtas pagal naujesnę schemą" in _refusal(None, fresh_package)


def test_a_missing_table_is_refused(fresh_package):
    (fresh_package / "accounts__user.csv").unlink()
    assert "accounts__user.csv" in _refusal(None, fresh_package)
