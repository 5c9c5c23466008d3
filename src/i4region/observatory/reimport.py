"""The open-data export read back: `i4region export`'s observations.csv (every row names its
release) and the observation_notes.csv beside it, imported by `i4region import`."""

import csv
from dataclasses import replace
from pathlib import Path
from typing import TextIO

from django.utils.translation import gettext as _

from i4region.compute.parsers import ParsedTable
from i4region.core.exports import unescape_cell
from i4region.regions.models import Region

from .importing import ImportRefused, ImportReport, atomic_import, import_release, vintage_problem
from .models import Indicator, NoteReason, ObservationNote

#: Columns of the open-data export's observations.csv that say which release a row belongs to.
RELEASE_COLUMNS = ("vintage", "file", "dataset")


def is_export(table: ParsedTable) -> bool:
    """A table read from `i4region export`'s observations.csv: every row names its release."""
    return "indicator" in table.dimensions and "vintage" in table.dimensions


def import_export(
    table: ParsedTable,
    *,
    file_name: str,
    sha256: str,
    notes: Path | None = None,
    user=None,
    out: TextIO | None = None,
) -> tuple[list[ImportReport], int]:
    """Import an export's observations.csv: each row into the release it names, one batch per
    release and file, with the release's dataset, and the export's observation_notes.csv when
    `notes` names it; all of it or nothing. Returns the reports and how many notes were read."""
    frame = table.to_pandas().copy()
    for column in RELEASE_COLUMNS[1:]:
        if column not in frame.columns:
            frame[column] = ""
    empty = frame.loc[frame["vintage"].astype(str) == ""]
    if not empty.empty:
        problem = _("empty (every row of an export names its release)")
        raise ImportRefused(_refusal(file_name, int(empty.iloc[0]["line"]), "vintage", problem))
    for vintage, part in frame.groupby("vintage", sort=True):
        if problem := vintage_problem(vintage):
            raise ImportRefused(_refusal(file_name, int(part.iloc[0]["line"]), "vintage", problem))
    reports = []
    with atomic_import(file_name, "the same releases"):
        for (vintage, source, dataset), part in frame.groupby(list(RELEASE_COLUMNS), sort=True):
            reports.append(
                import_release(
                    replace(table, frame=part, dataset=dataset or None, rows_read=len(part)),
                    file_name=source or file_name,
                    sha256=sha256,
                    vintage=vintage,
                    maps=(),
                    user=user,
                    out=out,
                    recoding={},
                )
            )
        restored = _restore_notes(notes) if notes is not None else 0
    return reports, restored


def _refusal(file_name: str, line: int, column: str, reason: str) -> str:
    return _("%(file)s line %(line)s, column %(field)s: %(reason)s") % {
        "file": file_name,
        "line": line,
        "field": column,
        "reason": reason,
    }


NOTE_COLUMNS = ("indicator", "region", "period", "vintage", "reason", "text_en", "text_lt")


def _restore_notes(path: Path) -> int:
    """Write the notes of an export's observation_notes.csv; a bad line is refused by number."""
    with open(path, encoding="utf-8-sig", newline="") as fh:
        reader = csv.DictReader(fh)
        missing = [c for c in NOTE_COLUMNS if c not in (reader.fieldnames or ())]
        if missing:
            raise ImportRefused(
                _("%(file)s line 1: no column %(columns)s")
                % {"file": path.name, "columns": ", ".join(missing)}
            )
        rows = list(reader)
    indicators = dict(Indicator.objects.values_list("code", "id"))
    regions = dict(
        Region.objects.filter(code__in={r["region"] for r in rows}).values_list("code", "id")
    )
    for line, row in enumerate(rows, start=2):
        cells = {k: unescape_cell(row[k] or "").strip() for k in NOTE_COLUMNS}

        def refuse(column: str, problem: str, line=line, cells=cells, **more):
            """`problem` says what is wrong with the cell's %(value)s."""
            reason = problem % {"value": repr(cells[column]), **more}
            raise ImportRefused(_refusal(path.name, line, column, reason))

        if cells["indicator"] not in indicators:
            refuse("indicator", _("%(value)s is not in the indicator catalogue"))
        if cells["region"] and cells["region"] not in regions:
            refuse("region", _("%(value)s is not a region code"))
        if not cells["period"]:
            refuse("period", _("%(value)s is empty"))
        if cells["reason"] not in NoteReason.values:
            choices = ", ".join(NoteReason.values)
            refuse("reason", _("%(value)s is not one of %(choices)s"), choices=choices)
        for column in ("text_en", "text_lt"):
            if not cells[column] or len(cells[column]) > 300:
                refuse(column, _("%(value)s must have 1 to 300 characters"))
        ObservationNote.objects.update_or_create(
            indicator_id=indicators[cells["indicator"]],
            region_id=regions.get(cells["region"]),
            period=cells["period"],
            vintage=cells["vintage"],
            defaults={k: cells[k] for k in ("reason", "text_en", "text_lt")},
        )
    return len(rows)
