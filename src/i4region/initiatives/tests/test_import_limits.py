"""Bad input to the CSV import gets a clear message and changes nothing; never a server error."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from i4region.initiatives import importer
from i4region.initiatives.models import BudgetLine, Initiative
from i4region.jobs.tests.worker import through_job

from .test_import import BUDGET_HEADER, INI_HEADER

pytestmark = pytest.mark.django_db


def refused(kind: str, data) -> str:
    with pytest.raises(importer.ImportFailed) as exc:
        importer.import_csv(kind, data)
    return "\n".join(exc.value.errors)


def test_more_rows_than_the_page_takes_are_refused_before_any_check(make_initiative):
    make_initiative("lab")
    rows = "".join(f"lab,{2000 + i % 100},running,staff,1,,,,\n" for i in range(2001))
    message = refused("budget", BUDGET_HEADER + rows)
    assert "more than 2000 rows" in message and "split it" in message
    assert not BudgetLine.objects.filter(initiative__slug="lab").exists()


def test_a_file_above_the_size_limit_is_refused_with_its_size():
    data = INI_HEADER.encode() + b"x" * (importer.MAX_BYTES + 1)
    assert "the file is 2.0 MB; the page imports files up to 2 MB" in refused("initiatives", data)


RUNNING = ("", "staff", "building_maintenance", "consumables", "events", "other")
LINES = [("running", s) for s in RUNNING]
LINES += [("establishment", s) for s in ("", "building_works", "equipment", "furniture")]


def test_the_command_line_has_no_page_limit(make_initiative):
    """The command runs outside a request: 2,220 rows import there, all at once."""
    make_initiative("lab")
    make_initiative("lab2")
    rows = "".join(
        f"{slug},{year},{cat},{sub},1,,,,\n"
        for slug in ("lab", "lab2")
        for year in range(1990, 2101)
        for cat, sub in LINES
    )
    assert rows.count("\n") > importer.MAX_ROWS
    with pytest.raises(importer.ImportFailed, match="more than 2000 rows"):
        importer.import_csv("budget", BUDGET_HEADER + rows)
    result = importer.import_csv("budget", BUDGET_HEADER + rows, limited=False)
    assert result.created == rows.count("\n")


def test_nul_byte_names_its_line(make_initiative):
    make_initiative("lab")
    message = refused("budget", BUDGET_HEADER + "lab,2026,running,staff,1,,,,\nlab\x00,2027\n")
    assert message == "line 3: the file contains a NUL byte"


@pytest.mark.parametrize(
    ("column", "value", "expected"),
    [
        ("name_en", "N" * 201, "line 2, column name_en: Ensure this value has at most 200"),
        ("slug", "s" * 81, "line 2, column slug"),
        ("start_date", "2026-13-45", "line 2, column start_date: not a date"),
        ("published", "maybe", "line 2, column published: not true or false"),
        ("type", "castle", "line 2, column type"),
        ("owner_organisation", "Nobody Ltd", "no organisation named 'Nobody Ltd' in the register"),
    ],
)
def test_long_fields_and_wrong_types_name_line_and_column(column, value, expected):
    row = {
        "slug": "new-one",
        "name_en": "New",
        "name_lt": "Naujas",
        "type": "programme",
        "published": "",
    }
    row[column] = value
    header = INI_HEADER.strip().split(",")
    line = ",".join(row.get(c, "") for c in header)
    assert expected in refused("initiatives", INI_HEADER + line + "\n")
    assert not Initiative.objects.filter(slug__in=("new-one", value)).exists()


def test_huge_numbers_are_refused_not_crashed(make_initiative):
    make_initiative("lab")
    message = refused("budget", BUDGET_HEADER + f"lab,{'9' * 5000},running,staff,{'9' * 40},,,,\n")
    assert "line 2, column year" in message and "line 2, column planned" in message


def test_upload_page_refuses_a_large_file_with_a_message(client, make_user):
    client.force_login(make_user("secretariat"))
    big = SimpleUploadedFile("big.csv", b"slug\n" + b"x" * (importer.MAX_BYTES + 10))
    response = client.post("/en/initiatives/import/", {"kind": "initiatives", "file": big})
    assert response.status_code == 200
    page = response.content.decode()
    assert "Nothing was imported" in page and "the page imports files up to 2 MB" in page


def test_upload_page_takes_binary_garbage_without_a_server_error(client, make_user):
    client.force_login(make_user("secretariat"))
    junk = SimpleUploadedFile("junk.csv", b"\xff\xfe\x00\x01garbage")
    response = through_job(
        client, client.post("/en/initiatives/import/", {"kind": "budget", "file": junk})
    )
    assert response.status_code == 200
    assert "the file is not UTF-8 text" in response.content.decode()
