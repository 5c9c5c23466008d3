"""One change history for every app: who, when, a verb, and each field before → after.

Storage and capture are django-auditlog's (one `LogEntry` table, written by model signals, the
actor taken from the request by its middleware, nothing written when a save changes nothing).
This module adds what a reader of the history needs and auditlog leaves to its users:

- `track(Model, parent="board")` registers a model; `parent` names the record whose timeline
  also shows this record's changes (a budget line's changes appear on its initiative's page).
- `acting_as(user)` records the saves inside as `user`'s and, when it ends, gives back the actor
  that was there before (django-auditlog's `set_actor` leaves its own behind); `current_actor()`
  says who acts now.
- `verb("approved")` names the domain event of the saves inside it, from one translated set
  (`VERBS`), so a history says "minutes approved", not "changed".
- `entries_for(obj)` returns the history rendered for people: field labels, choice labels, names
  of related records, money, numbers and dates in the active language and the local time zone.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from auditlog.context import auditlog_value, set_actor
from auditlog.models import LogEntry
from auditlog.registry import auditlog
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.db.models import Q
from django.db.models.signals import pre_save
from django.utils import formats, timezone
from django.utils.text import capfirst
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _

from i4region.charts.format import format_number

# The verbs a history entry may carry. An app that needs a new domain verb adds it here, with
# its translation, so every timeline speaks one vocabulary.
VERBS: dict[str, str] = {
    "created": gettext_lazy("created"),
    "changed": gettext_lazy("changed"),
    "deleted": gettext_lazy("deleted"),
    "imported": gettext_lazy("imported"),
    "submitted": gettext_lazy("submitted"),
    "withdrawn": gettext_lazy("withdrawn"),
    "accepted": gettext_lazy("accepted"),
    "rejected": gettext_lazy("rejected"),
    "voting_opened": gettext_lazy("voting opened"),
    "voted": gettext_lazy("voted"),
    "tally_recorded": gettext_lazy("tally recorded"),
    "adopted": gettext_lazy("adopted"),
    "amended": gettext_lazy("amended"),
    "minutes_circulated": gettext_lazy("minutes circulated"),
    "minutes_approved": gettext_lazy("minutes approved"),
    "attendance_recorded": gettext_lazy("attendance recorded"),
    "progress_updated": gettext_lazy("progress updated"),
    "published": gettext_lazy("published"),
    "erased": gettext_lazy("personal data erased"),
    "evaluation_started": gettext_lazy("evaluation started"),
    "progress_rolled_up": gettext_lazy("progress rolled up from its parts"),
    "vote_mode_changed": gettext_lazy("source of the votes changed"),
}

ACTION_VERBS = {
    LogEntry.Action.CREATE: "created",
    LogEntry.Action.UPDATE: "changed",
    LogEntry.Action.DELETE: "deleted",
}

# Never shown as a change: bookkeeping a reader did not make.
ALWAYS_EXCLUDED = ("id", "is_sample", "created_at", "updated_at")

_current: ContextVar[tuple[str, str] | None] = ContextVar("i4region_history_verb", default=None)
_parents: dict[type[models.Model], str | None] = {}


@contextmanager
def verb(code: str, note: str = "") -> Iterator[None]:
    """Saves inside this block are recorded under `code` (one of VERBS), with an optional note."""
    if code not in VERBS:
        raise KeyError(f"unknown history verb {code!r}: add it to core.history.VERBS")
    token = _current.set((code, note))
    try:
        yield
    finally:
        _current.reset(token)


# An auditlog context with no actor and a dispatch id that no signal receiver has.
_NOBODY = {"signal_duid": None}


@contextmanager
def acting_as(user) -> Iterator[None]:
    """Saves inside this block are recorded as done by `user`, from the address of the request
    around it (if any). Afterwards the context is what it was before: django-auditlog's
    `set_actor` leaves its actor set when it ends, and a later reader would take that user for
    whoever acts then."""
    before = auditlog_value.get(_NOBODY)
    try:
        with set_actor(user, before.get("remote_addr"), before.get("remote_port")):
            yield
    finally:
        auditlog_value.set(before)


def current_actor():
    """The signed-in user the saves are recorded for now (request or `acting_as`), or None."""
    actor = auditlog_value.get(_NOBODY).get("actor")
    return actor if getattr(actor, "is_authenticated", False) else None


def key_of(obj: models.Model) -> str:
    """A stable reference to a record in another record's history: 'app_label.model:pk'."""
    return f"{obj._meta.label_lower}:{obj.pk}"


def _parent_key(obj: models.Model) -> str | None:
    path = _parents.get(type(obj))
    if not path:
        return None
    target = obj
    for part in path.split("."):
        target = getattr(target, part, None)
        if target is None:
            return None
    return key_of(target)


def _additional_data(self) -> dict:
    data: dict = {}
    current = _current.get()
    if current:
        data["verb"], note = current
        if note:
            data["note"] = note
    parent = _parent_key(self)
    if parent:
        data["parent"] = parent
    return data


def _canonical_decimals(sender, instance, **kwargs) -> None:
    """60 and 60.00 are one value: store decimals at the field's scale, so a re-save is no change."""
    for field in instance._meta.concrete_fields:
        if isinstance(field, models.DecimalField):
            value = getattr(instance, field.attname)
            if value is None:
                continue
            try:
                value = Decimal(str(value))
                setattr(
                    instance,
                    field.attname,
                    value.quantize(Decimal(1).scaleb(-field.decimal_places)),
                )
            except (InvalidOperation, ValueError):
                pass  # left for the field's own validation to report


def track(
    model: type[models.Model],
    parent: str | None = None,
    exclude: Iterable[str] = (),
    mask: Iterable[str] = (),
) -> type[models.Model]:
    """Record every create, change and delete of `model` in the one history.

    `parent`: attribute path to the record whose timeline includes this one's changes.
    `exclude`: fields that are bookkeeping, not content. `mask`: personal fields whose values
    the history must never keep (only that they changed).
    """
    _parents[model] = parent
    model.get_additional_data = _additional_data
    pre_save.connect(_canonical_decimals, sender=model, dispatch_uid=f"history-{model._meta.label}")
    auditlog.register(model, exclude_fields=[*ALWAYS_EXCLUDED, *exclude], mask_fields=list(mask))
    return model


# --------------------------------------------------------------------------- reading


@dataclass(frozen=True)
class Change:
    label: str
    before: str
    after: str


@dataclass(frozen=True)
class Entry:
    when: dt.datetime  # aware; templates show it in the local time zone
    who: str
    verb: str
    target: str  # what was changed, e.g. "budget line: Equipment 2026"
    changes: tuple[Change, ...]
    note: str


def _records(obj: models.Model, with_children: bool):
    ct = ContentType.objects.get_for_model(obj)
    query = Q(content_type=ct, object_pk=str(obj.pk))
    if with_children:
        query |= Q(additional_data__parent=key_of(obj))
    return LogEntry.objects.filter(query)


def entries_for(
    obj: models.Model, with_children: bool = True, limit: int | None = None
) -> list[Entry]:
    """The record's history, newest first, ready to show (see core/_history.html)."""
    records = _records(obj, with_children).select_related("actor", "content_type")
    records = records.order_by("-timestamp", "-id")
    if limit:
        records = records[:limit]
    return render_all(records, lambda e: with_children and _is_child(e, obj))


def entries_for_parent_key(key: str, limit: int | None = None) -> list[Entry]:
    """Every entry filed under one parent record (a board's whole history, say)."""
    records = (
        LogEntry.objects.filter(additional_data__parent=key)
        .select_related("actor", "content_type")
        .order_by("-timestamp", "-id")
    )
    if limit:
        records = records[:limit]
    return render_all(records)


def render_all(records, target_shown: Callable[[LogEntry], bool] = lambda e: True) -> list[Entry]:
    """The entries ready to show, the records they name looked up once for all of them;
    `target_shown(entry)` says whether an entry names its record (it does on a timeline)."""
    records = list(records)
    names = _current_names(records)
    return [render(e, target_shown=target_shown(e), names=names) for e in records]


def _current_names(records: list[LogEntry]) -> dict[tuple[int, str], str]:
    """Each logged record's name as it reads now, in the reader's language (the name stored with
    an entry is in the language of whoever made the change); erased or deleted ones keep theirs."""
    wanted: dict[int, set[str]] = {}
    for entry in records:
        if entry.object_repr != str(_("(erased)")):
            wanted.setdefault(entry.content_type_id, set()).add(entry.object_pk)
    names = {}
    for ct_id, pks in wanted.items():
        model = ContentType.objects.get_for_id(ct_id).model_class()
        if model is None:
            continue
        for obj in model._default_manager.filter(pk__in=pks):
            names[(ct_id, str(obj.pk))] = str(obj)
    return names


def has_changes(obj: models.Model) -> int:
    return _records(obj, with_children=False).count()


def _is_child(entry: LogEntry, obj: models.Model) -> bool:
    return not (
        entry.content_type_id == ContentType.objects.get_for_model(obj).pk
        and entry.object_pk == str(obj.pk)
    )


def _who(entry: LogEntry) -> str:
    if entry.actor is not None:
        return entry.actor.get_full_name() or entry.actor.get_username()
    return _("i4region (system)")


def render(entry: LogEntry, target_shown: bool = False, names: dict | None = None) -> Entry:
    model = entry.content_type.model_class()
    data = entry.additional_data or {}
    code = data.get("verb") or ACTION_VERBS.get(entry.action, "changed")
    target = ""
    if target_shown and model is not None:
        name = (names or {}).get((entry.content_type_id, entry.object_pk), entry.object_repr)
        target = f"{model._meta.verbose_name}: {name}"
    changes = tuple(_changes(model, entry)) if entry.action != LogEntry.Action.DELETE else ()
    return Entry(
        when=entry.timestamp,
        who=_who(entry),
        verb=str(VERBS.get(code, code)),
        target=target,
        changes=changes,
        note=data.get("note", ""),
    )


def _changes(model, entry: LogEntry) -> Iterator[Change]:
    excluded = set(ALWAYS_EXCLUDED)
    changes = entry.changes_dict or {}
    # in the model's field order (PostgreSQL's jsonb does not keep the order they were written in)
    order = {f.name: i for i, f in enumerate(model._meta.concrete_fields)} if model else {}
    lang = _lang()
    for name, pair in sorted(changes.items(), key=lambda item: order.get(item[0], len(order))):
        if name in excluded or model is None:
            continue
        stem, _sep, suffix = name.rpartition("_")
        if suffix in ("en", "lt") and suffix != lang and f"{stem}_{lang}" in changes:
            continue  # both languages of one text changed: the reader's language tells it
        try:
            field = model._meta.get_field(name)
        except FieldDoesNotExist:
            continue
        if not getattr(field, "concrete", False):
            continue  # a reverse relation: shown on the other record's history
        before, after = (pair + [None, None])[:2] if isinstance(pair, list) else (None, pair)
        shown_before, shown_after = show(field, before), show(field, after)
        if shown_before == shown_after:
            continue
        yield Change(capfirst(str(field.verbose_name)), shown_before, shown_after)


NOTHING = "–"


def _lang() -> str:
    lang = (get_language() or "lt")[:2]
    return lang if lang in ("en", "lt") else "en"


def show(field: models.Field, raw) -> str:
    """A stored history value as a person reads it, in the active language."""
    if raw is None or raw == "None" or raw == "":
        return NOTHING
    if field.choices:
        labels = {str(k): v for k, v in field.flatchoices}
        return str(labels.get(str(raw), raw))
    if isinstance(field, models.BooleanField):
        return _("yes") if str(raw) in ("True", "true", "1") else _("no")
    if isinstance(field, (models.ForeignKey, models.OneToOneField)):
        related = field.related_model._default_manager.filter(pk=raw).first()
        return str(related) if related is not None else _("(removed record)")
    if isinstance(field, models.IntegerField) and "year" in field.name:
        return str(raw)  # a year is a label, not a quantity: 2026, never "2 026"
    if isinstance(field, (models.DecimalField, models.IntegerField, models.FloatField)):
        try:
            number = float(raw)
        except ValueError:
            return str(raw)
        decimals = 0 if isinstance(field, models.IntegerField) else None
        if isinstance(field, models.DecimalField):
            # money to the cent; a measured value with the digits it has (300, not 300,0000)
            exponent = Decimal(str(raw)).normalize().as_tuple().exponent
            decimals = field.decimal_places
            if decimals > 2 and isinstance(exponent, int):
                decimals = max(0, -exponent)
        return format_number(number, locale=_lang(), decimals=decimals)
    if isinstance(field, models.DateTimeField):
        try:
            value = dt.datetime.fromisoformat(str(raw))
        except ValueError:
            return str(raw)
        if timezone.is_naive(value):
            value = timezone.make_aware(value, dt.UTC)
        return formats.date_format(timezone.localtime(value), "SHORT_DATETIME_FORMAT")
    if isinstance(field, models.DateField):
        try:
            return formats.date_format(dt.date.fromisoformat(str(raw)[:10]), "SHORT_DATE_FORMAT")
        except ValueError:
            return str(raw)
    text = str(raw)
    return text if len(text) <= 300 else text[:300] + "…"


def forget(obj: models.Model) -> int:
    """Erasure: keep that a record changed and by whom, drop every value and name it carried."""
    records = _records(obj, with_children=False)
    return records.update(
        changes=None, changes_text="", serialized_data=None, object_repr=_("(erased)")
    )
