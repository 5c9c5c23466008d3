"""The index object: data sets, recorded details, rebuilds, panels, outputs."""

import numpy as np
import pandas as pd
import pytest

from i4region.compute.index import files
from i4region.compute.index.analysis import (
    correlations,
    cronbach_by_aggregate,
    data_availability,
    indicator_stats,
    results_table,
    strengths_weaknesses,
)
from i4region.compute.index.pipeline import Index
from i4region.compute.index.steps.aggregate import output_columns
from i4region.compute.index.weights import effective_weights

from .conftest import ASEM, EXAMPLE_COIN


def test_every_dataset_and_detail_is_recorded(example_coin):
    assert list(example_coin.datasets) == [
        "Raw",
        "Denominated",
        "Imputed",
        "Screened",
        "Treated",
        "Normalised",
        "Aggregated",
    ]
    assert not np.isnan(example_coin.datasets["Imputed"].values).any()
    # 65 missing points after denomination, as COINr's build log reports
    assert (
        len(example_coin.details["Imputed"]["Imputed"])
        == np.isnan(example_coin.datasets["Denominated"].values).sum()
        == 65
    )
    agg = example_coin.dataset("Aggregated")
    assert list(agg.columns) == ["uCode", *output_columns(example_coin.data)]


def test_denominate_divides_by_imeta_denominator(asem):
    ix = Index.from_specs(asem, [{"op": "denominate"}])
    raw, den = ix.datasets["Raw"], ix.datasets["Denominated"]
    pop = asem.units.set_index("uCode").loc[raw.ucodes, "Population"].to_numpy(float)
    np.testing.assert_array_equal(den.col("Flights"), raw.col("Flights") / pop)
    np.testing.assert_array_equal(den.col("LPI"), raw.col("LPI"))


def test_screening_before_imputation_judges_the_reported_data(asem):
    first = Index.from_specs(asem, [{"op": "screen", "min_availability": 0.9}, {"op": "impute"}])
    late = Index.from_specs(asem, [{"op": "impute"}, {"op": "screen", "min_availability": 0.9}])
    removed = first.details["Screened"]["RemovedUnits"]
    # imputed first, every unit looks complete and nothing is screened out
    assert removed and not late.details["Screened"]["RemovedUnits"]
    avail = 1 - np.isnan(asem.raw.values).mean(axis=1)
    assert set(removed) == set(asem.raw.ucodes[avail < 0.9])
    assert set(first.datasets["Imputed"].ucodes).isdisjoint(removed)


def test_group_imputation_uses_group_mean(asem):
    ix = Index.from_specs(
        asem, [{"op": "impute", "method": "mean_group", "group": "EurAsia_group"}]
    )
    raw, imp = ix.datasets["Raw"], ix.datasets["Imputed"]
    groups = asem.units.set_index("uCode").loc[raw.ucodes, "EurAsia_group"].to_numpy()
    i, j = np.argwhere(np.isnan(raw.values))[0]
    same = groups == groups[i]
    assert imp.values[i, j] == pytest.approx(np.nanmean(raw.values[same, j]))


def test_rebuild_changes_one_parameter(example_coin):
    ix = example_coin.rebuild({"treat.winmax": 1})
    assert ix.step("treat").params["winmax"] == 1
    tab = ix.details["Treated"]["Dets_Table"].set_index("iCode")
    assert (tab["nwin"] <= 1).all() or tab["Logged"].any()
    assert example_coin.step("treat").params["winmax"] == 5
    np.testing.assert_array_equal(
        ix.datasets["Imputed"].values, example_coin.datasets["Imputed"].values
    )


@pytest.mark.parametrize("method", ["amean", "gmean", "hmean", "copeland"])
def test_aggregation_methods_on_asem(example_coin, method):
    ix = example_coin.rebuild({"normalise.range": [1, 100], "aggregate.method": method})
    top = ix.datasets["Aggregated"].col("Index")
    assert np.isfinite(top).all()


def test_genmean_and_weight_sets(example_coin):
    ix = example_coin.rebuild({"aggregate": {"method": "genmean", "p": 2, "weights": "equal"}})
    assert np.isfinite(ix.datasets["Aggregated"].col("Index")).all()
    pca_ix = example_coin.rebuild({"aggregate.weights": "pca"})
    w = pca_ix.details["Aggregated"]["Weights"]
    assert w["Conn"] == 1 and w["LPI"] != 1
    eff = effective_weights(example_coin.data.structure, w)
    assert sum(eff[c] for c in example_coin.data.structure.indicators) == pytest.approx(1)


def test_every_normaliser_runs_on_asem(example_coin):
    for spec in [
        {"method": "zscore", "mean": 10, "sd": 2},
        {"method": "scaled"},
        {"method": "dist2max"},
        {"method": "fracmax"},
        {"method": "dist2ref", "ref": "CHE"},
        {"method": "dist2targ", "cap_max": True},
        {"method": "goalposts", "lower": 0, "upper": 100, "scale": 100},
    ]:
        ix = example_coin.rebuild({"normalise": spec})
        assert np.isfinite(ix.datasets["Normalised"].values).any(), spec


def test_dist2targ_flips_for_negative_direction(example_coin):
    ix = example_coin.rebuild({"normalise": {"method": "dist2targ"}})
    x = ix.datasets["Treated"].col("Tariff")  # Direction -1
    targ = float(ix.data.structure.meta.set_index("iCode").loc["Tariff", "Target"])
    expected = (x.max() - x) / (x.max() - targ)
    np.testing.assert_allclose(ix.datasets["Normalised"].col("Tariff"), expected)


def test_panel_pipeline(asem_panel):
    specs = [
        {"op": "impute", "method": "latest"},
        {"op": "screen", "min_availability": 0.9},
        {"op": "treat"},
        {"op": "normalise"},
        {"op": "aggregate"},
    ]
    ix = Index.from_specs(asem_panel, specs)
    agg = ix.dataset("Aggregated")
    assert set(agg["Time"]) == {2018, 2019, 2020, 2021, 2022}
    norm = ix.datasets["Normalised"]
    # global normalisation: min and max over the whole panel, not per year
    assert np.nanmin(norm.values) == 0 and np.nanmax(norm.values) == 100
    res = results_table(ix)
    assert (res.groupby("Time")["Index.Rank"].min() == 1).all()


def test_panel_linear_and_constant_imputation(asem_panel):
    raw = asem_panel.raw
    for method in ("linear", "constant"):
        ix = Index.from_specs(asem_panel, [{"op": "impute", "method": method}])
        imp = ix.datasets["Imputed"].values
        observed = ~np.isnan(raw.values)
        np.testing.assert_array_equal(imp[observed], raw.values[observed])


def test_analysis_tables(example_coin):
    stats = indicator_stats(example_coin.datasets["Raw"]).set_index("iCode")
    assert stats.loc["Flights", "Flag.SkewKurt"] == "OUT"
    corr = correlations(example_coin.datasets["Aggregated"], example_coin.data, 2, 4)
    assert len(corr) == 8 and (corr["Correlation"] > 0).all()
    alpha = cronbach_by_aggregate(example_coin.datasets["Aggregated"], example_coin.data)
    assert set(alpha["iCode"]) == {"Conn", "Sust", "Index", *example_coin.data.structure.levels[2]}
    summary, by_group = data_availability(example_coin.datasets["Raw"], example_coin.data)
    assert summary["Dat_Avail"].min() == pytest.approx(39 / 49) and "Physical" in by_group
    s, w = strengths_weaknesses(example_coin, "CHE")
    assert len(s) == 5 and len(w) == 5 and s["Rank"].max() <= w["Rank"].min()


def test_compute_writes_outputs(tmp_path):
    p = tmp_path / "p.toml"
    lines = []
    for spec in EXAMPLE_COIN:
        lines.append("[[steps]]")
        for k, v in spec.items():
            lines.append(f"{k} = {v!r}".replace("'", '"'))
    p.write_text("\n".join(lines) + "\n")
    written = files.compute(ASEM / "ASEM_iData.csv", ASEM / "ASEM_iMeta.csv", p, tmp_path / "o")
    names = {w.name for w in written}
    assert names == {
        "Raw.csv",
        "Denominated.csv",
        "Imputed.csv",
        "Screened.csv",
        "Treated.csv",
        "Normalised.csv",
        "Aggregated.csv",
        "results.csv",
        "treatment.csv",
    }
    agg = pd.read_csv(tmp_path / "o" / "Aggregated.csv")
    assert agg.columns[0] == "uCode" and "Index" in agg.columns and "LPI" in agg.columns
    res = pd.read_csv(tmp_path / "o" / "results.csv")
    assert res.loc[0, "uCode"] == "CHE" and res.loc[0, "Index"] == pytest.approx(68.38, abs=5e-3)
