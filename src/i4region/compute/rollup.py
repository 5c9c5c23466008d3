"""Progress of a strategy that rolls up: targets → measures → priorities → the strategy.

Like Open SDG's goal-level summary, the result at every level is a count of assessed items per
status, never a single invented score: a priority with three targets on track and one
deteriorating shows exactly that, so nobody can average a failure away.

Rules, stated once so every page, export and report agrees:

* a target's Open SDG progress status (``compute.progress``) falls into one bucket: target achieved
  and substantial progress are ``on_track``; moderate progress is ``moderate``; limited progress is
  ``limited``; deterioration is ``deteriorating``; a target whose status cannot be computed (no
  baseline, no later value) is ``insufficient_data``. Limited progress keeps its own bucket, as in
  Open SDG, instead of being folded into "moderate" (flattering) or "deteriorating" (false);
* a measure with targets counts each target once; its actions do not change that count;
* a measure with no target but with actions counts once, judged from its actions: the weighted
  progress achieved against the weighted progress due by ``as_of`` (each action's share of its
  start → due period that has elapsed). The ratio uses Open SDG's thresholds (0.95 and 0.6):
  at or above 0.95 on track, at or above 0.6 moderate, below that limited. Nothing due yet or
  everything done is on track. Dropped actions are left out; actions without both dates cannot be
  judged, and a measure whose actions all lack dates is ``insufficient_data``;
* a measure with neither targets nor actions counts once as ``insufficient_data`` and is flagged;
* a priority sums its measures; one with no measure counts nothing and is flagged as a gap;
* the strategy sums its priorities and carries every flag up.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date

from .progress import (
    DETERIORATION,
    LIMITED_PROGRESS,
    MODERATE_PROGRESS,
    MODERATE_THRESHOLD,
    SUBSTANTIAL_PROGRESS,
    SUBSTANTIAL_THRESHOLD,
    TARGET_ACHIEVED,
)

ON_TRACK = "on_track"
MODERATE = "moderate"
LIMITED = "limited"
DETERIORATING = "deteriorating"
INSUFFICIENT_DATA = "insufficient_data"
BUCKETS = (ON_TRACK, MODERATE, LIMITED, DETERIORATING, INSUFFICIENT_DATA)

BUCKET_OF_STATUS: Mapping[str, str] = {
    TARGET_ACHIEVED: ON_TRACK,
    SUBSTANTIAL_PROGRESS: ON_TRACK,
    MODERATE_PROGRESS: MODERATE,
    LIMITED_PROGRESS: LIMITED,
    DETERIORATION: DETERIORATING,
}

# Gap flags (codes; pages translate them).
NO_MEASURE = "no_measure"
NO_EVIDENCE = "measure_without_target_or_action"

FROM_TARGETS = "targets"
FROM_ACTIONS = "actions"
FROM_NOTHING = "nothing"


@dataclass(frozen=True)
class ActionProgress:
    """One action serving a measure: percent done (0–100), its weight and its planned period."""

    progress: float
    weight: float = 1.0
    start: date | None = None
    due: date | None = None
    dropped: bool = False

    def __post_init__(self) -> None:
        if not 0 <= self.progress <= 100:
            raise ValueError(f"progress must be between 0 and 100, got {self.progress!r}")
        if self.weight < 0:
            raise ValueError(f"weight must be >= 0, got {self.weight!r}")
        if self.start and self.due and self.due < self.start:
            raise ValueError(f"due date {self.due} is before start {self.start}")

    def due_share(self, as_of: date) -> float | None:
        """Share of the work that should be done by ``as_of`` (0–1), None without both dates."""
        if self.start is None or self.due is None:
            return None
        if as_of >= self.due:
            return 1.0
        if as_of <= self.start:
            return 0.0
        return (as_of - self.start).days / (self.due - self.start).days


@dataclass(frozen=True)
class MeasureInput:
    """A measure: the Open SDG status of each of its targets (None: not computable) and actions."""

    key: str
    target_statuses: tuple[str | None, ...] = ()
    actions: tuple[ActionProgress, ...] = ()


@dataclass(frozen=True)
class PriorityInput:
    key: str
    measures: tuple[MeasureInput, ...] = ()


@dataclass(frozen=True)
class Summary:
    """Count of assessed items per bucket, how they were assessed, and the gaps found."""

    counts: Mapping[str, int]
    from_targets: int = 0
    from_actions: int = 0
    gaps: tuple[tuple[str, str], ...] = field(default=())  # (flag, key of the record)

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    def ordered(self) -> list[tuple[str, int]]:
        """(bucket, count) in the fixed order of BUCKETS, zeros included."""
        return [(b, self.counts.get(b, 0)) for b in BUCKETS]


def bucket(status: str | None) -> str:
    """The bucket of one Open SDG progress status (None: it could not be computed)."""
    if status is None:
        return INSUFFICIENT_DATA
    try:
        return BUCKET_OF_STATUS[status]
    except KeyError:
        raise ValueError(f"unknown progress status {status!r}") from None


def actions_bucket(actions: Iterable[ActionProgress], as_of: date) -> str:
    """One bucket for a set of actions: weighted progress achieved against progress due."""
    done = due = total = 0.0
    for action in actions:
        share = action.due_share(as_of)
        if action.dropped or share is None or action.weight == 0:
            continue
        total += action.weight
        done += action.weight * action.progress / 100
        due += action.weight * share
    if total == 0:
        return INSUFFICIENT_DATA
    if due == 0 or done >= total:
        return ON_TRACK
    ratio = done / due
    if ratio >= SUBSTANTIAL_THRESHOLD:
        return ON_TRACK
    if ratio >= MODERATE_THRESHOLD:
        return MODERATE
    return LIMITED


def _add(*summaries: Summary, gaps: tuple[tuple[str, str], ...] = ()) -> Summary:
    counts = dict.fromkeys(BUCKETS, 0)
    for s in summaries:
        for b, n in s.counts.items():
            counts[b] += n
    return Summary(
        counts=counts,
        from_targets=sum(s.from_targets for s in summaries),
        from_actions=sum(s.from_actions for s in summaries),
        gaps=tuple(g for s in summaries for g in s.gaps) + gaps,
    )


def measure_summary(measure: MeasureInput, as_of: date) -> Summary:
    """A measure's counts: its targets, else its actions, else one item of insufficient data."""
    counts = dict.fromkeys(BUCKETS, 0)
    if measure.target_statuses:
        for status in measure.target_statuses:
            counts[bucket(status)] += 1
        return Summary(counts, from_targets=len(measure.target_statuses))
    live = [a for a in measure.actions if not a.dropped]
    if live:
        counts[actions_bucket(live, as_of)] += 1
        return Summary(counts, from_actions=1)
    counts[INSUFFICIENT_DATA] += 1
    return Summary(counts, gaps=((NO_EVIDENCE, measure.key),))


def priority_summary(priority: PriorityInput, as_of: date) -> Summary:
    """A priority's counts are its measures' counts; no measure at all is a gap."""
    if not priority.measures:
        return _add(gaps=((NO_MEASURE, priority.key),))
    return _add(*(measure_summary(m, as_of) for m in priority.measures))


def strategy_summary(priorities: Iterable[PriorityInput], as_of: date) -> Summary:
    """The strategy's counts are its priorities' counts, with every gap carried up."""
    return _add(*(priority_summary(p, as_of) for p in priorities))
