"""A refused import says why in the language of the page (the upload's job) or of the instance
(`i4region import`), naming the same file, line and field in both."""

import html
from io import StringIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import override_settings

from i4region.accounts.models import Role
from i4region.jobs.tests.worker import through_job
from i4region.observatory.models import Observation

pytestmark = pytest.mark.django_db

#: A Eurostat TSV whose line 3 has "1x2" in the 2021 column.
BAD_VALUE = b"freq,unit,geo\\TIME_PERIOD\t2020 \t2021 \nA,NR,LT025\t1 \t2 \nA,NR,LT011\t3 \t1x2\n"
#: An SDMX-CSV whose header has no OBS_VALUE column.
NO_VALUE_COLUMN = b"DATAFLOW,freq,geo,TIME_PERIOD\nESTAT:NAMA_10R_3GDP(1.0),A,LT025,2021\n"
#: A tidy CSV whose line 2 names an indicator the catalogue lacks.
UNKNOWN_INDICATOR = b"indicator,region,period,value\nrobolabas_visitors,LT025,2024,5\n"


def upload(client, lang: str, name: str, body: bytes) -> str:
    """The text of the job page the secretariat ends on after uploading the file."""
    response = client.post(
        f"/{lang}/observatory/imports/upload/",
        {"file": SimpleUploadedFile(name, body), "vintage": "2026-05"},
    )
    return html.unescape(through_job(client, response).content.decode())


@pytest.fixture
def secretariat(client, make_user):
    client.force_login(make_user(Role.SECRETARIAT))
    return client


def test_a_refused_upload_says_why_in_lithuanian_on_the_lithuanian_page(secretariat):
    before = Observation.objects.count()
    page = upload(secretariat, "lt", "nama_10r_3gdp.tsv", BAD_VALUE)
    assert "nama_10r_3gdp.tsv, 3 eilutė, stulpelis 2021: '1x2' nėra skaičius" in page
    assert "is not a number" not in page and "line 3" not in page
    page = upload(secretariat, "lt", "gdp.csv", NO_VALUE_COLUMN)
    assert "gdp.csv, 1 eilutė: netinkama antraštė: nėra stulpelio OBS_VALUE" in page
    assert "bad header" not in page and "line 1" not in page
    page = upload(secretariat, "lt", "manual.csv", UNKNOWN_INDICATOR)
    assert (
        "manual.csv, 2 eilutė, laukas indicator: „robolabas_visitors“ nėra rodiklių kataloge"
        in page
    )
    assert "is not in the indicator catalogue" not in page
    assert Observation.objects.count() == before


def test_a_finished_import_reports_in_the_language_of_the_page(secretariat):
    body = b"indicator,region,period,value\npopulation,LT-LAU-27,2019,88000\n"
    page = upload(secretariat, "lt", "tidy.csv", body)
    assert (
        "tidy.csv: perskaityta eilučių: 1; pridėta: 1, atnaujinta: 0, nepakeista: 0, "
        "praleista: 0" in page
    )
    assert "rows read" not in page
    page = upload(secretariat, "en", "tidy.csv", body)
    assert "tidy.csv: 1 rows read; 0 added, 0 updated, 1 unchanged, 0 skipped" in page


def test_the_same_refusals_read_as_before_on_the_english_page(secretariat):
    page = upload(secretariat, "en", "nama_10r_3gdp.tsv", BAD_VALUE)
    assert "nama_10r_3gdp.tsv line 3, column 2021: '1x2' is not a number" in page
    page = upload(secretariat, "en", "gdp.csv", NO_VALUE_COLUMN)
    assert "gdp.csv line 1: bad header: no OBS_VALUE column" in page
    page = upload(secretariat, "en", "manual.csv", UNKNOWN_INDICATOR)
    assert (
        "manual.csv line 2, field indicator: 'robolabas_visitors' is not in the indicator "
        "catalogue" in page
    )


@pytest.mark.parametrize(
    ("language", "reason"),
    [
        ("lt", "nieko neimportuota: {path}, 3 eilutė, stulpelis 2021: '1x2' nėra skaičius"),
        ("en", "nothing imported: {path} line 3, column 2021: '1x2' is not a number"),
    ],
)
def test_the_command_line_refuses_in_the_instance_language(tmp_path, language, reason):
    path = tmp_path / "nama_10r_3gdp_2026-05.tsv"
    path.write_bytes(BAD_VALUE)
    with override_settings(LANGUAGE_CODE=language), pytest.raises(CommandError) as refused:
        call_command("import", str(path), stdout=StringIO(), stderr=StringIO())
    assert str(refused.value) == reason.format(path=path)


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        (
            "lt",
            "NUTS kodai perkoduoti: kodų – 2 (LT001→LT011, LT00A→LT01 (visa šalis)); neįtraukta "
            "eilučių – 4, padalytų ar sujungtų kodų – 1 (LT002→LT021+LT022)",
        ),
        (
            "en",
            "NUTS recoded: 2 codes (LT001→LT011, LT00A→LT01 (whole country)); kept out 4 rows "
            "of 1 codes split or merged (LT002→LT021+LT022)",
        ),
    ],
)
def test_setup_says_what_recoding_old_nuts_codes_did_in_the_instance_language(lang, expected):
    from django.utils import translation

    from i4region.compute.parsers.nuts import Recoding
    from i4region.observatory.seed import recoding_summary

    recoded = Recoding(
        renamed={"LT001": "LT011", "LT00A": "LT01"},
        kept_out={"LT002": ["LT021", "LT022"]},
        rows_kept_out=4,
        whole_country={"LT00A"},
    )
    with translation.override(lang):
        assert recoding_summary(recoded) == expected
