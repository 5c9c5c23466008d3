"""GDPR erasure of a contact: the row goes, and with it every trace of the person's name, e-mail
and phone in this app's texts and in both change histories (auditlog's and the admin's). Only an
anonymised count per day remains (ErasureLog).

Other apps that keep free text about people connect to `person_erased` and scrub their own
texts with the pattern it sends.
"""

from __future__ import annotations

import json
import re

from auditlog.models import LogEntry as HistoryEntry
from django.apps import apps
from django.contrib.admin.models import LogEntry as AdminEntry
from django.contrib.contenttypes.models import ContentType
from django.db import models, transaction
from django.db.models import F
from django.dispatch import Signal
from django.utils import timezone

from i4region.core import history

from .models import ErasureLog, Person

ERASED = "[erased]"
# Sent inside the erasure's transaction with `pattern` (a compiled regex of the person's name,
# e-mail and phone), `replacement`, and the person's `name` and `email`; receivers rewrite
# their texts that match.
person_erased = Signal()


def person_pattern(name: str, email: str, phone: str) -> re.Pattern | None:
    """The person's name and e-mail (any case) and phone (any spacing, dashes or brackets)."""
    parts = [re.escape(s.strip()) for s in (name, email) if s.strip()]
    digits = re.sub(r"\D", "", phone)
    if len(digits) >= 5:
        parts.append(r"\+?" + r"[\s\-().]*".join(digits))
    if not parts:
        return None
    return re.compile("|".join(sorted(parts, key=len, reverse=True)), re.IGNORECASE)


def _text_fields(model: type[models.Model]) -> list[str]:
    return [
        f.attname
        for f in model._meta.concrete_fields
        if isinstance(f, (models.CharField, models.TextField)) and not f.choices
    ]


def _scrub_records(pattern: re.Pattern) -> int:
    """Rewrite every text field of this app's records that names the person; return how many."""
    count = 0
    for model in apps.get_app_config("stakeholders").get_models():
        fields = _text_fields(model)
        if model in (Person, ErasureLog) or not fields:
            continue
        for obj in model._default_manager.only("pk", *fields).iterator():
            changed = [f for f in fields if pattern.search(getattr(obj, f) or "")]
            if not changed:
                continue
            for f in changed:
                setattr(obj, f, pattern.sub(ERASED, getattr(obj, f)))
            obj.save(update_fields=changed)
            count += 1
    return count


def _scrub_json(value, pattern: re.Pattern):
    if value is None:
        return None
    text = json.dumps(value, ensure_ascii=False)
    if not pattern.search(text):
        return value
    return json.loads(pattern.sub(ERASED, text))


def _scrub_histories(pattern: re.Pattern) -> None:
    """Values the histories kept from before the erasure (an interaction's old purpose, say)."""
    for entry in HistoryEntry.objects.iterator():
        texts = {"object_repr": entry.object_repr, "changes_text": entry.changes_text}
        changed = {k: pattern.sub(ERASED, v) for k, v in texts.items() if pattern.search(v or "")}
        for name in ("changes", "serialized_data", "additional_data"):
            old = getattr(entry, name)
            new = _scrub_json(old, pattern)
            if new is not old:
                changed[name] = new
        if changed:
            HistoryEntry.objects.filter(pk=entry.pk).update(**changed)
    for entry in AdminEntry.objects.iterator():
        texts = {"object_repr": entry.object_repr, "change_message": entry.change_message}
        changed = {k: pattern.sub(ERASED, v) for k, v in texts.items() if pattern.search(v or "")}
        if changed:
            AdminEntry.objects.filter(pk=entry.pk).update(**changed)


@transaction.atomic
def erase_person(person: Person) -> None:
    """Erase a contact on request; only an anonymised count per day remains."""
    pattern = person_pattern(person.name, person.email, person.phone)
    name, email = person.name, person.email
    pk = person.pk
    with history.verb("erased"):
        if pattern:
            _scrub_records(pattern)
            person_erased.send(Person, pattern=pattern, replacement=ERASED, name=name, email=email)
        person.delete()
    person.pk = pk  # the history of the deleted row is found by its key
    history.forget(person)
    AdminEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(Person), object_id=str(pk)
    ).delete()
    if pattern:
        _scrub_histories(pattern)
    log, _ = ErasureLog.objects.get_or_create(date=timezone.localdate())
    ErasureLog.objects.filter(pk=log.pk).update(count=F("count") + 1)
