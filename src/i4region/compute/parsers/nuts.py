"""Recoding NUTS codes of an older version to NUTS 2021 with the JRC correspondence matrices.

Only one-to-one recodings are applied: an old code that flows entirely into one new code which
receives nothing else (LT005 → LT025). A code that was split or merged has no honest single
value in the new version, so its rows are kept out and reported — never summed or shared.
Country codes pass unchanged; NUTS1 codes and codes the matrices' first version does not hold
(NUTS 2010 codes gone by 2013) have no correspondence here and are kept out as well ("→?").
A NUTS 2010 code that NUTS 2013 still holds is read as the same region: Eurostat gives a region
whose boundary changed a new code.

One split is not a guess: a code that was the only one of its level in its country (LT00, all of
Lithuania as one NUTS2 region until 2016) covered the whole country, so its rows are the
country's (LT) — unless the file has the country's own rows, which are kept and the old code
kept out.
"""

from __future__ import annotations

import csv
import os
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import polars as pl

from ._common import as_pandas

if TYPE_CHECKING:
    import pandas as pd


@dataclass
class Recoding:
    """What a recoding did: codes renamed, codes kept out (split or merged), codes unknown."""

    renamed: dict[str, str] = field(default_factory=dict)
    kept_out: dict[str, list[str]] = field(default_factory=dict)
    rows_kept_out: int = 0
    #: old code → the matrix files (by name, in version order) its renaming follows
    matrices: dict[str, list[str]] = field(default_factory=dict)
    #: old codes that were the whole of their country, renamed to the country's code
    whole_country: set[str] = field(default_factory=set)


def _pairs(path: str | os.PathLike[str]) -> list[tuple[str, str]]:
    with open(path, encoding="utf-8", newline="") as fh:
        rows = csv.reader(fh)
        next(rows)
        return [(r[0], r[1]) for r in rows if r and r[0] and r[1]]


def one_to_one(pairs: list[tuple[str, str]]) -> tuple[dict[str, str], dict[str, list[str]]]:
    """(old → new for one-to-one codes, old → its new codes for every other old code)."""
    forward: dict[str, set[str]] = defaultdict(set)
    backward: dict[str, set[str]] = defaultdict(set)
    for old, new in pairs:
        forward[old].add(new)
        backward[new].add(old)
    clean, other = {}, {}
    for old, news in forward.items():
        (new,) = news if len(news) == 1 else (None,)
        if new is not None and backward[new] == {old}:
            clean[old] = new
        else:
            other[old] = sorted(news)
    return clean, other


def chain(steps: list[list[tuple[str, str]]]) -> tuple[dict[str, str], dict[str, list[str]]]:
    """Compose several version steps (2013→2016, 2016→2021): one-to-one only if every step is."""
    mapping: dict[str, str] | None = None
    kept_out: dict[str, list[str]] = {}
    for pairs in steps:
        clean, other = one_to_one(pairs)
        if mapping is None:
            mapping, kept_out = clean, dict(other)
            continue
        composed = {}
        for old, mid in mapping.items():
            if mid in clean:
                composed[old] = clean[mid]
            else:
                kept_out[old] = other.get(mid, [mid])
        mapping = composed
    return mapping or {}, kept_out


def _sole_codes(pairs: list[tuple[str, str]]) -> dict[str, str]:
    """Country code → the old code when it is the only one of its country in the matrix."""
    by_country: dict[str, set[str]] = defaultdict(set)
    for old, _ in pairs:
        by_country[old[:2]].add(old)
    return {country: next(iter(olds)) for country, olds in by_country.items() if len(olds) == 1}


def recode(
    frame: pd.DataFrame | pl.LazyFrame,
    matrices: list[list[str | os.PathLike[str]]],
    *,
    discontinued_only: bool = False,
) -> tuple[pd.DataFrame, Recoding]:
    """Rename the frame's ``geo`` codes to the newest version; drop split or merged codes.

    ``matrices``: per level, the matrix files of each version step in order. With
    ``discontinued_only`` the file is in the newest codes but for regions discontinued before
    (a 2019 release still gives LT00 for 2006–2012): codes the newest version holds pass as
    they are and only the codes of older versions are recoded.
    """
    frame = as_pandas(frame)
    renamed: dict[str, str] = {}
    kept_out: dict[str, list[str]] = {}
    used: dict[str, list[str]] = {}
    geo = frame["geo"].astype(str)
    present = set(geo)
    whole: set[str] = set()
    for files in matrices:
        steps = [_pairs(f) for f in files]
        if discontinued_only:
            current = {new for _, new in steps[-1]}
            present -= current
            renamed.update({c: c for c in current})
        clean, other = chain(steps)
        if discontinued_only:
            clean = {a: b for a, b in clean.items() if a not in current}
            other = {a: b for a, b in other.items() if a not in current}
        renamed.update(clean)
        kept_out.update(other)
        used.update(dict.fromkeys(clean, [Path(f).stem for f in files]))
        for country, old in _sole_codes(steps[0]).items():
            if old in other and old in present and country not in present:
                whole.add(old)
                used[old] = [Path(files[0]).stem]
    countries = [c[:2] for c in whole]
    for old in whole:
        if countries.count(old[:2]) == 1:  # two levels claiming one country: keep both out
            renamed[old] = old[:2]
            del kept_out[old]
    whole = {c for c in whole if c in renamed}
    # NUTS1 codes and codes the matrices' first version does not hold have no correspondence
    # (a file in the newest codes passes them on: the import reports codes NUTS 2021 lacks)
    uncovered = {
        c
        for c in present
        if len(c) > 2 and c not in renamed and c not in kept_out and not discontinued_only
    }
    out_mask = geo.isin(list(kept_out)) | geo.isin(list(uncovered))
    shown = {a: b for a, b in renamed.items() if a != b and a in present}
    report = Recoding(
        renamed=shown,
        kept_out={
            **{a: b for a, b in kept_out.items() if a in present},
            **{c: ["?"] for c in uncovered},
        },
        rows_kept_out=int(out_mask.sum()),
        matrices={a: used[a] for a in shown},
        whole_country=whole,
    )
    kept = frame.loc[~out_mask].copy()
    kept["geo"] = kept["geo"].astype(str).map(lambda c: renamed.get(c, c))
    return kept, report
