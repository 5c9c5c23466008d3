"""The atomic CSV import of initiatives, budget lines and funding lines (web page and command).

Every row is checked first (types, choices, model rules and length limits, references); if any
row is wrong nothing is written and each problem is named by line and column. A file above
MAX_BYTES or MAX_ROWS is refused with a message before it is parsed: larger imports wait for the
background job queue, so a request never runs into the server's timeout.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from i4region.core import history
from i4region.core.exports import unescape_cell
from i4region.regions.models import Region, RegionKind
from i4region.stakeholders.models import Organisation

from .choices import SUBCATEGORIES_OF, TargetGroup
from .models import INITIATIVE_FIELDS, BudgetLine, FundingLine, Initiative
from .periods import Period

MAX_BYTES = 2 * 1024 * 1024
MAX_ROWS = 2000

# An initiative's file has its fields but the partners (the form picks them from the register).
INITIATIVE_COLUMNS = (*(f for f in INITIATIVE_FIELDS if f != "partners"), "published")
BUDGET_COLUMNS = (
    "initiative",
    "year",
    "category",
    "subcategory",
    "planned",
    "committed",
    "spent",
    "source_url",
    "note",
)
FUNDING_COLUMNS = (
    "initiative",
    "funder_organisation",
    "source_type",
    "programme",
    "programming_period",
    "amount",
    "cofinancing_rate",
    "year_from",
    "year_to",
    "covers",
    "status",
    "kohesio_project_id",
    "source_url",
    "note",
)
# Optional in budget and funding files (the export writes them): the period of the amount.
PERIOD_COLUMNS = ("period", "date_from", "date_to", "source_words")
IMPORT_COLUMNS = {
    "initiatives": INITIATIVE_COLUMNS,
    "budget": BUDGET_COLUMNS,
    "funding": FUNDING_COLUMNS,
}
REQUIRED = {
    "initiatives": {"slug", "name_en", "name_lt", "type"},
    "budget": {"initiative", "category"},
    "funding": {"initiative", "funder_organisation", "source_type", "amount"},
}


class ImportFailed(Exception):
    """The file was refused; nothing was written. ``errors`` name line and column."""

    def __init__(self, errors: list[str]):
        super().__init__("\n".join(errors))
        self.errors = errors


@dataclass
class ImportResult:
    kind: str
    created: int = 0
    updated: int = 0

    def summary(self) -> str:
        return _("%(kind)s: %(created)d created, %(updated)d updated") % {
            "kind": self.kind,
            "created": self.created,
            "updated": self.updated,
        }


def _decimal(text: str) -> Decimal | None:
    if text == "":
        return None
    try:
        value = Decimal(text.replace(" ", "").replace(",", "."))
    except InvalidOperation as exc:
        raise ValueError(_("not a number: %(v)r") % {"v": text}) from exc
    if not value.is_finite():
        raise ValueError(_("not a number: %(v)r") % {"v": text})
    return value


def _int(text: str) -> int | None:
    if text == "":
        return None
    try:
        return int(text)
    except ValueError as exc:
        raise ValueError(_("not a whole number: %(v)r") % {"v": text}) from exc


def _date(text: str | None) -> date | None:
    if not text:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError as exc:
        raise ValueError(_("not a date (YYYY-MM-DD): %(v)r") % {"v": text}) from exc


def _bool(text: str) -> bool:
    if text.lower() in ("true", "1", "yes", "taip"):
        return True
    if text.lower() in ("false", "0", "no", "ne", ""):
        return False
    raise ValueError(_("not true or false: %(v)r") % {"v": text})


def _organisation(text: str) -> Organisation | None:
    """A register organisation by its exact name, or by its id (as the export writes it)."""
    if text == "":
        return None
    found = Organisation.objects.filter(**{"pk" if text.isdigit() else "name": text}).first()
    if found is None:
        raise ValueError(_("no organisation named %(name)r in the register") % {"name": text})
    return found


def _default_period(kind: str, values: dict) -> str:
    """A file without a period column states years or nothing: "in the stated year" or "not
    stated"; exact dates make it "exact dates"."""
    if values.get("date_from") or values.get("date_to"):
        return Period.DATES
    year = values.get("year") if kind == "budget" else values.get("year_from")
    return Period.YEARS if year is not None else Period.UNKNOWN


def _cleaned(
    kind: str, row: dict[str, str], slugs: dict[str, Initiative | None]
) -> tuple[dict, dict[str, str]]:
    """Typed values of one row, and the problems found, keyed by column."""
    errors: dict[str, str] = {}
    values: dict = {}

    def take(column: str, parse):
        try:
            values[column] = parse(row.get(column, ""))
        except ValueError as exc:
            errors[column] = str(exc)

    if kind == "initiatives":
        take("owner_organisation", _organisation)
        for column in (
            "slug",
            "name_en",
            "name_lt",
            "type",
            "parent_programme",
            "description_en",
            "description_lt",
            "theme",
            "lifecycle",
            "status",
            "status_reason",
        ):
            values[column] = row[column]
        codes = [c.strip() for c in row["target_groups"].split(";") if c.strip()]
        unknown = [c for c in codes if c not in TargetGroup.values]
        if unknown:
            errors["target_groups"] = _("unknown target group %(codes)s; allowed: %(allowed)s") % {
                "codes": ", ".join(unknown),
                "allowed": ", ".join(TargetGroup.values),
            }
        values["target_groups"] = ";".join(codes)
        take("start_date", _date)
        take("end_date", _date)
        take("published", _bool)
        code = row["municipality"]
        values["municipality"] = None
        if code:
            values["municipality"] = Region.objects.filter(
                code=code, kind=RegionKind.MUNICIPALITY
            ).first()
            if values["municipality"] is None:
                errors["municipality"] = _("no municipality with code %(code)r") % {"code": code}
        if not values["lifecycle"]:
            values.pop("lifecycle")
        if not values["status"]:
            values.pop("status")
    else:
        slug = row["initiative"]
        values["initiative"] = slugs.get(slug)
        if values["initiative"] is None:
            errors["initiative"] = _("no initiative with short name %(slug)r") % {"slug": slug}
        if kind == "budget":
            values["category"] = row["category"]
            values["subcategory"] = row["subcategory"]
            take("year", _int)
            for column in ("planned", "committed", "spent"):
                take(column, _decimal)
            if (
                row["category"] in SUBCATEGORIES_OF
                and row["subcategory"] not in SUBCATEGORIES_OF[row["category"]]
            ):
                errors["subcategory"] = _(
                    "%(sub)r is not a line of %(cat)s costs; allowed: %(allowed)s"
                ) % {
                    "sub": row["subcategory"],
                    "cat": row["category"],
                    "allowed": ", ".join(sorted(s for s in SUBCATEGORIES_OF[row["category"]] if s)),
                }
        else:
            take("funder_organisation", _organisation)
            for column in (
                "source_type",
                "programme",
                "programming_period",
                "covers",
                "status",
                "kohesio_project_id",
            ):
                values[column] = row[column]
            take("amount", _decimal)
            take("cofinancing_rate", _decimal)
            take("year_from", _int)
            take("year_to", _int)
            if not values["covers"]:
                values.pop("covers")
            if not values["status"]:
                values.pop("status")
            if (
                values.get("year_from") is not None
                and values.get("year_to") is not None
                and values["year_to"] < values["year_from"]
            ):
                errors["year_to"] = _("the last year is before the first year")
        values["source_url"] = row["source_url"]
        values["note"] = row["note"]
        take("date_from", _date)
        take("date_to", _date)
        values["source_words"] = row.get("source_words", "")
        values["period"] = row.get("period") or _default_period(kind, values)
    for column in errors:
        values.pop(column, None)
    return values, errors


KEYS = {
    "initiatives": (Initiative, ("slug",)),
    "budget": (BudgetLine, ("initiative", "year", "category", "subcategory")),
    "funding": (
        FundingLine,
        ("initiative", "funder_organisation", "source_type", "year_from", "year_to"),
    ),
}


def _instance(kind: str, values: dict, lookup: bool) -> tuple[object, bool]:
    """The existing record this row updates (matched by its natural key) or a new one.

    Without ``lookup`` (the row already has errors) a new, unsaved record is returned for checking.
    """
    model, keys = KEYS[kind]
    obj = model.objects.filter(**{k: values[k] for k in keys}).first() if lookup else None
    return (obj, False) if obj else (model(), True)


def too_large(size: int) -> list[str]:
    """The refusal of a file above MAX_BYTES, read before the file is."""
    return [
        _(
            "the file is %(size)s MB; the page imports files up to %(max)s MB "
            "(%(rows)d rows): split it or import it with the command line"
        )
        % {
            "size": f"{size / 1024 / 1024:.1f}",
            "max": MAX_BYTES // 1024 // 1024,
            "rows": MAX_ROWS,
        }
    ]


def read_csv(data: bytes | str, limited: bool = True) -> tuple[list[str], list[dict[str, str]]]:
    """Header and rows of a UTF-8 CSV (BOM allowed), cells stripped and formula guards undone.

    Raises ImportFailed for a file too large, not UTF-8, with NUL bytes or not CSV at all.
    """
    if limited and len(data) > MAX_BYTES:
        raise ImportFailed(too_large(len(data)))
    try:
        text = data.decode("utf-8-sig") if isinstance(data, bytes) else data.lstrip("\ufeff")
    except UnicodeDecodeError as exc:
        raise ImportFailed([_("the file is not UTF-8 text")]) from exc
    if "\x00" in text:
        line = text[: text.index("\x00")].count("\n") + 1
        raise ImportFailed([_("line %(line)d: the file contains a NUL byte") % {"line": line}])
    try:
        reader = csv.DictReader(io.StringIO(text))
        header = [h.strip() for h in (reader.fieldnames or [])]
        reader.fieldnames = header
        rows = []
        for r in reader:
            if limited and len(rows) >= MAX_ROWS:
                raise ImportFailed(
                    [
                        _(
                            "the file has more than %(rows)d rows; the page imports up to "
                            "%(rows)d at a time: split it"
                        )
                        % {"rows": MAX_ROWS}
                    ]
                )
            rows.append(
                {
                    k: unescape_cell((v or "").strip()) if isinstance(v, str) else ""
                    for k, v in r.items()
                    if k is not None
                }
            )
    except csv.Error as exc:
        raise ImportFailed([_("line 1: not a CSV file (%(e)s)") % {"e": exc}]) from exc
    return header, rows


def _key(kind: str, values: dict) -> tuple:
    return (kind, *(str(values.get(k)) for k in KEYS[kind][1]))


def _where(line: int, column: str) -> str:
    if column and column != "__all__":
        return _("line %(line)d, column %(column)s") % {"line": line, "column": column}
    return _("line %(line)d") % {"line": line}


def import_csv(kind: str, data: bytes | str, limited: bool = True) -> ImportResult:
    """Create or update initiatives, budget lines or funding lines from a CSV, all or nothing.

    Rows are matched to existing records by natural key: initiatives by slug, budget lines by
    (initiative, year, category, subcategory), funding by (initiative, funder, source type, years).
    The history records each save as "imported", by the signed-in user (auditlog's actor).
    ``limited`` (the web page) refuses files above MAX_BYTES or MAX_ROWS; the command does not.
    """
    if kind not in IMPORT_COLUMNS:
        raise ImportFailed([_("unknown kind %(kind)r") % {"kind": kind}])
    header, rows = read_csv(data, limited)
    missing = [c for c in IMPORT_COLUMNS[kind] if c not in header]
    if missing:
        raise ImportFailed([_("line 1: missing columns %(cols)s") % {"cols": ", ".join(missing)}])
    if not rows:
        raise ImportFailed([_("the file has no data rows")])
    slugs: dict[str, Initiative | None] = {i.slug: i for i in Initiative.objects.all()}
    if kind == "initiatives":
        for row in rows:
            slugs.setdefault(row["slug"], None)
    errors: list[str] = []
    plan: list[tuple[object, bool]] = []
    seen: dict[tuple, int] = {}
    for line, row in enumerate(rows, start=2):
        problems: dict[str, list[str]] = {
            column: [_("required")] for column in REQUIRED[kind] if not row.get(column)
        }
        if not problems:
            values, parse_errors = _cleaned(kind, row, slugs)
            problems = {k: [v] for k, v in parse_errors.items()}
            obj, created = _instance(kind, values, lookup=not parse_errors)
            for k, v in values.items():
                setattr(obj, k, v)
            try:
                obj.full_clean(
                    exclude=list(parse_errors),
                    validate_unique=not parse_errors,
                    validate_constraints=not parse_errors,
                )
            except ValidationError as exc:
                for column, messages in exc.message_dict.items():
                    problems.setdefault(column, []).extend(messages)
            key = _key(kind, values)
            if not problems and key in seen:
                problems = {"": [_("repeats line %(line)d") % {"line": seen[key]}]}
            if not problems:
                plan.append((obj, created))
                seen[key] = line
        for column, messages in problems.items():
            errors.extend(f"{_where(line, column)}: {m}" for m in messages)
    if errors:
        raise ImportFailed(errors)
    result = ImportResult(kind)
    with transaction.atomic(), history.verb("imported"):
        for obj, created in plan:
            obj.save()
            result.created += created
            result.updated += not created
    return result
