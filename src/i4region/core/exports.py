"""Tables shared by every app: one description per exported model, one safe CSV writer.

An app takes part by having an `exports` module with
`tables(public: bool, include_personal_data: bool) -> list[Table]`; the same tables feed
`i4region export` (CSV files described by a Frictionless datapackage.json), every page's CSV
download and the API. `model_table` builds a table from a model's own fields, so a column's type
and description come from the model and the field list and the row cannot drift apart.

Every text cell that a spreadsheet would read as a formula (it starts with = + - @, a tab or a
carriage return) is written with a leading apostrophe, so a comment typed as `=HYPERLINK(...)`
opens as text; `unescape_cell` undoes it for the importers.
"""

import csv
import json
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path

from django.db import models
from django.http import HttpResponse
from django.utils import translation
from django.utils.text import capfirst

import i4region
from i4region.core.registry import app_modules


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

    def records(self) -> list[dict]:
        """The rows as dicts keyed by column name (what the API serves)."""
        names = [f.name for f in self.fields]
        return [dict(zip(names, row, strict=True)) for row in self.rows]


@dataclass(frozen=True)
class Column:
    """A column of a model table: a field path ("decision_id", "owner.username") or a function.

    Type and description default to the model field's; a computed column states its own.
    """

    name: str
    source: str | Callable | None = None  # default: the column name as a field path
    type: str | None = None
    description: str | None = None


_TYPES = (
    (models.BooleanField, "boolean"),
    ((models.AutoField, models.BigAutoField, models.IntegerField, models.ForeignKey), "integer"),
    ((models.DecimalField, models.FloatField), "number"),
    (models.DateTimeField, "datetime"),
    (models.DateField, "date"),
)


def _field_for(model: type[models.Model], path: str) -> models.Field | None:
    current = model
    found = None
    for part in path.split("."):
        try:
            found = current._meta.get_field(part)
        except Exception:  # FieldDoesNotExist or a non-model attribute
            return None
        if found.is_relation and found.related_model is not None and part != found.attname:
            current = found.related_model
    return found


def _resolve(obj, path: str):
    for part in path.split("."):
        if obj is None:
            return None
        obj = getattr(obj, part)
    return obj


def model_table(
    name: str,
    title: str,
    model: type[models.Model],
    rows: Iterable,
    columns: Sequence[str | Column],
) -> Table:
    """A table of `rows` (model instances) with the given columns, typed from the model."""
    fields: list[Field] = []
    getters: list[Callable] = []
    with translation.override("en"):
        for column in columns:
            column = Column(column) if isinstance(column, str) else column
            source = column.source or column.name
            if callable(source):
                getters.append(source)
                model_field = None
            else:
                model_field = _field_for(model, source)
                getters.append(lambda obj, path=source: _resolve(obj, path))
            kind = column.type
            if kind is None and model_field is not None:
                kind = next((t for cls, t in _TYPES if isinstance(model_field, cls)), "string")
            description = column.description
            if description is None and model_field is not None:
                description = capfirst(str(model_field.help_text or model_field.verbose_name))
            if kind is None or description is None:
                raise ValueError(
                    f"column {column.name!r} of {name}: state its type and description"
                )
            fields.append(Field(column.name, kind, description))

    def produce():
        for obj in rows:
            yield tuple(get(obj) for get in getters)

    return Table(name, title, fields, produce())


FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "'")


def safe_text(text: str) -> str:
    """Text a spreadsheet shows as text: a leading apostrophe before a formula-like start."""
    return "'" + text if text.startswith(FORMULA_START) else text


def unescape_cell(text: str) -> str:
    """The text `safe_text` was given (importers read back what the product wrote)."""
    return text[1:] if text.startswith("'") else text


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, Decimal):
        return format(value, "f")
    if isinstance(value, datetime):
        return value.astimezone(UTC).isoformat()
    if isinstance(value, (int, float)):
        return str(value)
    return safe_text(str(value))


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
    for _config, module in app_modules("exports", exclude=("core",)):
        # core holds this shared machinery, not tables of its own
        tables.extend(module.tables(public=public, include_personal_data=include_personal_data))
    return tables


def export(out: Path, public: bool = False, include_personal_data: bool = False) -> dict:
    """Write every app's tables and datapackage.json into `out`; return the package descriptor.

    The cells are written in English, like the descriptions, whatever language is active."""
    out.mkdir(parents=True, exist_ok=True)
    resources = []
    for table in all_tables(public, include_personal_data):
        path = out / f"{table.name}.csv"
        with translation.override("en"):
            count = write_csv(table, path)
        resources.append(
            {
                "name": table.name,
                "title": table.title,
                "path": path.name,
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",
                "rows": count,
                "schema": {
                    "fields": [
                        {"name": f.name, "type": f.type, "description": f.description}
                        for f in table.fields
                    ]
                },
            }
        )
    package = {
        "profile": "tabular-data-package",
        "name": "i4region-export",
        "title": "i4region open data export",
        "created": datetime.now(UTC).isoformat(timespec="seconds"),
        "version": i4region.__version__,
        "public_only": public,
        "resources": resources,
    }
    (out / "datapackage.json").write_text(
        json.dumps(package, indent=2, ensure_ascii=False), encoding="utf-8"
    )
    return package
