"""Kumu's layout: an elements sheet and a connections sheet, as two CSV files or one XLSX workbook.

Every field of an organisation and a relation has a column, so export → import loses nothing.
Import validates every row first (line-numbered errors) and writes nothing unless all are valid.
Cells that a spreadsheet would read as formulas are written as text (`core.exports.safe_text`) and
read back with `unescape_cell`, so export → import still loses nothing.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable

from i4region.core.exports import safe_text

from .kumu_read import DIRECTED, KUMU_TYPE, MUTUAL, KumuError, import_files
from .models import Organisation, Relation

__all__ = ["KumuError", "import_files", "to_csv", "to_xlsx"]

ELEMENT_COLUMNS = (
    "Label",
    "Type",
    "Description",
    "Tags",
    "Description LT",
    "Part of",
    "NACE code",
    "Size class",
    "Municipality",
    "Region",
    "Website",
    "Company code",
    "Source",
    "Sample",
    "Published",
    "Key stakeholder",
    "Contact cadence (days)",
)
CONNECTION_COLUMNS = (
    "From",
    "To",
    "Type",
    "Direction",
    "Strength",
    "Since",
    "Until",
    "Source",
    "Sample",
)


def _yes(value: bool) -> str:
    return "yes" if value else "no"


def element_rows(orgs: Iterable[Organisation]) -> list[list[str]]:
    """One row per organisation, in ELEMENT_COLUMNS order."""
    return [
        [
            o.name,
            KUMU_TYPE[o.type],
            o.description_en,
            "|".join(o.tag_list),
            o.description_lt,
            o.parent.name if o.parent else "",
            o.nace_code,
            o.size_class,
            o.municipality.code if o.municipality else "",
            o.region.code if o.region else "",
            o.website,
            o.company_code,
            o.source_url,
            _yes(o.is_sample),
            _yes(o.published),
            _yes(o.key_stakeholder),
            "" if o.cadence_days is None else str(o.cadence_days),
        ]
        for o in orgs
    ]


def connection_rows(relations: Iterable[Relation]) -> list[list[str]]:
    """One row per relation, in CONNECTION_COLUMNS order."""
    return [
        [
            r.source.name,
            r.target.name,
            r.type,
            DIRECTED if r.directed else MUTUAL,
            str(r.strength),
            r.since.isoformat() if r.since else "",
            r.until.isoformat() if r.until else "",
            r.source_note,
            _yes(r.is_sample),
        ]
        for r in relations
    ]


def _all() -> tuple[list[list[str]], list[list[str]]]:
    orgs = Organisation.objects.select_related("parent", "municipality", "region").order_by("name")
    rels = Relation.objects.select_related("source", "target").order_by(
        "source__name", "target__name", "type"
    )
    return element_rows(orgs), connection_rows(rels)


def to_csv(sheet: str) -> str:
    """The elements or connections sheet as CSV text."""
    elements, connections = _all()
    header, rows = (
        (ELEMENT_COLUMNS, elements) if sheet == "elements" else (CONNECTION_COLUMNS, connections)
    )
    buf = io.StringIO()
    writer = csv.writer(buf)
    writer.writerow(header)
    writer.writerows([safe_text(cell) for cell in row] for row in rows)
    return buf.getvalue()


def to_xlsx() -> bytes:
    """A workbook with the sheets Elements and Connections, as Kumu imports it."""
    from openpyxl import Workbook

    elements, connections = _all()
    wb = Workbook()
    ws = wb.active
    ws.title = "Elements"
    ws.append(list(ELEMENT_COLUMNS))
    for row in elements:
        ws.append([safe_text(cell) for cell in row])
    ws2 = wb.create_sheet("Connections")
    ws2.append(list(CONNECTION_COLUMNS))
    for row in connections:
        ws2.append([safe_text(cell) for cell in row])
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()
