"""The initiative factsheet: a funder's view of one initiative, each figure with its source."""

import re
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from i4region.initiatives.models import Initiative

from . import pdf

pytestmark = pytest.mark.django_db


def factsheet(tmp_path: Path, lang: str) -> str:
    out = tmp_path / f"robolabas-{lang}.pdf"
    call_command("report", "initiative", "--slug", "robolabas", "--lang", lang, "--out", str(out))
    return pdf.check_document(out, tmp_path)


def test_robolabas_shows_its_establishment_cost_with_its_source(tmp_path):
    layer = factsheet(tmp_path, "en")
    assert "RoboLabas" in layer
    line = next(row for row in layer.splitlines() if "Establishment" in row and "470" in row)
    assert "€470,000" in line and "www.interregeurope.eu" in line


def test_lithuanian_factsheet(tmp_path):
    layer = factsheet(tmp_path, "lt")
    assert "470 000 €" in layer
    assert "„RoboLabas“" in layer


def test_unpublished_initiative_is_not_shown_to_the_public(client, make_user):
    Initiative.objects.create(
        slug="hidden-plan", name_en="Hidden plan", name_lt="Slaptas planas", type="agency"
    )
    assert client.get("/en/reports/initiatives/hidden-plan.pdf").status_code == 404
    client.force_login(make_user("company_rep"))
    assert client.get("/en/reports/initiatives/hidden-plan.pdf").status_code == 404
    client.force_login(make_user("secretariat"))
    response = client.get("/en/reports/initiatives/hidden-plan.html")
    assert response.status_code == 200 and "Hidden plan" in response.content.decode()


def test_unknown_slug_is_named_with_exit_code_2(tmp_path):
    with pytest.raises(CommandError) as error:
        call_command("report", "initiative", "--slug", "nope", "--out", str(tmp_path / "x.pdf"))
    assert error.value.returncode == 2 and "nope" in str(error.value)


def test_batch_writes_every_factsheet_with_progress(tmp_path, capsys):
    folder = tmp_path / "sheets"
    call_command("report", "initiative", "--all", "--lang", "en", "--out", str(folder))
    slugs = sorted(Initiative.objects.values_list("slug", flat=True))
    assert sorted(p.name for p in folder.iterdir()) == [f"initiative-{s}-en.pdf" for s in slugs]
    progress = capsys.readouterr().err
    assert re.search(rf"\] {len(slugs)}/{len(slugs)} ", progress)
