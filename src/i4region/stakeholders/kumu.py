"""Kumu's layout: an elements sheet and a connections sheet, as two CSV files or one XLSX workbook.

Every field of an organisation and a relation has a column, so export → import loses nothing.
Import validates every row first (line-numbered errors) and writes nothing unless all are valid.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Iterable, Sequence

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import transaction
from django.utils.translation import gettext as _

from i4region.regions.models import Region, RegionKind

from .models import Organisation, OrgType, Relation, RelationType, SizeClass, nace_validator

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
DIRECTED, MUTUAL = "directed", "mutual"


class KumuError(ValueError):
    """Import refused; ``errors`` lists every problem with its sheet and line."""

    def __init__(self, errors: list[str]):
        super().__init__("; ".join(errors))
        self.errors = errors


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
    writer.writerows(rows)
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
        ws.append(row)
    ws2 = wb.create_sheet("Connections")
    ws2.append(list(CONNECTION_COLUMNS))
    for row in connections:
        ws2.append(row)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


# --- reading ---------------------------------------------------------------------------------


def _read_csv(data: bytes, sheet: str) -> list[dict[str, str]]:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise KumuError([_("%(sheet)s: the file is not UTF-8 text.") % {"sheet": sheet}]) from exc
    return [
        {(k or "").strip(): (v or "").strip() for k, v in row.items()}
        for row in csv.DictReader(io.StringIO(text))
    ]


def _read_xlsx(data: bytes) -> tuple[list[dict[str, str]], list[dict[str, str]]]:
    from openpyxl import load_workbook

    try:
        wb = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises several unrelated types for a bad file
        raise KumuError([_("The workbook cannot be read as XLSX.")]) from exc
    sheets = {name.lower(): wb[name] for name in wb.sheetnames}
    if "elements" not in sheets:
        raise KumuError([_("The workbook has no sheet named Elements.")])

    def rows(ws) -> list[dict[str, str]]:
        it = ws.iter_rows(values_only=True)
        header = [str(h or "").strip() for h in next(it, [])]
        out = []
        for values in it:
            if all(v in (None, "") for v in values):
                continue
            out.append(
                {
                    h: ""
                    if v is None
                    else (v.date().isoformat() if isinstance(v, dt.datetime) else str(v)).strip()
                    for h, v in zip(header, values, strict=False)
                }
            )
        return out

    return rows(sheets["elements"]), rows(sheets["connections"]) if "connections" in sheets else []


def _choice(value: str, choices: type, english: dict[str, str]) -> str | None:
    v = value.strip().lower()
    if v in choices.values:
        return v
    return english.get(v)


TYPE_NAMES = {
    "company": "company", "school": "school", "vocational school": "vocational_school",
    "university": "university", "research organisation": "research",
    "research organization": "research", "ngo": "ngo", "municipality": "municipality",
    "agency": "agency", "funder": "funder", "cluster": "cluster",
}  # fmt: skip
REL_NAMES = {"research partnership": "research_partnership"}
KUMU_TYPE = {
    "company": "Company", "school": "School", "vocational_school": "Vocational school",
    "university": "University", "research": "Research organisation", "ngo": "NGO",
    "municipality": "Municipality", "agency": "Agency", "funder": "Funder", "cluster": "Cluster",
}  # fmt: skip


def _bool(value: str) -> bool | None:
    v = value.strip().lower()
    if v in ("yes", "true", "1", "taip"):
        return True
    if v in ("", "no", "false", "0", "ne"):
        return False
    return None


def _date(value: str) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


def parse(
    elements: Sequence[dict[str, str]], connections: Sequence[dict[str, str]]
) -> tuple[list[dict], list[dict]]:
    """Validate both sheets; return clean element and connection dicts or raise KumuError."""
    errors: list[str] = []
    regions = dict(
        Region.objects.filter(kind__in=[RegionKind.MUNICIPALITY, RegionKind.NUTS]).values_list(
            "code", "kind"
        )
    )
    url = URLValidator()
    clean_elements: list[dict] = []
    labels: set[str] = set(Organisation.objects.values_list("name", flat=True))
    seen: set[str] = set()
    for i, row in enumerate(elements, start=2):
        where = _("Elements line %(line)d") % {"line": i}
        label = row.get("Label", "")
        if not label:
            errors.append(f"{where}: " + _("Label is empty."))
            continue
        if label in seen:
            errors.append(f"{where}: " + _("%(label)s appears twice.") % {"label": label})
        seen.add(label)
        kind = _choice(row.get("Type", ""), OrgType, TYPE_NAMES)
        if kind is None:
            errors.append(
                f"{where}: "
                + _("unknown Type %(value)r; use one of: %(allowed)s.")
                % {"value": row.get("Type", ""), "allowed": ", ".join(KUMU_TYPE.values())}
            )
        rec = {
            "name": label,
            "type": kind,
            "description_en": row.get("Description", ""),
            "description_lt": row.get("Description LT", ""),
            "tags": ", ".join(t.strip() for t in row.get("Tags", "").split("|") if t.strip()),
            "parent": row.get("Part of", ""),
            "nace_code": row.get("NACE code", "").upper(),
            "size_class": row.get("Size class", "").lower(),
            "website": row.get("Website", ""),
            "company_code": row.get("Company code", ""),
            "source_url": row.get("Source", ""),
        }
        if rec["nace_code"]:
            try:
                nace_validator(rec["nace_code"])
            except ValidationError:
                errors.append(
                    f"{where}: "
                    + _("NACE code %(value)r is not a NACE Rev. 2 code.")
                    % {"value": rec["nace_code"]}
                )
        if rec["size_class"] and rec["size_class"] not in SizeClass.values:
            errors.append(
                f"{where}: "
                + _("Size class must be one of: %(allowed)s.")
                % {"allowed": ", ".join(SizeClass.values)}
            )
        for column, key in (("Website", "website"), ("Source", "source_url")):
            if rec[key]:
                try:
                    url(rec[key])
                except ValidationError:
                    errors.append(
                        f"{where}: " + _("%(column)s is not a web address.") % {"column": column}
                    )
        for column, key, kinds in (
            ("Municipality", "municipality", (RegionKind.MUNICIPALITY,)),
            ("Region", "region", (RegionKind.NUTS,)),
        ):
            code = row.get(column, "")
            if code and regions.get(code) not in kinds:
                errors.append(
                    f"{where}: "
                    + _("%(column)s code %(code)r is not known.") % {"column": column, "code": code}
                )
            rec[key] = code
        for column, key in (
            ("Sample", "is_sample"),
            ("Published", "published"),
            ("Key stakeholder", "key_stakeholder"),
        ):
            b = _bool(row.get(column, ""))
            if b is None:
                errors.append(
                    f"{where}: " + _("%(column)s must be yes or no.") % {"column": column}
                )
            rec[key] = bool(b)
        cadence = row.get("Contact cadence (days)", "")
        rec["cadence_days"] = None
        if cadence:
            if cadence.isdigit() and 0 < int(cadence) < 32768:
                rec["cadence_days"] = int(cadence)
            else:
                errors.append(f"{where}: " + _("Contact cadence must be a whole number of days."))
        clean_elements.append(rec)
    labels |= seen
    for i, rec in enumerate(clean_elements, start=2):
        if rec["parent"] and rec["parent"] not in labels:
            errors.append(
                _("Elements line %(line)d") % {"line": i}
                + ": "
                + _("Part of names %(label)r, which is neither in the sheet nor stored.")
                % {"label": rec["parent"]}
            )
    clean_connections: list[dict] = []
    keys: set[tuple[str, str, str]] = set()
    for i, row in enumerate(connections, start=2):
        where = _("Connections line %(line)d") % {"line": i}
        rec = {"source": row.get("From", ""), "target": row.get("To", "")}
        for column, key in (("From", "source"), ("To", "target")):
            if not rec[key]:
                errors.append(f"{where}: " + _("%(column)s is empty.") % {"column": column})
            elif rec[key] not in labels:
                errors.append(
                    f"{where}: "
                    + _("%(column)s names %(label)r, which is not an element.")
                    % {"column": column, "label": rec[key]}
                )
        if rec["source"] and rec["source"] == rec["target"]:
            errors.append(f"{where}: " + _("From and To are the same element."))
        kind = _choice(row.get("Type", ""), RelationType, REL_NAMES)
        if kind is None:
            errors.append(
                f"{where}: "
                + _("unknown Type %(value)r; use one of: %(allowed)s.")
                % {"value": row.get("Type", ""), "allowed": ", ".join(RelationType.values)}
            )
        rec["type"] = kind
        direction = row.get("Direction", "").lower() or MUTUAL
        if direction not in (DIRECTED, MUTUAL, "undirected"):
            errors.append(f"{where}: " + _("Direction must be directed, mutual or undirected."))
        rec["directed"] = direction == DIRECTED
        strength = row.get("Strength", "") or "3"
        try:
            rec["strength"] = int(float(strength))
            if not 1 <= rec["strength"] <= 5 or float(strength) != rec["strength"]:
                raise ValueError
        except ValueError:
            errors.append(f"{where}: " + _("Strength must be a whole number from 1 to 5."))
        for column, key in (("Since", "since"), ("Until", "until")):
            try:
                rec[key] = _date(row.get(column, ""))
            except ValueError:
                errors.append(
                    f"{where}: "
                    + _("%(column)s must be a date like 2024-05-31.") % {"column": column}
                )
        rec["source_note"] = row.get("Source", "")
        sample = _bool(row.get("Sample", ""))
        if sample is None:
            errors.append(f"{where}: " + _("%(column)s must be yes or no.") % {"column": "Sample"})
        rec["is_sample"] = bool(sample)
        key = (rec["source"], rec["target"], rec["type"])
        if key in keys:
            errors.append(f"{where}: " + _("the same connection appears twice."))
        keys.add(key)
        clean_connections.append(rec)
    if errors:
        raise KumuError(errors)
    return clean_elements, clean_connections


@transaction.atomic
def store(elements: list[dict], connections: list[dict]) -> tuple[int, int]:
    """Upsert organisations by name and relations by (from, to, type); return the counts."""
    regions = dict(Region.objects.values_list("code", "id"))
    for rec in elements:
        fields = {
            k: v for k, v in rec.items() if k not in ("name", "parent", "municipality", "region")
        }
        fields["municipality_id"] = (
            regions.get(rec["municipality"]) if rec["municipality"] else None
        )
        fields["region_id"] = regions.get(rec["region"]) if rec["region"] else None
        Organisation.objects.update_or_create(name=rec["name"], defaults=fields)
    ids = dict(Organisation.objects.values_list("name", "id"))
    for rec in elements:
        Organisation.objects.filter(name=rec["name"]).update(
            parent_id=ids[rec["parent"]] if rec["parent"] else None
        )
    for rec in connections:
        Relation.objects.update_or_create(
            source_id=ids[rec["source"]],
            target_id=ids[rec["target"]],
            type=rec["type"],
            defaults={
                k: rec[k]
                for k in ("directed", "strength", "since", "until", "source_note", "is_sample")
            },
        )
    return len(elements), len(connections)


def import_files(
    elements_file: bytes | None, connections_file: bytes | None = None, xlsx: bytes | None = None
) -> tuple[int, int]:
    """Import a Kumu workbook or an elements CSV (plus an optional connections CSV)."""
    if xlsx is not None:
        elements, connections = _read_xlsx(xlsx)
    else:
        if elements_file is None:
            raise KumuError([_("Choose an elements sheet (CSV) or a workbook (XLSX).")])
        elements = _read_csv(elements_file, "Elements")
        connections = _read_csv(connections_file, "Connections") if connections_file else []
    return store(*parse(elements, connections))
