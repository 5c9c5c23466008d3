"""Parsers for statistical file formats (Eurostat bulk TSV, SDMX-CSV, tidy CSV, the I40 database).

Pure functions over numpy/pandas/polars: no Django, no database, so the importer, the command
line and tests share them. Each returns a :class:`ParsedTable` in long form (one row per
observation: ``*dimensions, geo, period, value, flag, line``; the Eurostat TSV's as a polars
LazyFrame, see ``ParsedTable.lazy``/``to_pandas``), or raises :class:`ParseError` naming the
file, line and field at fault.
"""

from ._common import ParsedTable, normalise_period
from ._errors import ParseError
from .detect import FORMATS, detect_format, read_any
from .eurostat_tsv import read_eurostat_tsv
from .i40 import read_i40_db, read_i40_descriptions
from .sdmx_csv import read_sdmx_csv
from .tidy_csv import read_tidy_csv

__all__ = [
    "FORMATS",
    "ParseError",
    "ParsedTable",
    "detect_format",
    "normalise_period",
    "read_any",
    "read_eurostat_tsv",
    "read_i40_db",
    "read_i40_descriptions",
    "read_sdmx_csv",
    "read_tidy_csv",
]
