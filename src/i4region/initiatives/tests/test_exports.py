"""Open-data tables: columns, euros as decimal strings, public export limited to published."""

import csv
from decimal import Decimal

import pytest

from i4region.core.exports import write_csv
from i4region.initiatives.exports import tables

from .conftest import funding, kpi, running

pytestmark = pytest.mark.django_db


def export(out, public: bool) -> dict:
    """Write this app's tables as the shared `i4region export` command does."""
    written = {}
    for table in tables(public=public, include_personal_data=False):
        write_csv(table, out / f"{table.name}.csv")
        written[table.name] = table
    return written


def read(path):
    with open(path, encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def test_export_writes_six_tables_with_columns_and_values(tmp_path, make_initiative):
    ini = make_initiative("exp")
    running(ini, 2026, "1250.50")
    funding(ini, "City", "1000.00", 2026, 2026)
    kpi(ini).values.create(period="2026", value=Decimal("42"))
    make_initiative("draft", published=False)
    written = export(tmp_path, public=True)
    assert list(written) == [
        "initiatives",
        "budget_lines",
        "funding",
        "kpis",
        "kpi_values",
        "sustainability",
    ]
    sus = [r for r in read(tmp_path / "sustainability.csv") if r["initiative"] == "exp"]
    assert list(sus[0]) == [
        "initiative",
        "year",
        "cost",
        "secured",
        "gap",
        "runway_end_year",
        "largest_funder_share_percent",
    ]
    assert sus == [
        {
            "initiative": "exp",
            "year": "2026",
            "cost": "1250.50",
            "secured": "1000.00",
            "gap": "250.50",
            "runway_end_year": "",
            "largest_funder_share_percent": "100.00",
        }
    ]
    budget = [r for r in read(tmp_path / "budget_lines.csv") if r["initiative"] == "exp"]
    assert budget[0]["planned"] == "1250.50" and budget[0]["committed"] == ""
    fund = [r for r in read(tmp_path / "funding.csv") if r["initiative"] == "exp"]
    assert fund[0]["amount"] == "1000.00" and fund[0]["status"] == "received"
    values = [r for r in read(tmp_path / "kpi_values.csv") if r["initiative"] == "exp"]
    assert values[0]["kpi"] == "pupils" and values[0]["value"] == "42.0000"
    slugs = {r["slug"] for r in read(tmp_path / "initiatives.csv")}
    assert "exp" in slugs and "draft" not in slugs and "robolabas" in slugs
    for table in written.values():  # datapackage.json describes every column from these
        assert all(f.description for f in table.fields)
    assert "EUR" in next(f.description for f in written["sustainability"].fields if f.name == "gap")


def test_full_export_has_drafts_and_managers_only_with_personal_data(make_initiative, make_user):
    draft = make_initiative("draft", published=False)
    draft.managers.add(make_user("initiative_manager", username="manager_one"))
    plain = {t.name: t for t in tables(public=False, include_personal_data=False)}
    assert "managers" not in [f.name for f in plain["initiatives"].fields]
    assert "draft" in [row["slug"] for row in plain["initiatives"].records()]
    personal = {t.name: t for t in tables(public=False, include_personal_data=True)}
    rows = {row["slug"]: row for row in personal["initiatives"].records()}
    assert rows["draft"]["managers"] == "manager_one"


def test_exported_budget_csv_imports_back(tmp_path, make_initiative):
    from i4region.initiatives.importer import import_csv

    ini = make_initiative("round")
    running(ini, 2026, "10.00")
    export(tmp_path, public=False)
    lines = [r for r in read(tmp_path / "budget_lines.csv") if r["initiative"] == "round"]
    header = ",".join(lines[0])
    body = "\n".join(",".join(r.values()) for r in lines)
    result = import_csv("budget", f"{header}\n{body}\n")
    assert (result.created, result.updated) == (0, 1)


def test_real_initiatives_export_their_register_links_and_no_invented_year(tmp_path):
    """initiatives.csv and funding.csv refer to the register by id; the sources give no years,
    so the real lines carry none and the yearly table has no row for them."""
    from i4region.stakeholders.models import Organisation

    export(tmp_path, public=True)
    owners = {r["slug"]: r["owner_organisation_id"] for r in read(tmp_path / "initiatives.csv")}
    assert Organisation.objects.get(pk=owners["robolabas"]).name == "Panevėžio švietimo centras"
    steam = [r for r in read(tmp_path / "funding.csv") if r["initiative"] == "steam-centre"]
    funders = {Organisation.objects.get(pk=r["funder_organisation_id"]).name for r in steam}
    assert funders == {"Panevėžio miesto savivaldybė", "Europos Sąjungos fondai"}
    real = {"robolabas", "steam-centre", "development-agency"}
    for name in ("budget_lines", "funding"):
        for row in (r for r in read(tmp_path / f"{name}.csv") if r["initiative"] in real):
            assert (row.get("year"), row.get("year_from"), row.get("year_to")) in (
                ("", None, None),
                (None, "", ""),
            ), row
            assert row["period"] in ("unknown", "yearly")
    agency = next(
        r for r in read(tmp_path / "budget_lines.csv") if r["initiative"] == "development-agency"
    )
    assert (agency["planned"], agency["period"]) == ("290000.00", "yearly")
    assert not [r for r in read(tmp_path / "sustainability.csv") if r["initiative"] in real]


def test_formula_like_text_is_written_as_text_and_imports_back(tmp_path, make_initiative):
    from i4region.initiatives.importer import import_csv

    ini = make_initiative("formula")
    running(ini, 2026, "10.00")
    ini.budget_lines.update(note='=HYPERLINK("http://x")')
    export(tmp_path, public=False)
    rows = [r for r in read(tmp_path / "budget_lines.csv") if r["initiative"] == "formula"]
    assert rows[0]["note"] == '\'=HYPERLINK("http://x")'
    with open(tmp_path / "budget_lines.csv", encoding="utf-8") as fh:
        mine = [line for line in fh if line.startswith(("initiative,", "formula,"))]
    import_csv("budget", "".join(mine))
    assert ini.budget_lines.get().note == '=HYPERLINK("http://x")'
