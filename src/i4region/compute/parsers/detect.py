"""Format detection by content (the first line), not by file extension, and dispatch."""

from __future__ import annotations

import csv
import os

from ..messages import gettext_noop
from ._common import ParsedTable, gunzip_head
from ._errors import ParseError, unreadable
from .eurostat_tsv import read_eurostat_tsv
from .i40 import read_i40_db
from .sdmx_csv import read_sdmx_csv
from .tidy_csv import _ALIASES, REQUIRED, read_tidy_csv
from .wide_csv import is_wide_header, read_wide_csv

FORMATS = ("eurostat_tsv", "sdmx_csv", "tidy_csv", "wide_csv", "i40_db")
_HEAD_BYTES = 65536


def detect_format(path: str | os.PathLike[str], head: bytes | None = None) -> str:
    """Return "eurostat_tsv", "sdmx_csv", "tidy_csv" or "i40_db" from the file's first line.

    ``head`` (the first bytes, e.g. of an upload) is used instead of reading ``path``; gzip is
    recognised by its magic bytes. Raises ParseError for an empty or unrecognised file.
    """
    whole_file = False
    if head is None:
        try:
            with open(path, "rb") as fh:
                head = fh.read(_HEAD_BYTES)
        except OSError as exc:
            raise unreadable(path, exc) from exc
        whole_file = len(head) < _HEAD_BYTES
    data, complete = gunzip_head(head)
    # When the head is the whole file, its gzip stream must be complete.
    if not complete and (not data or whole_file):
        raise ParseError(path, None, None, gettext_noop("unreadable gzip data"))
    text = data.decode("utf-8", errors="replace").lstrip("\ufeff")
    if not text.strip():
        raise ParseError(path, None, None, gettext_noop("empty file"))
    lines = text.replace("\r", "\n").split("\n")
    number, first = next((i + 1, t) for i, t in enumerate(lines) if t.strip())
    if "\t" in first and "\\" in first.split("\t", 1)[0]:
        return "eurostat_tsv"
    counts = {d: first.count(d) for d in (",", ";", "\t")}
    delim = max(counts, key=lambda d: counts[d])
    cells = [c.strip() for c in next(csv.reader([first], delimiter=delim), [])]
    names = [c.split(":", 1)[0].strip().upper() for c in cells]
    if names and (
        names[0] in ("DATAFLOW", "STRUCTURE") or {"TIME_PERIOD", "OBS_VALUE"} <= set(names)
    ):
        return "sdmx_csv"
    if delim == "\t" and names[:2] == ["NUTS2", "YEAR"]:
        return "i40_db"
    roles = {_ALIASES.get(c.lower()) for c in cells}
    if set(REQUIRED) <= roles:
        return "tidy_csv"
    if is_wide_header(cells):
        return "wide_csv"
    raise ParseError(
        path,
        number,
        None,
        gettext_noop(
            "unrecognised format: expected a Eurostat TSV header (…,geo\\TIME_PERIOD), SDMX-CSV "
            "(DATAFLOW/STRUCTURE … TIME_PERIOD, OBS_VALUE), a tidy CSV ([indicator, ]region, "
            "period, value[, flag]), a tabular CSV (dimensions, geo, periods) or the I40 "
            "database (NUTS2, YEAR, …); found %(found)s"
        ),
        {"found": repr(first[:80])},
    )


_READERS = {
    "eurostat_tsv": read_eurostat_tsv,
    "sdmx_csv": read_sdmx_csv,
    "tidy_csv": read_tidy_csv,
    "wide_csv": read_wide_csv,
    "i40_db": read_i40_db,
}


def read_any(path: str | os.PathLike[str]) -> ParsedTable:
    """Detect the format and parse: the one entry point the importer needs."""
    return _READERS[detect_format(path)](path)
