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
import io
import os
import re

import polars as pl

from ._common import (
    _CELL_RE,
    FIXED_COLUMNS,
    ParsedTable,
    ParseError,
    dataset_from_filename,
    decode,
    describe_bad_cell,
    normalise_period,
    read_bytes,
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


def _lines(path: str | os.PathLike[str]) -> pl.DataFrame:
    """The file as one text column, one row per line (a blank line is a null row, so the row
    number is the line number less one). Bounded, gunzipped, checked as UTF-8 without NUL."""
    raw = read_bytes(path)
    decode(path, raw)  # names the line of a bad byte or a NUL; the text itself is not kept
    if raw.startswith(codecs.BOM_UTF8):
        raw = raw[len(codecs.BOM_UTF8) :]
    if raw.count(b"\r") != raw.count(b"\r\n"):  # polars ends lines at LF and CRLF, not CR
        raw = bytes(raw).replace(b"\r\n", b"\n").replace(b"\r", b"\n")
    # NUL was refused above, so as separator it leaves each line whole in one column
    return pl.read_csv(
        io.BytesIO(raw),
        has_header=False,
        separator="\x00",
        quote_char=None,
        infer_schema=False,
        new_columns=["text"],
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
    # internal columns start with "_", which no dimension name can (_DIM_NAME)
    lines = _lines(path).with_row_index("line", offset=1)
    header = lines.item(0, "text") if lines.height else None
    dims, time_name, raw_periods, periods = _parse_header(path, header or "")
    ndims, nper = len(dims), len(periods)

    # Data lines (blank lines are skipped; numbering stays that of the file).
    body = lines.slice(1).filter(pl.col("text").str.strip_chars().fill_null("") != "")
    if body.height == 0:
        raise ParseError(path, 2, None, "no data lines after the header")
    body = body.select(
        pl.col("line").cast(pl.Int64), pl.col("text").str.split("\t").alias("_cells")
    )
    wrong = _first(body, pl.col("_cells").list.len() != nper + 1)
    if wrong is not None:
        found = len(wrong["_cells"])
        field = raw_periods[found - 1] if found <= nper else None
        raise ParseError(
            path,
            wrong["line"],
            field,
            f"wrong number of cells: expected {nper + 1} tab-separated cells, found {found}",
        )

    # Series keys: "A,NR,T,TOTAL,LT025".
    order = sorted(range(nper), key=lambda i: periods[i])
    wide = body.select(
        "line",
        pl.col("_cells").list.get(0).alias("_key"),
        *(pl.col("_cells").list.get(i + 1).alias(periods[i]) for i in order),
    )
    del body
    wide = wide.with_columns(pl.col("_key").str.split(",").alias("_codes"))
    wrong = _first(wide, pl.col("_codes").list.len() != ndims)
    if wrong is not None:
        raise ParseError(
            path,
            wrong["line"],
            ",".join(dims),
            f"expected {ndims} comma-separated codes, found {len(wrong['_codes'])}: "
            f"{wrong['_key']!r}",
        )
    wide = wide.with_columns(
        pl.col("_codes").list.get(k).str.strip_chars().alias(name) for k, name in enumerate(dims)
    )
    for name in dims:
        wrong = _first(wide, pl.col(name) == "")
        if wrong is not None:
            raise ParseError(path, wrong["line"], name, f"empty code in key {wrong['_key']!r}")
    again = _first(wide, ~pl.struct(dims).is_first_distinct())
    if again is not None:
        first = _first(wide, pl.all_horizontal(pl.col(d) == again[d] for d in dims))
        series = ",".join(again[d] for d in dims)
        raise ParseError(
            path,
            again["line"],
            None,
            f"duplicate series {series!r} (first on line {first['line']})",
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
        raise ParseError(path, wrong["line"], raw, describe_bad_cell(cell))
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
