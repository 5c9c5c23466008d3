"""Eurostat bulk TSV ("dissemination TSV") parser.

Layout: a header ``freq,unit,sex,age,geo\\TIME_PERIOD<TAB>2016 <TAB>2017 ...`` (older files:
``unit,sex,age,geo\\time`` without ``freq``), then one line per series: the comma-separated codes,
then one cell per period such as ``207017 ``, ``5400 p``, ``:``, ``: c``. Periods may run in
ascending or descending order; the frame always lists them ascending within a series.
"""

from __future__ import annotations

import os
import re

import numpy as np
import pandas as pd

from ._common import (
    FIXED_COLUMNS,
    ParsedTable,
    ParseError,
    build_frame,
    dataset_from_filename,
    describe_bad_cell,
    normalise_period,
    parse_cells,
    read_text,
    split_lines,
)

_DIM_NAME = re.compile(r"^[A-Za-z][A-Za-z0-9_]*$")


def _parse_header(
    path: str | os.PathLike[str], header: str
) -> tuple[list[str], str, list[str], list[str]]:
    """Return (key dimension names incl. "geo", time dimension name, raw period headers,
    normalised periods); raise ParseError on line 1 for anything else."""
    cells = header.split("\t")
    first = cells[0].strip()
    if "\\" not in first or len(cells) < 2:
        raise ParseError(
            path,
            1,
            None,
            "bad header: expected 'dim1,dim2,...,geo\\TIME_PERIOD' followed by tab-separated "
            f"periods, found {header[:80]!r}",
        )
    keys_part, _, time_name = first.partition("\\")
    if "\\" in time_name or not _DIM_NAME.match(time_name):
        raise ParseError(path, 1, first, f"bad header: bad time dimension name {time_name!r}")
    dims = [d.strip() for d in keys_part.split(",")]
    for d in dims:
        if not _DIM_NAME.match(d):
            raise ParseError(path, 1, first, f"bad header: bad dimension name {d!r}")
    lowered = [d.lower() for d in dims]
    if len(set(lowered)) != len(lowered):
        raise ParseError(path, 1, first, "bad header: a dimension is named twice")
    if "geo" not in lowered:
        raise ParseError(path, 1, first, "bad header: no 'geo' dimension")
    dims = ["geo" if d.lower() == "geo" else d for d in dims]
    clash = [d for d in dims if d in FIXED_COLUMNS and d != "geo"]
    if clash:
        raise ParseError(path, 1, first, f"bad header: dimension name {clash[0]!r} is reserved")
    raw_periods = [c.strip() for c in cells[1:]]
    periods: list[str] = []
    for i, p in enumerate(raw_periods, start=2):
        norm = normalise_period(p)
        if norm is None:
            name = p if p else f"#{i}"
            raise ParseError(path, 1, name, f"bad header: {p!r} is not a time period")
        periods.append(norm)
    if len(set(periods)) != len(periods):
        seen: set[str] = set()
        for raw, p in zip(raw_periods, periods, strict=True):
            if p in seen:
                raise ParseError(path, 1, raw, "bad header: period appears twice")
            seen.add(p)
    return dims, time_name, raw_periods, periods


def read_eurostat_tsv(
    path: str | os.PathLike[str],
    *,
    keep_missing: bool = False,
    dataset: str | None = None,
) -> ParsedTable:
    """Parse a Eurostat bulk TSV (plain or gzipped) into long form.

    ':' cells are "no observation" and are left out of the frame unless ``keep_missing`` (then
    they appear with value NaN and their flag, e.g. ``: c`` confidential). ``dataset`` overrides
    the code guessed from the file name (the TSV itself does not name its dataset).
    """
    lines = split_lines(read_text(path))
    dims, time_name, raw_periods, periods = _parse_header(path, lines[0])
    ndims = len(dims)
    nper = len(periods)

    # Data lines (blank lines are tolerated and skipped; numbering stays that of the file).
    body_idx = [i for i, text in enumerate(lines) if i > 0 and text.strip()]
    if not body_idx:
        raise ParseError(path, 2, None, "no data lines after the header")
    body = [lines[i] for i in body_idx]
    line_no = np.asarray(body_idx, dtype=np.int64) + 1

    # Cell counts per line (a per-line count, not per cell).
    tabs = np.fromiter((t.count("\t") for t in body), dtype=np.int64, count=len(body))
    wrong = np.flatnonzero(tabs != nper)
    if wrong.size:
        j = int(wrong[0])
        found = int(tabs[j]) + 1
        field = raw_periods[found - 1] if found <= nper else None
        raise ParseError(
            path,
            int(line_no[j]),
            field,
            f"wrong number of cells: expected {nper + 1} tab-separated cells, found {found}",
        )
    flat = np.array("\t".join(body).split("\t"), dtype=object).reshape(len(body), nper + 1)
    keys = flat[:, 0]

    # Series keys: "A,NR,T,TOTAL,LT025".
    commas = np.fromiter((k.count(",") for k in keys), dtype=np.int64, count=len(keys))
    wrong = np.flatnonzero(commas != ndims - 1)
    if wrong.size:
        j = int(wrong[0])
        raise ParseError(
            path,
            int(line_no[j]),
            ",".join(dims),
            f"expected {ndims} comma-separated codes, found {int(commas[j]) + 1}: {keys[j]!r}",
        )
    parts = np.array(",".join(keys).split(","), dtype=object).reshape(len(keys), ndims)
    dim_rows: dict[str, np.ndarray] = {}
    for k, name in enumerate(dims):
        codes, uniques = pd.factorize(parts[:, k])
        stripped = np.array([u.strip() for u in uniques], dtype=object)
        empty = np.flatnonzero(stripped == "")
        if empty.size:
            j = int(np.flatnonzero(np.isin(codes, empty))[0])
            raise ParseError(path, int(line_no[j]), name, f"empty code in key {keys[j]!r}")
        dim_rows[name] = stripped[codes]
    norm_keys = pd.Series(
        [",".join(t) for t in zip(*(dim_rows[d] for d in dims), strict=True)], dtype=object
    )
    dup = norm_keys.duplicated(keep=False).to_numpy()
    if dup.any():
        first_of = norm_keys[dup].groupby(norm_keys[dup], sort=False).head(2)
        j0, j1 = (int(i) for i in first_of.index[:2])
        raise ParseError(
            path,
            int(line_no[j1]),
            None,
            f"duplicate series {norm_keys[j1]!r} (first on line {int(line_no[j0])})",
        )

    # Values, periods in ascending order.
    order = np.argsort(np.asarray(periods, dtype=object), kind="stable")
    values = flat[:, 1:][:, order]
    cells = parse_cells(values.ravel())
    if cells.bad is not None:
        r, c = divmod(cells.bad, nper)
        raise ParseError(
            path,
            int(line_no[r]),
            raw_periods[int(order[c])],
            describe_bad_cell(values[r, c]),
        )
    keep = np.ones(cells.value.shape, dtype=bool) if keep_missing else ~cells.missing
    idx = np.flatnonzero(keep)
    r, c = np.divmod(idx, nper)
    periods_sorted = np.asarray(periods, dtype=object)[order]
    frame = build_frame(
        {d: dim_rows[d] for d in dims if d != "geo"},
        dim_rows["geo"],
        periods_sorted[c],
        cells.value[idx],
        cells.flag[idx],
        line_no[r],
        take=r,
    )
    return ParsedTable(
        format="eurostat_tsv",
        dataset=dataset if dataset is not None else dataset_from_filename(path),
        dimensions=[d for d in dims if d != "geo"],
        frame=frame,
        rows_read=len(body),
        meta={"time_dimension": time_name},
    )
