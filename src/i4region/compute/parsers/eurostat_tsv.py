"""Eurostat bulk TSV ("dissemination TSV") parser, on polars.

Layout: a header ``freq,unit,sex,age,geo\\TIME_PERIOD<TAB>2016 <TAB>2017 ...`` (older files:
``unit,sex,age,geo\\time`` without ``freq``), then one line per series: the comma-separated codes,
then one cell per period such as ``207017 ``, ``5400 p``, ``:``, ``: c``. Periods may run in
ascending or descending order; the frame always lists them ascending within a series.

The whole file is checked when it is read (line and cell counts, codes, duplicate series, every
cell's grammar), column by column on the wide table; the long frame (one row per observation,
value and flag split) is a polars LazyFrame over that table, so a caller that filters on the
dimensions (the importer's maps) only melts and parses the series it keeps.
"""

from __future__ import annotations

import codecs
import os
import re

import polars as pl

from ..messages import gettext_noop
from ._common import (
    _CELL_RE,
    FIXED_COLUMNS,
    ParsedTable,
    dataset_from_filename,
    decode,
    describe_bad_cell,
    normalise_period,
    read_bytes,
)
from ._errors import ParseError

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
            gettext_noop(
                "bad header: expected 'dim1,dim2,...,geo\\TIME_PERIOD' followed by tab-separated "
                "periods, found %(found)s"
            ),
            {"found": repr(header[:80])},
        )
    keys_part, _, time_name = first.partition("\\")
    if "\\" in time_name or not _DIM_NAME.match(time_name):
        raise ParseError(
            path,
            1,
            first,
            gettext_noop("bad header: bad time dimension name %(name)s"),
            {"name": repr(time_name)},
        )
    dims = [d.strip() for d in keys_part.split(",")]
    for d in dims:
        if not _DIM_NAME.match(d):
            raise ParseError(
                path,
                1,
                first,
                gettext_noop("bad header: bad dimension name %(name)s"),
                {"name": repr(d)},
            )
    lowered = [d.lower() for d in dims]
    if len(set(lowered)) != len(lowered):
        raise ParseError(path, 1, first, gettext_noop("bad header: a dimension is named twice"))
    if "geo" not in lowered:
        raise ParseError(path, 1, first, gettext_noop("bad header: no 'geo' dimension"))
    dims = ["geo" if d.lower() == "geo" else d for d in dims]
    clash = [d for d in dims if d in FIXED_COLUMNS and d != "geo"]
    if clash:
        raise ParseError(
            path,
            1,
            first,
            gettext_noop("bad header: dimension name %(name)s is reserved"),
            {"name": repr(clash[0])},
        )
    raw_periods = [c.strip() for c in cells[1:]]
    periods: list[str] = []
    for i, p in enumerate(raw_periods, start=2):
        norm = normalise_period(p)
        if norm is None:
            name = p if p else f"#{i}"
            raise ParseError(
                path,
                1,
                name,
                gettext_noop("bad header: %(period)s is not a time period"),
                {"period": repr(p)},
            )
        periods.append(norm)
    if len(set(periods)) != len(periods):
        seen: set[str] = set()
        for raw, p in zip(raw_periods, periods, strict=True):
            if p in seen:
                raise ParseError(path, 1, raw, gettext_noop("bad header: period appears twice"))
            seen.add(p)
    return dims, time_name, raw_periods, periods


def _read(path: str | os.PathLike[str]) -> tuple[bytes, str]:
    """The file's bytes (bounded, gunzipped, without BOM, LF line ends) and its first line."""
    raw = bytes(read_bytes(path))
    if not raw or raw.isspace() or b"\x00" in raw:
        decode(path, raw)  # names the fault: empty, or the line of the NUL byte
    if raw.startswith(codecs.BOM_UTF8):
        raw = raw[len(codecs.BOM_UTF8) :]
    if raw.count(b"\r") != raw.count(b"\r\n"):  # polars ends lines at LF and CRLF, not CR
        raw = raw.replace(b"\r\n", b"\n").replace(b"\r", b"\n")
    end = raw.find(b"\n")
    first = raw[: end if end >= 0 else len(raw)].rstrip(b"\r")
    return raw, decode(path, first) if first.strip() else ""


def _cells(path: str | os.PathLike[str], raw: bytes, raw_periods: list[str]) -> pl.DataFrame:
    """The data lines as tab-separated text columns ``_c0`` (the key), ``_c1``… (the cells) and
    ``line``; blank lines are skipped, numbering stays that of the file."""
    ncells = len(raw_periods) + 1
    cols = [f"_c{i}" for i in range(ncells)]
    try:
        # a blank line is a row of nulls, so the row number is the line number less one
        table = pl.read_csv(
            raw,
            has_header=False,
            separator="\t",
            quote_char=None,
            schema=dict.fromkeys(cols, pl.String),
        )
    except pl.exceptions.ComputeError as exc:  # bad UTF-8, or a line with too many cells
        decode(path, raw)
        _check_counts(path, raw, raw_periods)
        raise ParseError(
            path, None, None, gettext_noop("unreadable table: %(error)s"), {"error": str(exc)}
        ) from exc
    body = table.with_row_index("line", offset=1).slice(1)
    del table
    blank = pl.all_horizontal(pl.col(c).fill_null("").str.strip_chars() == "" for c in cols)
    if body.select(blank.any()).item():  # (a filter copies every column: only when needed)
        body = body.filter(~blank)
    if body.height == 0:
        raise ParseError(path, 2, None, gettext_noop("no data lines after the header"))
    body = body.with_columns(pl.col("line").cast(pl.Int64))
    # a line with too few cells ends in nulls, as does one with an empty cell: count them
    if body.select(pl.any_horizontal(pl.col(cols).is_null()).any()).item():
        _check_counts(path, raw, raw_periods)
        body = body.with_columns(pl.col(cols[1:]).fill_null(""))
    return body


def _check_counts(path: str | os.PathLike[str], raw: bytes, raw_periods: list[str]) -> None:
    """Refuse the first non-blank line without one cell per period and the key (run only when
    polars has met a line of another length)."""
    nper = len(raw_periods)
    for number, text in enumerate(raw.split(b"\n")[1:], start=2):
        found = text.count(b"\t") + 1
        if found != nper + 1 and text.strip():
            raise ParseError(
                path,
                number,
                raw_periods[found - 1] if found <= nper else None,
                gettext_noop(
                    "wrong number of cells: expected %(expected)s tab-separated cells, found %(found)s"
                ),
                {"expected": nper + 1, "found": found},
            )


def _first(frame: pl.DataFrame, mask: pl.Expr) -> dict | None:
    """The first row (in file order) where ``mask`` holds, as a dict, or None."""
    hit = frame.filter(mask).head(1)
    return hit.row(0, named=True) if hit.height else None


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
    raw, header = _read(path)
    dims, time_name, raw_periods, periods = _parse_header(path, header)
    ndims, nper = len(dims), len(periods)
    body = _cells(path, raw, raw_periods)
    del raw

    # Series keys: "A,NR,T,TOTAL,LT025".
    order = sorted(range(nper), key=lambda i: periods[i])
    wide = body.select(
        "line",
        pl.col("_c0").alias("_key"),
        *(pl.col(f"_c{i + 1}").alias(periods[i]) for i in order),
    )
    del body
    wide = wide.with_columns(pl.col("_key").str.split(",").alias("_codes"))
    wrong = _first(wide, pl.col("_codes").list.len() != ndims)
    if wrong is not None:
        raise ParseError(
            path,
            wrong["line"],
            ",".join(dims),
            gettext_noop("expected %(expected)s comma-separated codes, found %(found)s: %(key)s"),
            {"expected": ndims, "found": len(wrong["_codes"]), "key": repr(wrong["_key"])},
        )
    wide = wide.with_columns(
        pl.col("_codes").list.get(k).str.strip_chars().alias(name) for k, name in enumerate(dims)
    )
    for name in dims:
        wrong = _first(wide, pl.col(name) == "")
        if wrong is not None:
            raise ParseError(
                path,
                wrong["line"],
                name,
                gettext_noop("empty code in key %(key)s"),
                {"key": repr(wrong["_key"])},
            )
    again = _first(wide, ~pl.struct(dims).is_first_distinct())
    if again is not None:
        first = _first(wide, pl.all_horizontal(pl.col(d) == again[d] for d in dims))
        series = ",".join(again[d] for d in dims)
        raise ParseError(
            path,
            again["line"],
            None,
            gettext_noop("duplicate series %(series)s (first on line %(first)s)"),
            {"series": repr(series), "first": first["line"]},
        )

    # Every cell's grammar, one column at a time; the first bad cell in reading order.
    sorted_periods = [periods[i] for i in order]
    bad = wide.select(
        "line",
        *((~pl.col(p).str.contains(_CELL_RE)).alias(p) for p in sorted_periods),
    )
    wrong = _first(bad, pl.any_horizontal(sorted_periods))
    if wrong is not None:
        column = next(p for p in sorted_periods if wrong[p])
        cell = _first(wide, pl.col("line") == wrong["line"])[column]
        raw = raw_periods[periods.index(column)]
        raise ParseError(path, wrong["line"], raw, *describe_bad_cell(cell))
    del bad

    others = [d for d in dims if d != "geo"]
    wide = wide.select(*others, "geo", "line", *sorted_periods)
    cells = pl.col("cell").str.extract_groups(_CELL_RE)
    long = (
        wide.lazy()
        .unpivot(
            on=sorted_periods,
            index=[*others, "geo", "line"],
            variable_name="period",
            value_name="cell",
        )
        .with_columns(
            cells.struct.field("num").cast(pl.Float64).alias("value"),
            pl.coalesce(cells.struct.field("f1"), cells.struct.field("f2")).alias("flag"),
        )
    )
    if not keep_missing:
        long = long.filter(pl.col("value").is_not_null())
    long = long.sort("line", maintain_order=True).select(*others, *FIXED_COLUMNS)
    if keep_missing:
        long = long.with_columns(pl.col("value").fill_null(float("nan")))
    return ParsedTable(
        format="eurostat_tsv",
        dataset=dataset if dataset is not None else dataset_from_filename(path),
        dimensions=others,
        frame=long,
        rows_read=wide.height,
        meta={"time_dimension": time_name},
    )
