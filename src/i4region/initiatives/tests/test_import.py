"""Atomic CSV import: a bad line changes nothing and the message names its line and column."""

from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command

from i4region.initiatives import importer
from i4region.initiatives.models import BudgetLine, FundingLine, Initiative
from i4region.jobs.tests.worker import through_job

from .conftest import organisation

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def funders():
    organisation("City")
    organisation("EU")


BUDGET_HEADER = "initiative,year,category,subcategory,planned,committed,spent,source_url,note\n"
FUNDING_HEADER = (
    "initiative,funder_organisation,source_type,programme,programming_period,amount,"
    "cofinancing_rate,year_from,year_to,covers,status,kohesio_project_id,"
    "source_url,note\n"
)
INI_HEADER = (
    "slug,name_en,name_lt,type,owner_organisation,parent_programme,description_en,"
    "description_lt,target_groups,theme,municipality,lifecycle,start_date,end_date,"
    "status,status_reason,published\n"
)


def test_budget_import_creates_then_updates(make_initiative):
    make_initiative("lab")
    data = BUDGET_HEADER + (
        "lab,2026,running,staff,120000.50,,,,\n"
        'lab,2026,establishment,equipment,"80 000,00",80000,0,,\n'
    )
    result = importer.import_csv("budget", data)
    assert (result.created, result.updated) == (2, 0)
    staff = BudgetLine.objects.get(initiative__slug="lab", subcategory="staff")
    assert staff.planned == Decimal("120000.50") and staff.committed is None
    again = importer.import_csv("budget", BUDGET_HEADER + "lab,2026,running,staff,130000,,,,\n")
    assert (again.created, again.updated) == (0, 1)
    staff.refresh_from_db()
    assert staff.planned == Decimal("130000.00")


def test_bad_line_changes_nothing_and_names_line_and_column(make_initiative):
    make_initiative("lab")
    data = BUDGET_HEADER + (
        "lab,2026,running,staff,100,,,,\n"
        "lab,2027,running,staff,100,,,,\n"
        "lab,2028,running,staff,lots,,,,\n"
        "nope,2028,running,furniture,5,,,,\n"
    )
    with pytest.raises(importer.ImportFailed) as exc:
        importer.import_csv("budget", data)
    errors = "\n".join(exc.value.errors)
    assert "line 4, column planned: not a number: 'lots'" in errors
    assert "line 5, column initiative" in errors and "'nope'" in errors
    assert BudgetLine.objects.filter(initiative__slug="lab").count() == 0


def test_subcategory_must_fit_category(make_initiative):
    make_initiative("lab")
    with pytest.raises(importer.ImportFailed) as exc:
        importer.import_csv("budget", BUDGET_HEADER + "lab,2026,running,furniture,5,,,,\n")
    assert exc.value.errors[0].startswith("line 2, column subcategory")


def test_funding_import_checks_choices_and_years(make_initiative):
    make_initiative("lab")
    good = "lab,City,municipality,,,1000,,2026,2027,running,approved,,,\n"
    bad = "lab,EU,erdf_x,,,1000,120,2027,2026,running,approved,,,\n"
    with pytest.raises(importer.ImportFailed) as exc:
        importer.import_csv("funding", FUNDING_HEADER + good + bad)
    errors = "\n".join(exc.value.errors)
    assert "line 3, column year_to" in errors
    assert "line 3, column source_type" in errors
    assert "line 3, column cofinancing_rate" in errors
    assert not FundingLine.objects.filter(initiative__slug="lab").exists()
    importer.import_csv("funding", FUNDING_HEADER + good)
    assert FundingLine.objects.get(initiative__slug="lab").amount == Decimal("1000.00")


def test_initiatives_import_and_missing_columns():
    row = (
        "new-centre,New centre,Naujas centras,education_centre,Panevėžio švietimo centras,,,,"
        "teachers;students,"
        "skills,LT-LAU-27,planned,2026-09-01,,,,true\n"
    )
    importer.import_csv("initiatives", INI_HEADER + row)
    ini = Initiative.objects.get(slug="new-centre")
    assert ini.owner_organisation.name == "Panevėžio švietimo centras"
    assert ini.municipality.code == "LT-LAU-27" and ini.target_group_codes == [
        "teachers",
        "students",
    ]
    with pytest.raises(importer.ImportFailed) as exc:
        importer.import_csv("initiatives", "slug,name_en\nx,y\n")
    assert exc.value.errors[0].startswith("line 1: missing columns name_lt, type")
    bad = row.replace("new-centre", "other").replace("LT-LAU-27", "LT-LAU-999")
    with pytest.raises(importer.ImportFailed) as exc:
        importer.import_csv("initiatives", INI_HEADER + bad)
    assert "line 2, column municipality: no municipality with code 'LT-LAU-999'" in exc.value.errors


def test_repeated_key_in_file_is_refused(make_initiative):
    make_initiative("lab")
    with pytest.raises(importer.ImportFailed) as exc:
        importer.import_csv("budget", BUDGET_HEADER + "lab,2026,running,staff,1,,,,\n" * 2)
    assert "line 3: repeats line 2" in exc.value.errors


def test_upload_form_shows_errors_and_imports(client, make_user, make_initiative):
    make_initiative("lab")
    client.force_login(make_user("secretariat"))
    bad = SimpleUploadedFile("b.csv", (BUDGET_HEADER + "lab,20x6,running,staff,1,,,,\n").encode())
    page = through_job(
        client, client.post("/en/initiatives/import/", {"kind": "budget", "file": bad})
    )
    assert page.status_code == 200
    assert "line 2, column year" in page.content.decode()
    assert not BudgetLine.objects.filter(initiative__slug="lab").exists()
    good = SimpleUploadedFile("b.csv", (BUDGET_HEADER + "lab,2026,running,staff,1,,,,\n").encode())
    response = through_job(
        client, client.post("/en/initiatives/import/", {"kind": "budget", "file": good})
    )
    assert "budget: 1 created, 0 updated" in response.content.decode()


def test_management_command(tmp_path, make_initiative):
    make_initiative("lab")
    path = tmp_path / "funding.csv"
    path.write_text(
        FUNDING_HEADER + "lab,City,municipality,,,abc,,2026,2026,running,received,,,\n",
        encoding="utf-8",
    )
    with pytest.raises(CommandError, match="line 2, column amount"):
        call_command("initiatives_import", str(path), "--kind", "funding")
    path.write_text(
        FUNDING_HEADER + "lab,City,municipality,,,10,,2026,2026,running,received,,,\n",
        encoding="utf-8",
    )
    call_command("initiatives_import", str(path), "--kind", "funding")
    assert FundingLine.objects.get(initiative__slug="lab").amount == Decimal("10.00")
