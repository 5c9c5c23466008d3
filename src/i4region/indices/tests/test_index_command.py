"""``i4region index compute|uncertainty|sensitivity`` through Django's call_command."""

from pathlib import Path

import pandas as pd
import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

ASEM = Path(__file__).resolve().parents[2] / "data" / "coinr-asem"
DATA = ["--idata", str(ASEM / "ASEM_iData.csv"), "--imeta", str(ASEM / "ASEM_iMeta.csv")]

PIPELINE = """
[[steps]]
op = "denominate"
[[steps]]
op = "impute"
method = "mean_group"
group = "EurAsia_group"
[[steps]]
op = "screen"
min_availability = 0.9
by = "missing"
[[steps]]
op = "treat"
winmax = 5
skew = 2.0
kurtosis = 3.5
[[steps]]
op = "normalise"
method = "minmax"
range = [1, 100]
[[steps]]
op = "aggregate"
method = "amean"
weights = "meta"
"""

INPUTS = """
[[input]]
name = "Winmax"
parameter = "treat.winmax"
values = [1, 2, 3, 4, 5]
[[input]]
name = "Normalisation"
parameter = "normalise"
values = [{method = "minmax", range = [1, 100]}, {method = "zscore", mean = 10, sd = 2}]
[[input]]
name = "Weights"
parameter = "aggregate.weights"
noise = {levels = [2, 3], factor = 0.25}
[[input]]
name = "Aggregation"
parameter = "aggregate.method"
values = ["amean", "gmean"]
"""


@pytest.fixture
def tomls(tmp_path):
    (tmp_path / "p.toml").write_text(PIPELINE)
    (tmp_path / "u.toml").write_text(INPUTS)
    return tmp_path


def test_compute_writes_every_dataset(tomls):
    out = tomls / "out"
    call_command("index", "compute", *DATA, "--pipeline", str(tomls / "p.toml"), "--out", str(out))
    for name in (
        "Raw",
        "Denominated",
        "Imputed",
        "Screened",
        "Treated",
        "Normalised",
        "Aggregated",
        "results",
        "treatment",
    ):
        df = pd.read_csv(out / f"{name}.csv")
        assert len(df) > 0
    agg = pd.read_csv(out / "Aggregated.csv")
    assert agg.columns[0] == "uCode" and {"Index", "Conn", "Physical", "LPI"} <= set(agg)


def test_uncertainty_and_sensitivity(tomls):
    call_command(
        "index",
        "uncertainty",
        *DATA,
        "--pipeline",
        str(tomls / "p.toml"),
        "--inputs",
        str(tomls / "u.toml"),
        "--n",
        "200",
        "--seed",
        "1",
        "--out",
        str(tomls / "ua"),
    )
    stats = pd.read_csv(tomls / "ua" / "rank_stats.csv")
    assert list(stats.columns) == ["uCode", "Nominal", "Mean", "Median", "Q5", "Q95"]
    assert len(stats) == 51
    call_command(
        "index",
        "sensitivity",
        *DATA,
        "--pipeline",
        str(tomls / "p.toml"),
        "--inputs",
        str(tomls / "u.toml"),
        "--n",
        "50",
        "--nboot",
        "100",
        "--out",
        str(tomls / "sa"),
    )
    sens = pd.read_csv(tomls / "sa" / "sensitivity.csv")
    assert list(sens["Variable"]) == ["Winmax", "Normalisation", "Weights", "Aggregation"]
    assert {"Si", "STi", "Si_q5", "Si_q95", "STi_q5", "STi_q95"} <= set(sens)


def test_bad_file_is_exit_code_2_with_location(tomls):
    bad = tomls / "bad.toml"
    bad.write_text('[[steps]]\nop = "normalise"\nmethod = "softmax"\n')
    with pytest.raises(CommandError) as exc:
        call_command("index", "compute", *DATA, "--pipeline", str(bad), "--out", str(tomls / "o"))
    assert exc.value.returncode == 2
    assert str(bad) in str(exc.value) and "softmax" in str(exc.value)
    meta = tomls / "m.csv"
    meta.write_text(
        (ASEM / "ASEM_iMeta.csv")
        .read_text()
        .replace('"Physical","Indicator"', '"Phys","Indicator"', 1)
    )
    with pytest.raises(CommandError) as exc:
        call_command(
            "index",
            "compute",
            "--idata",
            str(ASEM / "ASEM_iData.csv"),
            "--imeta",
            str(meta),
            "--pipeline",
            str(tomls / "p.toml"),
            "--out",
            str(tomls / "o"),
        )
    assert exc.value.returncode == 2
    assert "row 2" in str(exc.value) and "unknown parent 'Phys'" in str(exc.value)
