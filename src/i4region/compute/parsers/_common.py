"""Shared pieces of the statistical file parsers: the result type, file reading, period and cell
grammar (the error type is in `_errors`).

Everything here is pure (numpy/pandas/polars); it must never import Django, because the importer, the
command line and the tests all use it without a database.
"""

from __future__ import annotations

import gzip
import os
import re
import zlib
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import numpy as np
import polars as pl

from ..messages import gettext_noop
from ._errors import ParseError, unreadable

if TYPE_CHECKING:
    import pandas as pd

# pandas is imported by the functions that use it: a Eurostat TSV (read by polars) is imported
# without loading it, which is a third of a command's start-up.

GZIP_MAGIC = b"\x1f\x8b"

#: Columns every parsed frame carries after its dimension columns, in this order.
FIXED_COLUMNS = ("geo", "period", "value", "flag", "line")


@dataclass(frozen=True)
class ParsedTable:
    """One statistical file in long form: one frame row per observation.

    ``frame`` columns: ``*dimensions, "geo", "period", "value", "flag", "line"``. A Eurostat TSV
    gives a polars ``LazyFrame`` (the file is checked whole when it is read, but its observations
    are only built for the series a caller selects); the other formats give a pandas frame.
    :meth:`lazy` and :meth:`to_pandas` give either view of any table. ``labels`` maps a column
    name to ``{code: label}`` when the file carried labels (SDMX-CSV with labels, the I40 column
    dictionary); ``meta`` holds file-level facts such as SDMX ``LAST UPDATE``.
    """

    format: str
    dataset: str | None
    dimensions: list[str]
    frame: pd.DataFrame | pl.LazyFrame
    rows_read: int
    labels: Mapping[str, Mapping[str, str]] = field(default_factory=dict)
    meta: Mapping[str, str] = field(default_factory=dict)

    def lazy(self) -> pl.LazyFrame:
        """The observations as a polars LazyFrame (``flag`` null where a cell has none)."""
        if isinstance(self.frame, pl.LazyFrame):
            return self.frame
        return pandas_to_polars(self.frame).lazy()

    def to_pandas(self) -> pd.DataFrame:
        """The observations as a pandas frame (string columns ``str``, ``flag`` str or None)."""
        return as_pandas(self.frame)


def pandas_to_polars(frame: pd.DataFrame) -> pl.DataFrame:
    """A pandas frame as polars, without pyarrow: numbers as they are, anything else as text
    (missing values null)."""
    import pandas as pd

    columns = []
    for name in frame.columns:
        col = frame[name]
        if pd.api.types.is_numeric_dtype(col.dtype) and not pd.api.types.is_bool_dtype(col.dtype):
            columns.append(pl.Series(str(name), col.to_numpy()))
        else:
            values = col.astype(object).where(col.notna(), None).tolist()
            columns.append(
                pl.Series(str(name), [None if v is None else str(v) for v in values], pl.String)
            )
    return pl.DataFrame(columns, schema=[str(c) for c in frame.columns])


def as_pandas(frame: pd.DataFrame | pl.DataFrame | pl.LazyFrame) -> pd.DataFrame:
    """A long frame as pandas (see :func:`build_frame`), whichever library holds it."""
    import pandas as pd

    if isinstance(frame, pd.DataFrame):
        return frame
    if isinstance(frame, pl.LazyFrame):
        frame = frame.collect()
    data: dict[str, object] = {}
    for name, col in frame.to_dict().items():
        if name == "flag":
            data[name] = pd.Series(col.to_numpy(), dtype=object)
        elif col.dtype == pl.String:
            data[name] = pd.array(col.to_numpy(), dtype="str")
        else:
            data[name] = col.to_numpy()
    return pd.DataFrame(data)


# --------------------------------------------------------------------------------------------
# Reading bytes and text


#: The most text one file may hold (after decompression). The largest bundled file expands to
#: 12 MB; a cap far above that stops a decompression bomb before it fills the memory.
MAX_TEXT_BYTES = 128 * 1024 * 1024
_CHUNK = 1 << 20


def _too_large(path: str | os.PathLike[str], limit: int, compressed: bool) -> ParseError:
    if compressed:
        template = gettext_noop(
            "file expands to more than %(mb)s MB of text, the limit of one import"
        )
    else:
        template = gettext_noop("file holds more than %(mb)s MB of text, the limit of one import")
    return ParseError(path, None, None, template, {"mb": limit // (1024 * 1024)})


def read_bytes(path: str | os.PathLike[str], limit: int = MAX_TEXT_BYTES) -> bytes | bytearray:
    """Read a file, transparently gunzipping it (by magic bytes, not by extension).

    Decompression is streamed and stops at `limit` bytes, so a small gzip that expands to
    gigabytes is refused with a message instead of exhausting the memory.
    """
    try:
        with open(path, "rb") as fh:
            magic = fh.read(2)
            fh.seek(0)
            if magic != GZIP_MAGIC:
                raw = fh.read(limit + 1)
                if len(raw) > limit:
                    raise _too_large(path, limit, compressed=False)
                return raw
    except OSError as exc:
        raise unreadable(path, exc) from exc
    out = bytearray()
    try:
        with gzip.open(path, "rb") as fh:
            while chunk := fh.read(_CHUNK):
                out += chunk
                if len(out) > limit:
                    raise _too_large(path, limit, compressed=True)
    except (OSError, EOFError, zlib.error) as exc:
        raise ParseError(
            path, None, None, gettext_noop("unreadable gzip data: %(error)s"), {"error": str(exc)}
        ) from exc
    return out  # a bytearray reads like bytes; no second copy of a large file


def gunzip_head(head: bytes) -> tuple[bytes, bool]:
    """Decompress as much of a gzip prefix as possible (for format detection on a head).

    Returns (data, complete): ``complete`` is False when the stream ended early or is not gzip
    at all. Plain bytes come back unchanged and complete.
    """
    if head[:2] != GZIP_MAGIC:
        return head, True
    d = zlib.decompressobj(16 + zlib.MAX_WBITS)
    try:
        data = d.decompress(head, _CHUNK * 16)
        # a head that expands beyond what detection needs is complete enough to read
        return data, d.eof or bool(d.unconsumed_tail)
    except zlib.error:
        return b"", False


def decode(path: str | os.PathLike[str], raw: bytes) -> str:
    """Decode UTF-8 (with or without BOM); a bad byte is reported with its line number."""
    if not raw.strip():
        raise ParseError(path, None, None, gettext_noop("empty file"))
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        raise ParseError(
            path,
            line,
            None,
            gettext_noop("not valid UTF-8 (byte %(byte)s at offset %(offset)s)"),
            {"byte": f"{raw[exc.start]:#04x}", "offset": exc.start},
        ) from exc
    if "\x00" in text:
        line = text.count("\n", 0, text.index("\x00")) + 1
        raise ParseError(path, line, None, gettext_noop("binary data (NUL byte) in a text file"))
    return text


def read_text(path: str | os.PathLike[str]) -> str:
    """Read and decode a (possibly gzipped) text file."""
    return decode(path, read_bytes(path))


def split_lines(text: str) -> list[str]:
    """Split on LF only (``str.splitlines`` also splits on form feeds etc., which would shift
    line numbers) and drop the CR of CRLF files."""
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    return lines


# --------------------------------------------------------------------------------------------
# Periods

_PERIOD_RE = re.compile(
    r"^(?P<y>\d{4})(?:-?(?P<sub>Q[1-4]|S[12]|W(?:0[1-9]|[1-4]\d|5[0-3]))"
    r"|M(?P<mm>0[1-9]|1[0-2])"
    r"|-(?P<m>0[1-9]|1[0-2])(?P<d>-(?:0[1-9]|[12]\d|3[01]))?)?$"
)


def normalise_period(text: str) -> str | None:
    """Return the SDMX spelling of a period ("2021", "2021-Q1", "2021-01", "2021-S1",
    "2021-W05", "2021-01-31") for the spellings Eurostat has used ("2021Q1", "2021M01"), or None
    when ``text`` is not a period. One spelling means one key in the database."""
    m = _PERIOD_RE.match(text.strip())
    if m is None:
        return None
    y = m["y"]
    if m["sub"]:
        return f"{y}-{m['sub']}"
    if m["mm"]:
        return f"{y}-{m['mm']}"
    if m["m"]:
        return f"{y}-{m['m']}{m['d'] or ''}"
    return y


def normalise_periods(values: np.ndarray) -> tuple[np.ndarray, int | None]:
    """Vectorised over unique values: returns (normalised object array, index of first invalid
    element or None)."""
    import pandas as pd

    codes, uniques = pd.factorize(np.asarray(values, dtype=object))
    norm = np.array([normalise_period(str(u)) for u in uniques], dtype=object)
    out = norm[codes]
    bad = np.flatnonzero(pd.isna(out))
    return out, (int(bad[0]) if bad.size else None)


# --------------------------------------------------------------------------------------------
# Cells: "207017", "5400 p", ":", ": c", "12.3 e", trailing spaces

_CELL_RE = (
    r"^\s*(?:(?P<num>[-+]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][-+]?\d+)?)(?:\s*(?P<f1>[A-Za-z@]+))?"
    r"|(?P<miss>:)\s*(?P<f2>[A-Za-z@]+)?)\s*$"
)

FLAG_RE = re.compile(r"^[A-Za-z@]*$")


@dataclass(frozen=True)
class Cells:
    """Parsed cells: ``value`` (NaN when missing), ``flag`` (object array, None when no flag),
    ``missing`` (bool), and ``bad`` (index of the first malformed cell or None)."""

    value: np.ndarray
    flag: np.ndarray
    missing: np.ndarray
    bad: int | None


def parse_cells(cells: np.ndarray, *, empty_is_missing: bool = False) -> Cells:
    """Parse Eurostat value cells, vectorised: each distinct spelling is parsed once by a regex
    (statistical files repeat ':' and small numbers a lot), then mapped back by code."""
    import pandas as pd

    codes, uniques = pd.factorize(np.asarray(cells, dtype=object), use_na_sentinel=False)
    uniq = pd.Series(uniques, dtype=object)
    ex = uniq.str.extract(_CELL_RE)
    num = pd.to_numeric(ex["num"], errors="coerce").to_numpy(dtype=np.float64, copy=True)
    miss = ex["miss"].notna().to_numpy(copy=True)
    if empty_is_missing:
        empty = uniq.isna().to_numpy() | (uniq.str.strip() == "").fillna(False).to_numpy(bool)
        miss |= empty
    else:
        empty = np.zeros(len(uniq), dtype=bool)
    ok = ~np.isnan(num) | miss
    flag = ex["f1"].fillna(ex["f2"]).to_numpy(dtype=object, copy=True)
    flag[pd.isna(flag)] = None
    bad_u = np.flatnonzero(~ok)
    bad = None
    if bad_u.size:
        bad_cells = np.isin(codes, bad_u)
        bad = int(np.flatnonzero(bad_cells)[0])
    num[miss] = np.nan
    return Cells(value=num[codes], flag=flag[codes], missing=miss[codes], bad=bad)


def periods_at(
    path: str | os.PathLike[str], raw: np.ndarray, lines: np.ndarray, column: str
) -> np.ndarray:
    """The normalised periods of one column (cells read on file lines `lines`); the first cell
    that is no period is a ParseError at its line."""
    periods, bad = normalise_periods(raw)
    if bad is not None:
        raise ParseError(
            path,
            int(lines[bad]),
            column,
            gettext_noop("%(value)s is not a time period"),
            {"value": repr(raw[bad])},
        )
    return periods


def values_at(
    path: str | os.PathLike[str], raw: np.ndarray, lines: np.ndarray, column: str
) -> Cells:
    """The parsed cells of one value column of a long file, where an empty cell is a missing
    value; the first malformed cell is a ParseError at its line."""
    cells = parse_cells(raw, empty_is_missing=True)
    if cells.bad is not None:
        raise ParseError(path, int(lines[cells.bad]), column, *describe_bad_cell(raw[cells.bad]))
    return cells


def strip_values(values: np.ndarray) -> np.ndarray:
    """Strip whitespace from an object array of str, once per distinct value."""
    import pandas as pd

    codes, uniques = pd.factorize(np.asarray(values, dtype=object))
    return np.array([str(u).strip() for u in uniques], dtype=object)[codes]


def describe_bad_cell(cell: object) -> tuple[str, dict[str, str]]:
    """Explain why a value cell is malformed: the ParseError's template and params."""
    text = "" if cell is None else str(cell)
    stripped = text.strip()
    if not stripped:
        return gettext_noop("empty cell (write ':' for a missing value)"), {}
    head, _, tail = stripped.partition(" ")
    if head == ":" or re.fullmatch(r"[-+]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][-+]?\d+)?", head):
        return gettext_noop("%(cell)s: flag %(flag)s is not a flag (letters only)"), {
            "cell": repr(text),
            "flag": repr(tail.strip()),
        }
    return gettext_noop("%(cell)s is not a number"), {"cell": repr(text)}


# --------------------------------------------------------------------------------------------
# Frames

_DATASET_TCODE = re.compile(r"^(t[a-z]{2,4}\d{5})(?:_|$)")
_DATASET_TOKEN = re.compile(r"^[a-z0-9]+$")
_DATASET_STOP = re.compile(r"(?:19|20)\d\d|vintage|-")


def dataset_from_filename(path: str | os.PathLike[str]) -> str | None:
    """Guess the Eurostat dataset code from a file name such as
    ``demo_r_pjanaggr3_2026-04_2016-2025.tsv.gz`` or ``estat_nama_10r_3gdp.tsv``: the leading
    lower-case tokens before the first date-like token. None when nothing code-like is left."""
    name = os.path.basename(os.fspath(path)).lower()
    for ext in (".gz", ".tsv", ".csv", ".txt"):
        if name.endswith(ext):
            name = name[: -len(ext)]
    for prefix in ("estat_", "eurostat_"):
        if name.startswith(prefix):
            name = name[len(prefix) :]
    m = _DATASET_TCODE.match(name)
    if m:
        return m.group(1)
    tokens: list[str] = []
    for tok in name.split("_"):
        if _DATASET_STOP.search(tok) or not _DATASET_TOKEN.match(tok):
            break
        tokens.append(tok)
    if not tokens or not tokens[0][0].isalpha():
        return None
    return "_".join(tokens)


def build_frame(
    dim_values: Mapping[str, np.ndarray],
    geo: np.ndarray,
    period: np.ndarray,
    value: np.ndarray,
    flag: np.ndarray,
    line: np.ndarray,
    take: np.ndarray | None = None,
) -> pd.DataFrame:
    """Assemble the standard long frame (string columns as pandas ``str``, ``flag`` as object
    holding str or None so that ``if flag:`` works, ``line`` as int64).

    With ``take``, ``dim_values`` and ``geo`` are per source row and ``take`` gives each
    observation's row: the strings are then validated once per row, not once per observation.
    """
    import pandas as pd

    def strings(arr: np.ndarray, per_row: bool) -> object:
        out = pd.array(np.asarray(arr, dtype=object), dtype="str")
        return out.take(take) if per_row and take is not None else out

    data: dict[str, object] = {}
    for name, arr in dim_values.items():
        data[name] = strings(arr, True)
    data["geo"] = strings(geo, True)
    data["period"] = strings(period, False)
    data["value"] = np.asarray(value, dtype=np.float64)
    data["flag"] = pd.Series(np.asarray(flag, dtype=object), dtype=object)
    data["line"] = np.asarray(line, dtype=np.int64)
    frame = pd.DataFrame(data)
    frame["flag"] = frame["flag"].astype(object)
    return frame


def long_frame(
    path: str | os.PathLike[str],
    dim_values: Mapping[str, np.ndarray],
    geo: np.ndarray,
    periods: np.ndarray,
    cells: Cells,
    flag: np.ndarray,
    lines: np.ndarray,
    *,
    keep_missing: bool,
) -> pd.DataFrame:
    """The standard frame of a long file (one observation per line): a line without a value is
    left out unless `keep_missing`; two lines for one key are a ParseError."""
    keep = np.ones(len(lines), dtype=bool) if keep_missing else ~cells.missing
    idx = np.flatnonzero(keep)
    frame = build_frame(
        {d: values[idx] for d, values in dim_values.items()},
        geo[idx],
        periods[idx],
        cells.value[idx],
        flag[idx],
        lines[idx],
    )
    check_duplicates(path, frame, [*dim_values, "geo", "period"])
    return frame


def check_duplicates(path: str | os.PathLike[str], frame: pd.DataFrame, keys: list[str]) -> None:
    """Two observations for the same key would make an import ambiguous: reject them."""
    dup = frame.duplicated(subset=keys, keep=False)
    if dup.any():
        rows = frame.loc[dup].sort_values("line")
        first = rows.iloc[0]
        mask = (rows[keys] == first[keys]).all(axis=1)
        same = rows.loc[mask, "line"].tolist()
        key = ", ".join(f"{k}={first[k]}" for k in keys)
        raise ParseError(
            path,
            int(same[1]),
            None,
            gettext_noop("duplicate observation (%(key)s) also on line %(first)s"),
            {"key": key, "first": int(same[0])},
        )
