"""Initiative operations shared by views, API, exports and commands.

Who may see and edit what, the bridge from database rows to the pure funding arithmetic
(i4region.compute.funding), KPI progress (i4region.compute.progress), change history and the
atomic CSV import.
"""

from __future__ import annotations

import csv
import io
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q, QuerySet
from django.forms.models import model_to_dict
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from i4region.accounts.models import Role
from i4region.accounts.permissions import has_role
from i4region.compute import funding as fn
from i4region.compute.progress import ProgressResult, progress_status
from i4region.observatory import services as observatory
from i4region.observatory.derived import Point
from i4region.observatory.models import Indicator
from i4region.regions.models import Region, RegionKind

from .models import (
    SUBCATEGORIES_OF,
    BudgetLine,
    Change,
    FundingLine,
    Initiative,
    Kpi,
    TargetGroup,
)

ALERT_HORIZON_MONTHS = 24


def today() -> date:
    """Today in the project's time zone (Europe/Vilnius); tests replace it to fix the clock."""
    return timezone.localdate()


# --- permissions -------------------------------------------------------------------------------


def sees_all(user) -> bool:
    """Secretariat and board members see unpublished initiatives too."""
    return has_role(user, Role.SECRETARIAT, Role.BOARD_MEMBER)


def visible_initiatives(user) -> QuerySet[Initiative]:
    """What this user may read: the public sees published ones, managers also their own."""
    qs = Initiative.objects.select_related("municipality")
    if sees_all(user):
        return qs
    if user.is_authenticated:
        return qs.filter(Q(published=True) | Q(managers=user)).distinct()
    return qs.filter(published=True)


def can_create(user) -> bool:
    return has_role(user, Role.SECRETARIAT)


def can_edit(user, initiative: Initiative) -> bool:
    """The secretariat edits every initiative; an initiative manager only the ones they manage."""
    if has_role(user, Role.SECRETARIAT):
        return True
    return bool(
        user.is_authenticated
        and user.has_role(Role.INITIATIVE_MANAGER)
        and initiative.managers.filter(pk=user.pk).exists()
    )


# --- history -----------------------------------------------------------------------------------


def snapshot(obj) -> dict:
    """A JSON-safe copy of a record's fields, for the before/after of a change."""
    data = model_to_dict(obj)
    return {
        k: (str(v) if not isinstance(v, int | bool | type(None)) else v)
        for k, v in data.items()
        if k != "managers"
    }


def record_change(initiative: Initiative, record: str, before: dict, after: dict, user) -> None:
    """Keep who changed which record, when, and the fields that differ (before and after).

    An empty ``before`` means the record was created, an empty ``after`` that it was deleted.
    """
    changed = {k for k in set(before) | set(after) if before.get(k) != after.get(k)}
    if not changed:
        return
    Change.objects.create(
        initiative=initiative,
        record=record,
        before={k: before.get(k) for k in sorted(changed)} if before else {},
        after={k: after.get(k) for k in sorted(changed)} if after else {},
        changed_by=user if user is not None and user.is_authenticated else None,
    )


# --- sustainability ----------------------------------------------------------------------------


@dataclass
class Inputs:
    """Rows converted for the funding arithmetic, and the rows it had to leave out."""

    budget: list[fn.BudgetLine]
    funding: list[fn.FundingLine]
    undated_budget: list[BudgetLine] = field(default_factory=list)
    undated_funding: list[FundingLine] = field(default_factory=list)


def compute_inputs(initiatives: Iterable[Initiative]) -> Inputs:
    """Budget and funding rows as the pure module wants them (key: initiative slug).

    Lines without a year or a planned amount cannot be placed in a year; they are returned apart
    so pages can show them as "year not known" instead of silently dropping them.
    """
    ids = [i.pk for i in initiatives]
    inputs = Inputs([], [])
    for b in BudgetLine.objects.filter(initiative_id__in=ids).select_related("initiative"):
        if b.year is None or b.planned is None:
            inputs.undated_budget.append(b)
            continue
        inputs.budget.append(
            fn.BudgetLine(
                initiative=b.initiative.slug,
                year=b.year,
                category=b.category,
                subcategory=b.subcategory,
                planned=b.planned,
                committed=b.committed if b.committed is not None else fn.ZERO,
                spent=b.spent if b.spent is not None else fn.ZERO,
            )
        )
    for f in FundingLine.objects.filter(initiative_id__in=ids).select_related("initiative"):
        if f.year_from is None or f.year_to is None:
            inputs.undated_funding.append(f)
            continue
        inputs.funding.append(
            fn.FundingLine(
                initiative=f.initiative.slug,
                funder=f.funder,
                source_type=f.source_type,
                amount=f.amount,
                year_from=f.year_from,
                year_to=f.year_to,
                covers=f.covers,
                status=f.status,
            )
        )
    return inputs


def sustainability(
    initiatives: Iterable[Initiative], as_of: date | None = None
) -> tuple[fn.SustainabilityReport, Inputs]:
    """Gaps, runway, concentration and 24-month alerts for these initiatives (EUR)."""
    inputs = compute_inputs(initiatives)
    report = fn.analyse(
        inputs.budget, inputs.funding, as_of=as_of or today(), horizon_months=ALERT_HORIZON_MONTHS
    )
    return report, inputs


def scenario(
    initiatives: Iterable[Initiative], source: str, end_year: int, as_of: date | None = None
) -> fn.ScenarioResult:
    """Recompute as if ``source`` (a funder or a source type) paid nothing after ``end_year``."""
    inputs = compute_inputs(initiatives)
    return fn.scenario_source_ends(
        inputs.budget,
        inputs.funding,
        source,
        end_year,
        as_of=as_of or today(),
        horizon_months=ALERT_HORIZON_MONTHS,
    )


def secured_by_source_and_year(initiatives: Iterable[Initiative]) -> dict[str, dict[int, Decimal]]:
    """Secured money (approved or received) by source type and year, spread as the arithmetic does."""
    out: dict[str, dict[int, Decimal]] = defaultdict(lambda: defaultdict(lambda: fn.ZERO))
    for f in compute_inputs(initiatives).funding:
        if f.secured:
            for year, part in fn.spread_amount(f.amount, f.year_from, f.year_to).items():
                out[f.source_type][year] += part
    return {k: dict(v) for k, v in out.items()}


# --- KPIs --------------------------------------------------------------------------------------


def kpi_progress(kpi: Kpi) -> ProgressResult | None:
    """Open SDG progress of a KPI's latest value towards its target; None when it cannot be judged.

    It needs a baseline (year and value), a target (year and value) and a value after the baseline.
    """
    if None in (kpi.baseline_year, kpi.baseline_value, kpi.target_year, kpi.target_value):
        return None
    later = [v for v in kpi.values.all() if v.year > kpi.baseline_year]
    if not later:
        return None
    latest = max(later, key=lambda v: v.period)
    try:
        return progress_status(
            kpi.baseline_year,
            float(kpi.baseline_value),
            latest.year,
            float(latest.value),
            kpi.target_year,
            float(kpi.target_value),
            kpi.direction,
        )
    except ValueError:
        return None


def progress_label(result: ProgressResult | None) -> str:
    if result is None:
        return _("Not assessed (needs baseline, target and a later value)")
    lang = (get_language() or "lt")[:2]
    return result.label(lang if lang in ("en", "lt") else "en")


def regional_value(indicator: Indicator) -> tuple[Region, Point] | None:
    """The home region's latest value of a linked observatory indicator, beside the KPI."""
    region = Region.objects.filter(code=settings.I4REGION_HOME_REGION).first()
    if region is None:
        return None
    points = observatory.series(indicator, region)
    return (region, points[-1]) if points else None


ON_TRACK_STATUSES = {"target_achieved", "substantial_progress"}


# --- CSV import --------------------------------------------------------------------------------

INITIATIVE_COLUMNS = (
    "slug",
    "name_en",
    "name_lt",
    "type",
    "owner_organisation",
    "parent_programme",
    "description_en",
    "description_lt",
    "target_groups",
    "theme",
    "municipality",
    "lifecycle",
    "start_date",
    "end_date",
    "status",
    "status_reason",
    "published",
)
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
    "funder",
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
IMPORT_COLUMNS = {
    "initiatives": INITIATIVE_COLUMNS,
    "budget": BUDGET_COLUMNS,
    "funding": FUNDING_COLUMNS,
}
REQUIRED = {
    "initiatives": {"slug", "name_en", "name_lt", "type"},
    "budget": {"initiative", "category"},
    "funding": {"initiative", "funder", "source_type", "amount"},
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


def _date(text: str) -> date | None:
    if text == "":
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


def _cleaned(
    kind: str, row: dict[str, str], slugs: dict[str, Initiative | None]
) -> tuple[dict, dict[str, str]]:
    """Typed values of one row, and the problems found, keyed by column."""
    errors: dict[str, str] = {}
    values: dict = {}

    def take(column: str, parse):
        try:
            values[column] = parse(row[column])
        except ValueError as exc:
            errors[column] = str(exc)

    if kind == "initiatives":
        for column in (
            "slug",
            "name_en",
            "name_lt",
            "type",
            "owner_organisation",
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
            for column in (
                "funder",
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
    for column in errors:
        values.pop(column, None)
    return values, errors


def _instance(kind: str, values: dict, lookup: bool) -> tuple[object, bool]:
    """The existing record this row updates (matched by its natural key) or a new one.

    Without ``lookup`` (the row already has errors) a new, unsaved record is returned for checking.
    """
    model, keys = {
        "initiatives": (Initiative, ("slug",)),
        "budget": (BudgetLine, ("initiative", "year", "category", "subcategory")),
        "funding": (FundingLine, ("initiative", "funder", "source_type", "year_from", "year_to")),
    }[kind]
    obj = model.objects.filter(**{k: values[k] for k in keys}).first() if lookup else None
    return (obj, False) if obj else (model(), True)


def read_csv(data: bytes | str) -> tuple[list[str], list[dict[str, str]]]:
    """Header and rows of a UTF-8 CSV (BOM allowed), cells stripped."""
    text = data.decode("utf-8-sig") if isinstance(data, bytes) else data.lstrip("\ufeff")
    reader = csv.DictReader(io.StringIO(text))
    header = [h.strip() for h in (reader.fieldnames or [])]
    reader.fieldnames = header
    rows = [{k: (v or "").strip() for k, v in r.items() if k is not None} for r in reader]
    return header, rows


def import_csv(kind: str, data: bytes | str, user=None) -> ImportResult:
    """Create or update initiatives, budget lines or funding lines from a CSV, all or nothing.

    Every row is validated first (types, choices, model rules, references); if any row is wrong
    ImportFailed lists each problem as "line N, column C: ..." and nothing is written.
    Rows are matched to existing records by natural key: initiatives by slug, budget lines by
    (initiative, year, category, subcategory), funding by (initiative, funder, source type, years).
    """
    if kind not in IMPORT_COLUMNS:
        raise ImportFailed([_("unknown kind %(kind)r") % {"kind": kind}])
    try:
        header, rows = read_csv(data)
    except UnicodeDecodeError as exc:
        raise ImportFailed([_("the file is not UTF-8 text")]) from exc
    except csv.Error as exc:
        raise ImportFailed([_("line 1: not a CSV file (%(e)s)") % {"e": exc}]) from exc
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
    plan: list[tuple[object, bool, dict, int]] = []
    seen: dict[tuple, int] = {}
    for line, row in enumerate(rows, start=2):
        problems: dict[str, list[str]] = {}
        for column in REQUIRED[kind]:
            if not row.get(column):
                problems[column] = [_("required")]
        if not problems:
            values, parse_errors = _cleaned(kind, row, slugs)
            problems = {k: [v] for k, v in parse_errors.items()}
            obj, created = _instance(kind, values, lookup=not parse_errors)
            before = {} if created else snapshot(obj)
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
            if not problems:
                plan.append((obj, created, before, line))
        if not problems:
            key = (
                kind,
                *(
                    str(values.get(k))
                    for k in (
                        ("slug",)
                        if kind == "initiatives"
                        else ("initiative", "year", "category", "subcategory")
                        if kind == "budget"
                        else ("initiative", "funder", "source_type", "year_from", "year_to")
                    )
                ),
            )
            if key in seen:
                problems = {"": [_("repeats line %(line)d") % {"line": seen[key]}]}
                plan.pop()
            seen[key] = line
        for column, messages in problems.items():
            where = (
                _("line %(line)d, column %(column)s") % {"line": line, "column": column}
                if column and column != "__all__"
                else _("line %(line)d") % {"line": line}
            )
            errors.extend(f"{where}: {m}" for m in messages)
    if errors:
        raise ImportFailed(errors)
    result = ImportResult(kind)
    with transaction.atomic():
        for obj, created, before, _line in plan:
            obj.save()
            ini = obj if kind == "initiatives" else obj.initiative
            record_change(ini, f"{obj._meta.model_name} {obj.pk}", before, snapshot(obj), user)
            result.created += created
            result.updated += not created
    return result
