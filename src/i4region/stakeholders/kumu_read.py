"""Reading Kumu sheets: every row validated first (errors name the sheet, line and column, with
the models' own length limits), nothing written unless all rows are valid, no input that makes
the server fail (NUL bytes, oversized fields, extra cells, too many rows)."""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Sequence

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import transaction
from django.utils.translation import gettext as _

from i4region.core import history
from i4region.core.exports import unescape_cell
from i4region.regions.models import Region, RegionKind

from .models import Organisation, OrgType, Relation, RelationType, SizeClass, nace_validator

DIRECTED, MUTUAL = "directed", "mutual"
# The page's imports run in a worker (stakeholders.tasks), not in the request, so the limit is
# what one job should hold, not the server's timeout: 2,000 new elements and 1,999 connections
# took 23 s on a shared 2-core machine (SQLite), so 50,000 rows is a job of minutes.
MAX_ROWS = 50_000
# The longest cell a sheet may carry (the csv module's default, checked here: its limit is
# process-wide and the dump reader raises it).
MAX_CELL = 128 * 1024


class KumuError(ValueError):
    """Import refused; ``errors`` lists every problem with its sheet and line."""

    def __init__(self, errors: list[str]):
        super().__init__("; ".join(errors))
        self.errors = errors


def _too_many(rows: int, sheet: str) -> KumuError:
    return KumuError(
        [
            _(
                "%(sheet)s: %(rows)d rows; an import from the page takes at most %(max)d rows "
                "per sheet. Split the sheet into smaller files."
            )
            % {"sheet": sheet, "rows": rows, "max": MAX_ROWS}
        ]
    )


def _read_csv(data: bytes, sheet: str) -> list[dict[str, str]]:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise KumuError([_("%(sheet)s: the file is not UTF-8 text.") % {"sheet": sheet}]) from exc
    if "\x00" in text:
        line = text.count("\n", 0, text.index("\x00")) + 1
        raise KumuError(
            [_("%(sheet)s line %(line)d: contains a NUL byte.") % {"sheet": sheet, "line": line}]
        )
    reader = csv.DictReader(io.StringIO(text))
    out = []
    try:
        for row in reader:
            if len(out) >= MAX_ROWS:
                raise _too_many(sum(1 for _row in reader) + len(out) + 1, sheet)
            too_long = [k for k, v in row.items() if isinstance(v, str) and len(v) > MAX_CELL]
            if too_long:
                raise KumuError(
                    [
                        _(
                            "%(sheet)s line %(line)d: %(column)s is longer than %(limit)s characters."
                        )
                        % {
                            "sheet": sheet,
                            "line": reader.line_num,
                            "column": too_long[0],
                            "limit": f"{MAX_CELL:,}",
                        }
                    ]
                )
            out.append(
                {
                    unescape_cell((k or "").strip()): unescape_cell((v or "").strip())
                    for k, v in row.items()
                    if not isinstance(v, list)
                }
            )
    except csv.Error as exc:
        raise KumuError(
            [
                _("%(sheet)s line %(line)d: %(problem)s.")
                % {
                    "sheet": sheet,
                    "line": len(out) + 2,
                    "problem": _("a field is too large or malformed"),
                }
            ]
        ) from exc
    return out


def _read_xlsx(data: bytes) -> tuple[list[dict[str, str]], list[dict[str, str]]]:
    from openpyxl import load_workbook

    try:
        wb = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises several unrelated types for a bad file
        raise KumuError([_("The workbook cannot be read as XLSX.")]) from exc
    sheets = {name.lower(): wb[name] for name in wb.sheetnames}
    if "elements" not in sheets:
        raise KumuError([_("The workbook has no sheet named Elements.")])

    def text(v) -> str:
        if v is None:
            return ""
        return unescape_cell(
            (v.date().isoformat() if isinstance(v, dt.datetime) else str(v)).strip()
        )

    def rows(ws, sheet: str) -> list[dict[str, str]]:
        it = ws.iter_rows(values_only=True)
        header = [text(h) for h in next(it, [])]
        out = []
        for values in it:
            if all(v in (None, "") for v in values):
                continue
            if len(out) >= MAX_ROWS:
                raise _too_many(len(out) + 1 + sum(1 for _row in it), sheet)
            out.append({h: text(v) for h, v in zip(header, values, strict=False)})
        return out

    connections = rows(sheets["connections"], "Connections") if "connections" in sheets else []
    return rows(sheets["elements"], "Elements"), connections


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


ELEMENT_LIMITED = (
    ("Label", "name"),
    ("Tags", "tags"),
    ("Website", "website"),
    ("Company code", "company_code"),
    ("Source", "source_url"),
)


def _check_length(errors: list[str], where: str, column: str, value: str, model, field: str):
    """The model's own limit, reported with the line instead of failing in the database."""
    limit = model._meta.get_field(field).max_length
    if len(value) > limit:
        errors.append(
            f"{where}: "
            + _("%(column)s has %(length)d characters; at most %(limit)d are allowed.")
            % {"column": column, "length": len(value), "limit": limit}
        )


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
        for column, key in ELEMENT_LIMITED:
            _check_length(errors, where, column, rec[key], Organisation, key)
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
        _check_length(errors, where, "Source", rec["source_note"], Relation, "source_note")
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


def store(elements: list[dict], connections: list[dict]) -> tuple[int, int]:
    """Upsert organisations by name and relations by (from, to, type); return the counts."""
    with transaction.atomic(), history.verb("imported"):
        return _store(elements, connections)


def _save_changed(obj, values: dict) -> None:
    """Write only what differs, so a re-import of an unchanged sheet writes (and records) nothing."""
    changed = [k for k, v in values.items() if getattr(obj, k) != v]
    if changed:
        for k in changed:
            setattr(obj, k, values[k])
        obj.save(update_fields=[*changed, "updated_at"])


def _store(elements: list[dict], connections: list[dict]) -> tuple[int, int]:
    regions = dict(Region.objects.values_list("code", "id"))
    orgs = {o.name: o for o in Organisation.objects.filter(name__in=[r["name"] for r in elements])}
    for rec in elements:
        values = {
            k: v for k, v in rec.items() if k not in ("name", "parent", "municipality", "region")
        }
        values["municipality_id"] = (
            regions.get(rec["municipality"]) if rec["municipality"] else None
        )
        values["region_id"] = regions.get(rec["region"]) if rec["region"] else None
        if rec["name"] in orgs:
            _save_changed(orgs[rec["name"]], values)
        else:
            orgs[rec["name"]] = Organisation.objects.create(name=rec["name"], **values)
    ids = dict(Organisation.objects.values_list("name", "id"))
    for rec in elements:
        parent = ids[rec["parent"]] if rec["parent"] else None
        _save_changed(orgs[rec["name"]], {"parent_id": parent})
    used = {ids[r["source"]] for r in connections}
    stored = {
        (r.source_id, r.target_id, r.type): r for r in Relation.objects.filter(source_id__in=used)
    }
    for rec in connections:
        key = (ids[rec["source"]], ids[rec["target"]], rec["type"])
        values = {
            k: rec[k]
            for k in ("directed", "strength", "since", "until", "source_note", "is_sample")
        }
        if key in stored:
            _save_changed(stored[key], values)
        else:
            Relation.objects.create(source_id=key[0], target_id=key[1], type=key[2], **values)
    return len(elements), len(connections)


def read_sheets(
    elements_file: bytes | None, connections_file: bytes | None = None, xlsx: bytes | None = None
) -> tuple[list[dict[str, str]], list[dict[str, str]]]:
    """The rows of a Kumu workbook or of an elements CSV (plus an optional connections CSV)."""
    if xlsx is not None:
        return _read_xlsx(xlsx)
    if elements_file is None:
        raise KumuError([_("Choose an elements sheet (CSV) or a workbook (XLSX).")])
    elements = _read_csv(elements_file, "Elements")
    connections = _read_csv(connections_file, "Connections") if connections_file else []
    return elements, connections


def import_files(
    elements_file: bytes | None, connections_file: bytes | None = None, xlsx: bytes | None = None
) -> tuple[int, int]:
    """Import a Kumu workbook or an elements CSV (plus an optional connections CSV)."""
    return store(*parse(*read_sheets(elements_file, connections_file, xlsx)))
