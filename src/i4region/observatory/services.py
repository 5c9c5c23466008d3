"""Observatory operations shared by the import command, setup, views and the API."""

import hashlib
import os
import re
import zlib
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

import pandas as pd
from django.db import connection, transaction
from django.utils.translation import get_language, gettext

from i4region.compute import parsers
from i4region.compute.parsers import ParsedTable, ParseError
from i4region.compute.progress import ProgressResult, progress_status
from i4region.core.progress import progress
from i4region.regions.models import Region

from . import derived
from .catalogue import SourceMap, indicator_definitions
from .derived import Point
from .models import ImportBatch, Indicator, Observation, Target, ValueChange


class ImportRefused(ValueError):
    """The file cannot be imported as asked; nothing was written. str() says why and where."""


@dataclass
class ImportReport:
    file_name: str
    rows_read: int
    added: int
    updated: int
    unchanged: int
    skipped: int
    unknown_regions: list[str]
    batch: ImportBatch | None

    def summary(self) -> str:
        text = (
            f"{self.file_name}: {self.rows_read} rows read; {self.added} added, "
            f"{self.updated} updated, {self.unchanged} unchanged, {self.skipped} skipped"
        )
        if self.unknown_regions:
            sample = ", ".join(self.unknown_regions[:8])
            more = "…" if len(self.unknown_regions) > 8 else ""
            text += f" (region codes not in NUTS 2021: {sample}{more})"
        return text


def load_catalogue() -> int:
    """Add catalogue indicators that are missing; an indicator the secretariat edited is kept."""
    existing = set(Indicator.objects.values_list("code", flat=True))
    new = [Indicator(**d) for d in indicator_definitions() if d["code"] not in existing]
    Indicator.objects.bulk_create(new)
    return len(new)


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def _select(table: ParsedTable, maps: tuple[SourceMap, ...]) -> pd.DataFrame:
    """Observations of the mapped indicators as one frame: indicator, geo, period, value, flag, line."""
    frame = table.frame
    parts = []
    for m in maps:
        missing = [dim for dim in m.filter if dim not in frame.columns]
        if missing:
            raise ImportRefused(
                f"{table.format} file has no dimension {', '.join(missing)} needed for indicator "
                f"{m.indicator}; its dimensions are {', '.join(table.dimensions)}"
            )
        mask = pd.Series(True, index=frame.index)
        for dim, wanted in m.filter.items():
            mask &= frame[dim] == wanted
        part = frame.loc[mask, ["geo", "period", "value", "flag", "line"]].copy()
        part["indicator"] = m.indicator
        parts.append(part)
    if "indicator" in table.dimensions and not maps:
        part = frame[["indicator", "geo", "period", "value", "flag", "line"]].copy()
        parts.append(part)
    if not parts:
        return pd.DataFrame(columns=["indicator", "geo", "period", "value", "flag", "line"])
    return pd.concat(parts, ignore_index=True)


def import_table(
    table: ParsedTable,
    *,
    file_name: str,
    sha256: str,
    vintage: str,
    maps: tuple[SourceMap, ...] = (),
    user=None,
    out: TextIO | None = None,
) -> ImportReport:
    """Write a parsed file's observations as one vintage, atomically.

    Same (indicator, region, period, vintage) with the same value and flag: unchanged; with another
    value: updated; new: added. Nothing is written unless every row is valid. `out` receives a
    progress bar.
    """
    with transaction.atomic():
        return _import_table(
            table,
            file_name=file_name,
            sha256=sha256,
            vintage=vintage,
            maps=maps,
            user=user,
            out=out,
        )


def _import_table(
    table: ParsedTable,
    *,
    file_name: str,
    sha256: str,
    vintage: str,
    maps: tuple[SourceMap, ...],
    user,
    out: TextIO | None,
) -> ImportReport:
    if not vintage:
        raise ImportRefused(f"{file_name}: no vintage given (use --vintage YYYY-MM)")
    rows = _select(table, maps)
    if rows.empty:
        raise ImportRefused(f"{file_name}: no rows match the indicators mapped to this file")
    indicators = dict(
        Indicator.objects.filter(code__in=rows["indicator"].unique()).values_list("code", "id")
    )
    unknown_ind = rows.loc[~rows["indicator"].isin(list(indicators)), ["indicator", "line"]]
    if not unknown_ind.empty:
        first = unknown_ind.iloc[0]
        raise ImportRefused(
            f"{file_name} line {int(first['line'])}, field indicator: "
            f"'{first['indicator']}' is not in the indicator catalogue"
        )
    regions = dict(Region.objects.filter(code__in=rows["geo"].unique()).values_list("code", "id"))
    known = rows["geo"].isin(list(regions))
    unknown_regions = sorted(rows.loc[~known, "geo"].unique().tolist())
    skipped = int((~known).sum())
    rows = rows.loc[known]
    rows = rows.assign(
        indicator_id=rows["indicator"].map(indicators),
        region_id=rows["geo"].map(regions),
        flag=rows["flag"].fillna("").astype(str),
    )
    duplicated = rows.duplicated(["indicator_id", "region_id", "period"], keep=False)
    if duplicated.any():
        first = rows.loc[duplicated].iloc[0]
        raise ImportRefused(
            f"{file_name} line {int(first['line'])}: {first['indicator']} "
            f"{first['geo']} {first['period']} appears more than once"
        )
    existing = {
        (o[0], o[1], o[2]): (o[3], o[4], o[5])
        for o in Observation.objects.filter(
            indicator_id__in=indicators.values(), vintage=vintage
        ).values_list("indicator_id", "region_id", "period", "id", "value", "flag")
    }
    new, changed, unchanged = [], [], 0
    values = zip(
        rows["indicator_id"],
        rows["region_id"],
        rows["period"],
        rows["value"],
        rows["flag"],
        strict=True,
    )
    if out is not None:
        values = progress(values, len(rows), file_name, out=out)
    for ind, reg, period, value, flag in values:
        old = existing.get((ind, reg, period))
        if old is None:
            new.append((int(ind), int(reg), period, float(value), flag))
        elif old[1] != float(value) or old[2] != flag:
            changed.append((float(value), flag, old[0]))
        else:
            unchanged += 1
    batch = None
    if new or changed:
        batch = ImportBatch.objects.create(
            file_name=file_name,
            sha256=sha256,
            format=table.format,
            dataset=table.dataset or "",
            vintage=vintage,
            rows_read=table.rows_read,
            added=len(new),
            updated=len(changed),
            unchanged=unchanged,
            skipped=skipped,
            created_by=user if user is not None and user.is_authenticated else None,
            created_by_name=getattr(user, "username", "") or "i4region",
        )
        _write(new, changed, vintage, batch.id)
    return ImportReport(
        file_name,
        table.rows_read,
        len(new),
        len(changed),
        unchanged,
        skipped,
        unknown_regions,
        batch,
    )


def _gzip_complete_lines(path: os.PathLike) -> int:
    """How many whole lines a damaged gzip file yields before its data stops."""
    inflater = zlib.decompressobj(16 + zlib.MAX_WBITS)
    lines = 0
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 16), b""):
            try:
                lines += inflater.decompress(chunk).count(b"\n")
            except zlib.error:
                break
    return lines


def read_table(path: os.PathLike) -> ParsedTable:
    """Detect the format and parse; a ParseError becomes ImportRefused naming line and field.

    A truncated gzip file has no line of its own in the parser's message, so the line where the
    readable data stops is added.
    """
    try:
        return parsers.read_any(path)
    except ParseError as exc:
        message = str(exc)
        if exc.line is None and "gzip" in exc.message:
            line = _gzip_complete_lines(path) + 1
            message = (
                f"{exc.path} line {line}: the compressed data stops here ({exc.message}); "
                "the file is truncated or damaged"
            )
        raise ImportRefused(message) from exc


_VINTAGE_IN_NAME = re.compile(r"(?<!\d)(\d{4}-\d{2})(?!\d)")
_LAST_UPDATE = re.compile(r"^\d{2}/(\d{2})/(\d{2})\b")
VINTAGE_FORMAT = re.compile(r"^\d{4}-\d{2}(-\d{2})?$")


def guess_vintage(path: os.PathLike, table: ParsedTable) -> str | None:
    """The release a file comes from: a YYYY-MM in its name, else the SDMX LAST UPDATE date."""
    found = _VINTAGE_IN_NAME.findall(Path(path).name)
    if found:
        return found[0]
    match = _LAST_UPDATE.match(table.meta.get("last_update", ""))
    if match:
        return f"20{match.group(2)}-{match.group(1)}"
    return None


def _write(new: list[tuple], changed: list[tuple], vintage: str, batch_id: int) -> None:
    """Insert and update observations with plain parameterised statements.

    The ORM's bulk_create spends most of an import building model instances and SQL; a
    tuple per row through executemany writes the same rows several times faster.
    """
    table = connection.ops.quote_name(Observation._meta.db_table)
    with connection.cursor() as cursor:
        for start in range(0, len(new), 5000):
            cursor.executemany(
                f"INSERT INTO {table} (indicator_id, region_id, period, value, flag, vintage, "
                "batch_id) VALUES (%s, %s, %s, %s, %s, %s, %s)",
                [(*row, vintage, batch_id) for row in new[start : start + 5000]],
            )
        if changed:
            cursor.executemany(
                f"UPDATE {table} SET value = %s, flag = %s, batch_id = %s WHERE id = %s",
                [(value, flag, batch_id, obs_id) for value, flag, obs_id in changed],
            )


def import_file(
    path: os.PathLike,
    *,
    vintage: str,
    maps: tuple[SourceMap, ...] = (),
    user=None,
    out: TextIO | None = None,
) -> ImportReport:
    """Parse then import; any fault becomes ImportRefused with the file's line and field."""
    table = read_table(path)
    return import_table(
        table,
        file_name=Path(path).name,
        sha256=sha256_of(path),
        vintage=vintage,
        maps=maps,
        user=user,
        out=out,
    )


def _releases(
    codes: list[str], region_ids: list[int], vintage: str | None = None
) -> dict[tuple[str, int], dict[str, dict[str, Point]]]:
    """Every stored value of the indicators for the regions: (code, region id) → vintage → period."""
    rows = Observation.objects.filter(indicator__code__in=codes, region_id__in=region_ids)
    if vintage:
        rows = rows.filter(vintage=vintage)
    out: dict[tuple[str, int], dict[str, dict[str, Point]]] = defaultdict(lambda: defaultdict(dict))
    for code, region_id, period, value, flag, vin in rows.values_list(
        "indicator__code", "region_id", "period", "value", "flag", "vintage"
    ).iterator(chunk_size=20000):
        out[(code, region_id)][vin][period] = Point(period, value, flag, vin)
    return out


def formula_of(indicator: Indicator) -> derived.Formula | None:
    """The parsed formula of a derived indicator (None for a stored one)."""
    return derived.parse(indicator.formula) if indicator.formula else None


def series_for(
    indicator: Indicator, regions: Iterable[Region], vintage: str | None = None
) -> dict[int, list[Point]]:
    """Series of many regions at once (maps, ranks): region id → one point per period.

    Stored indicators show, per period, the newest vintage that has it (or exactly `vintage`);
    derived indicators are computed here from their inputs, never stored.
    """
    regions = list(regions)
    ids = [r.id for r in regions]
    formula = formula_of(indicator)
    if formula is None:
        table = _releases([indicator.code], ids, vintage)
        return {
            r.id: [
                p for _, p in sorted(derived.newest(table.get((indicator.code, r.id), {})).items())
            ]
            for r in regions
        }
    countries = {}
    if formula.op == "index_country":
        countries = dict(
            Region.objects.filter(
                code__in={r.country_code for r in regions if r.country_code}, level=0
            ).values_list("code", "id")
        )
    table = _releases(list(formula.inputs), ids + list(countries.values()), vintage)
    out = {}
    for r in regions:
        inputs = {code: table.get((code, r.id), {}) for code in formula.inputs}
        country_id = countries.get(r.country_code)
        country = (
            {code: table.get((code, country_id), {}) for code in formula.inputs}
            if country_id
            else None
        )
        out[r.id] = derived.evaluate(formula, inputs, country)
    return out


def series(indicator: Indicator, region: Region, vintage: str | None = None) -> list[Point]:
    """One value per period: the newest vintage that has it (or exactly `vintage` when given)."""
    return series_for(indicator, [region], vintage)[region.id]


def change_between(
    indicator: Indicator, region: Region, start: str, end: str
) -> tuple[Point, Point] | None:
    """Two periods' values from one release (the newest holding both), so a change is honest."""
    table = _releases([indicator.code], [region.id])
    return derived.same_release_pair(table.get((indicator.code, region.id), {}), start, end)


def cross_section(indicator: Indicator, regions: Iterable[Region], period: str) -> dict[int, Point]:
    """Each region's value in one period (region id → point), for maps and ranks."""
    return {
        rid: p
        for rid, points in series_for(indicator, regions).items()
        for p in points
        if p.period == period
    }


def map_periods(indicator: Indicator, regions: list[Region]) -> list[str]:
    """Periods with at least one value among the regions, newest first (cheap for stored ones)."""
    if indicator.formula:
        periods = {p.period for points in series_for(indicator, regions).values() for p in points}
    else:
        periods = set(
            Observation.objects.filter(indicator=indicator, region_id__in=[r.id for r in regions])
            .values_list("period", flat=True)
            .distinct()
        )
    return sorted(periods, reverse=True)


def map_values(indicator: Indicator, regions: list[Region], period: str) -> dict[str, Point]:
    """Region code → value in one period; stored indicators read only that period."""
    codes = {r.id: r.code for r in regions}
    if indicator.formula:
        return {codes[rid]: p for rid, p in cross_section(indicator, regions, period).items()}
    best: dict[str, Point] = {}
    for rid, value, flag, vin in (
        Observation.objects.filter(indicator=indicator, period=period, region_id__in=list(codes))
        .order_by("vintage")
        .values_list("region_id", "value", "flag", "vintage")
    ):
        best[codes[rid]] = Point(period, value, flag, vin)  # newer vintages win
    return best


def catalogue_stamp() -> str:
    """Changes whenever the secretariat edits an indicator's metadata: part of page cache keys."""
    rows = Indicator.objects.order_by("id").values_list(
        "id",
        "name_en",
        "name_lt",
        "unit_en",
        "unit_lt",
        "decimals",
        "polarity",
        "formula",
        "published",
        "attribution",
    )
    return hashlib.sha256(repr(list(rows)).encode()).hexdigest()[:16]


def data_stamp() -> str:
    """Changes whenever any observation is added or changed: a cache key for rendered pages.

    Imports add a batch; values entered by hand (added, changed or deleted in place) add a
    ValueChange, so the newest id of each covers every way a value can change.
    """
    last_batch = ImportBatch.objects.order_by("-id").values_list("id", flat=True).first()
    last_obs = Observation.objects.order_by("-id").values_list("id", flat=True).first()
    last_entry = ValueChange.objects.order_by("-id").values_list("id", flat=True).first()
    return f"{last_batch}-{last_obs}-{last_entry}"


# ------------------------------------------------------------------------------------------
# Targets and values entered by hand

MANUAL_VINTAGE = "manual"
_DIRECTION = {"higher": "higher", "lower": "lower", "neutral": "exact"}


def enter_value(
    *,
    indicator: Indicator,
    region: Region,
    period: str,
    value: float | None,
    flag: str,
    note: str,
    user,
) -> ValueChange | None:
    """Set (or, with value None, remove) a hand-entered value; history records before and after.

    Returns None when nothing changed.
    """
    if not indicator.manual:
        raise ValueError(
            f"{indicator.code} comes from files; only hand-entered indicators can be edited here"
        )
    with transaction.atomic():
        obs = (
            Observation.objects.select_for_update()
            .filter(indicator=indicator, region=region, period=period, vintage=MANUAL_VINTAGE)
            .first()
        )
        before = (obs.value, obs.flag) if obs else (None, "")
        if before == (value, flag if value is not None else ""):
            return None
        if value is None:
            obs.delete()
        elif obs is None:
            Observation.objects.create(
                indicator=indicator,
                region=region,
                period=period,
                value=value,
                flag=flag,
                vintage=MANUAL_VINTAGE,
            )
        else:
            obs.value, obs.flag = value, flag
            obs.save(update_fields=["value", "flag"])
        return ValueChange.objects.create(
            indicator=indicator,
            region=region,
            period=period,
            value_before=before[0],
            value_after=value,
            flag_before=before[1],
            flag_after=flag if value is not None else "",
            note=note,
            changed_by=user if user.is_authenticated else None,
            changed_by_name=user.get_username(),
        )


@dataclass
class TargetStatus:
    target: Target
    baseline: Point | None
    current: Point | None
    result: ProgressResult | None
    problem: str = ""

    @property
    def distance(self) -> float | None:
        """How far the latest value still is from the target (target − latest)."""
        return self.target.value - self.current.value if self.current else None

    def label(self) -> str:
        lang = (get_language() or "lt")[:2]
        return self.result.label(lang if lang in ("en", "lt") else "en") if self.result else ""


def target_status(target: Target) -> TargetStatus:
    """Distance to target and Open SDG progress status from the baseline year to the latest value."""
    points = series(target.indicator, target.region)
    baseline = next((p for p in points if p.period == str(target.baseline_year)), None)
    later = [p for p in points if p.period.isdigit() and int(p.period) > target.baseline_year]
    current = later[-1] if later else None
    if baseline is None:
        return TargetStatus(
            target,
            None,
            current,
            None,
            gettext("No value for the baseline year %(year)s.") % {"year": target.baseline_year},
        )
    if current is None:
        return TargetStatus(
            target, baseline, None, None, gettext("No value after the baseline year yet.")
        )
    try:
        result = progress_status(
            target.baseline_year,
            baseline.value,
            int(current.period),
            current.value,
            target.year,
            target.value,
            _DIRECTION[target.indicator.polarity],
        )
    except ValueError as exc:
        return TargetStatus(target, baseline, current, None, str(exc))
    return TargetStatus(target, baseline, current, result)
