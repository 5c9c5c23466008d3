"""A whole instance as a documented data package, and back: `i4region dump` / `i4region load`.

Every table of every app (users with their password hashes, roles, history, comments, releases
and their observations …) becomes one CSV file described in `datapackage.json` (a Frictionless
tabular data package: per resource its schema, row count, size and SHA-256). References to
Django's content types and permissions are written as natural keys (`app_label.model`), since
their ids differ between databases. Loading checks the whole package first — schema version,
every checksum, every header — and then writes everything in one transaction into a database
that holds nothing yet, so a refused or failed load writes nothing.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path

from django.apps import apps
from django.contrib.auth.models import Permission
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.core.management.color import no_style
from django.db import connection, models, transaction
from django.db.migrations.recorder import MigrationRecorder
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

import i4region
from i4region.core.exports import safe_text, unescape_cell
from i4region.observatory.importing import sha256_of
from i4region.stakeholders import network_store

FORMAT = "i4region-instance/1"
# A stored geometry or history record can be large; a cell larger than this is not ours.
LARGEST_CELL = 64 * 2**20
NULL = "\\N"
# Rebuilt by `migrate` on every database (ids differ): referenced by natural key instead.
REBUILT = ("contenttypes.contenttype", "auth.permission")
# Not part of an instance: logged-in sessions expire; the cache is rebuilt on demand; the job
# queue (jobs, their uploads, the tasks) is work in flight of the running instance.
TRANSIENT = (
    "sessions.session",
    "jobs.job",
    "jobs.jobfile",
    "django_tasks_database.dbtaskresult",
)
# Personal fields travel only with --include-personal-data; without it they are blanked.
PERSONAL = {
    "accounts.user": ("email", "first_name", "last_name"),
    "stakeholders.person": ("name", "email", "phone"),
    "auditlog.logentry": ("actor_email", "remote_addr", "remote_port"),
}


class PackageError(Exception):
    """The package or the target database is not fit for a load: one line, nothing written."""


@dataclass(frozen=True)
class Resource:
    model: type[models.Model]
    fields: tuple[models.Field, ...]

    @property
    def name(self) -> str:
        return self.model._meta.label_lower.replace(".", "__")


def instance_models() -> list[type[models.Model]]:
    chosen = []
    for model in apps.get_models(include_auto_created=True):
        label = model._meta.label_lower
        if label in REBUILT or label in TRANSIENT or model._meta.proxy:
            continue
        if not model._meta.managed and not model._meta.auto_created:
            continue
        chosen.append(model)
    return sorted(chosen, key=lambda m: m._meta.label_lower)


def resources() -> list[Resource]:
    return [Resource(m, tuple(m._meta.concrete_fields)) for m in instance_models()]


def schema_version() -> list[str]:
    """Every migration applied to this database, as `app.name`: two instances with the same list
    have the same tables and columns."""
    applied = MigrationRecorder(connection).applied_migrations()
    return sorted(f"{app}.{name}" for app, name in applied)


# --------------------------------------------------------------------------- values


def _natural(field: models.Field) -> str | None:
    related = getattr(field, "related_model", None)
    if related is ContentType:
        return "contenttype"
    if related is Permission:
        return "permission"
    return None


def _frictionless_type(field: models.Field) -> str:
    if field.is_relation:
        return "string" if _natural(field) else _frictionless_type(field.target_field)
    kind = field.get_internal_type()
    if kind in (
        "AutoField",
        "BigAutoField",
        "SmallAutoField",
        "IntegerField",
        "BigIntegerField",
        "SmallIntegerField",
        "PositiveIntegerField",
        "PositiveBigIntegerField",
        "PositiveSmallIntegerField",
    ):
        return "integer"
    if kind in ("DecimalField", "FloatField"):
        return "number"
    if kind == "BooleanField":
        return "boolean"
    if kind == "DateField":
        return "date"
    if kind == "DateTimeField":
        return "datetime"
    if kind == "JSONField":
        return "object"
    return "string"


def _encode(field: models.Field, value, maps: dict) -> str:
    if value is None:
        return NULL
    natural = _natural(field)
    if natural:
        return maps[natural + "_key"][value]
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(field, models.JSONField):
        return safe_text(json.dumps(value, ensure_ascii=False, sort_keys=True))
    if isinstance(value, datetime):
        return value.astimezone(UTC).isoformat()
    if isinstance(value, Decimal):
        return format(value, "f")
    if hasattr(value, "isoformat"):
        return value.isoformat()
    if isinstance(value, (int, float)):
        return repr(value) if isinstance(value, float) else str(value)
    return safe_text(str(value))


def _decode(field: models.Field, text: str, maps: dict):
    if text == NULL:
        return None
    natural = _natural(field)
    if natural:
        try:
            return maps[natural + "_id"][text]
        except KeyError:
            unknown = {
                "contenttype": _("content type '%(key)s' does not exist in this version"),
                "permission": _("permission '%(key)s' does not exist in this version"),
            }[natural]
            raise PackageError(unknown % {"key": text}) from None
    if isinstance(field, models.BooleanField):
        return text == "true"
    text = unescape_cell(text)
    if isinstance(field, models.JSONField):
        return _json(text, field.attname)
    target = field.target_field if field.is_relation else field
    return target.to_python(text)


def _json(text: str, where: str):
    """The JSON in a text, or a refusal naming where it breaks (Python's reason is English)."""
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise PackageError(
            _("%(where)s: not valid JSON at line %(line)d, column %(column)d")
            % {"where": where, "line": exc.lineno, "column": exc.colno}
        ) from None


def _maps() -> dict:
    ct_key = {ct.pk: f"{ct.app_label}.{ct.model}" for ct in ContentType.objects.all()}
    perm_key = {p.pk: f"{ct_key[p.content_type_id]}.{p.codename}" for p in Permission.objects.all()}
    return {
        "contenttype_key": ct_key,
        "contenttype_id": {v: k for k, v in ct_key.items()},
        "permission_key": perm_key,
        "permission_id": {v: k for k, v in perm_key.items()},
    }


# --------------------------------------------------------------------------- dump


def _rows(resource: Resource, personal: bool, maps: dict) -> Iterator[list[str]]:
    blanked = set() if personal else set(PERSONAL.get(resource.model._meta.label_lower, ()))
    names = [f.attname for f in resource.fields]
    query = resource.model._base_manager.order_by("pk").values_list(*names)
    for values in query.iterator(chunk_size=5000):
        yield [
            (NULL if f.null else "") if f.name in blanked else _encode(f, v, maps)
            for f, v in zip(resource.fields, values, strict=True)
        ]


def dump(out: Path, include_personal_data: bool = False, progress=None) -> dict:
    """Write every table and datapackage.json into `out`; return the package descriptor.

    The descriptor is written in English whatever the instance's language, so two dumps of the
    same data are the same bytes."""
    with translation.override("en"):
        return _dump(out, include_personal_data, progress)


def _dump(out: Path, include_personal_data: bool, progress) -> dict:
    out.mkdir(parents=True, exist_ok=True)
    maps = _maps()
    described = []
    chosen = resources()
    for number, resource in enumerate(chosen, start=1):
        path = out / f"{resource.name}.csv"
        count = 0
        with open(path, "w", encoding="utf-8", newline="") as fh:
            writer = csv.writer(fh, lineterminator="\n")
            writer.writerow([f.attname for f in resource.fields])
            for row in _rows(resource, include_personal_data, maps):
                writer.writerow(row)
                count += 1
        described.append(
            {
                "name": resource.name,
                "path": path.name,
                "profile": "tabular-data-resource",
                "title": str(resource.model._meta.verbose_name_plural),
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",
                "bytes": path.stat().st_size,
                "hash": f"sha256:{sha256_of(path)}",
                "rows": count,
                "dialect": {"delimiter": ",", "lineTerminator": "\n", "header": True},
                "schema": {
                    "missingValues": [NULL],
                    "primaryKey": resource.model._meta.pk.attname,
                    "fields": [
                        {
                            "name": f.attname,
                            "type": _frictionless_type(f),
                            "description": str(f.verbose_name),
                        }
                        for f in resource.fields
                    ],
                },
            }
        )
        if progress:
            progress(number, len(chosen), resource.name)
    package = {
        "profile": "tabular-data-package",
        "name": "i4region-instance",
        "title": "A whole i4region instance",
        "format": FORMAT,
        "created": datetime.now(UTC).isoformat(timespec="seconds"),
        "version": i4region.__version__,
        "personal_data": include_personal_data,
        "schema_version": schema_version(),
        "resources": described,
    }
    (out / "datapackage.json").write_text(
        json.dumps(package, indent=2, ensure_ascii=False) + "\n", encoding="utf-8"
    )
    return package


# --------------------------------------------------------------------------- load


def read_package(src: Path) -> dict:
    descriptor = src / "datapackage.json"
    if not descriptor.exists():
        raise PackageError(
            _("%(folder)s: no datapackage.json (is this an i4region dump folder?)")
            % {"folder": src}
        )
    try:
        text = descriptor.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise PackageError(
            _("%(file)s: the file is not UTF-8 text") % {"file": descriptor.name}
        ) from None
    package = _json(text, descriptor.name)
    if not isinstance(package, dict) or package.get("format") != FORMAT:
        found = package.get("format") if isinstance(package, dict) else None
        raise PackageError(
            _("%(file)s: format %(found)s, expected %(expected)s")
            % {"file": descriptor.name, "found": repr(found), "expected": FORMAT}
        )
    return package


def check_package(src: Path, package: dict) -> dict[str, Resource]:
    """Everything a load needs, checked before anything is written."""
    mine = schema_version()
    theirs = package.get("schema_version", [])
    newer = sorted(set(theirs) - set(mine))
    if newer:
        raise PackageError(
            ngettext(
                "the package comes from a newer schema (%(first)s and %(more)d more migration "
                "unknown here): upgrade i4region first",
                "the package comes from a newer schema (%(first)s and %(more)d more migrations "
                "unknown here): upgrade i4region first",
                len(newer) - 1,
            )
            % {"first": newer[0], "more": len(newer) - 1}
        )
    older = sorted(set(mine) - set(theirs))
    if older:
        raise PackageError(
            _(
                "the package comes from an older schema (it lacks %(first)s and %(more)d more): "
                "load it with the version that wrote it, upgrade that instance, and dump it again"
            )
            % {"first": older[0], "more": len(older) - 1}
        )
    known = {r.name: r for r in resources()}
    checked = {}
    for entry in package.get("resources", []):
        name = entry.get("name")
        if name not in known:
            raise PackageError(_("%(table)s: a table this version does not have") % {"table": name})
        path = src / entry["path"]
        if not path.exists():
            raise PackageError(_("%(file)s: missing from the package") % {"file": entry["path"]})
        if path.stat().st_size != entry.get("bytes") or f"sha256:{sha256_of(path)}" != entry.get(
            "hash"
        ):
            raise PackageError(
                _("%(file)s: checksum does not match datapackage.json (truncated or changed)")
                % {"file": entry["path"]}
            )
        with package_rows(path) as reader:
            header = next(reader, [])
        expected = [f.attname for f in known[name].fields]
        if header != expected:
            raise PackageError(
                _("%(file)s: columns %(found)s differ from %(expected)s")
                % {"file": entry["path"], "found": header, "expected": expected}
            )
        checked[name] = known[name]
    missing = sorted(set(known) - set(checked))
    if missing:
        raise PackageError(_("%(file)s: missing from the package") % {"file": f"{missing[0]}.csv"})
    return checked


def non_empty_tables() -> list[str]:
    return [r.name for r in resources() if r.model._base_manager.exists()]


def load(src: Path, progress=None) -> dict:
    """Restore a package into this (migrated, empty) database, atomically."""
    package = read_package(src)
    checked = check_package(src, package)
    filled = non_empty_tables()
    if filled:
        raise PackageError(
            ngettext(
                "the database is not empty (%(first)s and %(more)d more table hold rows): "
                "load restores into a new database",
                "the database is not empty (%(first)s and %(more)d more tables hold rows): "
                "load restores into a new database",
                len(filled) - 1,
            )
            % {"first": filled[0], "more": len(filled) - 1}
        )
    with transaction.atomic():
        fill(src, package, checked, progress)
    return package


def fill(src: Path, package: dict, checked: dict[str, Resource], progress=None) -> None:
    """Write every table of a checked package into empty tables, inside the caller's
    transaction; the id counters continue after the loaded ids, and the network analysis is
    asked for once the transaction commits."""
    maps = _maps()
    for number, entry in enumerate(package["resources"], start=1):
        resource = checked[entry["name"]]
        _insert(src / entry["path"], resource, maps)
        if progress:
            progress(number, len(package["resources"]), resource.name)
    with connection.cursor() as cursor:
        for sql in connection.ops.sequence_reset_sql(
            no_style(), [r.model for r in checked.values()]
        ):
            cursor.execute(sql)
    transaction.on_commit(analyse_network)


def analyse_network() -> None:
    """A loaded register's stored network analysis is older than its records (the load writes
    their time stamps): ask the job queue for a new one."""
    if not network_store.up_to_date():
        network_store.request_analysis()


def _insert(path: Path, resource: Resource, maps: dict, batch: int = 5000) -> None:
    table = connection.ops.quote_name(resource.model._meta.db_table)
    columns = ", ".join(connection.ops.quote_name(f.column) for f in resource.fields)
    marks = ", ".join(["%s"] * len(resource.fields))
    sql = f"INSERT INTO {table} ({columns}) VALUES ({marks})"
    with package_rows(path) as reader, connection.cursor() as cursor:
        next(reader)
        rows = []
        for line, cells in enumerate(_guarded(reader, path), start=2):
            try:
                rows.append(
                    [
                        f.get_db_prep_save(_decode(f, c, maps), connection)
                        for f, c in zip(resource.fields, cells, strict=True)
                    ]
                )
            except (ValueError, TypeError, csv.Error, ValidationError, PackageError) as exc:
                raise _at_line(path, line, exc) from None
            if len(rows) >= batch:
                cursor.executemany(sql, rows)
                rows = []
        if rows:
            cursor.executemany(sql, rows)


@contextmanager
def package_rows(path: Path) -> Iterator:
    """The rows of a package's CSV file, cells up to LARGEST_CELL long while it is read (the csv
    module's limit is the process's: it is set back afterwards, for every other reader)."""
    previous = csv.field_size_limit(LARGEST_CELL)
    try:
        with open(path, encoding="utf-8", newline="") as fh:
            yield csv.reader(fh)
    finally:
        csv.field_size_limit(previous)


def _guarded(reader, path: Path):
    try:
        yield from reader
    except csv.Error as exc:
        raise _at_line(path, reader.line_num, exc) from None


def _at_line(path: Path, line: int, exc: Exception) -> PackageError:
    """What is wrong in one line of a package's file, naming the file and the line."""
    error = "; ".join(exc.messages) if isinstance(exc, ValidationError) else str(exc)
    return PackageError(
        _("%(file)s, line %(line)d: %(error)s") % {"file": path.name, "line": line, "error": error}
    )
