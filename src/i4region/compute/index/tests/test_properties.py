"""Property tests for every normaliser and aggregator."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from i4region.compute.index.steps.aggregate import aggregate_group
from i4region.compute.index.steps.normalise import normalise_vector

values = st.lists(st.floats(0.5, 1000, allow_nan=False), min_size=4, max_size=25, unique=True)

SPECS = {
    "minmax": {"method": "minmax", "range": (0.0, 100.0)},
    "zscore": {"method": "zscore", "mean": 10.0, "sd": 2.0},
    "scaled": {"method": "scaled", "lower": 0.0, "upper": 1000.0},
    "rank": {"method": "rank"},
    "borda": {"method": "borda"},
    "prank": {"method": "prank"},
    "percentile": {"method": "percentile"},
    "fracmax": {"method": "fracmax"},
    "dist2max": {"method": "dist2max"},
    "dist2ref": {"method": "dist2ref", "ref": "u0", "cap_max": False},
    "goalposts": {
        "method": "goalposts",
        "lower": -1000.0,
        "upper": 1000.0,
        "scale": 100.0,
        "trunc2posts": True,
    },
    "ratio": {"method": "ratio", "to": "mean"},
    "reldiff": {"method": "reldiff", "to": "mean"},
}


def _spec(name, x, direction):
    """dist2ref needs a reference above the minimum: take the best unit."""
    if name == "dist2ref":
        return {**SPECS[name], "ref": f"u{int(np.nanargmax(np.asarray(x) * direction))}"}
    return SPECS[name]


def _norm(x, name, direction):
    ucodes = np.array([f"u{i}" for i in range(len(x))], dtype=object)
    return normalise_vector(np.array(x), _spec(name, x, direction), direction, ucodes)


@pytest.mark.parametrize("name", sorted(SPECS))
@given(xs=values)
@settings(max_examples=40, deadline=None)
def test_normaliser_monotone_in_direction(name, xs):
    if name in ("fracmax", "ratio", "reldiff"):  # ratios need positive values: Direction 1
        directions = (1.0,)
    else:
        directions = (1.0, -1.0)
    x = np.array(xs)
    order = np.argsort(x)
    for d in directions:
        y = _norm(x, name, d)[order]
        steps = np.diff(y)
        assert (steps * d >= -1e-9).all(), (d, y)


@pytest.mark.parametrize("name", sorted(SPECS))
@given(xs=values, data=st.data())
@settings(max_examples=25, deadline=None)
def test_normaliser_invariant_to_unit_order(name, xs, data):
    x = np.array(xs)
    perm = np.array(data.draw(st.permutations(range(len(x)))))
    ucodes = np.array([f"u{i}" for i in range(len(x))], dtype=object)
    y = normalise_vector(x, _spec(name, x, 1.0), 1.0, ucodes)
    yp = normalise_vector(x[perm], _spec(name, x, 1.0), 1.0, ucodes[perm])
    np.testing.assert_allclose(yp, y[perm], rtol=1e-12, atol=1e-12)


def test_normalisers_keep_missing_missing():
    x = np.array([1.0, np.nan, 3.0, 7.0])
    for name in SPECS:
        assert np.isnan(_norm(x, name, 1.0)[1]), name


METHODS = [
    ("amean", None),
    ("gmean", None),
    ("hmean", None),
    ("genmean", 2.0),
    ("genmean", -1.0),
    ("genmean", 0.5),
]
weights = st.floats(0.1, 10)
# children and their weights, of the same length (2 to 8)
weighted = st.integers(2, 8).flatmap(
    lambda k: st.tuples(
        st.lists(st.floats(1, 100, allow_nan=False), min_size=k, max_size=k),
        st.lists(weights, min_size=k, max_size=k),
    )
)


def each_method(**draws):
    """A property of every aggregation method, drawn for children, weights and ``draws``."""

    def wrap(test):
        test = given(xw=weighted, **draws)(test)
        test = settings(max_examples=40, deadline=None)(test)
        return pytest.mark.parametrize(("method", "p"), METHODS)(test)

    return wrap


@each_method(bump=st.floats(0.01, 50))
def test_aggregator_monotone_in_each_child(method, p, xw, bump):
    x, wts = (np.array(v) for v in xw)
    y0, _ = aggregate_group(x[None, :], wts, method, p)
    for j in range(len(x)):
        x1 = x.copy()
        x1[j] += bump
        y1, _ = aggregate_group(x1[None, :], wts, method, p)
        assert y1[0] >= y0[0] - 1e-9


@each_method(scale=st.floats(0.1, 10), w=st.data())
def test_aggregator_renormalises_weights_around_missing(method, p, xw, scale, w):
    x, wts = (np.array(v) for v in xw)
    k = len(x)
    drop = w.draw(st.integers(0, k - 1))
    with_nan = x.copy()
    with_nan[drop] = np.nan
    keep = np.arange(k) != drop
    y_nan, _ = aggregate_group(with_nan[None, :], wts, method, p)
    y_sub, _ = aggregate_group(x[keep][None, :], wts[keep] * scale, method, p)
    assert y_nan[0] == pytest.approx(y_sub[0], rel=1e-12)
    lo, hi = x[keep].min(), x[keep].max()
    assert lo - 1e-9 <= y_nan[0] <= hi + 1e-9


def test_unit_with_no_children_is_missing():
    x = np.array([[1.0, 2.0], [np.nan, np.nan]])
    for method, p in METHODS + [("copeland", None)]:
        y, _ = aggregate_group(x, np.array([1.0, 1.0]), method, p)
        assert np.isnan(y[1]) and not np.isnan(y[0])


@pytest.mark.parametrize(("method", "p"), [*METHODS, ("copeland", None)])
@given(data=st.data())
@settings(max_examples=25, deadline=None)
def test_aggregator_invariant_to_unit_order(method, p, data):
    n = data.draw(st.integers(3, 8))
    k = data.draw(st.integers(2, 5))
    x = np.array(data.draw(st.lists(st.floats(1, 100), min_size=n * k, max_size=n * k)))
    x = x.reshape(n, k)
    wts = np.array(data.draw(st.lists(weights, min_size=k, max_size=k)))
    perm = np.array(data.draw(st.permutations(range(n))))
    y, _ = aggregate_group(x, wts, method, p)
    yp, _ = aggregate_group(x[perm], wts, method, p)
    np.testing.assert_allclose(yp, y[perm], rtol=1e-12)


def test_geometric_mean_flags_non_positive_values():
    _, bad = aggregate_group(np.array([[0.0, 2.0]]), np.array([1.0, 1.0]), "gmean")
    assert bad.all()
    _, bad = aggregate_group(np.array([[0.0, 2.0]]), np.array([1.0, 1.0]), "amean")
    assert not bad.any()


def test_copeland_counts_pairwise_wins():
    x = np.array([[3.0, 3.0], [2.0, 2.0], [1.0, 1.0], [2.0, 2.0]])
    y, _ = aggregate_group(x, np.array([1.0, 1.0]), "copeland")
    np.testing.assert_array_equal(y, [3, 0, -3, 0])


@given(data=st.data())
@settings(max_examples=20, deadline=None)
def test_batched_aggregation_equals_one_by_one(data):
    n, k, d = 6, 4, 5
    x = np.array(data.draw(st.lists(st.floats(1, 100), min_size=n * k, max_size=n * k)))
    x = x.reshape(n, k)
    w = np.array(data.draw(st.lists(weights, min_size=d * k, max_size=d * k))).reshape(d, k)
    for method, p in METHODS:
        batch, _ = aggregate_group(x, w, method, p)
        for i in range(d):
            single, _ = aggregate_group(x, w[i], method, p)
            np.testing.assert_array_equal(batch[i], single)
