"""Disclosure control: primary suppression below 5 companies, secondary so totals reveal nothing."""

import numpy as np

from i4region.compute.maturity import protect, protect_nested, protect_table


def test_a_cell_of_four_companies_is_suppressed():
    assert protect([4, 12], constraints=[]) == [False, True]


def test_a_cell_of_five_is_shown_and_an_empty_one_reveals_nobody():
    assert protect([5, 0], constraints=[]) == [True, True]


def test_second_cell_is_suppressed_when_the_total_would_reveal_the_first():
    # municipalities A (4 companies), B (9), C (7) and the county total (20)
    shown = protect([4, 9, 7, 20], constraints=[(3, [0, 1, 2])])
    # without a second suppression, A = 20 − 9 − 7; the smallest other part (C) goes too
    assert shown == [False, True, False, True]


def test_without_a_published_total_one_suppression_is_enough():
    assert protect([4, 9, 7], constraints=[]) == [False, True, True]


def test_two_way_table_hides_a_rectangle_and_keeps_the_margins():
    result = protect_table(np.array([[4, 10, 7], [8, 12, 9], [6, 6, 6]]))
    assert result["cells"].tolist() == [
        [False, False, True],
        [True, True, True],
        [False, False, True],
    ]
    assert result["row_totals"].all() and result["column_totals"].all() and result["total"].all()


def test_small_margins_are_suppressed_and_protected_too():
    result = protect_table(np.array([[1, 2], [10, 20]]))
    assert not result["row_totals"][0]  # a municipality of 3 companies
    assert not result["cells"][0].any()


def leaks(counts, result):
    """Sensitive hidden cells fixed by the visible ones: a zero entry in every null-space vector."""
    r, c = counts.shape
    values = [*counts.ravel(), *counts.sum(axis=1), *counts.sum(axis=0), counts.sum()]
    shown = [
        *result["cells"].ravel(),
        *result["row_totals"],
        *result["column_totals"],
        *result["total"],
    ]
    rows = []
    for i in range(r):  # row total − its cells = 0
        rows.append(
            [(k // c == i and k < r * c) * -1 + (k == r * c + i) for k in range(len(values))]
        )
    for j in range(c):
        rows.append(
            [(k % c == j and k < r * c) * -1 + (k == r * c + r + j) for k in range(len(values))]
        )
    grand = r * c + r + c
    rows.append([-(r * c <= k < r * c + r) + (k == grand) for k in range(len(values))])
    rows.append([-(r * c + r <= k < grand) + (k == grand) for k in range(len(values))])
    hidden = [k for k, s in enumerate(shown) if not s]
    matrix = np.array(rows, dtype=float)[:, hidden]
    _, sing, vt = np.linalg.svd(matrix)
    null = vt[(sing > 1e-9).sum() :]
    return [
        hidden[k]
        for k in range(len(hidden))
        if 0 < values[hidden[k]] < 5 and np.allclose(null[:, k], 0)
    ]


def test_no_sensitive_cell_of_a_random_table_can_be_derived():
    rng = np.random.default_rng(7)
    for _ in range(60):
        counts = rng.integers(0, 15, size=(4, 3))
        assert leaks(counts, protect_table(counts)) == []


def test_the_leak_check_finds_a_table_with_primary_suppression_only():
    counts = np.array([[4, 10], [8, 12]])
    primary = {
        "cells": counts >= 5,
        "row_totals": np.ones(2, bool),
        "column_totals": np.ones(2, bool),
        "total": np.ones(1, bool),
    }
    assert leaks(counts, primary) == [0]


def test_nested_groups_hide_county_when_few_companies_are_outside_it():
    everyone = frozenset(range(23))
    county = frozenset(range(20))  # 3 respondents are outside the county
    section = frozenset(range(7))
    shown = protect_nested({"all": everyone, "county": county, "section": section})
    assert shown == {"all": True, "county": False, "section": True}


def test_nested_groups_leave_out_the_viewers_own_response():
    section = frozenset(range(5))
    everyone = frozenset(range(40))
    assert protect_nested({"section": section, "all": everyone})["section"] is True
    seen_by_member = protect_nested({"section": section, "all": everyone}, known=frozenset({0}))
    assert seen_by_member == {"section": False, "all": True}
