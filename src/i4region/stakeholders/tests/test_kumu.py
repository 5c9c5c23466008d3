import csv
import io

import pytest
from django.utils import translation
from openpyxl import load_workbook

from i4region.jobs.tests.worker import through_job
from i4region.stakeholders import kumu
from i4region.stakeholders.kumu_read import MAX_ROWS
from i4region.stakeholders.models import Organisation, Relation

pytestmark = pytest.mark.django_db


def _wipe():
    """Forget everything a sheet carries. Other apps keep organisations by key, so the rows stay
    and every other field is cleared instead: the sheets must bring all of them back."""
    Relation.objects.all().delete()
    kept = {"id", "name", "type", "created_at", "updated_at"}
    cleared = [f for f in Organisation._meta.concrete_fields if f.name not in kept]
    Organisation.objects.update(**{f.name: None if f.null else f.get_default() for f in cleared})


def test_csv_round_trip_loses_nothing():
    Organisation.objects.filter(name="RoboLabas").update(tags="robotics, STEAM", cadence_days=45)
    elements, connections = kumu.to_csv("elements"), kumu.to_csv("connections")
    assert "RoboLabas" in elements and "robotics|STEAM" in elements
    orgs_before = Organisation.objects.count()
    rels_before = Relation.objects.count()
    _wipe()
    n_el, n_con = kumu.import_files(elements.encode(), connections.encode())
    assert (n_el, n_con) == (orgs_before, rels_before)
    assert kumu.to_csv("elements") == elements
    assert kumu.to_csv("connections") == connections
    robo = Organisation.objects.get(name="RoboLabas")
    assert robo.parent.name == "Panevėžio švietimo centras"
    assert robo.tags == "robotics, STEAM" and robo.cadence_days == 45


def test_xlsx_round_trip_loses_nothing():
    elements, connections = kumu.to_csv("elements"), kumu.to_csv("connections")
    book = kumu.to_xlsx()
    wb = load_workbook(io.BytesIO(book))
    assert wb.sheetnames == ["Elements", "Connections"]
    _wipe()
    kumu.import_files(None, xlsx=book)
    assert kumu.to_csv("elements") == elements
    assert kumu.to_csv("connections") == connections


def test_bad_sheet_names_every_line_and_changes_nothing():
    before = (Organisation.objects.count(), Relation.objects.count())
    elements = ("Label,Type,Strength\nNauja įmonė,Company,\nKita,Spaceship,\n").encode()
    connections = (
        "From,To,Type,Strength\nNauja įmonė,Nežinoma,supply,3\nNauja įmonė,RoboLabas,training,9\n"
    ).encode()
    with translation.override("en"), pytest.raises(kumu.KumuError) as exc:
        kumu.import_files(elements, connections)
    text = "\n".join(exc.value.errors)
    assert "Elements line 3" in text and "Spaceship" in text
    assert "Connections line 2" in text and "Nežinoma" in text
    assert "Connections line 3" in text and "Strength" in text
    assert (Organisation.objects.count(), Relation.objects.count()) == before


def test_import_page_refuses_bad_file_and_imports_good_one(client, make_user):
    client.force_login(make_user("secretariat"))
    bad = io.BytesIO(b"Label,Type\nX,Spaceship\n")
    bad.name = "elements.csv"
    r = through_job(client, client.post("/en/stakeholders/kumu/", {"elements": bad}))
    assert r.status_code == 200 and "Elements line 2" in r.content.decode()
    assert not Organisation.objects.filter(name="X").exists()
    good = io.BytesIO(b"Label,Type,Sample\nNaujas klasteris,Cluster,yes\n")
    good.name = "elements.csv"
    conn = io.BytesIO(b"From,To,Type,Strength\nNaujas klasteris,RoboLabas,training,4\n")
    conn.name = "connections.csv"
    r = through_job(
        client, client.post("/en/stakeholders/kumu/", {"elements": good, "connections": conn})
    )
    assert "Imported 1 elements and 1 connections." in r.content.decode()
    assert Relation.objects.get(source__name="Naujas klasteris").strength == 4


FORMULAS = ['=HYPERLINK("https://evil.example","open")', "+1", "-1", "@SUM(A1)", "'quoted"]


def test_formulas_leave_as_text_and_come_back_unchanged():
    robo = Organisation.objects.get(name="RoboLabas")
    robo.description_en = FORMULAS[0]
    robo.description_lt = FORMULAS[4]
    robo.tags = "+1"
    robo.save()
    rel = Relation.objects.filter(source=robo).first()
    rel.source_note = "@SUM(A1)"
    rel.save()
    elements, connections = kumu.to_csv("elements"), kumu.to_csv("connections")
    rows = list(csv.reader(io.StringIO(elements))) + list(csv.reader(io.StringIO(connections)))
    cells = [c for row in rows for c in row]
    assert not [c for c in cells if c[:1] in ("=", "+", "-", "@")]
    book = kumu.to_xlsx()
    wb = load_workbook(io.BytesIO(book))
    values = [c for ws in wb for row in ws.iter_rows() for c in row if c.value is not None]
    assert all(c.data_type == "s" for c in values)
    assert not [c.value for c in values if str(c.value)[:1] in ("=", "+", "-", "@")]
    _wipe()
    kumu.import_files(None, xlsx=book)
    robo = Organisation.objects.get(name="RoboLabas")
    assert (robo.description_en, robo.description_lt) == (FORMULAS[0], FORMULAS[4])
    assert Relation.objects.get(pk__isnull=False, source=robo, source_note="@SUM(A1)")
    _wipe()
    kumu.import_files(elements.encode(), connections.encode())
    assert Organisation.objects.get(name="RoboLabas").tags == "+1"


def _import_page(client, body: bytes):
    f = io.BytesIO(body)
    f.name = "elements.csv"
    return through_job(client, client.post("/en/stakeholders/kumu/", {"elements": f}))


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (b"Label,Type\n" + b"L" * 201 + b",Company\n", "Label has 201 characters; at most 200"),
        (b"Label,Type,Company code\nX,Company," + b"1" * 21 + b"\n", "Company code has 21"),
        (b"Label,Type\nOk,Company\nNu\x00l,Company\n", "Elements line 3: contains a NUL byte"),
        (b"Label,Type,Description\nBig,Company," + b"d" * 140_000 + b"\n", "Elements line 2:"),
        (b"Label,Type\nExtra,Company,one,two\n\"unterminated,Company\n", "Elements line"),
    ],
)  # fmt: skip
def test_bad_sheets_get_a_line_named_error_never_a_server_error(client, make_user, body, expected):
    client.force_login(make_user("secretariat"))
    before = Organisation.objects.count()
    r = _import_page(client, body)
    assert r.status_code == 200, r.status_code
    assert expected in r.content.decode()
    assert Organisation.objects.count() == before


def test_too_many_rows_or_bytes_are_refused_with_a_message(client, make_user):
    client.force_login(make_user("secretariat"))
    before = Organisation.objects.count()
    rows = "".join(f"Firm {i},Company\n" for i in range(MAX_ROWS + 5))
    r = _import_page(client, ("Label,Type\n" + rows).encode())
    assert f"{MAX_ROWS + 5} rows; an import from the page takes at most" in r.content.decode()
    big = b"Label,Type,Description\n" + (b"A,Company," + b"x" * 100_000 + b"\n") * 170
    r = _import_page(client, big)
    assert r.status_code == 200 and "The file is larger than 16 MB" in r.content.decode()
    assert Organisation.objects.count() == before


def test_reimporting_an_unchanged_sheet_writes_no_history():
    from auditlog.models import LogEntry

    elements, connections = kumu.to_csv("elements"), kumu.to_csv("connections")
    kumu.import_files(elements.encode(), connections.encode())
    before = LogEntry.objects.count()
    kumu.import_files(elements.encode(), connections.encode())
    assert LogEntry.objects.count() == before
    changed = elements.replace("Robotics centre in the", "Robotics centre at the")
    kumu.import_files(changed.encode(), connections.encode())
    assert LogEntry.objects.count() == before + 1
    assert LogEntry.objects.latest("timestamp").additional_data["verb"] == "imported"
