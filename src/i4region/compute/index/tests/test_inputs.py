"""Bad inputs give an IndexInputError naming the file, row/column or key, and what is wrong."""

import shutil

import pandas as pd
import pytest

from i4region.compute.index import files
from i4region.compute.index.data import IndexInputError, load_index_data

from .conftest import ASEM


@pytest.fixture
def copy(tmp_path):
    d, m = tmp_path / "d.csv", tmp_path / "m.csv"
    shutil.copy(ASEM / "ASEM_iData.csv", d)
    shutil.copy(ASEM / "ASEM_iMeta.csv", m)
    return d, m


def edit(path, fn):
    df = pd.read_csv(path, dtype=str, keep_default_na=False)
    fn(df)
    df.to_csv(path, index=False)


def error(d, m):
    with pytest.raises(IndexInputError) as exc:
        load_index_data(d, m)
    return exc.value


def test_unknown_parent(copy):
    d, m = copy
    edit(m, lambda df: df.__setitem__("Parent", df["Parent"].replace({"Political": "Polit"})))
    e = error(d, m)
    assert e.file == str(m) and e.column == "Parent" and "unknown parent 'Polit'" in str(e)
    assert e.row == 15  # Embs, first child of Political (line 15 of the CSV)


def test_cycle(copy):
    d, m = copy

    def fn(df):
        df.loc[df["iCode"] == "Index", "Parent"] = "Conn"

    edit(m, fn)
    assert "cycle in Parent links: Conn -> Index -> Conn" in str(error(d, m))


def test_missing_weight(copy):
    d, m = copy

    def fn(df):
        df.loc[df["iCode"] == "Ship", "Weight"] = ""

    edit(m, fn)
    e = error(d, m)
    assert (e.row, e.column) == (4, "Weight") and "missing weight for 'Ship'" in str(e)


def test_indicator_with_no_data(copy):
    d, m = copy
    edit(d, lambda df: df.__setitem__("Gas", "NA"))
    e = error(d, m)
    assert e.column == "Gas" and "no data" in str(e)


def test_non_numeric_cell(copy):
    d, m = copy

    def fn(df):
        df.loc[3, "LPI"] = "3,4"

    edit(d, fn)
    e = error(d, m)
    assert (e.file, e.row, e.column) == (str(d), 5, "LPI") and "'3,4' is not a number" in str(e)


def test_duplicate_unit(copy):
    d, m = copy

    def fn(df):
        df.loc[4, "uCode"] = df.loc[3, "uCode"]

    edit(d, fn)
    assert "duplicate uCode" in str(error(d, m))


def test_bad_toml_and_unknown_method(copy, tmp_path):
    d, m = copy
    p = tmp_path / "p.toml"
    p.write_text("[[steps]\nop = 'treat'\n")
    with pytest.raises(IndexInputError, match="not valid TOML"):
        files.compute(d, m, p, tmp_path / "out")
    p.write_text("[[steps]]\nop = 'aggregate'\nmethod = 'median'\n")
    with pytest.raises(IndexInputError) as exc:
        files.compute(d, m, p, tmp_path / "out")
    assert str(exc.value).startswith(f"{p}, [[steps]] #1, key 'method': unknown value 'median'")
    p.write_text("[[steps]]\nop = 'treat'\nwinmax = 'five'\n")
    with pytest.raises(IndexInputError, match="winmax.*whole number"):
        files.compute(d, m, p, tmp_path / "out")
    p.write_text("[[steps]]\nop = 'sort'\n")
    with pytest.raises(IndexInputError, match="unknown op 'sort'"):
        files.compute(d, m, p, tmp_path / "out")


def test_geometric_mean_over_zeros_is_a_clear_error(copy, tmp_path):
    d, m = copy
    p = tmp_path / "p.toml"
    p.write_text("[[steps]]\nop = 'normalise'\n[[steps]]\nop = 'aggregate'\nmethod = 'gmean'\n")
    with pytest.raises(IndexInputError, match="gmean.*range = \\[1, 100\\]"):
        files.compute(d, m, p, tmp_path / "out")


def test_bad_inputs_file(copy, tmp_path):
    d, m = copy
    p = tmp_path / "p.toml"
    p.write_text("[[steps]]\nop = 'normalise'\n[[steps]]\nop = 'aggregate'\n")
    u = tmp_path / "u.toml"
    u.write_text(
        "[[input]]\nname = 'W'\nparameter = 'treat.winmax'\nvalues = [1, 2]\n"
        "[[input]]\nname = 'A'\nparameter = 'aggregate.method'\nvalues = ['amean']\n"
    )
    with pytest.raises(IndexInputError, match="op 'treat', which is not in the pipeline"):
        files.uncertainty(d, m, p, u, 10, 1, tmp_path / "out")
