"""Delimited-text reading with exact source line numbers, for SDMX-CSV and tidy CSV.

pandas' C parser does the tokenising (fast); a sentinel field appended to every line exposes
rows with too few fields, which pandas would otherwise pad silently. Files whose quoted fields
span lines fall back to the csv module, which knows each record's line.
"""

from __future__ import annotations

import csv
import io
import os
from dataclasses import dataclass

import numpy as np

from ..messages import PANDAS_FIELDS, WRONG_FIELDS, gettext_noop
from ._common import read_text, split_lines
from ._errors import ParseError

_SENTINEL = "\x01"


@dataclass(frozen=True)
class Records:
    """A delimited table: stripped header names, one object array of str per column, and each
    record's 1-based source line."""

    header: list[str]
    columns: list[np.ndarray]
    line: np.ndarray
    delimiter: str


def _sniff(path: str | os.PathLike[str], header_line: str) -> str:
    counts = {d: header_line.count(d) for d in (",", ";", "\t")}
    delim = max(counts, key=lambda d: counts[d])
    if counts[delim] == 0:
        raise ParseError(
            path,
            1,
            None,
            gettext_noop("bad header: not a delimited table (no ',', ';' or tab in %(line)s)"),
            {"line": repr(header_line[:60])},
        )
    return delim


def _split_one(line: str, delim: str) -> list[str]:
    return next(csv.reader([line], delimiter=delim), [])


def read_records(path: str | os.PathLike[str]) -> Records:
    """Read and tokenise the file; every record must have as many fields as the header."""
    import pandas as pd

    text = read_text(path)
    lines = split_lines(text)
    nonblank = [i for i, t in enumerate(lines) if t.strip()]
    if not nonblank:
        raise ParseError(path, None, None, gettext_noop("empty file"))
    first = nonblank[0]
    delim = _sniff(path, lines[first])
    header = [h.strip() for h in _split_one(lines[first], delim)]
    n = len(header)
    for i, h in enumerate(header):
        if not h:
            raise ParseError(
                path, first + 1, f"#{i + 1}", gettext_noop("bad header: empty column name")
            )
    seen: set[str] = set()
    for h in header:
        if h in seen:
            raise ParseError(
                path, first + 1, h, gettext_noop("bad header: column name appears twice")
            )
        seen.add(h)
    body = nonblank[1:]
    if not body:
        raise ParseError(path, first + 2, None, gettext_noop("no data lines after the header"))
    line_no = np.asarray(body, dtype=np.int64) + 1

    if _SENTINEL not in text:
        joined = "\n".join(lines[i] + delim + _SENTINEL for i in body)
        try:
            df = pd.read_csv(
                io.StringIO(joined),
                sep=delim,
                header=None,
                names=list(range(n + 1)),
                dtype=str,
                keep_default_na=False,
                na_filter=False,
                engine="c",
                skip_blank_lines=False,
            )
        except pd.errors.ParserError as exc:
            m = PANDAS_FIELDS.search(str(exc))
            if m is None:  # pragma: no cover - pandas wording changed
                return _read_with_csv(path, lines, first, header, delim)
            j = int(m.group(2)) - 1
            if j < len(body):
                found = len(_split_one(lines[body[j]], delim))
                if found != n:
                    raise ParseError(
                        path,
                        body[j] + 1,
                        None,
                        WRONG_FIELDS,
                        {"expected": n, "found": found},
                    ) from exc
            return _read_with_csv(path, lines, first, header, delim)
        if len(df) == len(body):
            last = df[n].to_numpy(dtype=object)
            short = np.flatnonzero(last != _SENTINEL)
            if short.size:
                j = int(short[0])
                found = len(_split_one(lines[body[j]], delim))
                raise ParseError(
                    path,
                    body[j] + 1,
                    header[found] if found < n else None,
                    WRONG_FIELDS,
                    {"expected": n, "found": found},
                )
            cols = [df[k].to_numpy(dtype=object) for k in range(n)]
            return Records(header=header, columns=cols, line=line_no, delimiter=delim)
    # Quoted fields spanning lines (or a sentinel byte in the data): let csv track lines.
    return _read_with_csv(path, lines, first, header, delim)


def _read_with_csv(
    path: str | os.PathLike[str], lines: list[str], first: int, header: list[str], delim: str
) -> Records:
    """Slow path, one loop step per record (not per cell): exact line numbers always."""
    n = len(header)
    reader = csv.reader(io.StringIO("\n".join(lines[first + 1 :])), delimiter=delim)
    rows: list[list[str]] = []
    line_numbers: list[int] = []
    offset = first + 1
    start = 1
    try:
        for row in reader:
            if row and any(c.strip() for c in row):
                if len(row) != n:
                    raise ParseError(
                        path,
                        offset + start,
                        header[len(row)] if len(row) < n else None,
                        WRONG_FIELDS,
                        {"expected": n, "found": len(row)},
                    )
                rows.append(row)
                line_numbers.append(offset + start)
            start = reader.line_num + 1
    except csv.Error as exc:
        raise ParseError(
            path,
            offset + start,
            None,
            gettext_noop("bad CSV quoting: %(error)s"),
            {"error": str(exc)},
        ) from exc
    if not rows:
        raise ParseError(path, first + 2, None, gettext_noop("no data lines after the header"))
    arr = np.array(rows, dtype=object)
    return Records(
        header=header,
        columns=[arr[:, k] for k in range(n)],
        line=np.asarray(line_numbers, dtype=np.int64),
        delimiter=delim,
    )
