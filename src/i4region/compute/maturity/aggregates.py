"""Aggregates of scored responses under disclosure control: a company's peer benchmark and the
regional tables (share of companies per band, mean score per dimension, by municipality and by
sector) that feed the observatory.

Input is one row per company (its latest submitted response in a wave): columns `company`,
`municipality` (None when unknown), `section` (NACE section letter), `band`, and one column per
scored dimension plus `overall`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np
import pandas as pd

from .disclosure import THRESHOLD, protect, protect_nested

UNKNOWN = "__unknown__"  # municipality not recorded: counted in totals, never shown itself


def peer_benchmark(
    frame: pd.DataFrame,
    groups: Mapping[str, pd.Series],
    measures: Sequence[str],
    viewer: object | None = None,
    threshold: int = THRESHOLD,
) -> dict[str, dict]:
    """Per peer group: number of companies, whether it may be shown, and the mean of each measure.

    `groups` maps a group name to a boolean mask over `frame`. `viewer` is the company looking at
    its own benchmark: its own row is known to it, so it does not count towards the threshold.
    """
    members = {name: frozenset(frame.loc[mask, "company"]) for name, mask in groups.items()}
    known = frozenset({viewer}) if viewer is not None else frozenset()
    shown = protect_nested(members, known=known, threshold=threshold)
    out = {}
    for name, mask in groups.items():
        part = frame.loc[mask]
        out[name] = {
            "n": int(len(part)),
            "shown": bool(shown[name]),
            "means": {m: float(part[m].mean()) if len(part) else None for m in measures},
        }
    return out


def _linked_tables(frame: pd.DataFrame, bands: Sequence[str], threshold: int):
    """One constraint system for municipality × band and sector × band, which share their band
    totals (the county), so a cell hidden in one table cannot be recovered through the other."""
    municipalities = sorted(m for m in frame["municipality"].dropna().unique())
    if frame["municipality"].isna().any():
        municipalities.append(UNKNOWN)
    sections = sorted(frame["section"].unique())
    muni = frame["municipality"].fillna(UNKNOWN)
    counts: list[int] = []
    publishable: list[bool] = []
    index: dict[tuple, int] = {}

    def cell(key: tuple, n: int, can_show: bool = True) -> int:
        index[key] = len(counts)
        counts.append(int(n))
        publishable.append(can_show)
        return index[key]

    band_totals = [cell(("band", b), (frame["band"] == b).sum()) for b in bands]
    grand = cell(("total",), len(frame))
    constraints: list[tuple[int, list[int]]] = []
    for kind, keys, column in (
        ("municipality", municipalities, muni),
        ("sector", sections, frame["section"]),
    ):
        totals = []
        per_band: dict[str, list[int]] = {b: [] for b in bands}
        for key in keys:
            rows = column == key
            can_show = key != UNKNOWN
            parts = [
                cell((kind, key, b), (rows & (frame["band"] == b)).sum(), can_show) for b in bands
            ]
            for b, p in zip(bands, parts, strict=True):
                per_band[b].append(p)
            total = cell((kind, key), rows.sum(), can_show)
            totals.append(total)
            constraints.append((total, parts))
        constraints.append((grand, totals))
        constraints += [(band_totals[i], per_band[b]) for i, b in enumerate(bands)]
    constraints.append((grand, band_totals))
    shown = protect(counts, constraints, publishable, threshold)
    return {key: (counts[i], shown[i]) for key, i in index.items()}


def regional(
    frame: pd.DataFrame,
    bands: Sequence[str],
    dimensions: Sequence[str],
    threshold: int = THRESHOLD,
) -> list[dict]:
    """Publishable regional aggregates as records {measure, by, key, value, n}.

    measure: "share:<band>" (percent of companies) or "mean:<dimension>" (incl. "mean:overall");
    by: "total", "municipality" or "sector"; key: the municipality code or NACE section.
    A share is published only where its count and its denominator are both shown; a mean only
    where its group total is shown (means are sums over the same protected counts).
    """
    if frame.empty:
        return []
    cells = _linked_tables(frame, bands, threshold)
    records = []
    muni = frame["municipality"].fillna(UNKNOWN)
    groups = [("total", None, np.ones(len(frame), bool), ("total",))]
    groups += [
        ("municipality", m, (muni == m).to_numpy(), ("municipality", m))
        for m in muni.unique()
        if m != UNKNOWN
    ]
    groups += [
        ("sector", s, (frame["section"] == s).to_numpy(), ("sector", s))
        for s in frame["section"].unique()
    ]
    for by, key, mask, total_key in groups:
        n, total_shown = cells[total_key]
        if not total_shown or n == 0:
            continue
        part = frame.loc[mask]
        for b in bands:
            count, shown = cells[("band", b)] if by == "total" else cells[(by, key, b)]
            if shown:
                records.append(
                    dict(measure=f"share:{b}", by=by, key=key, value=100 * count / n, n=n)
                )
        for d in [*dimensions, "overall"]:
            records.append(
                dict(measure=f"mean:{d}", by=by, key=key, value=float(part[d].mean()), n=n)
            )
    return records
