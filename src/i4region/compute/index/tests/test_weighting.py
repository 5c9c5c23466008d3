"""Benefit-of-the-doubt and factor-analysis weights on the Handbook's TAI data (Table A.2).

BoD scores are checked against the dual (envelopment) linear programme solved independently;
the factor analysis against the Handbook's Table 16 (eigenvalues) and Table 17 (the Patents row
of the rotated loadings, 0.07 0.97 0.06 0.06, and of the squared loadings scaled to unity sum,
0.00 0.67 0.00 0.00), as printed.
"""

import numpy as np
import pandas as pd
import pytest
from scipy.optimize import linprog

from i4region.compute.index.weighting import (
    WeightingError,
    benefit_of_the_doubt,
    factor_analysis,
)

from .conftest import DATA


@pytest.fixture(scope="module")
def tai() -> pd.DataFrame:
    return pd.read_csv(DATA / "tai_raw_23.csv").set_index("Country").drop(columns="Rank_UNDP_TAI")


@pytest.fixture(scope="module")
def minmax(tai) -> np.ndarray:
    x = tai.to_numpy(float)
    return (x - x.min(axis=0)) / (x.max(axis=0) - x.min(axis=0))


@pytest.fixture(scope="module")
def to_best(tai) -> np.ndarray:
    """Ratio to the best value: positive everywhere, so pie-share bounds can apply."""
    x = tai.to_numpy(float)
    return x / x.max(axis=0)


def _envelopment(y: np.ndarray, c: int) -> float:
    """The dual of unit c's BoD programme: min Σλ subject to Σ_j λ_j·y_j ≥ y_c, λ ≥ 0."""
    res = linprog(
        np.ones(len(y)), A_ub=-y.T, b_ub=-y[c], bounds=[(0, None)] * len(y), method="highs-ipm"
    )
    assert res.status == 0
    return res.fun


def test_bod_scores_equal_the_dual_linear_programme(minmax):
    result = benefit_of_the_doubt(minmax)
    dual = np.array([_envelopment(minmax, c) for c in range(len(minmax))])
    np.testing.assert_allclose(result.scores, dual, rtol=0, atol=1e-9)
    # every unit's own weights give it its score, and nobody more than 1 with them
    np.testing.assert_allclose((result.weights * minmax).sum(axis=1), result.scores, atol=1e-9)
    assert ((result.weights @ minmax.T) <= 1 + 1e-9).all()
    assert result.scores.max() == pytest.approx(1.0)


def test_pie_share_bounds_hold_and_can_only_lower_a_score(to_best):
    free = benefit_of_the_doubt(to_best).scores
    bounded = benefit_of_the_doubt(to_best, lower=0.05, upper=0.40)
    shares = bounded.weights * to_best / bounded.scores[:, None]
    assert (shares >= 0.05 - 1e-9).all() and (shares <= 0.40 + 1e-9).all()
    assert (bounded.scores <= free + 1e-9).all()
    assert (bounded.scores < free - 1e-6).any()  # the bounds bite for someone


def test_bod_refuses_what_it_cannot_weigh(minmax):
    with pytest.raises(WeightingError, match="impute"):
        benefit_of_the_doubt(np.where(np.eye(23, 8, dtype=bool), np.nan, minmax))
    with pytest.raises(WeightingError, match="non-negative"):
        benefit_of_the_doubt(minmax - 0.5)
    with pytest.raises(WeightingError, match="lower pie share"):
        benefit_of_the_doubt(minmax, lower=0.2)
    with pytest.raises(WeightingError, match="positive values"):
        benefit_of_the_doubt(minmax, lower=0.05)


def test_factor_analysis_reproduces_the_handbook_tables(tai):
    fa = factor_analysis(tai.to_numpy(float))
    # Table 16, as printed (3.354 as 3.3, 0.985 as 1.0: within 0.06)
    np.testing.assert_allclose(fa.eigenvalues[:4], [3.3, 1.7, 1.0, 0.9], atol=0.06)
    np.testing.assert_allclose(100 * fa.variance_share[:4], [41.9, 21.8, 12.3, 11.1], atol=0.15)
    assert fa.loadings.shape == (8, 4)  # four factors, as the Handbook keeps
    patents = list(tai.columns).index("Patents")
    loadings = sorted(np.abs(fa.loadings[patents]).tolist(), reverse=True)
    # Table 17: 0.97 on one factor; the book's 0.07 0.06 0.06 elsewhere come out as
    # 0.063 0.060 0.057 here (another program's varimax), below 0.1 as the table says
    assert round(loadings[0], 2) == 0.97
    assert max(loadings[1:]) < 0.1
    assert np.round(fa.scaled_squared[patents].max(), 2) == 0.67
    assert np.round(np.sort(fa.scaled_squared[patents])[:3], 2).tolist() == [0.0, 0.0, 0.0]


def test_factor_analysis_weights_follow_the_handbook_procedure(tai):
    fa = factor_analysis(tai.to_numpy(float))
    assert fa.weights.sum() == pytest.approx(1.0)
    np.testing.assert_allclose(fa.scaled_squared.sum(axis=0), 1.0)
    k = len(fa.weights)
    rows = np.arange(k)
    expected = fa.scaled_squared[rows, fa.factor_of] * fa.factor_share[fa.factor_of]
    np.testing.assert_allclose(fa.weights, expected / expected.sum())
    # each factor carries at least one indicator
    assert set(fa.factor_of.tolist()) == set(range(fa.loadings.shape[1]))


def test_factor_analysis_needs_more_units_than_indicators(tai):
    with pytest.raises(WeightingError, match="more units"):
        factor_analysis(tai.to_numpy(float)[:5])


# --------------------------------------------------------------------------- as pipeline steps

STEPS = [
    {"op": "denominate"},
    {"op": "impute", "method": "mean_group", "group": "EurAsia_group"},
    {"op": "treat", "winmax": 5},
    {"op": "normalise", "method": "minmax", "range": [1, 100]},
]


def test_bod_aggregates_each_group_as_its_own_frontier(asem):
    from i4region.compute.index.pipeline import Index

    index = Index.from_specs(asem, [*STEPS, {"op": "aggregate", "method": "bod"}])
    top = index.dataset("Aggregated")[asem.structure.levels[asem.structure.max_level][0]]
    assert top.max() == pytest.approx(1.0)
    assert (top > 0).all() and (top <= 1 + 1e-9).all()
    bounded = Index.from_specs(
        asem, [*STEPS, {"op": "aggregate", "method": "bod", "bod_lower": 0.05}]
    ).dataset("Aggregated")[top.name]
    assert (bounded <= top + 1e-9).all()


def test_fa_weights_are_a_weight_option_of_the_aggregation(asem):
    from i4region.compute.index.pipeline import Index

    index = Index.from_specs(asem, [*STEPS, {"op": "aggregate", "weights": "fa"}])
    used = index.details["Aggregated"]["Weights"]
    groups = {}
    for code in asem.structure.levels[1]:
        groups.setdefault(asem.structure.parent[code], []).append(used[code])
    for weights in groups.values():
        if len(weights) > 1:
            assert sum(weights) == pytest.approx(1.0)


def test_bounds_without_bod_are_refused(asem):
    from i4region.compute.index.pipeline import Index, PipelineError

    with pytest.raises(PipelineError, match="only used by method bod"):
        Index.from_specs(asem, [*STEPS, {"op": "aggregate", "bod_lower": 0.1}])
