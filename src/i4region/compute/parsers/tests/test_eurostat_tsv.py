"""Eurostat bulk TSV: both header layouts, both period orders, flags, missing cells, gzip, and
every error path naming the line and column at fault."""

from __future__ import annotations

import pickle

import numpy as np
import pandas as pd
import pytest

from i4region.compute.parsers import ParsedTable, ParseError, read_eurostat_tsv

HEADER = "freq,unit,sex,age,geo\\TIME_PERIOD\t2016 \t2017 \t2018 \n"


def obs(table: ParsedTable, **key: str) -> pd.Series:
    """The one frame row matching key (fails if there are zero or several)."""
    f = table.to_pandas()
    mask = np.ones(len(f), dtype=bool)
    for k, v in key.items():
        mask &= (f[k] == v).to_numpy()
    rows = f[mask]
    assert len(rows) == 1, f"{len(rows)} rows for {key}"
    return rows.iloc[0]


# ------------------------------------------------------------------------------ hand-written


def test_cells_flags_and_missing(write):
    path = write(
        "mini.tsv",
        HEADER
        + "A,NR,T,TOTAL,LT025\t233521 \t228599 p\t: \n"
        + "A,NR,F,TOTAL,LT025\t: c\t12.3 e\t-5400 ep\n"
        + "A,NR,M,TOTAL,LT025\t:\t  7  \t1e3 b\n",
    )
    t = read_eurostat_tsv(path)
    assert t.format == "eurostat_tsv"
    assert t.dataset == "mini"
    assert t.dimensions == ["freq", "unit", "sex", "age"]
    assert list(t.to_pandas().columns) == [
        "freq",
        "unit",
        "sex",
        "age",
        "geo",
        "period",
        "value",
        "flag",
        "line",
    ]
    assert t.rows_read == 3
    assert len(t.to_pandas()) == 6  # three ':' cells are not observations
    r = obs(t, sex="T", period="2016")
    assert (r.value, r.flag, r.line) == (233521.0, None, 2)
    r = obs(t, sex="T", period="2017")
    assert (r.value, r.flag) == (228599.0, "p")
    r = obs(t, sex="F", period="2017")
    assert (r.value, r.flag, r.line) == (12.3, "e", 3)
    assert obs(t, sex="F", period="2018").flag == "ep"
    assert obs(t, sex="F", period="2018").value == -5400.0
    assert obs(t, sex="M", period="2017").value == 7.0
    assert obs(t, sex="M", period="2018").value == 1000.0
    assert t.to_pandas()["value"].dtype == np.float64
    assert t.to_pandas()["line"].dtype == np.int64
    assert t.to_pandas()["period"].map(type).eq(str).all()


def test_keep_missing_keeps_flagged_gaps(write):
    path = write("mini.tsv", HEADER + "A,NR,F,TOTAL,LT025\t: c\t12.3 e\t:\n")
    t = read_eurostat_tsv(path, keep_missing=True)
    assert len(t.to_pandas()) == 3
    r = obs(t, period="2016")
    assert np.isnan(r.value) and r.flag == "c"
    assert obs(t, period="2018").flag is None


def test_crlf_blank_lines_and_bom(write):
    text = "\ufeff" + HEADER.replace("\n", "\r\n") + "\r\nA,NR,T,TOTAL,LT025\t1 \t2 \t3 \r\n\r\n"
    t = read_eurostat_tsv(write("crlf.tsv", text))
    assert t.rows_read == 1
    assert t.to_pandas()["line"].unique().tolist() == [3]
    assert t.to_pandas()["value"].tolist() == [1.0, 2.0, 3.0]


def test_descending_periods_come_out_ascending(write):
    path = write(
        "old.tsv",
        "unit,sex,age,geo\\time\t2021 \t2020 \t2019 \nNR,T,TOTAL,LT025\t208016 \t211189 \t214617 \n",
    )
    t = read_eurostat_tsv(path)
    assert t.dimensions == ["unit", "sex", "age"]
    assert t.meta["time_dimension"] == "time"
    assert t.to_pandas()["period"].tolist() == ["2019", "2020", "2021"]
    assert t.to_pandas()["value"].tolist() == [214617.0, 211189.0, 208016.0]


def test_quarterly_and_monthly_periods_are_normalised(write):
    path = write("q.tsv", "unit,geo\\TIME_PERIOD\t2021Q2 \t2021Q1 \t2021M03 \nPC,LT\t1 \t2 \t3 \n")
    t = read_eurostat_tsv(path)
    assert t.to_pandas()["period"].tolist() == ["2021-03", "2021-Q1", "2021-Q2"]


def test_geo_not_last(write):
    t = read_eurostat_tsv(write("g.tsv", "geo,unit\\time\t2020 \nLT025,PC\t5 \n"))
    assert t.dimensions == ["unit"]
    assert obs(t, geo="LT025", unit="PC").value == 5.0


def test_gzip_is_detected_by_content_not_name(write):
    path = write("plain_name.tsv", HEADER + "A,NR,T,TOTAL,LT025\t1 \t2 \t3 \n", gz=True)
    assert read_eurostat_tsv(path).to_pandas()["value"].sum() == 6.0


def test_dataset_override(write):
    path = write("x.tsv", HEADER + "A,NR,T,TOTAL,LT025\t1 \t2 \t3 \n")
    assert read_eurostat_tsv(path, dataset="demo_r_pjanaggr3").dataset == "demo_r_pjanaggr3"


# ------------------------------------------------------------------------------ error paths

GOOD = "A,NR,T,TOTAL,LT025\t1 \t2 \t3 \n"


@pytest.mark.parametrize(
    ("text", "line", "field", "fragment"),
    [
        (
            HEADER + GOOD + "A,NR,F,TOTAL,LT025\t1 \t12x3 \t3 \n",
            3,
            "2017",
            "'12x3 ' is not a number",
        ),
        (HEADER + "A,NR,F,TOTAL,LT025\t1 \t12 3\t3 \n", 2, "2017", "is not a flag"),
        (HEADER + "A,NR,F,TOTAL,LT025\tnan \t1 \t3 \n", 2, "2016", "is not a number"),
        (HEADER + "A,NR,F,TOTAL,LT025\t1 \t\t3 \n", 2, "2017", "empty cell"),
        (HEADER + GOOD + "A,NR,F,TOTAL,LT025\t1 \t2 \n", 3, "2018", "found 3"),
        (HEADER + "A,NR,F,TOTAL,LT025\t1 \t2 \t3 \t4 \n", 2, None, "found 5"),
        (HEADER + GOOD + "A,NR,F,LT025\t1 \t2 \t3 \n", 3, "freq,unit,sex,age,geo", "found 4"),
        (HEADER + "A,NR,,TOTAL,LT025\t1 \t2 \t3 \n", 2, "sex", "empty code"),
        (HEADER + GOOD + GOOD, 3, None, "duplicate series 'A,NR,T,TOTAL,LT025' (first on line 2)"),
        ("freq,unit,geo TIME_PERIOD\t2016 \n", 1, None, "bad header"),
        ("just some text\n", 1, None, "bad header"),
        ("freq,unit\\TIME_PERIOD\t2016 \nA,NR\t1 \n", 1, "freq,unit\\TIME_PERIOD", "no 'geo'"),
        ("unit,geo\\time\t2016 \t20x7 \nNR,LT\t1 \t2 \n", 1, "20x7", "not a time period"),
        ("unit,geo\\time\t2016 \t2016 \nNR,LT\t1 \t2 \n", 1, "2016", "period appears twice"),
        ("unit,geo\\time\t2016 \t\nNR,LT\t1 \t2 \n", 1, "#3", "not a time period"),
        ("unit,unit,geo\\time\t2016 \nNR,NR,LT\t1 \n", 1, "unit,unit,geo\\time", "named twice"),
        ("unit,value,geo\\time\t2016 \nNR,NR,LT\t1 \n", 1, "unit,value,geo\\time", "reserved"),
        (HEADER, 2, None, "no data lines"),
        (HEADER + "A,NR,T,TOTAL,LT025\t1 \t2", 2, "2018", "found 3"),  # truncated mid-line
    ],
)
def test_errors_name_line_and_column(write, text, line, field, fragment):
    path = write("demo.tsv", text)
    with pytest.raises(ParseError) as info:
        read_eurostat_tsv(path)
    err = info.value
    assert (err.line, err.field) == (line, field), str(err)
    assert fragment in str(err)
    assert str(err).startswith(str(path))
    if line is not None:
        assert f"line {line}" in str(err)


def test_error_message_format(write):
    path = write("demo.tsv", HEADER + GOOD + "A,NR,F,TOTAL,LT025\t1 \t12x3 \t3 \n")
    with pytest.raises(ParseError) as info:
        read_eurostat_tsv(path)
    assert str(info.value) == f"{path} line 3, column 2017: '12x3 ' is not a number"
    assert isinstance(info.value, ValueError)
    again = pickle.loads(pickle.dumps(info.value))
    assert str(again) == str(info.value) and again.line == 3


def test_error_keeps_its_reason_as_a_catalogue_template(write):
    """The observatory translates the reason: the marked English template and its values come
    with the error (also through a job queue's pickling), and fill in to the English text."""
    path = write("demo.tsv", HEADER + GOOD + "A,NR,F,TOTAL,LT025\t1 \t12x3 \t3 \n")
    with pytest.raises(ParseError) as info:
        read_eurostat_tsv(path)
    again = pickle.loads(pickle.dumps(info.value))
    assert (again.template, again.params) == ("%(cell)s is not a number", {"cell": "'12x3 '"})
    assert again.template % again.params == again.message == "'12x3 ' is not a number"


@pytest.mark.parametrize(
    ("content", "fragment", "line"),
    [
        (b"", "empty file", None),
        (b"  \n\n", "empty file", None),
        (b"\x1f\x8b\x08\x00garbage", "unreadable gzip", None),
        (b"unit,geo\\time\t2016 \nNR,LT\t1 \n" + b"NR,LV\t\xff \n", "not valid UTF-8", 3),
    ],
)
def test_unreadable_files(write, content, fragment, line):
    with pytest.raises(ParseError) as info:
        read_eurostat_tsv(write("bad.tsv", content))
    assert fragment in str(info.value)
    assert info.value.line == line


def test_truncated_gzip(write, tmp_path):
    full = write("full.tsv.gz", HEADER + GOOD * 1, gz=True).read_bytes()
    path = tmp_path / "cut.tsv.gz"
    path.write_bytes(full[: len(full) - 10])
    with pytest.raises(ParseError, match="unreadable gzip"):
        read_eurostat_tsv(path)


def test_missing_file(tmp_path):
    with pytest.raises(ParseError, match="cannot read file"):
        read_eurostat_tsv(tmp_path / "nope.tsv")


# ------------------------------------------------------------------------------ real excerpts


def test_excerpt_current_layout(data_dir):
    t = read_eurostat_tsv(data_dir / "excerpt_demo_r_pjanaggr3_2026-04.tsv")
    assert t.dataset == "excerpt_demo_r_pjanaggr3"  # excerpt file name; real files below
    assert obs(t, geo="LT025", sex="T", period="2025").value == 207017
    assert obs(t, geo="LT025", sex="T", period="2020").value == 218237


def test_excerpt_older_layout_descending(data_dir):
    t = read_eurostat_tsv(data_dir / "excerpt_demo_r_pjanaggr3_vintage2022-10.tsv")
    assert t.dimensions == ["unit", "sex", "age"]
    assert obs(t, geo="LT025", period="2020").value == 211189
    assert obs(t, geo="LT025", period="2005").value == 284918
    lt025 = t.to_pandas()[t.to_pandas().geo == "LT025"]
    assert lt025["period"].min() == "2001"  # 1990-2000 are ':' for LT025
    assert lt025["period"].is_monotonic_increasing


def test_excerpt_gz_gdp_pps(data_dir):
    t = read_eurostat_tsv(data_dir / "excerpt_nama_10r_3gdp_2024-05.tsv.gz")
    assert obs(t, geo="LT025", unit="PPS_HAB_EU27_2020", period="2021").value == 62
    assert obs(t, geo="LT", unit="PPS_HAB_EU27_2020", period="2021").value == 89
    r = obs(t, geo="AL", unit="EUR_HAB", period="2021")
    assert (r.value, r.flag) == (5400, "p")


def test_excerpt_flags_u_and_m(data_dir):
    t = read_eurostat_tsv(data_dir / "excerpt_tgs00010.tsv")
    assert t.dataset == "excerpt_tgs00010" or t.dataset == "tgs00010"
    assert obs(t, geo="LT02", sex="T", period="2017").value == 8.1
    r = obs(t, geo="AT11", sex="F", period="2006")
    assert (r.value, r.flag) == (6.4, "u")
    area = read_eurostat_tsv(data_dir / "excerpt_reg_area3.tsv", keep_missing=True)
    r = obs(area, geo="LT025", period="2017")
    assert np.isnan(r.value) and r.flag == "m"
    assert obs(area, geo="LT025", period="2026").value == 7878
