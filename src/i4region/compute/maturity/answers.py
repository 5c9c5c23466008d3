"""Reading responses in the wide CSV form, checked cell by cell: problems name the line and column.

The first line is the header (line 1); a data row's line is its position in the file, so a user
can open the file at the line the message names. Nothing is returned unless every cell is valid.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import IO

import numpy as np
import pandas as pd

from ..messages import PANDAS_FIELDS, WRONG_FIELDS, gettext_noop
from .spec import Spec

MAX_PROBLEMS = 20


@dataclass(frozen=True)
class Problem:
    """What is wrong in one cell: ``template`` is the reason as marked for the catalogue
    (``%(name)s`` placeholders) and ``params`` its values, so the app can show it translated;
    ``message`` is the English reason."""

    line: int
    column: str
    template: str
    params: Mapping[str, object] = field(default_factory=dict)

    @property
    def message(self) -> str:
        return self.template % self.params if self.params else self.template

    def __str__(self) -> str:
        where = f"line {self.line}" + (f", column {self.column}" if self.column else "")
        return f"{where}: {self.message}"


class AnswerError(ValueError):
    """Every problem found (up to MAX_PROBLEMS); str() is the first, on one line."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        more = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
        super().__init__(f"{problems[0]}{more}")


def _unreadable(reason: str) -> Problem:
    """pandas' reason a CSV file cannot be read, as a problem on the line it names."""
    found = PANDAS_FIELDS.search(reason)
    if found:
        expected, line, saw = (int(n) for n in found.groups())
        return Problem(line, "", WRONG_FIELDS, {"expected": expected, "found": saw})
    line = re.search(r"line (\d+)", reason)
    return Problem(int(line.group(1)) if line else 1, "", gettext_noop("cannot be read as CSV"))


def _bad_cells(values: pd.Series, low: int, high: int) -> np.ndarray:
    """Row positions whose value is missing, not a whole number, or outside low..high."""
    numbers = pd.to_numeric(values, errors="coerce").to_numpy(dtype=np.float64)
    bad = np.isnan(numbers) | (numbers != np.floor(numbers)) | (numbers < low) | (numbers > high)
    return np.flatnonzero(bad)


def read_answers(spec: Spec, source: str | IO, allowed_extra: Iterable[str] = ()) -> pd.DataFrame:
    """The file as a frame with `response_id` and every item code; AnswerError if any cell is bad.

    `allowed_extra` names profile columns the caller reads itself (organisation, wave, …); any
    other unknown column is an error, so a mistyped item code is never silently dropped.
    """
    try:
        frame = pd.read_csv(
            source, dtype={"response_id": str}, keep_default_na=False, na_values=[""]
        )
    except pd.errors.EmptyDataError:
        empty = gettext_noop("the file is empty: expected a header line")
        raise AnswerError([Problem(1, "", empty)]) from None
    except UnicodeDecodeError:
        raise AnswerError([Problem(1, "", gettext_noop("the file is not UTF-8 text"))]) from None
    except pd.errors.ParserError as exc:
        raise AnswerError([_unreadable(str(exc))]) from None
    problems: list[Problem] = []
    header = [str(c) for c in frame.columns]
    expected = ["response_id", *spec.item_codes]
    for code in expected:
        if code not in header:
            missing = gettext_noop("missing column (an item of %(model)s)")
            problems.append(Problem(1, code, missing, {"model": spec.key}))
    known = set(expected) | set(allowed_extra)
    for code in header:
        if code not in known:
            unknown = gettext_noop("unknown column: not an item of %(model)s")
            problems.append(Problem(1, code, unknown, {"model": spec.key}))
    if problems:
        raise AnswerError(problems[:MAX_PROBLEMS])
    ids = frame["response_id"]
    for pos in np.flatnonzero(ids.isna().to_numpy()):
        empty = gettext_noop("empty: every row needs an id")
        problems.append(Problem(int(pos) + 2, "response_id", empty))
    for pos in np.flatnonzero(ids.duplicated().to_numpy() & ids.notna().to_numpy()):
        twice = gettext_noop("'%(value)s' appears twice")
        problems.append(Problem(int(pos) + 2, "response_id", twice, {"value": ids.iat[pos]}))
    scales = spec.item_scale()
    for code in spec.item_codes:
        scale = scales[code]
        column = frame[code]
        if pd.api.types.is_integer_dtype(column.dtype):
            if column.min() >= scale.low and column.max() <= scale.high:
                continue  # the common case, checked without a per-cell pass
        for pos in _bad_cells(column, scale.low, scale.high)[:MAX_PROBLEMS]:
            raw = column.iat[pos]
            bounds = {"low": scale.low, "high": scale.high, "value": raw}
            outside = (
                gettext_noop("empty is not one of %(low)d–%(high)d")
                if pd.isna(raw)
                else gettext_noop("'%(value)s' is not one of %(low)d–%(high)d")
            )
            problems.append(Problem(int(pos) + 2, code, outside, bounds))
        if len(problems) >= MAX_PROBLEMS:
            break
    if problems:
        problems.sort(
            key=lambda p: (p.line, expected.index(p.column) if p.column in expected else 0)
        )
        raise AnswerError(problems[:MAX_PROBLEMS])
    for code in spec.item_codes:
        frame[code] = frame[code].astype(np.int8)
    return frame
