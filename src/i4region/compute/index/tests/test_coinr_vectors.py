"""Golden tests from COINr's own documentation and test suite (v1.1.14)."""

import numpy as np
import pandas as pd
import pytest

from i4region.compute.index.analysis import results_table
from i4region.compute.index.pipeline import Index
from i4region.compute.index.steps.treat import check_skew_kurt, log_ct, treat_vector, winsorise

DEFAULT = {
    "winmax": 5,
    "skew": 2.0,
    "kurtosis": 3.5,
    "log": True,
    "force_win": False,
    "combine": False,
}

# vignette("results"): head(get_results(build_example_coin(), "Aggregated", tab_type = "Aggs"))
VIGNETTE = """uCode Rank Index Conn Sust Physical ConEcFin Political Instit P2P Environ Social SusEcFin
CHE 1 68.38 62.79 73.98 63.41 32.87 74.78 85.94 56.93 77.21 87.85 56.88
NLD 2 64.82 61.94 67.70 64.87 46.62 84.55 71.74 41.92 58.73 86.58 57.78
DNK 3 64.80 57.10 72.51 50.52 30.43 78.13 75.35 51.04 69.83 86.40 61.29
NOR 4 64.47 57.44 71.50 58.18 25.70 80.03 89.46 33.80 70.90 87.00 56.59
BEL 5 63.54 63.99 63.09 71.97 48.22 80.84 75.60 43.32 53.01 86.17 50.09
SWE 6 63.00 53.87 72.12 51.51 23.87 80.98 74.51 38.50 66.37 87.74 62.27"""


def test_example_coin_matches_results_vignette(example_coin):
    expected = pd.DataFrame(
        [r.split() for r in VIGNETTE.splitlines()[1:]], columns=VIGNETTE.splitlines()[0].split()
    )
    res = results_table(example_coin).head(6)
    assert list(res["uCode"]) == list(expected["uCode"])
    assert list(res["Index.Rank"]) == expected["Rank"].astype(float).tolist()
    for col in expected.columns[2:]:
        np.testing.assert_allclose(
            res[col].round(2), expected[col].astype(float), atol=1e-9, err_msg=col
        )


def test_winsorise_documented_example():
    # ?winsorise: x <- c(1:10, 30, 100) -> 30 30, nwin 1, last point "winhi"
    x = np.array([*range(1, 11), 30, 100], dtype=float)
    xw, nwin, treated = winsorise(x, 5, 2, 3.5)
    np.testing.assert_array_equal(xw, [*range(1, 11), 30, 30])
    assert nwin == 1
    assert list(treated) == [""] * 11 + ["winhi"]


def test_treat_num_from_coinr_tests():
    x = np.array([*range(1, 11), 100], dtype=float)
    assert check_skew_kurt(x, 2, 3.5)[0] is False
    xt, rec = treat_vector(x, DEFAULT)
    assert xt[-1] == 10 and np.array_equal(xt[:10], x[:10])
    assert check_skew_kurt(xt, 2, 3.5)[0] is True
    x = np.array([*range(1, 21), 100, 200], dtype=float)
    xt, rec = treat_vector(x, {**DEFAULT, "winmax": 1, "log": False})
    assert check_skew_kurt(xt, 2, 3.5)[0] is False
    xt, rec = treat_vector(x, {**DEFAULT, "winmax": 1})
    assert rec["Logged"]
    np.testing.assert_allclose(xt, log_ct(x))
    xt, rec = treat_vector(x, {**DEFAULT, "winmax": 3, "force_win": True, "log": False})
    assert (rec["Points"] != "").sum() == 3


def test_ties_are_winsorised_together():
    x = np.array([*range(1, 21), 100, 100], dtype=float)
    xw, nwin, treated = winsorise(x, 5, 2, 3.5)
    assert nwin == 2 and list(treated[-2:]) == ["winhi", "winhi"]
    assert xw[-1] == 20


def test_panel_screening_matches_purse_snapshot(asem_panel):
    # tests/testthat/_snaps/methods_added.md: purse Screen(Raw, 0.9, byNA) keeps 46 of 51 in 2018
    ix = Index.from_specs(asem_panel, [{"op": "screen", "min_availability": 0.9}])
    kept = ix.datasets["Screened"]
    assert int((kept.times == 2018).sum()) == 46


def test_example_coin_keeps_all_units_and_records_treatment(example_coin):
    assert example_coin.details["Screened"]["RemovedUnits"] == []
    tab = example_coin.details["Treated"]["Dets_Table"].set_index("iCode")
    assert tab.loc["LPI", "Pass0"]
    assert not tab.loc["Flights", "Pass0"] and tab.loc["Flights", "nwin"] == 1
    assert tab.loc["Flights", "Winsorised"] == "MLT"


@pytest.mark.parametrize("method", ["rank", "borda", "prank"])
def test_rank_normalisers_on_coin(example_coin, method):
    ix = example_coin.rebuild({"normalise": {"method": method}, "aggregate.method": "amean"})
    x = ix.datasets["Normalised"].col("LPI")
    assert np.nanmin(x) == {"rank": 1, "borda": 0, "prank": 0}[method]
