"""Progress status of an indicator towards a quantitative target, computed as Open SDG does.

Method (Open SDG / sdg-build ``sdg/ProgressMeasure.py``, "methodology 2", itself adopted from
Statistics Canada and inspired by Eurostat's SDG progress assessment):

* observed growth  ``CAGR_o = (current / baseline) ** (1 / (current_year - baseline_year)) - 1``
* required growth  ``CAGR_r = (target / baseline) ** (1 / (target_year - baseline_year)) - 1``
* ratio            ``R = sign * d * CAGR_o / |CAGR_r|`` where ``d`` is +1 when higher is better and
  -1 when lower is better, and ``sign`` is -1 when the baseline is negative (else +1).
* the target counts as achieved when the current value is at or beyond the target in the desired
  direction; otherwise R is compared with sdg-build's default thresholds:

  ========================  ======================
  R >= 0.95                 substantial_progress
  0.60 <= R < 0.95          moderate_progress
  0 <= R < 0.60             limited_progress
  R < 0                     deterioration
  ========================  ======================

Choices where sdg-build leaves a gap (each is recorded in ``ProgressResult.notes``):

* like sdg-build, a zero target or baseline is replaced by 0.001 (with the baseline's sign),
  because a growth rate from or to zero does not exist;
* when the baseline already met the target and the current value no longer does, the required
  growth is zero and R is undefined: the status is ``deterioration``;
* "exact" targets (a value to hold, such as a rate of 5%) are not in sdg-build. The desired
  direction is the one from the baseline towards the target; the target is achieved when the
  current value lies within ``tolerance`` of it; an overshoot is judged by the distance that is
  left, by reflecting the current value about the target.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

SUBSTANTIAL_THRESHOLD = 0.95
MODERATE_THRESHOLD = 0.6
LIMITED_THRESHOLD = 0.0
ZERO_SUBSTITUTE = 0.001

TARGET_ACHIEVED = "target_achieved"
SUBSTANTIAL_PROGRESS = "substantial_progress"
MODERATE_PROGRESS = "moderate_progress"
LIMITED_PROGRESS = "limited_progress"
DETERIORATION = "deterioration"

STATUS_LABELS: dict[str, dict[str, str]] = {
    TARGET_ACHIEVED: {"en": "Target achieved", "lt": "Tikslas pasiektas"},
    SUBSTANTIAL_PROGRESS: {"en": "Substantial progress", "lt": "Didelė pažanga"},
    MODERATE_PROGRESS: {"en": "Moderate progress", "lt": "Vidutinė pažanga"},
    LIMITED_PROGRESS: {"en": "Limited progress", "lt": "Ribota pažanga"},
    DETERIORATION: {"en": "Deterioration", "lt": "Blogėjimas"},
}

_DIRECTIONS = {
    "higher": "higher",
    "higher_is_better": "higher",
    "positive": "higher",
    "lower": "lower",
    "lower_is_better": "lower",
    "negative": "lower",
    "exact": "exact",
}


@dataclass(frozen=True)
class ProgressResult:
    """Outcome of one progress assessment; growth rates are fractions (0.02 = 2% a year)."""

    status: str
    observed_growth: float | None
    required_growth: float | None
    ratio: float | None
    distance_to_target: float
    direction: str
    notes: tuple[str, ...] = field(default=())

    def label(self, language: str = "en") -> str:
        """Human label of the status in ``language`` ("en" or "lt")."""
        return STATUS_LABELS[self.status][language]


def _cagr(value: float, base: float, years: float) -> float:
    return (value / base) ** (1.0 / years) - 1.0


def _status_from_ratio(ratio: float) -> str:
    if ratio >= SUBSTANTIAL_THRESHOLD:
        return SUBSTANTIAL_PROGRESS
    if ratio >= MODERATE_THRESHOLD:
        return MODERATE_PROGRESS
    if ratio >= LIMITED_THRESHOLD:
        return LIMITED_PROGRESS
    return DETERIORATION


class NoGrowthRate(ValueError):
    """The value changes sign between the baseline and the current value (`towards` is
    "current") or the target ("target"): no growth rate exists, so no status either."""

    def __init__(self, message: str, towards: str):
        super().__init__(message)
        self.towards = towards


def _check_inputs(values: dict[str, float], years: dict[str, int]) -> None:
    for name, value in values.items():
        if value is None or not math.isfinite(float(value)):
            raise ValueError(f"{name} must be a finite number, got {value!r}")
    for name, year in years.items():
        if not isinstance(year, int) or isinstance(year, bool):
            raise ValueError(f"{name} must be an integer year, got {year!r}")
    if years["current_year"] <= years["baseline_year"]:
        raise ValueError(
            f"current_year ({years['current_year']}) must be after baseline_year "
            f"({years['baseline_year']}): progress needs two observations"
        )
    if years["target_year"] <= years["baseline_year"]:
        raise ValueError(
            f"target_year ({years['target_year']}) must be after baseline_year "
            f"({years['baseline_year']})"
        )


def progress_status(
    baseline_year: int,
    baseline_value: float,
    current_year: int,
    current_value: float,
    target_year: int,
    target_value: float,
    direction: str,
    tolerance: float = 0.0,
) -> ProgressResult:
    """Classify progress from a baseline towards a target the way Open SDG does (see module doc).

    ``direction`` is "higher" or "lower" (which is better) or "exact"; Open SDG's "positive" and
    "negative" are accepted too. ``tolerance`` is the absolute distance within which an exact
    target counts as achieved. Raises ValueError for inputs with no meaningful growth rate.
    """
    _check_inputs(
        {
            "baseline_value": baseline_value,
            "current_value": current_value,
            "target_value": target_value,
        },
        {"baseline_year": baseline_year, "current_year": current_year, "target_year": target_year},
    )
    if direction not in _DIRECTIONS:
        raise ValueError(f"direction must be one of {sorted(_DIRECTIONS)}, got {direction!r}")
    if tolerance < 0 or not math.isfinite(tolerance):
        raise ValueError(f"tolerance must be a finite number >= 0, got {tolerance!r}")
    kind = _DIRECTIONS[direction]
    base, current, target = float(baseline_value), float(current_value), float(target_value)
    notes: list[str] = []

    if kind == "exact":
        if abs(current - target) <= tolerance:
            return ProgressResult(TARGET_ACHIEVED, None, None, None, 0.0, kind)
        if abs(base - target) <= tolerance:
            notes.append("baseline met the exact target; the current value has moved away")
            return ProgressResult(
                DETERIORATION, None, None, None, abs(current - target), kind, tuple(notes)
            )
        d = 1.0 if target > base else -1.0
        if (current - target) * d > 0:
            notes.append("current value overshoots the exact target; judged by distance left")
            current = 2.0 * target - current
        distance = abs(float(current_value) - target)
    else:
        d = 1.0 if kind == "higher" else -1.0
        if (current - target) * d >= 0:
            return ProgressResult(TARGET_ACHIEVED, None, None, None, 0.0, kind)
        distance = abs(current - target)

    if base == 0:
        notes.append(f"baseline of zero replaced by {ZERO_SUBSTITUTE} (as sdg-build does)")
        base = ZERO_SUBSTITUTE if current >= 0 else -ZERO_SUBSTITUTE
    sign = -1.0 if base < 0 else 1.0
    if target == 0:
        notes.append(f"target of zero replaced by {ZERO_SUBSTITUTE} (as sdg-build does)")
        target = sign * ZERO_SUBSTITUTE
    if current * sign <= 0:
        if kind == "exact":
            notes.append("distance left exceeds the distance at baseline")
            return ProgressResult(DETERIORATION, None, None, None, distance, kind, tuple(notes))
        raise NoGrowthRate(
            f"baseline_value ({baseline_value}) and current_value ({current_value}) must be "
            "non-zero with the same sign: a growth rate cannot cross zero",
            "current",
        )
    if target * sign < 0:
        raise NoGrowthRate(
            f"baseline_value ({baseline_value}) and target_value ({target_value}) must have "
            "the same sign: a growth rate cannot cross zero",
            "target",
        )

    observed = _cagr(current, base, current_year - baseline_year)
    required = _cagr(target, base, target_year - baseline_year)
    if required == 0:
        notes.append("baseline already met the target; the current value no longer does")
        return ProgressResult(DETERIORATION, observed, required, None, distance, kind, tuple(notes))
    ratio = sign * d * observed / abs(required)
    return ProgressResult(
        _status_from_ratio(ratio), observed, required, ratio, distance, kind, tuple(notes)
    )
