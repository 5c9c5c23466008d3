"""Recoding NUTS codes of an older version to NUTS 2021 with the JRC correspondence matrices.

Only one-to-one recodings are applied: an old code that flows entirely into one new code which
receives nothing else (LT005 → LT025). A code that was split or merged has no honest single
value in the new version, so its rows are kept out and reported — never summed or shared.
Country codes pass unchanged; NUTS1 codes and codes the matrices' first version does not hold
(NUTS 2010 codes gone by 2013) have no correspondence here and are kept out as well ("→?").
A NUTS 2010 code that NUTS 2013 still holds is read as the same region: Eurostat gives a region
whose boundary changed a new code.
"""

from __future__ import annotations

import csv
import os
from collections import defaultdict
from dataclasses import dataclass, field

import pandas as pd


@dataclass
class Recoding:
    """What a recoding did: codes renamed, codes kept out (split or merged), codes unknown."""

    renamed: dict[str, str] = field(default_factory=dict)
    kept_out: dict[str, list[str]] = field(default_factory=dict)
    rows_kept_out: int = 0

    def summary(self) -> str:
        shown = ", ".join(f"{a}→{b}" for a, b in sorted(self.renamed.items())[:12])
        text = f"NUTS recoded one-to-one: {len(self.renamed)} codes ({shown}{'…' if len(self.renamed) > 12 else ''})"
        if self.kept_out:
            out = ", ".join(f"{a}→{'+'.join(b)}" for a, b in sorted(self.kept_out.items())[:12])
            text += (
                f"; kept out {self.rows_kept_out} rows of {len(self.kept_out)} codes split or "
                f"merged ({out}{'…' if len(self.kept_out) > 12 else ''})"
            )
        return text


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


def recode(
    frame: pd.DataFrame, matrices: list[list[str | os.PathLike[str]]]
) -> tuple[pd.DataFrame, Recoding]:
    """Rename the frame's ``geo`` codes to the newest version; drop split or merged codes.

    ``matrices``: per level, the matrix files of each version step in order.
    """
    renamed: dict[str, str] = {}
    kept_out: dict[str, list[str]] = {}
    for files in matrices:
        clean, other = chain([_pairs(f) for f in files])
        renamed.update(clean)
        kept_out.update(other)
    geo = frame["geo"].astype(str)
    present = set(geo)
    # NUTS1 codes and codes the matrices' first version does not hold have no correspondence
    uncovered = {c for c in present if len(c) > 2 and c not in renamed and c not in kept_out}
    out_mask = geo.isin(list(kept_out)) | geo.isin(list(uncovered))
    report = Recoding(
        renamed={a: b for a, b in renamed.items() if a != b and a in present},
        kept_out={
            **{a: b for a, b in kept_out.items() if a in present},
            **{c: ["?"] for c in uncovered},
        },
        rows_kept_out=int(out_mask.sum()),
    )
    kept = frame.loc[~out_mask].copy()
    kept["geo"] = kept["geo"].astype(str).map(lambda c: renamed.get(c, c))
    return kept, report
