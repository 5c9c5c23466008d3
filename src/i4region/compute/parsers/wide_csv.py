"""Eurostat "tabular" CSV export: one row per series, one column per period.

Layout: ``freq,sex,age,...,geo,2000,2001,...`` then rows such as ``A,T,Y15-29,...,LT02,12.3b,
:u,...``: codes, then one cell per period with the flag written straight after the value (or
after ``:`` for a missing one). The frame lists one observation per present value.
"""

from __future__ import annotations

import os

import numpy as np

from ..messages import gettext_noop
from ._common import (
    ParsedTable,
    build_frame,
    check_duplicates,
    dataset_from_filename,
    describe_bad_cell,
    normalise_period,
    parse_cells,
    strip_values,
)
from ._csv import read_records
from ._errors import ParseError


def is_wide_header(cells: list[str]) -> bool:
    """A ``geo`` column followed only by period columns (at least one)."""
    names = [c.strip() for c in cells]
    if "geo" not in names:
        return False
    after = names[names.index("geo") + 1 :]
    return bool(after) and all(normalise_period(c) is not None for c in after)


def read_wide_csv(path: str | os.PathLike[str]) -> ParsedTable:
    """Parse a tabular export; ``:`` (with or without a flag) is no observation."""
    recs = read_records(path)
    if not is_wide_header(recs.header):
        raise ParseError(
            path, 1, None, gettext_noop("bad header: expected dimensions, geo, then periods")
        )
    at = recs.header.index("geo")
    dims = recs.header[:at]
    periods = [normalise_period(c) for c in recs.header[at + 1 :]]
    rows = len(recs.line)
    dim_values = {d: strip_values(recs.columns[k]) for k, d in enumerate(dims)}
    geo = strip_values(recs.columns[at])
    cells = np.concatenate([recs.columns[at + 1 + j] for j in range(len(periods))])
    parsed = parse_cells(cells)
    if parsed.bad is not None:
        j, r = divmod(parsed.bad, rows)
        raise ParseError(
            path, int(recs.line[r]), recs.header[at + 1 + j], *describe_bad_cell(cells[parsed.bad])
        )
    keep = np.flatnonzero(~parsed.missing)
    row_of = keep % rows
    period_of = np.array(periods, dtype=object)[keep // rows]
    order = np.lexsort((period_of, row_of))
    keep, row_of, period_of = keep[order], row_of[order], period_of[order]
    frame = build_frame(
        dim_values,
        geo,
        period_of,
        parsed.value[keep],
        parsed.flag[keep],
        recs.line[row_of],
        take=row_of,
    )
    check_duplicates(path, frame, [*dims, "geo", "period"])
    return ParsedTable(
        format="wide_csv",
        dataset=dataset_from_filename(path),
        dimensions=dims,
        frame=frame,
        rows_read=rows,
    )
