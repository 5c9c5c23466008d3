"""The bundled national SDMX-CSV files and the I40 database parse, give the published figures,
and are recognised by detect_format / read_any (by content, also when gzipped)."""

from __future__ import annotations

import gzip

import pytest

from i4region.compute.parsers import (
    FORMATS,
    ParseError,
    detect_format,
    read_any,
    read_i40_db,
    read_sdmx_csv,
)

from .test_eurostat_tsv import obs

NATIONAL = {
    "eurostat_isoc_e_dii.csv": ("isoc_e_dii", "2.0", 2860),
    "eurostat_isoc_eb_ai.csv": ("isoc_eb_ai", "2.0", 81),
    "eurostat_isoc_eb_p3d_robots_subset.csv": ("isoc_eb_p3d", "1.0", 11828),
}


@pytest.mark.parametrize("name", sorted(NATIONAL))
def test_national_files_parse(bundled, name):
    dataset, version, rows = NATIONAL[name]
    t = read_sdmx_csv(bundled / "national" / name)
    assert (t.dataset, t.meta["sdmx_version"], t.rows_read) == (dataset, version, rows)
    assert t.dimensions == ["freq", "size_emp", "nace_r2", "indic_is", "unit"]
    assert not t.frame["value"].isna().any()


def test_national_folder_is_complete(bundled):
    on_disk = {p.name for p in (bundled / "national").iterdir() if p.suffix == ".csv"}
    assert on_disk == set(NATIONAL)


def test_national_published_figures(bundled):
    dii = read_sdmx_csv(bundled / "national" / "eurostat_isoc_e_dii.csv")
    r = obs(dii, geo="LT", size_emp="10-249", indic_is="E_DI3_GELO", period="2025")
    assert r.value == 73.51
    assert dii.labels["geo"]["LT"] == "Lithuania"
    assert set(dii.frame["flag"].dropna()) >= {"b", "d"}
    ai = read_sdmx_csv(bundled / "national" / "eurostat_isoc_eb_ai.csv")
    assert obs(ai, geo="LT", indic_is="E_AI_TANY").value == 21.30
    assert obs(ai, geo="EU27_2020", indic_is="E_AI_TANY").value == 19.95
    rob = read_sdmx_csv(bundled / "national" / "eurostat_isoc_eb_p3d_robots_subset.csv")
    key = dict(size_emp="GE10", indic_is="E_RBT", unit="PC_ENT", period="2022")
    r = obs(rob, geo="LT", **key)
    assert (r.value, r.line) == (4.75, 7294)
    assert obs(rob, geo="EU27_2020", **key).value == 6.26


def test_i40_database(bundled):
    t = read_i40_db(bundled / "i40" / "I40_indicator_db_NUTS2_2008_2019.tsv")
    assert t.dataset == "i40"
    assert t.rows_read == 4454
    assert t.frame["indicator"].nunique() == 101
    assert len(t.labels["indicator"]) == 101  # the column dictionary describes every indicator
    assert t.labels["indicator"]["demo_r_d2jan_UNIT_NR__SEX_T__AGE_TOTAL"].startswith(
        "Population on 1 January"
    )
    assert set(t.frame.loc[t.frame.geo.str.startswith("LT"), "geo"]) == {"LT00", "LT01", "LT02"}
    assert not t.frame.duplicated(subset=["indicator", "geo", "period"]).any()
    r = obs(t, geo="LT02", period="2018", indicator="demo_r_d2jan_UNIT_NR__SEX_T__AGE_TOTAL")
    assert (r.value, r.line) == (2003534.0, 1787)
    assert obs(t, geo="LT02", period="2018", indicator="GDELT_COUNT_INDUSTRY_POLICY").value == 23


def test_i40_rankings_bundled(bundled):
    text = (bundled / "i40" / "rankings.csv").read_text()
    assert "LT01,52,194,90.49683057" in text and "LT02,192,240.5,68.4380018" in text
    assert "CC BY 4.0" in (bundled / "i40" / "PROVENANCE.md").read_text()


# ------------------------------------------------------------------------------ detection

DETECT = {
    "eurostat/demo_r_pjanaggr3_2026-04_2016-2025.tsv.gz": "eurostat_tsv",
    "eurostat/demo_r_pjanaggr3_vintage2022-10_1990-2021.tsv.gz": "eurostat_tsv",
    "eurostat/tgs00010_unemployment_nuts2_2006-2017.tsv": "eurostat_tsv",
    "national/eurostat_isoc_e_dii.csv": "sdmx_csv",
    "national/eurostat_isoc_eb_p3d_robots_subset.csv": "sdmx_csv",
    "i40/I40_indicator_db_NUTS2_2008_2019.tsv": "i40_db",
}


@pytest.mark.parametrize("rel", sorted(DETECT))
def test_detect_bundled(bundled, rel):
    fmt = detect_format(bundled / rel)
    assert fmt == DETECT[rel] and fmt in FORMATS
    assert read_any(bundled / rel).format == fmt


def test_detect_fixtures_by_content(data_dir, tmp_path):
    assert detect_format(data_dir / "tidy.csv") == "tidy_csv"
    assert detect_format(data_dir / "tidy_semicolon_aliases.csv") == "tidy_csv"
    assert detect_format(data_dir / "sdmx1_folded_labels.csv") == "sdmx_csv"
    assert detect_format(data_dir / "excerpt_isoc_eb_ai_sdmx2_labels.csv") == "sdmx_csv"
    # A misleading name does not matter; gzip is seen through.
    odd = tmp_path / "looks_like.tsv"
    odd.write_bytes(gzip.compress((data_dir / "tidy.csv").read_bytes()))
    assert detect_format(odd) == "tidy_csv"
    assert read_any(odd).frame["value"].sum() == pytest.approx(207017 + 218237 + 62 + 89 + 8.1)
    # head= is used instead of the file (an upload's first bytes).
    head = (data_dir / "excerpt_demo_r_pjanaggr3_2026-04.tsv").read_bytes()[:200]
    assert detect_format("upload.bin", head=head) == "eurostat_tsv"


@pytest.mark.parametrize(
    ("content", "fragment", "line"),
    [
        (b"", "empty file", None),
        (b"\n\n  \n", "empty file", None),
        (b"year,geo,A,B-E\n2000,LT,1,2\n", "unrecognised format", 1),
        (b'\n{"type": "FeatureCollection"}\n', "unrecognised format", 2),
        (b"\x1f\x8b\x08\x00nonsense", "unreadable gzip", None),
    ],
)
def test_detect_errors(write, content, fragment, line):
    path = write("f.csv", content)
    with pytest.raises(ParseError) as info:
        detect_format(path)
    assert fragment in str(info.value) and info.value.line == line
    with pytest.raises(ParseError):
        read_any(path)


def test_detect_gzip_head_of_a_large_file(bundled):
    head = (bundled / "eurostat" / "bd_size_r3_2024-01.tsv.gz").read_bytes()[:300]
    assert detect_format("upload.gz", head=head) == "eurostat_tsv"
