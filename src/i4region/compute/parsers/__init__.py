"""Parsers for statistical file formats (Eurostat bulk TSV, SDMX-CSV, tidy CSV, the I40 database).

Pure functions over numpy/pandas: no Django, no database, so the importer, the command line and
tests share them. Each returns a :class:`ParsedTable` in long form, or raises :class:`ParseError`
naming the file, line and field at fault.
"""

from ._common import ParsedTable, ParseError
from .eurostat_tsv import read_eurostat_tsv

__all__ = [
    "ParseError",
    "ParsedTable",
    "read_eurostat_tsv",
]
