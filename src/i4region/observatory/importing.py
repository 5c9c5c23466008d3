"""Importing statistics files as releases: read, check, write atomically.

Shared by `i4region import`, `i4region setup` and any app that writes computed tables as
observatory indicators (see `publish_table`).
"""

import datetime
import hashlib
import os
import re
import zlib
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

import polars as pl
from django.db import IntegrityError, OperationalError, transaction
from django.utils.translation import gettext as _

from i4region.compute import parsers
from i4region.compute.parsers import ParsedTable, ParseError
from i4region.compute.parsers.nuts import Recoding
from i4region.regions.models import Region

from . import staging
from .catalogue import SourceMap, indicator_definitions
from .models import ImportBatch, Indicator


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
        """What the import did, in the active language."""
        text = _(
            "%(file)s: %(read)d rows read; %(added)d added, %(updated)d updated, "
            "%(unchanged)d unchanged, %(skipped)d skipped"
        ) % {
            "file": self.file_name,
            "read": self.rows_read,
            "added": self.added,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "skipped": self.skipped,
        }
        if self.unknown_regions:
            sample = ", ".join(self.unknown_regions[:8])
            more = "…" if len(self.unknown_regions) > 8 else ""
            text += " " + _("(region codes not in NUTS 2021: %(codes)s)") % {"codes": sample + more}
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


#: The long rows an import works on, and their types.
ROW_SCHEMA = {
    "indicator": pl.String,
    "geo": pl.String,
    "period": pl.String,
    "value": pl.Float64,
    "flag": pl.String,
    "line": pl.Int64,
}


def _select(table: ParsedTable, maps: tuple[SourceMap, ...]) -> pl.DataFrame:
    """Observations of the mapped indicators as one frame: indicator, geo, period, value, flag,
    line. Each map's filter runs on the parser's lazy frame, so only the selected series are
    melted and parsed."""
    frame = table.lazy()
    columns = frame.collect_schema().names()
    parts = []
    for m in maps:
        missing = [dim for dim in m.filter if dim not in columns]
        if missing:
            raise ImportRefused(
                _(
                    "%(format)s file has no dimension %(missing)s needed for indicator "
                    "%(indicator)s; its dimensions are %(dimensions)s"
                )
                % {
                    "format": table.format,
                    "missing": ", ".join(missing),
                    "indicator": m.indicator,
                    "dimensions": ", ".join(table.dimensions),
                }
            )
        wanted = [pl.col(dim) == value for dim, value in m.filter.items()]
        part = frame.filter(*wanted) if wanted else frame
        parts.append(part.with_columns(pl.lit(m.indicator).alias("indicator")))
    if "indicator" in table.dimensions and not maps:
        parts.append(frame)
    typed = [p.select(pl.col(c).cast(t) for c, t in ROW_SCHEMA.items()) for p in parts]
    if not typed:
        return pl.DataFrame(schema=ROW_SCHEMA)
    return pl.concat(typed).collect()


def import_table(
    table: ParsedTable,
    *,
    file_name: str,
    sha256: str,
    vintage: str,
    maps: tuple[SourceMap, ...] = (),
    user=None,
    out: TextIO | None = None,
    recoding: dict | None = None,
) -> ImportReport:
    """Write a parsed file's observations as one vintage, atomically.

    Same (indicator, region, period, vintage) with the same value and flag: unchanged; with another
    value: updated; new: added. Nothing is written unless every row is valid. `out` receives a
    progress bar; `recoding` (see `recoding_record`) is kept on the batch.
    """
    with atomic_import(file_name, f"release {vintage}"):
        return import_release(
            table,
            file_name=file_name,
            sha256=sha256,
            vintage=vintage,
            maps=maps,
            user=user,
            out=out,
            recoding=recoding or {},
        )


@contextmanager
def atomic_import(file_name: str, releases: str):
    """One transaction; a concurrent import or a busy database becomes ImportRefused."""
    try:
        with transaction.atomic():
            yield
    except IntegrityError as exc:
        # the unique (indicator, region, period, vintage) rule caught a concurrent import
        raise ImportRefused(
            _(
                "%(file)s: another import of %(releases)s wrote the same values at the same "
                "time; nothing of this one was written — run it again to see what remains"
            )
            % {"file": file_name, "releases": releases}
        ) from exc
    except OperationalError as exc:
        if "locked" not in str(exc):
            raise
        raise ImportRefused(
            _(
                "%(file)s: the database is busy with another import; nothing was written — "
                "run it again when that one has finished"
            )
            % {"file": file_name}
        ) from exc


def import_release(
    table: ParsedTable,
    *,
    file_name: str,
    sha256: str,
    vintage: str,
    maps: tuple[SourceMap, ...],
    user,
    out: TextIO | None,
    recoding: dict,
) -> ImportReport:
    """Write one release inside the caller's transaction (see `import_table`)."""
    if not vintage:
        raise ImportRefused(
            _("%(file)s: no vintage given (use --vintage YYYY-MM)") % {"file": file_name}
        )
    if problem := vintage_problem(vintage):
        raise ImportRefused(
            _("%(file)s: release %(problem)s") % {"file": file_name, "problem": problem}
        )
    rows = _select(table, maps)
    if rows.is_empty():
        raise ImportRefused(
            _("%(file)s: no rows match the indicators mapped to this file") % {"file": file_name}
        )
    indicators = _ids(Indicator, rows["indicator"], "indicator_id").rename({"code": "indicator"})
    unknown = rows.join(indicators, on="indicator", how="anti", maintain_order="left")
    if not unknown.is_empty():
        first = unknown.row(0, named=True)
        raise ImportRefused(
            _(
                "%(file)s line %(line)s, field indicator: '%(code)s' is not in the indicator "
                "catalogue"
            )
            % {"file": file_name, "line": first["line"], "code": first["indicator"]}
        )
    rows = rows.join(indicators, on="indicator", maintain_order="left")
    regions = _ids(Region, rows["geo"], "region_id").rename({"code": "geo"})
    rows = rows.join(regions, on="geo", how="left", maintain_order="left")
    unknown_geo = rows.filter(pl.col("region_id").is_null())["geo"]
    unknown_regions = sorted(unknown_geo.unique().to_list())
    skipped = len(unknown_geo)
    rows = rows.filter(pl.col("region_id").is_not_null()).with_columns(pl.col("flag").fill_null(""))
    twice = rows.filter(pl.struct("indicator_id", "region_id", "period").is_duplicated())
    if not twice.is_empty():
        first = twice.row(0, named=True)
        raise ImportRefused(
            _("%(file)s line %(line)s: %(indicator)s %(region)s %(period)s appears more than once")
            % {
                "file": file_name,
                "line": first["line"],
                "indicator": first["indicator"],
                "region": first["geo"],
                "period": first["period"],
            }
        )
    staged = rows.select("indicator_id", "region_id", "period", "value", "flag")
    with staging.staging(staged, out=out, label=file_name) as stage:
        staging.mark(stage, vintage)
        added, updated, unchanged = staging.counts(stage)
        batch = None
        if added or updated:
            batch = ImportBatch.objects.create(
                file_name=file_name,
                sha256=sha256,
                format=table.format,
                dataset=table.dataset or "",
                vintage=vintage,
                rows_read=table.rows_read,
                added=added,
                updated=updated,
                unchanged=unchanged,
                skipped=skipped,
                created_by=user if user is not None and user.is_authenticated else None,
                created_by_name=getattr(user, "username", "") or "i4region",
                recoding=recoding,
            )
            staging.apply(stage, vintage, batch.id)
    return ImportReport(
        file_name,
        table.rows_read,
        added,
        updated,
        unchanged,
        skipped,
        unknown_regions,
        batch,
    )


def _ids(model, codes: pl.Series, name: str) -> pl.DataFrame:
    """code → id of the rows of `model` (Indicator, Region) that `codes` name."""
    found = model.objects.filter(code__in=codes.unique().to_list()).values_list("code", "id")
    return pl.DataFrame(list(found), schema={"code": pl.String, name: pl.Int64}, orient="row")


def recoding_record(version: str, correspondence: str, recoded: Recoding) -> dict:
    """What a batch keeps of a recoding: per new code, the old code and the matrices followed."""
    return {
        "version": version,
        "correspondence": correspondence,
        "codes": {
            new: {
                "old": old,
                "matrices": recoded.matrices.get(old, []),
                "whole_country": old in recoded.whole_country,
            }
            for old, new in sorted(recoded.renamed.items())
        },
    }


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
    """Detect the format and parse; a ParseError becomes ImportRefused naming line and field,
    in the active language (see `refusal`)."""
    try:
        return parsers.read_any(path)
    except ParseError as exc:
        raise ImportRefused(refusal(exc, path)) from exc


def refusal(exc: ParseError, path: os.PathLike) -> str:
    """The parser's reason translated, after the file, line and field it names (in English,
    str(exc)). A truncated gzip file has no line of its own in the parser's message, so the
    line where the readable data stops is added."""
    reason = _(exc.template) % exc.params if exc.params else _(exc.template)
    where = {"file": exc.path, "line": exc.line, "field": exc.field, "reason": reason}
    if exc.line is None and "gzip" in exc.template:
        where["line"] = _gzip_complete_lines(path) + 1
        return (
            _(
                "%(file)s line %(line)s: the compressed data stops here (%(reason)s); the file "
                "is truncated or damaged"
            )
            % where
        )
    if exc.line is not None and exc.field is not None:
        return _("%(file)s line %(line)s, column %(field)s: %(reason)s") % where
    if exc.line is not None:
        return _("%(file)s line %(line)s: %(reason)s") % where
    if exc.field is not None:
        return _("%(file)s column %(field)s: %(reason)s") % where
    return _("%(file)s: %(reason)s") % where


_VINTAGE_IN_NAME = re.compile(r"(?<!\d)(\d{4}-\d{2})(?!\d)")
_LAST_UPDATE = re.compile(r"^\d{2}/(\d{2})/(\d{2})\b")
VINTAGE_FORMAT = re.compile(r"^(\d{4})-(\d{2})(?:-(\d{2}))?$")
MANUAL_VINTAGE = "manual"


def vintage_problem(vintage: str) -> str | None:
    """Why a release label is not a real year-month (or date), or None when it is one.

    "2099-19" has the shape of YYYY-MM but no 19th month; the import and the API refuse it.
    """
    if vintage == MANUAL_VINTAGE:
        return None
    match = VINTAGE_FORMAT.match(vintage)
    if not match:
        return _("%(vintage)s is not YYYY-MM (expected YYYY-MM, e.g. 2026-04)") % {
            "vintage": repr(vintage[:40])
        }
    year, month, day = (int(g) if g else None for g in match.groups())
    given = {"vintage": repr(vintage), "year": year, "month": f"{month:02d}"}
    if not 1 <= month <= 12:
        return _("%(vintage)s: month %(month)s does not exist (expected 01–12)") % given
    if day is not None:
        try:
            datetime.date(year, month, day)
        except ValueError:
            return _("%(vintage)s: there is no day %(day)s in %(year)s-%(month)s") % {
                **given,
                "day": f"{day:02d}",
            }
    if year < 1900 or (year, month) > _next_month():
        return _("%(vintage)s: a release cannot be dated before 1900 or after next month") % given
    return None


def _next_month() -> tuple[int, int]:
    today = datetime.datetime.now(datetime.UTC).date()
    return (today.year + 1, 1) if today.month == 12 else (today.year, today.month + 1)


def guess_vintage(path: os.PathLike, table: ParsedTable) -> str | None:
    """The release a file comes from: a YYYY-MM in its name, else the SDMX LAST UPDATE date."""
    found = _VINTAGE_IN_NAME.findall(Path(path).name)
    if found:
        return found[0]
    match = _LAST_UPDATE.match(table.meta.get("last_update", ""))
    if match:
        return f"20{match.group(2)}-{match.group(1)}"
    return None


def import_file(
    path: os.PathLike,
    *,
    vintage: str,
    maps: tuple[SourceMap, ...] = (),
    user=None,
    out: TextIO | None = None,
    table=None,
) -> ImportReport:
    """Parse (unless `table` is the file already read) then import; any fault becomes
    ImportRefused with the file's line and field."""
    table = table if table is not None else read_table(path)
    return import_table(
        table,
        file_name=Path(path).name,
        sha256=sha256_of(path),
        vintage=vintage,
        maps=maps,
        user=user,
        out=out,
    )


def publish_table(
    definition: dict,
    rows: list[tuple[str, str, float, str]],
    *,
    vintage: str,
    dataset: str,
    user=None,
) -> ImportReport:
    """Create or update an indicator and write a computed table as one release of it.

    For apps that compute statistics themselves (the maturity self-assessment's regional
    aggregates): `definition` holds Indicator fields (code, name_en, name_lt, unit_en, unit_lt,
    theme, publisher, source_dataset, …); `rows` are (region code, period, value, flag). The
    release is written like a file import — atomic, idempotent, unknown regions reported.
    """
    code = definition["code"]
    fields = {k: v for k, v in definition.items() if k != "code"}
    with transaction.atomic():
        Indicator.objects.update_or_create(code=code, defaults=fields)
        frame = pl.LazyFrame(
            {
                "indicator": [code] * len(rows),
                "geo": [r[0] for r in rows],
                "period": [r[1] for r in rows],
                "value": [float(r[2]) for r in rows],
                "flag": [r[3] or None for r in rows],
                "line": range(1, len(rows) + 1),
            },
            schema=ROW_SCHEMA,
        )
        table = ParsedTable(
            format="computed",
            dataset=dataset,
            dimensions=["indicator"],
            frame=frame,
            rows_read=len(rows),
        )
        digest = hashlib.sha256(repr(sorted(rows)).encode()).hexdigest()
        return import_table(
            table, file_name=f"{dataset} ({vintage})", sha256=digest, vintage=vintage, user=user
        )
