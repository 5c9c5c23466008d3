"""SDMX-CSV (1.0/2.0, with and without labels), tidy CSV and the I40 database: hand-written
fixtures, excerpts of real files, and the error paths."""

from __future__ import annotations

import numpy as np
import pytest

from i4region.compute.parsers import (
    ParseError,
    read_i40_db,
    read_sdmx_csv,
    read_tidy_csv,
)

from .test_eurostat_tsv import obs

SDMX1 = "DATAFLOW,LAST UPDATE,freq,unit,geo,TIME_PERIOD,OBS_VALUE,OBS_FLAG,CONF_STATUS\n"
FLOW = "ESTAT:NAMA_10R_3GDP(1.0),24/05/24 23:00:00"


def assert_parse_error(read, path, line, field, fragment):
    """Reading the file fails with a ParseError that names this line and field and whose message
    contains fragment; returns the error."""
    with pytest.raises(ParseError) as info:
        read(path)
    assert (info.value.line, info.value.field) == (line, field), str(info.value)
    assert fragment in str(info.value)
    return info.value


# ------------------------------------------------------------------------------ SDMX-CSV


def test_sdmx1_without_labels(data_dir):
    t = read_sdmx_csv(data_dir / "sdmx1_nolabels.csv")
    assert t.format == "sdmx_csv"
    assert t.dataset == "nama_10r_3gdp"
    assert t.dimensions == ["freq", "unit"]
    assert list(t.frame.columns) == ["freq", "unit", "geo", "period", "value", "flag", "line"]
    assert t.rows_read == 6
    assert len(t.frame) == 4  # two empty OBS_VALUE cells are not observations
    assert t.meta["last_update"] == "24/05/24 23:00:00"
    assert t.meta["sdmx_version"] == "1.0"
    assert t.labels == {}
    assert obs(t, geo="LT025", unit="PPS_HAB_EU27_2020").value == 62
    r = obs(t, geo="AL", period="2021")
    assert (r.value, r.flag, r.line) == (5400, "p", 4)
    r = obs(t, geo="LT025", period="2021-Q1")  # after a blank line: line numbers stay true
    assert (r.value, r.flag, r.line) == (14100, "e", 8)


def test_sdmx_keep_missing_and_confidential(data_dir):
    t = read_sdmx_csv(data_dir / "sdmx1_nolabels.csv", keep_missing=True)
    assert len(t.frame) == 6
    r = obs(t, geo="LT025", period="2022")
    assert np.isnan(r.value) and r.flag == "c"
    assert obs(t, geo="AL", period="2022").flag is None


def test_sdmx1_folded_labels(data_dir):
    t = read_sdmx_csv(data_dir / "sdmx1_folded_labels.csv")
    assert t.dataset == "demo_r_pjanaggr3"
    assert t.dimensions == ["freq", "unit"]
    assert set(t.frame["geo"]) == {"LT025", "LT"}
    assert t.labels["geo"]["LT025"] == "Panevėžio apskritis"
    assert t.labels["geo"]["EU27_2020"] == "European Union - 27 countries (from 2020)"
    assert t.labels["freq"] == {"A": "Annual"}
    assert t.labels["flag"] == {"p": "provisional"}
    assert obs(t, geo="LT025").value == 207017
    r = obs(t, geo="LT")
    assert (r.value, r.flag, r.line) == (2890664, "p", 3)


def test_sdmx2_with_label_columns(data_dir):
    t = read_sdmx_csv(data_dir / "excerpt_isoc_eb_ai_sdmx2_labels.csv")
    assert t.dataset == "isoc_eb_ai"
    assert t.meta["sdmx_version"] == "2.0"
    assert t.meta["structure_name"] == "Artificial intelligence by size class of enterprise"
    assert t.dimensions == ["freq", "size_emp", "nace_r2", "indic_is", "unit"]
    assert t.labels["geo"]["LT"] == "Lithuania"
    assert t.labels["__columns__"]["geo"] == "Geopolitical entity (reporting)"
    assert "AI_TTM, AI_TSR" in t.labels["indic_is"]["E_AI_TANY"]  # quoted commas survive
    assert obs(t, geo="LT", indic_is="E_AI_TANY").value == 21.30
    assert obs(t, geo="EU27_2020", indic_is="E_AI_TANY").value == 19.95
    assert obs(t, geo="LT", indic_is="E_AI_ADOWN").line == 2


def test_sdmx_quoted_newline_keeps_line_numbers(write):
    text = SDMX1 + f'{FLOW},A,"PPS\nHAB",LT,2021,89,,\n{FLOW},A,X,LT,2021,12x3,,\n'
    with pytest.raises(ParseError) as info:
        read_sdmx_csv(write("q.csv", text))
    assert (info.value.line, info.value.field) == (4, "OBS_VALUE")


def test_sdmx_several_dataflows_become_a_dimension(write):
    text = SDMX1 + f"{FLOW},A,X,LT,2021,1,,\nESTAT:OTHER(1.0),x,A,X,LT,2021,2,,\n"
    t = read_sdmx_csv(write("mix.csv", text))
    assert t.dataset is None
    assert t.dimensions == ["dataflow", "freq", "unit"]
    assert sorted(t.frame["dataflow"]) == ["nama_10r_3gdp", "other"]


@pytest.mark.parametrize(
    ("text", "line", "field", "fragment"),
    [
        (SDMX1 + f"{FLOW},A,X,LT,2021,12x3,,\n", 2, "OBS_VALUE", "'12x3' is not a number"),
        (
            SDMX1 + f"{FLOW},A,X,LT,2021,1,,\n{FLOW},A,X,LT,2021,1,\n",
            3,
            "CONF_STATUS",
            "expected 9, found 8",
        ),
        (
            SDMX1 + f"{FLOW},A,X,LT,2021,1,,\n{FLOW},A,X,LT,2021,1,,,\n",
            3,
            None,
            "expected 9, found 10",
        ),
        (SDMX1 + f"{FLOW},A,X,LT,20x1,1,,\n", 2, "TIME_PERIOD", "not a time period"),
        (SDMX1 + f"{FLOW},A,X,LT,2021,1,p3,\n", 2, "OBS_FLAG", "is not a flag"),
        (SDMX1 + f"{FLOW},A,,LT,2021,1,,\n", 2, "unit", "empty dimension code"),
        (
            SDMX1 + f"{FLOW},A,X,LT,2021,1,,\n{FLOW},A,X,LT,2021,2,,\n",
            3,
            None,
            "duplicate observation",
        ),
        ("freq,geo,TIME_PERIOD,OBS_VALUE\nA,LT,2021,1\n", 1, "freq", "DATAFLOW or STRUCTURE"),
        ("DATAFLOW,freq,geo,OBS_VALUE\nX,A,LT,1\n", 1, None, "no TIME_PERIOD"),
        ("DATAFLOW,freq,TIME_PERIOD,OBS_VALUE\nX,A,2021,1\n", 1, None, "no geo"),
        ("DATAFLOW,freq,freq,TIME_PERIOD,OBS_VALUE\nX,A,A,2021,1\n", 1, "freq", "appears twice"),
        (SDMX1, 2, None, "no data lines"),
    ],
)
def test_sdmx_errors(write, text, line, field, fragment):
    error = assert_parse_error(read_sdmx_csv, write("sdmx.csv", text), line, field, fragment)
    assert f"line {line}" in str(error)


# ------------------------------------------------------------------------------ tidy CSV


def test_tidy_csv(data_dir):
    t = read_tidy_csv(data_dir / "tidy.csv")
    assert t.format == "tidy_csv"
    assert t.dataset is None
    assert t.dimensions == ["indicator"]
    assert list(t.frame.columns) == ["indicator", "geo", "period", "value", "flag", "line"]
    assert t.rows_read == 6
    assert len(t.frame) == 5
    assert obs(t, indicator="population", period="2025").value == 207017
    r = obs(t, indicator="gdp_pps_index", geo="LT025")
    assert (r.value, r.flag, r.line) == (62, "p", 4)
    r = obs(t, indicator="unemployment")
    assert (r.value, r.flag) == (8.1, "e")  # an inline Eurostat-style flag is understood


def test_tidy_semicolon_aliases_no_flag_column(data_dir):
    t = read_tidy_csv(data_dir / "tidy_semicolon_aliases.csv")
    assert t.frame["period"].tolist() == ["2019", "2021"]
    assert t.frame["value"].tolist() == [1200.0, 1450.5]
    assert t.frame["flag"].tolist() == [None, None]


def test_tidy_extra_columns_become_dimensions(write):
    t = read_tidy_csv(write("x.csv", "geo,indicator,unit,year,value,flag\nLT,pop,NR,2011,5,\n"))
    assert t.dimensions == ["indicator", "unit"]
    assert obs(t, unit="NR").value == 5


@pytest.mark.parametrize(
    ("text", "line", "field", "fragment"),
    [
        (
            "indicator,region,period,value\npop,LT,2020,1\npop,LT,2021,abc\n",
            3,
            "value",
            "'abc' is not a number",
        ),
        ("indicator,region,period,value\npop,LT,2020\n", 2, "value", "expected 4, found 3"),
        ("indicator,region,period,value\npop,,2020,1\n", 2, "region", "empty value"),
        ("indicator,region,period,value\npop,LT,last year,1\n", 2, "period", "not a time period"),
        (
            "indicator,region,period,value,flag\npop,LT,2020,1,provisional!\n",
            2,
            "flag",
            "not a flag",
        ),
        ("indicator,region,value\npop,LT,1\n", 1, None, "no 'period' column"),
        ("indicator,region,geo,period,value\npop,LT,LT,2020,1\n", 1, "geo", "two columns"),
        ("indicator,region,period,value\npop,LT,2020,1\npop,LT,2020,2\n", 3, None, "duplicate"),
    ],
)
def test_tidy_errors(write, text, line, field, fragment):
    assert_parse_error(read_tidy_csv, write("tidy.csv", text), line, field, fragment)


# ------------------------------------------------------------------------------ I40


def test_i40_mini(data_dir):
    t = read_i40_db(data_dir / "i40_mini.tsv")
    assert t.format == "i40_db"
    assert t.dimensions == ["indicator"]
    assert t.rows_read == 2
    assert len(t.frame) == 4  # empty cells are gaps
    r = obs(t, geo="LT01", indicator="I40Papers")
    assert (r.value, r.period, r.line, r.flag) == (12.5, "2018", 3, None)
    assert t.labels == {}  # no column dictionary beside the fixture


@pytest.mark.parametrize(
    ("text", "line", "field", "fragment"),
    [
        ("NUTS2\tYEAR\ta\tb\nLT01\t2018\t1\tx\n", 2, "b", "'x' is not a number"),
        ("NUTS2\tYEAR\ta\tb\nLT01\t2018\t1\n", 2, "b", "expected 4, found 3"),
        ("NUTS2\tYEAR\ta\nLT01\t18\t1\n", 2, "YEAR", "not valid"),
        ("NUTS2\tYEAR\ta\nLT01\t2018\t1\nLT01\t2018\t2\n", 3, None, "duplicate row"),
        ("REGION\tYEAR\ta\nLT01\t2018\t1\n", 1, None, "bad header"),
    ],
)
def test_i40_errors(write, text, line, field, fragment):
    assert_parse_error(read_i40_db, write("i40.tsv", text), line, field, fragment)
