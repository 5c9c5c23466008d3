"""Uncertainty and sensitivity analysis: vectorised evaluation equals rebuilding, rank statistics
are stable across seeds, sensitivity indices are sensible."""

import numpy as np
import pytest

from i4region.compute.index import asem as example
from i4region.compute.index import uncertainty
from i4region.compute.index.pipeline import Index
from i4region.compute.index.uncertainty import (
    UncertainInput,
    evaluate,
    make_design,
    run_sensitivity,
    run_uncertainty,
    sa_estimate,
)

INPUTS = example.inputs()


@pytest.fixture(scope="module")
def coin(asem):
    return Index.from_specs(asem, example.pipeline())


def test_vectorised_draws_equal_full_rebuilds(coin):
    rng = np.random.default_rng(7)
    design = make_design(coin, INPUTS, rng.random((12, 4)), rng, 12)
    scores = evaluate(coin, INPUTS, design)
    for d in range(12):
        c = design.choice[d]
        changes = {
            "treat.winmax": INPUTS[0].values[c[0]],
            "normalise": INPUTS[1].values[c[1]],
            "aggregate.method": INPUTS[3].values[c[3]],
        }
        cols = list(coin.datasets["Aggregated"].columns)
        mult = design.pools[2][c[2]]
        base = coin.data.structure.weights
        changes["aggregate.weights"] = {k: w * mult[cols.index(k)] for k, w in base.items()}
        again = coin.rebuild(changes).datasets["Aggregated"].col("Index")
        np.testing.assert_allclose(scores[d], again, rtol=1e-13)


def test_ua_rank_stats_stable_across_seeds(coin):
    a = run_uncertainty(coin, INPUTS, 400, seed=1).rank_stats
    b = run_uncertainty(coin, INPUTS, 400, seed=2).rank_stats
    np.testing.assert_array_equal(a["Nominal"], b["Nominal"])
    assert np.abs(a["Mean"] - b["Mean"]).max() < 1.5
    assert np.corrcoef(a["Median"], b["Median"])[0, 1] > 0.99
    assert (a["Q5"] <= a["Median"]).all() and (a["Median"] <= a["Q95"]).all()
    assert a.loc[a["uCode"] == "CHE", "Median"].item() <= 3


def test_ua_without_uncertainty_reproduces_nominal(coin):
    fixed = [UncertainInput("W", "treat.winmax", values=(5,))]
    res = run_uncertainty(coin, fixed, 20, seed=3).rank_stats
    np.testing.assert_array_equal(res["Q5"], res["Nominal"])
    np.testing.assert_array_equal(res["Q95"], res["Nominal"])


def test_sa_indices_sensible(coin):
    inputs = [INPUTS[1], INPUTS[3], UncertainInput("Dummy", "treat.winmax", values=(5, 5))]
    res = run_sensitivity(coin, inputs, 150, seed=1, nboot=200).sensitivity.set_index("Variable")
    assert res.loc["Dummy", "Si"] == pytest.approx(0, abs=1e-12)
    assert res.loc["Dummy", "STi"] == pytest.approx(0, abs=1e-12)
    for v in ("Normalisation", "Aggregation"):
        assert res.loc[v, "STi"] > 0.05
        assert res.loc[v, "STi_q5"] <= res.loc[v, "STi"] <= res.loc[v, "STi_q95"]


def test_sa_estimator_on_additive_function():
    # y = x1 + 2 x2 + 3 x3 on uniforms: S_i = i^2 / 14, and S_i = ST_i for an additive model
    rng = np.random.default_rng(0)
    n, d = 20000, 3
    base = rng.random((n, 2 * d))
    a, b = base[:, :d], base[:, d:]
    rows = [a, b] + [np.where(np.arange(d) == i, b, a) for i in range(d)]
    x = np.vstack(rows)
    y = x @ np.array([1.0, 2.0, 3.0])
    res = sa_estimate(y, n, d, 0, rng)
    np.testing.assert_allclose(res["Si"], np.array([1, 4, 9]) / 14, atol=0.03)
    np.testing.assert_allclose(res["STi"], np.array([1, 4, 9]) / 14, atol=0.03)


def test_batches_and_progress_change_no_draw(coin, monkeypatch):
    whole = run_uncertainty(coin, INPUTS, 300, seed=3)
    monkeypatch.setattr(uncertainty, "BATCH", 7)
    calls = []
    batched = run_uncertainty(coin, INPUTS, 300, seed=3, progress=lambda d, n: calls.append(d))
    np.testing.assert_array_equal(batched.scores, whole.scores)
    assert len(calls) > 300 // 7 and calls == sorted(calls) and calls[-1] <= 300
