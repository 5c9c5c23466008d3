import io

import pytest
from openpyxl import load_workbook

from i4region.stakeholders import kumu
from i4region.stakeholders.models import Organisation, Relation

pytestmark = pytest.mark.django_db


def _wipe():
    Relation.objects.all().delete()
    Organisation.objects.all().delete()


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
    elements = ("Label,Type,Strength\nNauja įmonė (sample),Company,\nKita,Spaceship,\n").encode()
    connections = (
        "From,To,Type,Strength\nNauja įmonė (sample),Nežinoma,supply,3\n"
        "Nauja įmonė (sample),RoboLabas,training,9\n"
    ).encode()
    with pytest.raises(kumu.KumuError) as exc:
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
    r = client.post("/en/stakeholders/kumu/", {"elements": bad})
    assert r.status_code == 200 and "Elements line 2" in r.content.decode()
    assert not Organisation.objects.filter(name="X").exists()
    good = io.BytesIO(b"Label,Type,Sample\nNaujas klasteris (sample),Cluster,yes\n")
    good.name = "elements.csv"
    conn = io.BytesIO(b"From,To,Type,Strength\nNaujas klasteris (sample),RoboLabas,training,4\n")
    conn.name = "connections.csv"
    r = client.post("/en/stakeholders/kumu/", {"elements": good, "connections": conn})
    assert r.status_code == 302 and r["Location"].endswith("/stakeholders/network/")
    assert Relation.objects.get(source__name="Naujas klasteris (sample)").strength == 4
