"""R-faithful statistics against independent definitions."""

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from scipy import stats

from i4region.compute.index import rstats

finite = st.floats(-1e6, 1e6, allow_nan=False)


@given(st.lists(finite, min_size=4, max_size=40))
def test_skew_kurt_match_type2_estimators(xs):
    x = np.array(xs)
    if np.ptp(x) < 1e-3:
        return
    assert rstats.skew(x) == pytest.approx(stats.skew(x, bias=False), rel=1e-7, abs=1e-7)
    assert rstats.kurt(x) == pytest.approx(stats.kurtosis(x, bias=False), rel=1e-7, abs=1e-7)


def test_skew_ignores_missing_and_needs_three_points():
    assert rstats.skew(np.array([1, 2, np.nan, 10.0])) == pytest.approx(
        stats.skew([1, 2, 10.0], bias=False)
    )
    with pytest.raises(ValueError):
        rstats.skew(np.array([1.0, 2.0]))


@given(st.lists(finite, min_size=2, max_size=40))
def test_mean_sd_median_quantile(xs):
    x = np.array(xs + [np.nan])
    assert rstats.rmean(x) == pytest.approx(np.nanmean(x), rel=1e-12, abs=1e-9)
    assert rstats.rsd(x) == pytest.approx(np.nanstd(x, ddof=1), rel=1e-9, abs=1e-9)
    assert rstats.rmedian(x) == pytest.approx(np.nanmedian(x), rel=1e-12, abs=1e-9)
    for p in (0.05, 0.5, 0.95):
        assert rstats.rquantile(x, p) == pytest.approx(np.nanquantile(x, p), rel=1e-9, abs=1e-9)


def test_ranks_ties_at_minimum_and_missing_kept():
    x = np.array([3.0, np.nan, 1.0, 3.0, 2.0])
    np.testing.assert_array_equal(rstats.rank_desc(x), [1, np.nan, 4, 1, 3])
    np.testing.assert_array_equal(rstats.rank_asc(x), [3, np.nan, 1, 3, 2])


def test_sum_is_sequential_long_double():
    # 1e16 + 1 + 1 - 1e16 is 0 in pairwise double sums but 2 with R's long double accumulator
    assert rstats.rsum(np.array([1e16, 1.0, 1.0, -1e16])) == 2.0
