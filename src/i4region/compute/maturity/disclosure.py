"""Disclosure control: publish an aggregate only where at least THRESHOLD companies contribute, and
hide further cells (secondary suppression) until no hidden sensitive cell can be derived from the
cells that stay visible.

A table is a set of cells (each with the number of companies behind it) and additive constraints
"total = part₁ + part₂ + …", which hold for counts and for sums (mean × count). A hidden cell is
derivable exactly when its unit vector lies in the row space of the constraint matrix restricted
to the hidden cells; that is checked with a rank test, so the guarantee does not rest on a
heuristic. Cells to hide next are chosen smallest first (least information lost).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np

THRESHOLD = 5


def _sensitive(n: int, threshold: int) -> bool:
    # An empty cell discloses nobody; one with 1–4 companies does.
    return 0 < n < threshold


def _derivable(
    k: int, hidden: list[int], constraints: list[tuple[int, Sequence[int]]], size: int
) -> bool:
    rows = []
    for total, parts in constraints:
        row = np.zeros(size)
        row[total] += 1
        for p in parts:
            row[p] -= 1
        rows.append(row[hidden])
    if not rows:
        return False
    matrix = np.array(rows)
    unit = np.zeros(len(hidden))
    unit[hidden.index(k)] = 1
    return np.linalg.matrix_rank(np.vstack([matrix, unit])) == np.linalg.matrix_rank(matrix)


def protect(
    counts: Sequence[int],
    constraints: Sequence[tuple[int, Sequence[int]]],
    publishable: Sequence[bool] | None = None,
    threshold: int = THRESHOLD,
) -> list[bool]:
    """Which cells may be shown. `publishable[i]` False marks a cell never shown (an implicit
    remainder such as "all respondents outside the county"), which must stay underivable too."""
    size = len(counts)
    can_show = list(publishable) if publishable is not None else [True] * size
    shown = [can_show[i] and not _sensitive(counts[i], threshold) for i in range(size)]
    constraints = [(t, list(p)) for t, p in constraints]
    while True:
        hidden = [i for i in range(size) if not shown[i]]
        leak = next(
            (
                k
                for k in hidden
                if _sensitive(counts[k], threshold) and _derivable(k, hidden, constraints, size)
            ),
            None,
        )
        if leak is None:
            return shown
        linked = {i for t, p in constraints if {t, *p} & set(hidden) for i in (t, *p)}
        # Empty cells last: hiding a zero protects little and costs a visible "0".
        candidates = sorted((counts[i] == 0, counts[i], i) for i in linked if shown[i])
        if not candidates:
            return shown
        # Prefer the smallest cell whose hiding alone closes this leak; else the smallest one.
        closing = next(
            (
                i
                for _, _, i in candidates
                if not _derivable(leak, sorted([*hidden, i]), constraints, size)
            ),
            candidates[0][2],
        )
        shown[closing] = False


def protect_table(counts: np.ndarray, threshold: int = THRESHOLD) -> dict[str, np.ndarray]:
    """A two-way table of counts with row, column and grand totals: which cells may be shown.

    Returns boolean arrays "cells" (r × c), "row_totals" (r), "column_totals" (c), "total" (1).
    """
    counts = np.asarray(counts, dtype=int)
    r, c = counts.shape
    cell = lambda i, j: i * c + j  # noqa: E731 - index arithmetic read once below
    row_t = [r * c + i for i in range(r)]
    col_t = [r * c + r + j for j in range(c)]
    grand = r * c + r + c
    values = [
        *counts.ravel().tolist(),
        *counts.sum(axis=1).tolist(),
        *counts.sum(axis=0).tolist(),
        int(counts.sum()),
    ]
    constraints = [(row_t[i], [cell(i, j) for j in range(c)]) for i in range(r)]
    constraints += [(col_t[j], [cell(i, j) for i in range(r)]) for j in range(c)]
    constraints += [(grand, row_t), (grand, col_t)]
    shown = np.array(protect(values, constraints, threshold=threshold))
    return {
        "cells": shown[: r * c].reshape(r, c),
        "row_totals": shown[r * c : r * c + r],
        "column_totals": shown[r * c + r : grand],
        "total": shown[grand : grand + 1],
    }


def protect_nested(
    groups: Mapping[str, frozenset], known: frozenset = frozenset(), threshold: int = THRESHOLD
) -> dict[str, bool]:
    """Overlapping peer groups (sets of company ids): which group aggregates may be shown.

    For every pair A ⊂ B the remainder B − A is an implicit cell, so "all respondents" and "the
    county" are never both shown when the companies outside the county are 1–4. `known` are the
    viewer's own contributions (a company knows its own score), left out of every count.
    """
    names = list(groups)
    sets = [frozenset(groups[n]) - known for n in names]
    counts = [len(s) for s in sets]
    publishable = [True] * len(names)
    constraints: list[tuple[int, list[int]]] = []
    for a, sa in enumerate(sets):
        for b, sb in enumerate(sets):
            if a != b and sa < sb:
                counts.append(len(sb - sa))
                publishable.append(False)
                constraints.append((b, [a, len(counts) - 1]))
    shown = protect(counts, constraints, publishable, threshold)
    return {n: shown[i] for i, n in enumerate(names)}
