"""The full Eurostat files the product ships (src/i4region/data/eurostat): every one parses, and
the published figures come out. Files are listed by name so a missing one fails, never skips."""

from __future__ import annotations

import numpy as np
import pytest

from i4region.compute.parsers import read_eurostat_tsv

from .test_eurostat_tsv import obs

EUROSTAT_FILES = {
    # file name: (dataset, dimensions, data lines)
    "bd_size_r3_2024-01.tsv.gz": (
        "bd_size_r3",
        ["freq", "indic_sb", "sizeclas", "nace_r2"],
        130305,
    ),
    "demo_r_pjanaggr3_2026-04_2016-2025.tsv.gz": (
        "demo_r_pjanaggr3",
        ["freq", "unit", "sex", "age"],
        32115,
    ),
    "demo_r_pjanaggr3_vintage2022-10_1990-2021.tsv.gz": (
        "demo_r_pjanaggr3",
        ["unit", "sex", "age"],
        31185,
    ),
    "demo_r_pjanind3_2024-01.tsv.gz": ("demo_r_pjanind3", ["freq", "indic_de", "unit"], 98112),
    "nama_10r_3gdp_2024-05.tsv.gz": ("nama_10r_3gdp", ["freq", "unit"], 12453),
    "reg_area3.tsv": ("reg_area3", ["freq", "landuse", "unit"], 2330),
    "tgs00010_unemployment_nuts2_2006-2017.tsv": ("tgs00010", ["unit", "age", "sex"], 1014),
}


@pytest.fixture(scope="module")
def tables(request):
    from .conftest import BUNDLED

    return {name: read_eurostat_tsv(BUNDLED / "eurostat" / name) for name in EUROSTAT_FILES}


@pytest.mark.parametrize("name", sorted(EUROSTAT_FILES))
def test_every_bundled_file_parses(tables, name):
    dataset, dims, lines = EUROSTAT_FILES[name]
    t = tables[name]
    assert (t.dataset, t.dimensions, t.rows_read) == (dataset, dims, lines)
    f = t.to_pandas()
    assert len(f) > 0
    assert not f["value"].isna().any()
    assert f["line"].between(2, lines + 1).all()
    assert not f.duplicated(subset=[*dims, "geo", "period"]).any()


def test_every_tsv_in_the_folder_is_listed(bundled):
    on_disk = {p.name for p in (bundled / "eurostat").iterdir() if ".tsv" in p.name}
    assert on_disk == set(EUROSTAT_FILES)


def test_population_2026_vintage(tables):
    t = tables["demo_r_pjanaggr3_2026-04_2016-2025.tsv.gz"]
    key = dict(geo="LT025", sex="T", age="TOTAL", unit="NR")
    assert obs(t, period="2025", **key).value == 207017
    assert obs(t, period="2020", **key).value == 218237


def test_population_2022_vintage_older_layout_descending(tables):
    t = tables["demo_r_pjanaggr3_vintage2022-10_1990-2021.tsv.gz"]
    assert t.meta["time_dimension"] == "time"
    key = dict(geo="LT025", sex="T", age="TOTAL", unit="NR")
    assert obs(t, period="2020", **key).value == 211189
    assert obs(t, period="2005", **key).value == 284918
    assert obs(t, period="2001", **key).value == 300305


def test_gdp_pps_per_head_index(tables):
    t = tables["nama_10r_3gdp_2024-05.tsv.gz"]
    assert obs(t, geo="LT025", unit="PPS_HAB_EU27_2020", period="2021").value == 62
    assert obs(t, geo="LT", unit="PPS_HAB_EU27_2020", period="2021").value == 89
    assert obs(t, geo="LT025", unit="MIO_EUR", period="2021").value == 3013.61
    assert obs(t, geo="LT025", unit="EUR_HAB", period="2021").value == 14100
    r = obs(t, geo="AL", unit="EUR_HAB", period="2021")
    assert (r.value, r.flag) == (5400, "p")


def test_real_flags_kept(tables):
    t = tables["bd_size_r3_2024-01.tsv.gz"]
    key = dict(geo="LT", indic_sb="V11930", sizeclas="0", nace_r2="B-S_X_K642")
    r = obs(t, period="2019", **key)
    assert (r.value, r.flag) == (44046, "p")
    r = obs(t, period="2020", **key)
    assert (r.value, r.flag) == (53747, "e")
    assert obs(t, period="2018", **key).flag is None
    u = tables["tgs00010_unemployment_nuts2_2006-2017.tsv"]
    assert obs(u, geo="LT02", sex="T", period="2017").value == 8.1
    assert set(u.to_pandas()["flag"].dropna()) == {"b", "u", "bu"}


def test_area_missing_with_flag(bundled):
    t = read_eurostat_tsv(bundled / "eurostat" / "reg_area3.tsv", keep_missing=True)
    r = obs(t, geo="LT025", period="2017")
    assert np.isnan(r.value) and r.flag == "m"
    assert obs(t, geo="LT025", period="2025").value == 7878
