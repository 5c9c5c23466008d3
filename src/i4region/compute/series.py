"""Series logic: the newest release per period, where releases join, and derived indicators
computed on read from other indicators by a declared formula.

Pure Python (no Django), so the formulas are tested without a database. Four forms exist:

* ``A / B``             ratio per period; when B lacks the period, B's nearest period is used
                         (for slow-moving denominators such as area);
* ``change(A, N)``      change over N years, in % of the value N years earlier;
* ``cagr(A, N)``        compound annual growth rate over N years, in % a year;
* ``index_country(A)``  the region's value with its country's value of the same period = 100.

Changes and growth rates compare two values of the same release (vintage) — never a value from
one release with one from another — choosing the newest release that holds both years.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

#: vintage → period → Point: every release of one indicator for one region.
Releases = Mapping[str, Mapping[str, "Point"]]


@dataclass(frozen=True)
class Point:
    period: str
    value: float
    flag: str
    vintage: str


@dataclass(frozen=True)
class Formula:
    op: str  # "ratio", "change", "cagr", "index_country"
    inputs: tuple[str, ...]
    years: int | None = None

    def __str__(self) -> str:
        if self.op == "ratio":
            return f"{self.inputs[0]} / {self.inputs[1]}"
        if self.years is None:
            return f"{self.op}({self.inputs[0]})"
        return f"{self.op}({self.inputs[0]}, {self.years})"


_RATIO = re.compile(r"^\s*([a-z0-9_]+)\s*/\s*([a-z0-9_]+)\s*$")
_CALL = re.compile(r"^\s*(change|cagr|index_country)\(\s*([a-z0-9_]+)\s*(?:,\s*(\d+)\s*)?\)\s*$")


def parse(text: str) -> Formula:
    """Read a formula; ValueError names what is wrong."""
    if m := _RATIO.match(text):
        return Formula("ratio", (m.group(1), m.group(2)))
    if m := _CALL.match(text):
        op, code, years = m.group(1), m.group(2), m.group(3)
        if op == "index_country":
            if years is not None:
                raise ValueError(f"{text!r}: index_country takes one indicator and no years")
            return Formula(op, (code,))
        if years is None or int(years) < 1:
            raise ValueError(
                f"{text!r}: {op} needs a number of years of at least 1, e.g. {op}({code}, 5)"
            )
        return Formula(op, (code,), int(years))
    raise ValueError(f"{text!r}: expected A / B, change(A, N), cagr(A, N) or index_country(A)")


def newest(releases: Releases) -> dict[str, Point]:
    """One point per period: the newest release that has it."""
    best: dict[str, Point] = {}
    for vintage in sorted(releases):
        best.update(releases[vintage])
    return best


@dataclass(frozen=True)
class Join:
    """Where a series shown newest-release-first passes from one release to another."""

    before: Point  # the last period taken from the earlier release in the series
    after: Point  # the first period taken from the next one


def joins(points: list[Point]) -> list[Join]:
    """The places where consecutive periods of a series come from different releases."""
    return [Join(a, b) for a, b in zip(points, points[1:], strict=False) if a.vintage != b.vintage]


def by_release(points: list[Point]) -> dict[str, list[Point]]:
    """The series split into one run of points per release, oldest release first."""
    out: dict[str, list[Point]] = {}
    for p in points:
        out.setdefault(p.vintage, []).append(p)
    return dict(sorted(out.items()))


def _year(period: str) -> int | None:
    return int(period) if period.isdigit() and len(period) == 4 else None


def _flag(*points: Point) -> str:
    return "".join(sorted({f for p in points for f in p.flag}))


def _vintage(*points: Point) -> str:
    return " + ".join(sorted({p.vintage for p in points}))


def same_release_pair(releases: Releases, start: str, end: str) -> tuple[Point, Point] | None:
    """The values of two periods from the newest release that holds both, or None."""
    for vintage in sorted(releases, reverse=True):
        held = releases[vintage]
        if start in held and end in held:
            return held[start], held[end]
    return None


def ratio(a: Releases, b: Releases) -> list[Point]:
    numer, denom = newest(a), newest(b)
    if not denom:
        return []
    by_year = {_year(p.period): p for p in denom.values() if _year(p.period) is not None}
    out = []
    for period in sorted(numer):
        d = denom.get(period)
        if d is None and (y := _year(period)) is not None and by_year:
            d = by_year[min(by_year, key=lambda other: (abs(other - y), other))]
        if d is None or d.value == 0:
            continue
        n = numer[period]
        out.append(Point(period, n.value / d.value, _flag(n, d), _vintage(n, d)))
    return out


def _over_years(a: Releases, years: int, growth: bool) -> list[Point]:
    out = []
    for period in sorted({p for held in a.values() for p in held}):
        y = _year(period)
        if y is None:
            continue
        pair = same_release_pair(a, str(y - years), period)
        if pair is None or pair[0].value == 0:
            continue
        first, last = pair
        share = last.value / first.value
        if growth:
            if share <= 0:
                continue
            value = (share ** (1 / years) - 1) * 100
        else:
            value = (share - 1) * 100
        out.append(Point(period, value, _flag(first, last), last.vintage))
    return out


def index_country(a: Releases, country: Releases) -> list[Point]:
    own, ref = newest(a), newest(country)
    out = []
    for period, p in sorted(own.items()):
        c = country.get(p.vintage, {}).get(period) or ref.get(period)
        if c is None or c.value == 0:
            continue
        out.append(Point(period, p.value / c.value * 100, _flag(p, c), _vintage(p, c)))
    return out


def evaluate(
    formula: Formula, inputs: Mapping[str, Releases], country: Mapping[str, Releases] | None = None
) -> list[Point]:
    """The derived series of one region from its inputs' releases (and its country's)."""
    first = inputs.get(formula.inputs[0], {})
    if formula.op == "ratio":
        return ratio(first, inputs.get(formula.inputs[1], {}))
    if formula.op == "change":
        return _over_years(first, formula.years or 1, growth=False)
    if formula.op == "cagr":
        return _over_years(first, formula.years or 1, growth=True)
    return index_country(first, (country or {}).get(formula.inputs[0], {}))
