"""Open data export shared by every app: CSV tables described by a Frictionless datapackage.json.

An app takes part by having an `exports` module with
`tables(public: bool, include_personal_data: bool) -> list[Table]`.
"""

import csv
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from decimal import Decimal
from importlib import import_module
from pathlib import Path

from django.apps import apps
from django.http import HttpResponse

import i4region


@dataclass(frozen=True)
class Field:
    name: str
    type: str  # Frictionless types: string, integer, number, boolean, date, datetime, year
    description: str


@dataclass
class Table:
    name: str  # file stem, e.g. "actions"
    title: str
    fields: Sequence[Field]
    rows: Iterable[Sequence]


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, Decimal):
        return format(value, "f")
    if isinstance(value, datetime):
        return value.astimezone(UTC).isoformat()
    return str(value)


def write_rows(table: Table, fh) -> int:
    """Write the header and rows to any text file-like object (a file, an HttpResponse)."""
    writer = csv.writer(fh)
    writer.writerow([f.name for f in table.fields])
    count = 0
    for row in table.rows:
        writer.writerow([_cell(v) for v in row])
        count += 1
    return count


def write_csv(table: Table, path: Path) -> int:
    with open(path, "w", encoding="utf-8", newline="") as fh:
        return write_rows(table, fh)


def csv_response(table: Table, filename: str) -> HttpResponse:
    """A table as a CSV download, the same bytes as `i4region export` writes."""
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    write_rows(table, response)
    return response


def all_tables(public: bool, include_personal_data: bool) -> list[Table]:
    tables = []
    for config in apps.get_app_configs():
        # core holds this shared machinery, not tables of its own
        if not config.name.startswith("i4region.") or config.name == "i4region.core":
            continue
        try:
            module = import_module(f"{config.name}.exports")
        except ModuleNotFoundError as exc:
            if exc.name != f"{config.name}.exports":
                raise
            continue
        tables.extend(module.tables(public=public, include_personal_data=include_personal_data))
    return tables


def export(out: Path, public: bool = False, include_personal_data: bool = False) -> dict:
    """Write every app's tables and datapackage.json into `out`; return the package descriptor."""
    out.mkdir(parents=True, exist_ok=True)
    resources = []
    for table in all_tables(public, include_personal_data):
        path = out / f"{table.name}.csv"
        count = write_csv(table, path)
        resources.append({
            "name": table.name, "title": table.title, "path": path.name, "format": "csv",
            "mediatype": "text/csv", "encoding": "utf-8", "rows": count,
            "schema": {"fields": [{"name": f.name, "type": f.type, "description": f.description}
                                  for f in table.fields]},
        })
    package = {
        "profile": "tabular-data-package",
        "name": "i4region-export",
        "title": "i4region open data export",
        "created": datetime.now(UTC).isoformat(timespec="seconds"),
        "version": i4region.__version__,
        "public_only": public,
        "resources": resources,
    }
    (out / "datapackage.json").write_text(json.dumps(package, indent=2, ensure_ascii=False),
                                          encoding="utf-8")
    return package
