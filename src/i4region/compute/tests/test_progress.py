"""Hand-worked cases for the Open SDG progress measure."""

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from i4region.compute.progress import (
    DETERIORATION,
    LIMITED_PROGRESS,
    MODERATE_PROGRESS,
    SUBSTANTIAL_PROGRESS,
    TARGET_ACHIEVED,
    progress_status,
)

ORDER = [DETERIORATION, LIMITED_PROGRESS, MODERATE_PROGRESS, SUBSTANTIAL_PROGRESS, TARGET_ACHIEVED]


def test_higher_is_better_moderate():
    # CAGR_o = 1.1**(1/5) - 1 = 0.019245; CAGR_r = 1.5**(1/15) - 1 = 0.027400; R = 0.7024
    r = progress_status(2015, 100, 2020, 110, 2030, 150, "higher")
    assert r.observed_growth == pytest.approx(0.019245, abs=1e-6)
    assert r.required_growth == pytest.approx(0.027400, abs=1e-6)
    assert r.ratio == pytest.approx(0.70237, abs=1e-5)
    assert r.status == MODERATE_PROGRESS
    assert r.distance_to_target == 40
    assert r.label("lt") == "Vidutinė pažanga"


def test_lower_is_better_substantial():
    # CAGR_o = 0.75**(1/5) - 1 = -0.055912; CAGR_r = 0.5**(1/15) - 1 = -0.045158; R = 1.2381
    r = progress_status(2015, 20, 2020, 15, 2030, 10, "lower")
    assert r.observed_growth == pytest.approx(-0.055912, abs=1e-6)
    assert r.required_growth == pytest.approx(-0.045158, abs=1e-6)
    assert r.ratio == pytest.approx(1.2381, abs=1e-4)
    assert r.status == SUBSTANTIAL_PROGRESS


def test_limited_and_deterioration():
    # 1.01**(1/5) - 1 = 0.001992; R = 0.001992 / 0.027400 = 0.0727
    assert progress_status(2015, 100, 2020, 101, 2030, 150, "higher").status == LIMITED_PROGRESS
    r = progress_status(2015, 100, 2020, 90, 2030, 150, "higher")
    assert r.status == DETERIORATION
    assert r.ratio < 0


def test_target_achieved_either_direction():
    r = progress_status(2015, 100, 2020, 160, 2030, 150, "positive")
    assert (r.status, r.distance_to_target, r.ratio) == (TARGET_ACHIEVED, 0.0, None)
    assert progress_status(2015, 20, 2020, 10, 2030, 10, "lower").status == TARGET_ACHIEVED


def test_negative_values_use_sign():
    # net migration -10 -> -8, target -2, higher is better: moving towards the target.
    # CAGR_o = 0.8**(1/5) - 1 = -0.043648; CAGR_r = 0.2**(1/15) - 1 = -0.101740; R = 0.42901
    r = progress_status(2015, -10, 2020, -8, 2030, -2, "higher")
    assert r.ratio == pytest.approx(0.42901, abs=1e-5)
    assert r.status == LIMITED_PROGRESS


def test_zero_target_is_replaced_like_sdg_build():
    # target 0 -> 0.001; CAGR_r = 1e-4**(1/15) - 1 = -0.458830; CAGR_o = 0.5**0.2 - 1 = -0.129449
    r = progress_status(2015, 10, 2020, 5, 2030, 0, "lower")
    assert r.required_growth == pytest.approx(-0.458830, abs=1e-6)
    assert r.ratio == pytest.approx(0.28213, abs=1e-5)
    assert r.status == LIMITED_PROGRESS
    assert any("target of zero" in n for n in r.notes)


def test_baseline_met_then_lost_is_deterioration():
    r = progress_status(2015, 150, 2020, 140, 2030, 150, "higher")
    assert r.status == DETERIORATION
    assert r.required_growth == 0
    assert r.ratio is None


def test_exact_targets():
    assert progress_status(2015, 2, 2020, 5, 2030, 5, "exact").status == TARGET_ACHIEVED
    assert (
        progress_status(2015, 2, 2020, 5.2, 2030, 5, "exact", tolerance=0.25).status
        == TARGET_ACHIEVED
    )
    # 5.5 overshoots by 0.5: judged as 4.5. CAGR_o = 2.25**(1/5) - 1 = 0.176079,
    # CAGR_r = 2.5**(1/15) - 1 = 0.062991: R = 2.795 -> substantial
    r = progress_status(2015, 2, 2020, 5.5, 2030, 5, "exact")
    assert r.status == SUBSTANTIAL_PROGRESS
    assert r.distance_to_target == pytest.approx(0.5)
    # 9 is further from 5 than the baseline 2 was (reflected: 1)
    assert progress_status(2015, 2, 2020, 9, 2030, 5, "exact").status == DETERIORATION
    assert progress_status(2015, 2, 2020, 11, 2030, 5, "exact").status == DETERIORATION
    # from above: 8 -> 6 towards 5
    assert progress_status(2015, 8, 2020, 6, 2030, 5, "exact").status == SUBSTANTIAL_PROGRESS
    # baseline on target, then moved away
    assert progress_status(2015, 5, 2020, 6, 2030, 5, "exact").status == DETERIORATION


@pytest.mark.parametrize(
    "args, message",
    [
        ((2020, 100, 2020, 110, 2030, 150, "higher"), "current_year"),
        ((2015, 100, 2014, 110, 2030, 150, "higher"), "current_year"),
        ((2015, 100, 2020, 110, 2015, 150, "higher"), "target_year"),
        ((2015, 100, 2020, 110, 2030, 150, "up"), "direction"),
        ((2015, math.nan, 2020, 110, 2030, 150, "higher"), "baseline_value"),
        ((2015, 100, 2020, math.inf, 2030, 150, "higher"), "current_value"),
        ((2015, 10, 2020, -5, 2030, 50, "higher"), "same sign"),
        ((2015, -10, 2020, -5, 2030, 50, "higher"), "same sign"),
        ((2015.5, 10, 2020, 5, 2030, 50, "higher"), "integer year"),
    ],
)
def test_impossible_inputs_raise(args, message):
    with pytest.raises(ValueError, match=message):
        progress_status(*args)


def test_negative_tolerance_rejected():
    with pytest.raises(ValueError, match="tolerance"):
        progress_status(2015, 2, 2020, 3, 2030, 5, "exact", tolerance=-1)


@given(
    a=st.floats(min_value=1, max_value=1000),
    b=st.floats(min_value=1, max_value=1000),
)
def test_status_never_worse_for_a_better_current_value(a, b):
    low, high = sorted((a, b))
    s_low = progress_status(2015, 100, 2020, low, 2030, 500, "higher").status
    s_high = progress_status(2015, 100, 2020, high, 2030, 500, "higher").status
    assert ORDER.index(s_high) >= ORDER.index(s_low)
