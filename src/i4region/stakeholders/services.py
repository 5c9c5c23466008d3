"""Stakeholder operations shared by views, API, exports and seed: who may see what, contact
alerts and the overlap/gap register of activities. The network lives in `network`, the grid in
`grid`, erasure in `erasure`."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Max, QuerySet
from django.utils import timezone

from i4region.accounts.models import Role
from i4region.accounts.permissions import has_role, is_secretariat

from .models import INTERNAL_ROLES, Activity, FollowUp, Organisation, TargetGroup, Theme

# --- permissions -----------------------------------------------------------------------------


def is_internal(user) -> bool:
    """Secretariat, board members and initiative managers work with the whole ecosystem."""
    return has_role(user, *INTERNAL_ROLES)


def can_see_contacts(user) -> bool:
    """People's e-mail and phone are for the secretariat only."""
    return is_secretariat(user)


def visible_organisations(user) -> QuerySet[Organisation]:
    """The register as this user may read it (the publication rule of `Organisation.objects`)."""
    return Organisation.objects.visible_to(user).select_related("municipality", "region", "parent")


def sees_full_record(user, org: Organisation) -> bool:
    """Internal roles and the organisation's own representatives see more than the public fields."""
    if is_internal(user):
        return True
    return bool(
        user.is_authenticated
        and has_role(user, Role.COMPANY_REP)
        and org.representatives.filter(pk=user.pk).exists()
    )


# --- alerts ----------------------------------------------------------------------------------


@dataclass
class CadenceAlert:
    organisation: Organisation
    last_contact: dt.date | None
    due: dt.date | None
    days_overdue: int


def overdue_contacts(today: dt.date | None = None) -> list[CadenceAlert]:
    """Key stakeholders not contacted within their cadence (never contacted counts as overdue)."""
    today = today or timezone.localdate()
    out = []
    qs = Organisation.objects.filter(key_stakeholder=True, cadence_days__isnull=False).annotate(
        last=Max("interactions__date")
    )
    for org in qs:
        if org.last is None:
            out.append(CadenceAlert(org, None, None, 0))
            continue
        due = org.last + dt.timedelta(days=org.cadence_days)
        if due < today:
            out.append(CadenceAlert(org, org.last, due, (today - due).days))
    return sorted(
        out, key=lambda a: (a.last_contact is not None, -a.days_overdue, a.organisation.name)
    )


def overdue_follow_ups(today: dt.date | None = None) -> QuerySet[FollowUp]:
    """Open follow-ups past their due date, oldest first."""
    today = today or timezone.localdate()
    return (
        FollowUp.objects.filter(done=False, due_date__lt=today)
        .select_related("interaction__organisation", "owner")
        .order_by("due_date")
    )


# --- activity register: overlaps and gaps ----------------------------------------------------


@dataclass
class Cell:
    theme: str
    target_group: str
    organisations: list[str]

    @property
    def count(self) -> int:
        return len(self.organisations)


def coverage(municipality_code: str = "") -> list[list[Cell]]:
    """Theme × target group matrix of the organisations active there (one municipality or all).

    A cell with several organisations is a possible overlap, an empty one a gap.
    """
    qs = Activity.objects.select_related("organisation")
    if municipality_code:
        qs = qs.filter(municipality__code=municipality_code)
    who: dict[tuple[str, str], set[str]] = defaultdict(set)
    for a in qs:
        who[(a.theme, a.target_group)].add(a.organisation.name)
    return [[Cell(t, g, sorted(who[(t, g)])) for g in TargetGroup.values] for t in Theme.values]


def crowded_cells(min_orgs: int = 2) -> list[tuple[str, str, str, list[str]]]:
    """(municipality code, theme, target group, organisations) served by several organisations."""
    who: dict[tuple[str, str, str], set[str]] = defaultdict(set)
    for a in Activity.objects.select_related("organisation", "municipality"):
        who[(a.municipality.code, a.theme, a.target_group)].add(a.organisation.name)
    return sorted(
        ((m, t, g, sorted(n)) for (m, t, g), n in who.items() if len(n) >= min_orgs),
        key=lambda r: (-len(r[3]), r[:3]),
    )
