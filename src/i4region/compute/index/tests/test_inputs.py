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


def refused(copy, tmp_path, pipeline: str, match: str) -> str:
    """Compute with this pipeline text; the error must match, and its message is returned."""
    p = tmp_path / "p.toml"
    p.write_text(pipeline)
    with pytest.raises(IndexInputError, match=match) as exc:
        files.compute(*copy, p, tmp_path / "out")
    return str(exc.value)


def test_bad_toml_and_unknown_method(copy, tmp_path):
    refused(copy, tmp_path, "[[steps]\nop = 'treat'\n", "not valid TOML")
    message = refused(copy, tmp_path, "[[steps]]\nop = 'aggregate'\nmethod = 'median'\n", "median")
    assert message.startswith(
        f"{tmp_path / 'p.toml'}, [[steps]] #1, key 'method': unknown value 'median'"
    )
    refused(copy, tmp_path, "[[steps]]\nop = 'treat'\nwinmax = 'five'\n", "winmax.*whole number")
    refused(copy, tmp_path, "[[steps]]\nop = 'sort'\n", "unknown op 'sort'")


def test_geometric_mean_over_zeros_is_a_clear_error(copy, tmp_path):
    gmean = "[[steps]]\nop = 'normalise'\n[[steps]]\nop = 'aggregate'\nmethod = 'gmean'\n"
    refused(copy, tmp_path, gmean, "gmean.*range = \\[1, 100\\]")


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
        files.analyse("uncertainty", d, m, p, u, 10, 1, tmp_path / "out")
