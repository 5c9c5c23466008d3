"""Tidy CSV: the simplest thing a secretariat can produce in a spreadsheet.

Columns ``indicator, region, period, value`` and optionally ``flag`` (names case-insensitive;
``geo`` is accepted for ``region``, ``year``/``time``/``TIME_PERIOD`` for ``period``, ``values``
for ``value``). Any other column (``unit``, say) becomes a further dimension after
``indicator``; without an ``indicator`` column (R eurostat's ``unit, geo, time, values``) the
catalogue's map picks rows by those dimensions. Comma, semicolon or tab
separated, detected from the header.
"""

from __future__ import annotations

import os

import numpy as np

from ..messages import gettext_noop
from ._common import (
    FIXED_COLUMNS,
    FLAG_RE,
    ParsedTable,
    dataset_from_filename,
    long_frame,
    periods_at,
    strip_values,
    values_at,
)
from ._csv import read_records
from ._errors import ParseError

_ALIASES = {
    "indicator": "indicator",
    "region": "geo",
    "geo": "geo",
    "period": "period",
    "year": "period",
    "time": "period",
    "time_period": "period",
    "value": "value",
    "values": "value",
    "flag": "flag",
}
REQUIRED = ("geo", "period", "value")


def read_tidy_csv(path: str | os.PathLike[str], *, keep_missing: bool = False) -> ParsedTable:
    """Parse a tidy CSV; an empty or ':' value is no observation (kept only with
    ``keep_missing``). ``dataset`` is None: a tidy file can mix sources."""
    import pandas as pd

    recs = read_records(path)
    role: dict[str, int] = {}
    extra: list[tuple[str, int]] = []
    for k, name in enumerate(recs.header):
        canon = _ALIASES.get(name.lower())
        if canon is None:
            if name in FIXED_COLUMNS:
                raise ParseError(path, 1, name, gettext_noop("bad header: column name is reserved"))
            extra.append((name, k))
        elif canon in role:
            raise ParseError(
                path,
                1,
                name,
                gettext_noop("bad header: two columns mean %(role)s"),
                {"role": repr(canon)},
            )
        else:
            role[canon] = k
    missing = [r for r in REQUIRED if r not in role]
    if missing:
        want = {"geo": "region"}.get(missing[0], missing[0])
        raise ParseError(
            path,
            1,
            None,
            gettext_noop(
                "bad header: no %(column)s column (need indicator, region, period, value[, flag])"
            ),
            {"column": repr(want)},
        )
    line = recs.line
    for canon in [c for c in ("indicator", "geo") if c in role]:
        vals = strip_values(recs.columns[role[canon]])
        empty = np.flatnonzero(vals == "")
        if empty.size:
            raise ParseError(
                path, int(line[empty[0]]), recs.header[role[canon]], gettext_noop("empty value")
            )
    dims = (
        {"indicator": strip_values(recs.columns[role["indicator"]])} if "indicator" in role else {}
    )
    for name, k in extra:  # extra columns may be blank in places
        dims[name] = strip_values(recs.columns[k])
    geo = strip_values(recs.columns[role["geo"]])

    periods_raw = strip_values(recs.columns[role["period"]])
    periods = periods_at(path, periods_raw, line, recs.header[role["period"]])
    cells = values_at(path, recs.columns[role["value"]], line, recs.header[role["value"]])
    flag = cells.flag.copy()
    if "flag" in role:
        fl = strip_values(recs.columns[role["flag"]])
        codes, uniques = pd.factorize(fl)
        bad_u = [j for j, u in enumerate(uniques) if not FLAG_RE.match(str(u))]
        if bad_u:
            r = int(np.flatnonzero(np.isin(codes, bad_u))[0])
            raise ParseError(
                path,
                int(line[r]),
                recs.header[role["flag"]],
                gettext_noop("%(flag)s is not a flag (letters only)"),
                {"flag": repr(fl[r])},
            )
        has = fl != ""
        flag[has] = fl[has]

    frame = long_frame(path, dims, geo, periods, cells, flag, line, keep_missing=keep_missing)
    return ParsedTable(
        format="tidy_csv",
        dataset=None if "indicator" in role else dataset_from_filename(path),
        dimensions=list(dims),
        frame=frame,
        rows_read=len(line),
    )
