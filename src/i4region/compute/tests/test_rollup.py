"""Hand-made cases for the strategy roll-up: counts per status at every level, gaps flagged."""

from datetime import date

import pytest

from i4region.compute import rollup
from i4region.compute.progress import (
    DETERIORATION,
    LIMITED_PROGRESS,
    MODERATE_PROGRESS,
    SUBSTANTIAL_PROGRESS,
    TARGET_ACHIEVED,
)
from i4region.compute.rollup import (
    DETERIORATING,
    INSUFFICIENT_DATA,
    LIMITED,
    MODERATE,
    NO_EVIDENCE,
    NO_MEASURE,
    ON_TRACK,
    ActionProgress,
    MeasureInput,
    PriorityInput,
)

AS_OF = date(2026, 7, 2)
YEAR = (date(2026, 1, 1), date(2026, 12, 31))  # 2 July is half-way through it


def counts(summary) -> dict[str, int]:
    return {b: n for b, n in summary.ordered() if n}


def test_all_targets_on_track():
    measure = MeasureInput("m1", (TARGET_ACHIEVED, SUBSTANTIAL_PROGRESS, SUBSTANTIAL_PROGRESS))
    summary = rollup.priority_summary(PriorityInput("p1", (measure,)), AS_OF)
    assert counts(summary) == {ON_TRACK: 3}
    assert summary.from_targets == 3 and summary.gaps == ()


def test_one_deteriorating_target_is_counted_not_averaged_away():
    good = MeasureInput("m1", (SUBSTANTIAL_PROGRESS, SUBSTANTIAL_PROGRESS))
    bad = MeasureInput("m2", (DETERIORATION, MODERATE_PROGRESS))
    summary = rollup.priority_summary(PriorityInput("p1", (good, bad)), AS_OF)
    assert counts(summary) == {ON_TRACK: 2, MODERATE: 1, DETERIORATING: 1}
    assert summary.total == 4


def test_limited_progress_keeps_its_own_bucket():
    summary = rollup.measure_summary(MeasureInput("m", (LIMITED_PROGRESS,)), AS_OF)
    assert counts(summary) == {LIMITED: 1}


def test_measure_without_target_but_actions_half_done_half_way_is_on_track():
    actions = (
        ActionProgress(50, start=YEAR[0], due=YEAR[1]),
        ActionProgress(50, weight=3, start=YEAR[0], due=YEAR[1]),
    )
    summary = rollup.measure_summary(MeasureInput("m", (), actions), AS_OF)
    assert counts(summary) == {ON_TRACK: 1}
    assert summary.from_actions == 1 and summary.from_targets == 0


def test_actions_at_50_percent_when_everything_is_due_are_limited():
    actions = (ActionProgress(50, start=YEAR[0], due=YEAR[1]),)
    summary = rollup.measure_summary(MeasureInput("m", (), actions), date(2027, 1, 15))
    assert counts(summary) == {LIMITED: 1}


def test_actions_at_70_percent_of_what_is_due_are_moderate():
    actions = (ActionProgress(35, start=YEAR[0], due=YEAR[1]),)
    assert rollup.actions_bucket(actions, AS_OF) == MODERATE


def test_targets_win_over_actions():
    behind = (ActionProgress(0, start=YEAR[0], due=YEAR[1]),)
    summary = rollup.measure_summary(MeasureInput("m", (TARGET_ACHIEVED,), behind), AS_OF)
    assert counts(summary) == {ON_TRACK: 1} and summary.from_actions == 0


def test_dropped_and_undated_actions_give_insufficient_data():
    actions = (
        ActionProgress(80),  # no dates: cannot be judged
        ActionProgress(10, start=YEAR[0], due=YEAR[1], dropped=True),
    )
    summary = rollup.measure_summary(MeasureInput("m", (), actions), AS_OF)
    assert counts(summary) == {INSUFFICIENT_DATA: 1}


def test_target_without_computable_status_is_insufficient_data():
    measure = MeasureInput("m", (None, SUBSTANTIAL_PROGRESS))
    summary = rollup.measure_summary(measure, AS_OF)
    assert counts(summary) == {INSUFFICIENT_DATA: 1, ON_TRACK: 1}


def test_measure_with_nothing_is_insufficient_data_and_flagged():
    summary = rollup.measure_summary(MeasureInput("m9"), AS_OF)
    assert counts(summary) == {INSUFFICIENT_DATA: 1}
    assert summary.gaps == ((NO_EVIDENCE, "m9"),)


def test_priority_with_no_measure_is_a_gap_and_counts_nothing():
    summary = rollup.priority_summary(PriorityInput("p7"), AS_OF)
    assert summary.total == 0
    assert summary.gaps == ((NO_MEASURE, "p7"),)


def test_strategy_sums_priorities_and_carries_every_gap_up():
    p1 = PriorityInput("p1", (MeasureInput("m1", (SUBSTANTIAL_PROGRESS, DETERIORATION)),))
    p2 = PriorityInput("p2")
    p3 = PriorityInput("p3", (MeasureInput("m3", (None,)), MeasureInput("m4")))
    summary = rollup.strategy_summary([p1, p2, p3], AS_OF)
    assert counts(summary) == {ON_TRACK: 1, DETERIORATING: 1, INSUFFICIENT_DATA: 2}
    assert set(summary.gaps) == {(NO_MEASURE, "p2"), (NO_EVIDENCE, "m4")}
    assert [b for b, _ in summary.ordered()] == list(rollup.BUCKETS)


def test_nothing_due_yet_is_on_track():
    actions = (ActionProgress(0, start=date(2027, 1, 1), due=date(2027, 6, 30)),)
    assert rollup.actions_bucket(actions, AS_OF) == ON_TRACK


@pytest.mark.parametrize(
    "kwargs",
    [
        {"progress": 120},
        {"progress": -1},
        {"progress": 10, "weight": -1},
        {"progress": 10, "start": date(2026, 5, 1), "due": date(2026, 4, 1)},
    ],
)
def test_impossible_actions_are_refused(kwargs):
    with pytest.raises(ValueError):
        ActionProgress(**kwargs)


def test_unknown_status_is_refused():
    with pytest.raises(ValueError, match="unknown progress status"):
        rollup.bucket("fine")
