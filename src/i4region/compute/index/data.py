"""Loading and validating COINr-format inputs (iData / iMeta), including panels with a Time column.

Every problem is raised as an :class:`IndexInputError` that names the file, the row and the column
at fault, so that the command line can print one clear sentence instead of a traceback.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

MISSING_TOKENS = frozenset({"", "NA", "NaN", "nan", "N/A", "#N/A", "null", "NULL", "None"})
SPECIAL_COLUMNS = ("uCode", "uName", "Time")
TYPES = ("Indicator", "Aggregate", "Group", "Denominator", "Other")
REQUIRED_META = ("Level", "iCode", "Parent", "Direction", "Type", "Weight")


class IndexInputError(ValueError):
    """A bad input file or parameter, located as precisely as possible."""

    def __init__(
        self,
        message: str,
        file: str | None = None,
        row: int | None = None,
        column: str | None = None,
        key: str | None = None,
    ) -> None:
        self.message = message
        self.file = file
        self.row = row
        self.column = column
        self.key = key
        super().__init__(str(self))

    def __str__(self) -> str:
        where = [p for p in (self.file,) if p]
        if self.row is not None:
            where.append(f"row {self.row}")
        if self.column is not None:
            where.append(f"column '{self.column}'")
        if self.key is not None:
            where.append(self.key)
        return f"{', '.join(where)}: {self.message}" if where else self.message


def parse_number(text: object, file: str, row: int, column: str) -> float:
    """Parse one cell as a finite float; the missing tokens R and spreadsheets write become NaN."""
    if text is None:
        return math.nan
    if isinstance(text, (int, float, np.integer, np.floating)):
        value = float(text)
        if math.isnan(value):
            return value
    else:
        s = str(text).strip()
        if s in MISSING_TOKENS:
            return math.nan
        try:
            value = float(s)
        except ValueError:
            raise IndexInputError(f"'{s}' is not a number", file, row, column) from None
    if not math.isfinite(value):
        raise IndexInputError(f"'{text}' is not a finite number", file, row, column)
    return value


@dataclass(frozen=True)
class Frame:
    """A data set of the pipeline: one row per unit (and time), one column per iCode."""

    ucodes: np.ndarray
    times: np.ndarray | None
    columns: tuple[str, ...]
    values: np.ndarray

    def col(self, code: str) -> np.ndarray:
        return self.values[:, self.columns.index(code)]

    def select(self, codes: Iterable[str]) -> np.ndarray:
        idx = [self.columns.index(c) for c in codes]
        return self.values[:, idx]

    def with_values(self, values: np.ndarray, columns: Iterable[str] | None = None) -> Frame:
        cols = self.columns if columns is None else tuple(columns)
        return Frame(self.ucodes, self.times, cols, values)

    def take_rows(self, keep: np.ndarray) -> Frame:
        times = None if self.times is None else self.times[keep]
        return Frame(self.ucodes[keep], times, self.columns, self.values[keep])

    def time_slices(self) -> list[np.ndarray]:
        """Row indices of each time point (one slice holding every row for cross-sections)."""
        if self.times is None:
            return [np.arange(len(self.ucodes))]
        return [np.flatnonzero(self.times == t) for t in np.unique(self.times)]

    def to_frame(self) -> pd.DataFrame:
        df = pd.DataFrame({"uCode": self.ucodes.astype(object)})
        if self.times is not None:
            df["Time"] = self.times
        vals = pd.DataFrame(self.values, columns=list(self.columns))
        return pd.concat([df, vals], axis=1)


@dataclass(frozen=True)
class Structure:
    """The index framework read from iMeta: levels, parents, children, weights and directions."""

    meta: pd.DataFrame
    indicators: tuple[str, ...]
    levels: dict[int, tuple[str, ...]]
    parent: dict[str, str | None]
    children: dict[str, tuple[str, ...]]
    weights: dict[str, float]
    direction: dict[str, float]
    names: dict[str, str]

    @property
    def max_level(self) -> int:
        return max(self.levels)

    @property
    def top(self) -> tuple[str, ...]:
        return self.levels[self.max_level]

    def level_of(self, code: str) -> int:
        return next(lev for lev, codes in self.levels.items() if code in codes)

    def codes_top_down(self) -> list[str]:
        return [c for lev in sorted(self.levels, reverse=True) for c in self.levels[lev]]

    def ancestor(self, code: str, level: int) -> str | None:
        cur: str | None = code
        while cur is not None and self.level_of(cur) < level:
            cur = self.parent[cur]
        return cur


@dataclass(frozen=True)
class IndexData:
    """Validated inputs: the raw indicator Frame, unit metadata and the framework."""

    raw: Frame
    units: pd.DataFrame
    structure: Structure
    is_panel: bool
    source: dict[str, str] = field(default_factory=dict)

    def unit_column(self, name: str) -> np.ndarray:
        """A unit metadata column (group or denominator) aligned with the raw rows."""
        return self.units[name].to_numpy()


def _read_csv(path: Path | str, label: str) -> pd.DataFrame:
    try:
        df = pd.read_csv(path, dtype=str, keep_default_na=False, na_filter=False)
    except FileNotFoundError:
        raise IndexInputError("file not found", label) from None
    except (pd.errors.ParserError, pd.errors.EmptyDataError, UnicodeDecodeError) as exc:
        raise IndexInputError(f"not a readable CSV file ({exc})", label) from None
    dupes = [c for c in df.columns if "." in c and c.rsplit(".", 1)[0] in df.columns]
    if dupes:
        raise IndexInputError("duplicate column name", label, None, dupes[0].rsplit(".", 1)[0])
    return df.astype(object)


def _blank(value: object) -> bool:
    return (
        value is None
        or (isinstance(value, float) and math.isnan(value))
        or str(value).strip() in MISSING_TOKENS
    )


def build_structure(imeta: pd.DataFrame, label: str = "iMeta") -> Structure:
    """Validate iMeta and derive the framework, checking parents, cycles, levels and weights."""
    missing = [c for c in REQUIRED_META if c not in imeta.columns]
    if missing:
        raise IndexInputError(
            f"required column missing (need {', '.join(REQUIRED_META)})", label, None, missing[0]
        )
    meta = imeta.copy()
    meta["_row"] = np.arange(len(meta)) + 2
    seen: dict[str, int] = {}
    rows = []
    for rec in meta.to_dict("records"):
        row = rec["_row"]
        code = "" if _blank(rec["iCode"]) else str(rec["iCode"]).strip()
        if not code:
            raise IndexInputError("iCode is empty", label, row, "iCode")
        if code in seen:
            raise IndexInputError(
                f"iCode '{code}' duplicates row {seen[code]}", label, row, "iCode"
            )
        seen[code] = row
        typ = str(rec["Type"]).strip()
        if typ not in TYPES:
            raise IndexInputError(
                f"Type '{typ}' is not one of {', '.join(TYPES)}", label, row, "Type"
            )
        rec["iCode"], rec["Type"] = code, typ
        rows.append(rec)
    ia = [r for r in rows if r["Type"] in ("Indicator", "Aggregate")]
    if not any(r["Type"] == "Indicator" for r in ia):
        raise IndexInputError("no rows of Type 'Indicator'", label)
    for r in ia:
        row, code = r["_row"], r["iCode"]
        lev = parse_number(r["Level"], label, row, "Level")
        if math.isnan(lev) or lev < 1 or lev != int(lev):
            raise IndexInputError(
                f"Level of '{code}' must be a positive integer", label, row, "Level"
            )
        r["Level"] = int(lev)
        if r["Type"] == "Indicator" and r["Level"] != 1:
            raise IndexInputError(f"indicator '{code}' must have Level 1", label, row, "Level")
        if r["Type"] == "Aggregate" and r["Level"] < 2:
            raise IndexInputError(
                f"aggregate '{code}' must have Level 2 or more", label, row, "Level"
            )
        w = parse_number(r["Weight"], label, row, "Weight")
        if math.isnan(w):
            raise IndexInputError(f"missing weight for '{code}'", label, row, "Weight")
        r["Weight"] = w
        d = parse_number(r["Direction"], label, row, "Direction")
        if math.isnan(d) and r["Type"] == "Aggregate":
            d = 1.0
        if d not in (1.0, -1.0):
            raise IndexInputError(f"Direction of '{code}' must be 1 or -1", label, row, "Direction")
        r["Direction"] = d
        r["Parent"] = None if _blank(r["Parent"]) else str(r["Parent"]).strip()
    by_code = {r["iCode"]: r for r in ia}
    max_level = max(r["Level"] for r in ia)
    for r in ia:
        p = r["Parent"]
        if p is not None and p not in by_code:
            where = "is not an indicator or aggregate" if p in seen else "is not an iCode"
            raise IndexInputError(
                f"unknown parent '{p}' of '{r['iCode']}' ({where})", label, r["_row"], "Parent"
            )
    for r in ia:  # cycles, before level checks so that the message says what is wrong
        path = [r["iCode"]]
        cur = r["Parent"]
        while cur is not None:
            if cur in path:
                cycle = " -> ".join(path[path.index(cur) :] + [cur])
                raise IndexInputError(f"cycle in Parent links: {cycle}", label, r["_row"], "Parent")
            path.append(cur)
            cur = by_code[cur]["Parent"]
    for r in ia:
        p, row, code = r["Parent"], r["_row"], r["iCode"]
        if r["Level"] == max_level:
            if p is not None:
                raise IndexInputError(
                    f"'{code}' is at the top level {max_level} and cannot have a parent",
                    label,
                    row,
                    "Parent",
                )
        elif p is None:
            raise IndexInputError(
                f"'{code}' (Level {r['Level']}) has no Parent", label, row, "Parent"
            )
        elif by_code[p]["Level"] != r["Level"] + 1:
            raise IndexInputError(
                f"parent '{p}' of '{code}' is at Level {by_code[p]['Level']}, "
                f"expected Level {r['Level'] + 1}",
                label,
                row,
                "Parent",
            )
    # COINr sorts iMeta by Level then Parent (stable); children keep their original order
    ia_sorted = sorted(
        ia,
        key=lambda r: (
            r["Level"],
            r["Parent"] is None,
            (r["Parent"] or "").lower(),
            r["Parent"] or "",
        ),
    )
    levels: dict[int, list[str]] = {lev: [] for lev in range(1, max_level + 1)}
    children: dict[str, list[str]] = {r["iCode"]: [] for r in ia if r["Type"] == "Aggregate"}
    for r in ia_sorted:
        levels[r["Level"]].append(r["iCode"])
        if r["Parent"] is not None:
            children[r["Parent"]].append(r["iCode"])
    for lev, codes in levels.items():
        if not codes:
            raise IndexInputError(f"no indicator or aggregate at Level {lev}", label, None, "Level")
    # level order for aggregates: order of first appearance as a parent (COINr >= 1.1)
    for lev in range(2, max_level + 1):
        parents = list(dict.fromkeys(by_code[c]["Parent"] for c in levels[lev - 1]))
        extra = [c for c in levels[lev] if c not in parents]
        if extra:
            raise IndexInputError(
                f"aggregate '{extra[0]}' has no children", label, by_code[extra[0]]["_row"], "iCode"
            )
        levels[lev] = parents
    meta_out = pd.DataFrame(rows).drop(columns="_row")
    return Structure(
        meta=meta_out,
        indicators=tuple(r["iCode"] for r in ia if r["Type"] == "Indicator"),
        levels={k: tuple(v) for k, v in levels.items()},
        parent={r["iCode"]: r["Parent"] for r in ia},
        children={k: tuple(v) for k, v in children.items()},
        weights={r["iCode"]: r["Weight"] for r in ia},
        direction={r["iCode"]: r["Direction"] for r in ia},
        names={r["iCode"]: (r["iCode"] if _blank(r.get("iName")) else str(r["iName"])) for r in ia},
    )


def build_index_data(
    idata: pd.DataFrame,
    imeta: pd.DataFrame,
    idata_label: str = "iData",
    imeta_label: str = "iMeta",
) -> IndexData:
    """Validate iData against iMeta and return the raw data set, sorted as COINr sorts it."""
    structure = build_structure(imeta, imeta_label)
    lab = idata_label
    if "uCode" not in idata.columns:
        raise IndexInputError("required column missing", lab, None, "uCode")
    meta = structure.meta
    meta_codes = set(meta["iCode"])
    for c in idata.columns:
        if c not in SPECIAL_COLUMNS and c not in meta_codes:
            raise IndexInputError(
                "column is not listed in iMeta (add it with Type Group, Denominator or Other)",
                lab,
                None,
                c,
            )
    for rec in meta.to_dict("records"):
        if rec["Type"] != "Aggregate" and rec["iCode"] not in idata.columns:
            raise IndexInputError(
                f"iMeta lists '{rec['iCode']}' ({rec['Type']}) but iData has no such column",
                imeta_label,
                None,
                "iCode",
            )
    df = idata.copy()
    df["_row"] = np.arange(len(df)) + 2
    ucodes = []
    for row, u in zip(df["_row"], df["uCode"], strict=True):
        if _blank(u):
            raise IndexInputError("uCode is empty", lab, int(row), "uCode")
        ucodes.append(str(u).strip())
    df["uCode"] = ucodes
    if "uName" not in df.columns:
        df["uName"] = df["uCode"]
    times = None
    if "Time" in df.columns:
        times = np.array(
            [
                parse_number(t, lab, int(r), "Time")
                for r, t in zip(df["_row"], df["Time"], strict=True)
            ]
        )
        if np.isnan(times).any():
            raise IndexInputError(
                "Time is empty", lab, int(df["_row"][np.isnan(times)].iloc[0]), "Time"
            )
        df["Time"] = times
    is_panel = times is not None and len(np.unique(times)) > 1
    key = ["Time", "uCode"] if is_panel else ["uCode"]
    dup = df.duplicated(subset=key)
    if dup.any():
        what = "uCode/Time pair" if is_panel else "uCode"
        raise IndexInputError(
            f"duplicate {what} '{df.loc[dup, 'uCode'].iloc[0]}'",
            lab,
            int(df.loc[dup, "_row"].iloc[0]),
            "uCode",
        )
    clash = set(df["uCode"]) & set(idata.columns)
    if clash:
        raise IndexInputError(
            f"uCode '{sorted(clash)[0]}' is also a column name", lab, None, "uCode"
        )
    numeric_cols = list(structure.indicators) + [
        r["iCode"] for r in meta.to_dict("records") if r["Type"] == "Denominator"
    ]
    for rec in meta.to_dict("records"):
        den = rec.get("Denominator")
        if rec["Type"] == "Indicator" and not _blank(den):
            den = str(den).strip()
            if den not in idata.columns:
                raise IndexInputError(
                    f"Denominator '{den}' of '{rec['iCode']}' is not an iData column",
                    imeta_label,
                    None,
                    "Denominator",
                )
            numeric_cols.append(den)
        tgt = rec.get("Target")
        if rec["Type"] == "Indicator" and not _blank(tgt):
            parse_number(tgt, imeta_label, None, "Target")
    for c in dict.fromkeys(numeric_cols):
        df[c] = [parse_number(v, lab, int(r), c) for r, v in zip(df["_row"], df[c], strict=True)]
    for c in structure.indicators:
        if np.isnan(df[c].to_numpy(dtype=float)).all():
            raise IndexInputError(f"indicator '{c}' has no data", lab, None, c)
    df = df.sort_values(key, kind="stable").reset_index(drop=True)
    raw = Frame(
        ucodes=df["uCode"].to_numpy(dtype=object),
        times=df["Time"].to_numpy(dtype=float) if is_panel else None,
        columns=structure.indicators,
        values=df[list(structure.indicators)].to_numpy(dtype=float),
    )
    units = df[[c for c in df.columns if c not in structure.indicators and c != "_row"]]
    return IndexData(
        raw=raw,
        units=units.reset_index(drop=True),
        structure=structure,
        is_panel=is_panel,
        source={"iData": idata_label, "iMeta": imeta_label},
    )


def load_index_data(idata_path: Path | str, imeta_path: Path | str) -> IndexData:
    """Read and validate an iData / iMeta pair of CSV files."""
    d_label, m_label = str(idata_path), str(imeta_path)
    idata = _read_csv(idata_path, d_label)
    imeta = _read_csv(imeta_path, m_label)
    return build_index_data(idata, imeta, d_label, m_label)
