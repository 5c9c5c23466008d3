"""Site search: one query over regions, indicators, organisations, initiatives, decisions and
meeting documents, each limited to what the reader may see.

Every kind reads its records through the model's own publication rule: `visible_to(user)` where
the model has one, else `public()`, else its `published` flag; a model with none of these is
not searched at all (nothing is shown that no rule allows). Matching folds case and diacritics,
so "Panevezys" finds "Panevėžys".
"""

from __future__ import annotations

from dataclasses import dataclass

from django.apps import apps
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from i4region.regions.services import fold

MAX_PER_KIND = 20


@dataclass(frozen=True)
class Kind:
    label: str  # shown as the heading of the group
    model: str  # app_label.ModelName
    fields: tuple[str, ...]  # text matched against the query
    url: str | None = None  # URL name taking the `key` field; else get_absolute_url()
    key: str = "pk"
    subtitle: str | None = None  # a field shown under the title


KINDS = (
    Kind(
        _("Regions"),
        "regions.Region",
        ("code", "name", "name_en", "name_lt"),
        "regions:detail",
        "code",
    ),
    Kind(
        _("Indicators"),
        "observatory.Indicator",
        ("code", "name_en", "name_lt", "definition_en", "definition_lt"),
        "observatory:indicator",
        "code",
    ),
    Kind(_("Organisations"), "stakeholders.Organisation", ("name",)),
    Kind(_("Initiatives"), "initiatives.Initiative", ("name_en", "name_lt")),
    Kind(_("Decisions"), "board.Decision", ("title",)),
    Kind(_("Meeting documents"), "board.MeetingDocument", ("title",)),
)


@dataclass(frozen=True)
class Hit:
    title: str
    url: str
    subtitle: str = ""


@dataclass(frozen=True)
class Group:
    label: str
    hits: list[Hit]
    more: bool


def readable(model: type[models.Model], user) -> models.QuerySet | None:
    """The records of `model` this user may read, by the model's own rule (None: no rule)."""
    manager = model._default_manager
    queryset = manager.all()
    if hasattr(queryset, "visible_to"):
        try:
            return queryset.visible_to(user)
        except NotImplementedError:
            return None
    if hasattr(queryset, "public"):
        try:
            return queryset.public()
        except NotImplementedError:
            return None
    field_names = {f.name for f in model._meta.get_fields()}
    if "published" in field_names:
        return queryset.filter(published=True)
    if model._meta.label in ("regions.Region",):
        return queryset  # statistical geography: public by nature
    return None


def _url(kind: Kind, obj) -> str | None:
    if kind.url:
        return reverse(kind.url, args=[getattr(obj, kind.key)])
    absolute = getattr(obj, "get_absolute_url", None)
    return absolute() if absolute else None


def search(query: str, user) -> list[Group]:
    """Groups of hits, in the order of KINDS; kinds without a hit are left out."""
    key = fold(query.strip())
    if len(key) < 2:
        return []
    out = []
    for kind in KINDS:
        try:
            model = apps.get_model(kind.model)
        except LookupError:
            continue
        records = readable(model, user)
        if records is None:
            continue
        hits = []
        for obj in records.iterator():
            if any(key in fold(str(getattr(obj, f) or "")) for f in kind.fields):
                url = _url(kind, obj)
                if url is None:
                    break  # a record without a page of its own is not a search result
                hits.append(
                    Hit(
                        str(obj),
                        url,
                        str(getattr(obj, kind.subtitle)) if kind.subtitle else "",
                    )
                )
                if len(hits) > MAX_PER_KIND:
                    break
        if hits:
            out.append(Group(str(kind.label), hits[:MAX_PER_KIND], len(hits) > MAX_PER_KIND))
    return out
