"""The bulk path of an import (polars parse, staged write: COPY on PostgreSQL, batched inserts on
SQLite), run by the suite on both databases: what the operator sees stays exact and whole."""

import gzip

import pytest
from django.core.management.base import CommandError

from i4region.observatory.models import ImportBatch, Observation

from .test_import import GDP, run_import, state, value

pytestmark = pytest.mark.django_db


def test_a_bad_cell_in_a_series_no_indicator_uses_still_refuses_the_file(tmp_path):
    """Only the mapped series are melted, but every cell of the file is checked."""
    lines = gzip.decompress(GDP.read_bytes()).decode().split("\n")
    at = next(i for i, line in enumerate(lines) if line.startswith("A,MIO_NAC,"))  # no map
    cells = lines[at].split("\t")
    cells[5] = "4x2"  # the 2004 cell
    lines[at] = "\t".join(cells)
    damaged = tmp_path / "nama_10r_3gdp_2025-03.tsv"
    damaged.write_text("\n".join(lines))
    before = state()
    with pytest.raises(CommandError) as refused:
        run_import(damaged)
    assert f"line {at + 1}, column 2004: '4x2' is not a number" in str(refused.value)
    assert state() == before


def test_values_come_back_exactly_and_a_second_import_writes_nothing(tmp_path):
    """Floats travel as text through COPY: the shortest exact form, so the stored value is the
    file's to the last bit and the same file again finds every row unchanged."""
    tidy = tmp_path / "exact.csv"
    tidy.write_text(
        "indicator,region,period,value,flag\n"
        "population,LT025,1990,0.30000000000000004,\n"
        "population,LT021,1990,1e-300,e\n"
        "population,LT022,1990,123456789.12345679,\n"
        "population,XX999,1990,5,\n"
    )
    out = run_import(tidy, "--vintage", "2026-06")
    assert "3 added, 0 updated, 0 unchanged, 1 skipped" in out
    assert "(region codes not in NUTS 2021: XX999)" in out
    stored = dict(
        Observation.objects.filter(
            indicator__code="population", period="1990", vintage="2026-06"
        ).values_list("region__code", "value")
    )
    assert stored == {"LT025": 0.30000000000000004, "LT021": 1e-300, "LT022": 123456789.12345679}
    assert value("population", "LT021", "1990") == (1e-300, "e", "2026-06")
    before = state()
    again = run_import(tidy, "--vintage", "2026-06")
    assert "0 added, 0 updated, 3 unchanged, 1 skipped" in again
    assert state() == before  # no batch, no row touched


def test_a_changed_flag_alone_is_an_update(tmp_path):
    tidy = tmp_path / "flags.csv"
    tidy.write_text("indicator,region,period,value,flag\npopulation,LT025,1991,10,\n")
    run_import(tidy, "--vintage", "2026-06")
    tidy.write_text("indicator,region,period,value,flag\npopulation,LT025,1991,10,p\n")
    out = run_import(tidy, "--vintage", "2026-06")
    assert "0 added, 1 updated, 0 unchanged" in out
    assert value("population", "LT025", "1991") == (10, "p", "2026-06")
    assert ImportBatch.objects.latest("id").observations.count() == 1
