"""Everything in the product that refers to an organisation, found from the model's reverse
relations, so a new app's foreign key to the register appears on the organisation's page without
a change here. Each list is filtered by the other model's own publication rule."""

from __future__ import annotations

from dataclasses import dataclass

from django.db import models

from i4region.accounts.permissions import is_secretariat

from .models import Organisation

# Shown in their own sections of the organisation's page, with more than a link.
OWN_SECTIONS = {
    "stakeholders.person",
    "stakeholders.relation",
    "stakeholders.interaction",
    "stakeholders.assessment",
    "stakeholders.activity",
    "stakeholders.organisation",  # divisions
}
LIMIT = 50


@dataclass(frozen=True)
class Item:
    label: str
    url: str


@dataclass(frozen=True)
class Group:
    title: str  # e.g. "Initiatives · owner organisation"
    items: tuple[Item, ...]
    more: int  # how many beyond LIMIT


def _readable(model: type[models.Model], user) -> models.QuerySet | None:
    """The other model's rows this user may read, by that model's own rule; else only the
    secretariat reads them."""
    qs = model._default_manager.all()
    if hasattr(qs, "visible_to"):
        return qs.visible_to(user)
    if hasattr(qs, "public"):
        return qs.all() if is_secretariat(user) else qs.public()
    return qs if is_secretariat(user) else None


def _url(obj: models.Model) -> str:
    get = getattr(obj, "get_absolute_url", None)
    return get() if callable(get) else ""


def referring(org: Organisation, user, skip: set[str] = OWN_SECTIONS) -> list[Group]:
    """Records of other models that point at `org`, grouped by model and field."""
    groups = []
    for rel in Organisation._meta.related_objects:
        model = rel.related_model
        if model._meta.label_lower in skip or model._meta.auto_created:
            continue
        qs = _readable(model, user)
        if qs is None:
            continue
        matches = qs.filter(**{rel.field.name: org}).distinct()
        rows = list(matches[: LIMIT + 1])
        if not rows:
            continue
        title = f"{model._meta.verbose_name_plural} · {rel.field.verbose_name}"
        more = matches.count() - LIMIT if len(rows) > LIMIT else 0
        items = tuple(Item(str(o), _url(o)) for o in rows[:LIMIT])
        groups.append(Group(title[:1].upper() + title[1:], items, more))
    return sorted(groups, key=lambda g: g.title)
