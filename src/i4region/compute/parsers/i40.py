"""The Industry 4.0 readiness database of Honti, Czvetkó and Abonyi (2020, Data in Brief
33:106464; CC BY 4.0): a wide tab-separated table, one line per NUTS2 region and year
(``NUTS2<TAB>YEAR<TAB><indicator>...``), empty cells for gaps. Melted to long form with the
indicator code as the dimension ``indicator``; the column dictionary, when found, supplies the
indicator descriptions as labels.
"""

from __future__ import annotations

import os
from pathlib import Path

import numpy as np

from ..messages import gettext_noop
from ._common import (
    ParsedTable,
    build_frame,
    describe_bad_cell,
    parse_cells,
    read_text,
    split_lines,
)
from ._errors import ParseError

DESCRIPTION_FILE = "I40_indicator_db_column_description.tsv"


def read_i40_descriptions(path: str | os.PathLike[str]) -> dict[str, tuple[str, str]]:
    """Column dictionary ``ColumnName<TAB>DataType<TAB>Description`` -> {column: (type, text)}.
    Some lines carry a stray trailing tab; names and types carry stray spaces."""
    lines = split_lines(read_text(path))
    head = [h.strip() for h in lines[0].split("\t")]
    if head[:3] != ["ColumnName", "DataType", "Description"]:
        raise ParseError(
            path, 1, None, gettext_noop("bad header: expected ColumnName, DataType, Description")
        )
    out: dict[str, tuple[str, str]] = {}
    for i, text in enumerate(lines[1:], start=2):
        if not text.strip():
            continue
        cells = [c.strip() for c in text.split("\t")]
        if len(cells) < 3 or any(cells[3:]):
            raise ParseError(
                path,
                i,
                None,
                gettext_noop("expected 3 tab-separated cells, found %(found)s"),
                {"found": len(cells)},
            )
        if not cells[0]:
            raise ParseError(path, i, "ColumnName", gettext_noop("empty column name"))
        out[cells[0]] = (cells[1], cells[2])
    return out


def read_i40_db(
    path: str | os.PathLike[str],
    *,
    descriptions: str | os.PathLike[str] | None = None,
) -> ParsedTable:
    """Melt the I40 database to long form (indicator, geo = NUTS2, period = YEAR).

    ``descriptions`` is the column dictionary; by default the file of that name beside ``path``
    is used when present (so labels come with the bundled copy).
    """
    lines = split_lines(read_text(path))
    header = [h.strip() for h in lines[0].split("\t")]
    if len(header) < 3 or [h.upper() for h in header[:2]] != ["NUTS2", "YEAR"]:
        raise ParseError(
            path, 1, None, gettext_noop("bad header: expected NUTS2, YEAR, then indicator columns")
        )
    indicators = header[2:]
    for i, name in enumerate(indicators, start=3):
        if not name:
            raise ParseError(path, 1, f"#{i}", gettext_noop("bad header: empty column name"))
    if len(set(indicators)) != len(indicators):
        dup = next(n for n in indicators if indicators.count(n) > 1)
        raise ParseError(path, 1, dup, gettext_noop("bad header: column name appears twice"))
    ncol = len(header)
    body_idx = [i for i, text in enumerate(lines) if i > 0 and text.strip()]
    if not body_idx:
        raise ParseError(path, 2, None, gettext_noop("no data lines after the header"))
    body = [lines[i] for i in body_idx]
    line_no = np.asarray(body_idx, dtype=np.int64) + 1
    tabs = np.fromiter((t.count("\t") for t in body), dtype=np.int64, count=len(body))
    wrong = np.flatnonzero(tabs != ncol - 1)
    if wrong.size:
        j = int(wrong[0])
        found = int(tabs[j]) + 1
        raise ParseError(
            path,
            int(line_no[j]),
            header[found] if found < ncol else None,
            gettext_noop("wrong number of cells: expected %(expected)s, found %(found)s"),
            {"expected": ncol, "found": found},
        )
    flat = np.array("\t".join(body).split("\t"), dtype=object).reshape(len(body), ncol)
    geo = np.array([g.strip() for g in flat[:, 0]], dtype=object)
    year = np.array([y.strip() for y in flat[:, 1]], dtype=object)
    for name, col in (("NUTS2", geo), ("YEAR", year)):
        bad = (
            np.flatnonzero(col == "")
            if name == "NUTS2"
            else np.flatnonzero(~np.array([len(y) == 4 and y.isdigit() for y in col], dtype=bool))
        )
        if bad.size:
            j = int(bad[0])
            raise ParseError(
                path,
                int(line_no[j]),
                name,
                gettext_noop("%(value)s is not valid"),
                {"value": repr(flat[j, 0 if name == "NUTS2" else 1])},
            )
    keys = np.char.add(np.char.add(geo.astype(str), "\t"), year.astype(str))
    _, first_idx, counts = np.unique(keys, return_index=True, return_counts=True)
    if (counts > 1).any():
        dup_key = keys[first_idx[counts > 1][0]]
        where = np.flatnonzero(keys == dup_key)
        raise ParseError(
            path,
            int(line_no[where[1]]),
            None,
            gettext_noop("duplicate row for %(key)s (first on line %(first)s)"),
            {"key": dup_key.replace(chr(9), " "), "first": int(line_no[where[0]])},
        )
    values = flat[:, 2:]
    cells = parse_cells(values.ravel(), empty_is_missing=True)
    nind = len(indicators)
    if cells.bad is not None:
        r, c = divmod(cells.bad, nind)
        raise ParseError(path, int(line_no[r]), indicators[c], *describe_bad_cell(values[r, c]))
    idx = np.flatnonzero(~cells.missing)
    r, c = np.divmod(idx, nind)
    frame = build_frame(
        {"indicator": np.asarray(indicators, dtype=object)[c]},
        geo[r],
        year[r],
        cells.value[idx],
        cells.flag[idx],
        line_no[r],
    )
    labels: dict[str, dict[str, str]] = {}
    meta: dict[str, str] = {}
    desc_path = (
        Path(descriptions) if descriptions is not None else Path(path).with_name(DESCRIPTION_FILE)
    )
    if descriptions is not None or desc_path.is_file():
        desc = read_i40_descriptions(desc_path)
        labels["indicator"] = {k: v[1] for k, v in desc.items() if k in set(indicators)}
        meta["descriptions"] = desc_path.name
    return ParsedTable(
        format="i40_db",
        dataset="i40",
        dimensions=["indicator"],
        frame=frame,
        rows_read=len(body),
        labels=labels,
        meta=meta,
    )
