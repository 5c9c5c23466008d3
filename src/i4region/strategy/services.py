"""What the strategy pages, API, exports and reports share: who sees what, progress that rolls up,
who contributes to each priority with which money, and what serves a given record.

Every query into the other apps (initiatives, the register, the board, the observatory) is in
this module, so when their fields change only this file follows.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.db import models
from django.db.models import Prefetch, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from i4region.accounts.models import Role
from i4region.board.models import Action
from i4region.compute import funding as fn
from i4region.compute import rollup
from i4region.initiatives.models import FundingLine, Initiative
from i4region.observatory.services import target_status
from i4region.stakeholders.models import INTERNAL_ROLES, Activity, Organisation

from .models import INTERNAL_ROLES as STRATEGY_ROLES
from .models import LINK_MODELS, LinkKind, Measure, MeasureLink, Priority, Strategy

# Context "progress status": the board's action statuses use some of the same English words.
BUCKET_LABELS = {
    rollup.ON_TRACK: pgettext_lazy("progress status", "On track"),
    rollup.MODERATE: pgettext_lazy("progress status", "Moderate progress"),
    rollup.LIMITED: pgettext_lazy("progress status", "Limited progress"),
    rollup.DETERIORATING: pgettext_lazy("progress status", "Deteriorating"),
    rollup.INSUFFICIENT_DATA: pgettext_lazy("progress status", "Insufficient data"),
}
GAP_LABELS = {
    rollup.NO_MEASURE: _("no measure"),
    rollup.NO_EVIDENCE: _("a measure has neither a target nor an action"),
}
NO_INITIATIVE = "no_initiative"
NO_FUNDING_AHEAD = "no_funding_ahead"
NO_TARGET = "no_target"
COORDINATION_GAPS = {
    NO_INITIATIVE: _("no initiative serves it"),
    NO_FUNDING_AHEAD: _("no funding secured beyond the current year"),
    NO_TARGET: _("no indicator target"),
}


def today() -> date:
    """Today in the project's time zone (Europe/Vilnius); tests replace it to fix the clock."""
    return timezone.localdate()


# --- permissions -------------------------------------------------------------------------------


def can_edit(user) -> bool:
    """The secretariat writes the strategy; everyone else reads it."""
    return bool(user is not None and user.is_authenticated and user.has_role(Role.SECRETARIAT))


def sees_drafts(user) -> bool:
    """Board members and the secretariat read drafts; everyone else the adopted strategies."""
    return bool(user is not None and user.is_authenticated and user.has_role(*STRATEGY_ROLES))


def visible_strategies(user) -> QuerySet[Strategy]:
    return Strategy.objects.visible_to(user).select_related("adopting_body")


def visible_priorities(user) -> QuerySet[Priority]:
    return Priority.objects.filter(strategy__in=visible_strategies(user)).select_related("strategy")


def visible_measures(user) -> QuerySet[Measure]:
    return Measure.objects.filter(priority__in=visible_priorities(user)).select_related(
        "priority__strategy", "owner_organisation"
    )


def visible_records(model: type[models.Model], user) -> QuerySet:
    """The records of another app this user may read, by that app's own publication rule.

    Activities have no rule of their own: internal roles read the whole who-does-what register,
    everyone else the activities of the organisations they may see (as the open-data export).
    """
    if model is Activity:
        internal = user is not None and user.is_authenticated and user.has_role(*INTERNAL_ROLES)
        if internal:
            return Activity.objects.all()
        return Activity.objects.filter(organisation__in=Organisation.objects.visible_to(user))
    return model._default_manager.visible_to(user)


def visible_links(user, links: QuerySet[MeasureLink] | None = None) -> list[MeasureLink]:
    """Links whose measure and linked record this user may both read."""
    links = MeasureLink.objects.all() if links is None else links
    links = links.filter(measure__in=visible_measures(user)).select_related(
        "measure__priority__strategy", *LINK_MODELS
    )
    allowed = {
        kind: set(visible_records(linked_model(kind), user).values_list("pk", flat=True))
        for kind in LINK_MODELS
    }
    return [link for link in links if link.target_id in allowed[link.kind]]


def linked_model(kind: str) -> type[models.Model]:
    return MeasureLink._meta.get_field(kind).related_model


# --- progress that rolls up --------------------------------------------------------------------


@dataclass
class Progress:
    """The roll-up of one strategy: a summary per measure, per priority and for the whole."""

    strategy: rollup.Summary
    priorities: dict[int, rollup.Summary]
    measures: dict[int, rollup.Summary]
    targets: dict[int, object]  # target id → observatory TargetStatus


def _actions_of(measures: Iterable[Measure]) -> dict[int, list[Action]]:
    """Actions serving each measure: linked directly or carrying out a linked decision."""
    out: dict[int, list[Action]] = defaultdict(list)
    ids = [m.pk for m in measures]
    for link in MeasureLink.objects.filter(measure_id__in=ids, kind=LinkKind.ACTION).select_related(
        "action"
    ):
        out[link.measure_id].append(link.action)
    decision_links = MeasureLink.objects.filter(measure_id__in=ids, kind=LinkKind.DECISION)
    by_decision = defaultdict(list)
    for link in decision_links:
        by_decision[link.decision_id].append(link.measure_id)
    for action in Action.objects.filter(decision_id__in=by_decision, parent__isnull=True):
        for measure_id in by_decision[action.decision_id]:
            if all(a.pk != action.pk for a in out[measure_id]):
                out[measure_id].append(action)
    return out


def action_progress(action: Action) -> rollup.ActionProgress:
    return rollup.ActionProgress(
        progress=float(action.progress),
        weight=float(action.weight),
        start=action.start_date,
        due=action.due_date,
        dropped=action.status == "dropped",
    )


def progress(strategy: Strategy, as_of: date | None = None) -> Progress:
    """Counts of targets per status for each measure, each priority and the strategy."""
    as_of = as_of or today()
    priorities = list(
        strategy.priorities.prefetch_related(
            Prefetch(
                "measures",
                queryset=Measure.objects.prefetch_related("targets__indicator", "targets__region"),
            )
        )
    )
    measures = [m for p in priorities for m in p.measures.all()]
    actions = _actions_of(measures)
    statuses = {t.pk: target_status(t) for m in measures for t in m.targets.all()}
    inputs = {}
    for m in measures:
        inputs[m.pk] = rollup.MeasureInput(
            key=str(m.pk),
            target_statuses=tuple(
                statuses[t.pk].result.status if statuses[t.pk].result else None
                for t in m.targets.all()
            ),
            actions=tuple(action_progress(a) for a in actions.get(m.pk, [])),
        )
    p_inputs = {
        p.pk: rollup.PriorityInput(str(p.pk), tuple(inputs[m.pk] for m in p.measures.all()))
        for p in priorities
    }
    return Progress(
        strategy=rollup.strategy_summary(p_inputs.values(), as_of),
        priorities={pk: rollup.priority_summary(p, as_of) for pk, p in p_inputs.items()},
        measures={pk: rollup.measure_summary(m, as_of) for pk, m in inputs.items()},
        targets=statuses,
    )


def summary_rows(summary: rollup.Summary) -> list[tuple[str, str, int]]:
    """(bucket code, label, count) in the fixed order, for the status bars and tables."""
    return [(code, BUCKET_LABELS[code], n) for code, n in summary.ordered()]


def gap_texts(summary: rollup.Summary) -> list[str]:
    """The gaps of a roll-up as sentences, once per kind of gap with how often it occurs."""
    counts: dict[str, int] = defaultdict(int)
    for flag, _key in summary.gaps:
        counts[flag] += 1
    return [
        f"{GAP_LABELS[flag]} (×{n})" if n > 1 else str(GAP_LABELS[flag])
        for flag, n in counts.items()
    ]


@dataclass
class PriorityProgress:
    """One row of "progress per priority" as a page, the board briefing or a report shows it."""

    priority: Priority
    summary: rollup.Summary
    rows: list[tuple[str, str, int]]  # (bucket, label, count)
    gaps: list[str]


def progress_per_priority(
    strategy: Strategy, as_of: date | None = None
) -> tuple[Progress, list[PriorityProgress]]:
    """The roll-up and, for each priority in order, its counts per status and its gaps."""
    result = progress(strategy, as_of)
    rows = [
        PriorityProgress(
            p,
            result.priorities[p.pk],
            summary_rows(result.priorities[p.pk]),
            gap_texts(result.priorities[p.pk]),
        )
        for p in strategy.priorities.prefetch_related("measures")
    ]
    return result, rows


# --- what a record serves ----------------------------------------------------------------------


def kind_of(obj: models.Model) -> str | None:
    """The link kind of a record of another app, None for a model no measure links to."""
    label = obj._meta.label
    return next((k for k, m in LINK_MODELS.items() if m == label), None)


def serves(obj: models.Model, user) -> list[MeasureLink]:
    """The measures (and through them the priorities) this record serves, as this user sees them."""
    kind = kind_of(obj)
    if kind is None or obj.pk is None:
        return []
    return visible_links(user, MeasureLink.objects.filter(**{kind: obj}))


# --- coordination: priorities × organisations ----------------------------------------------------


@dataclass
class Contribution:
    organisation: Organisation
    ways: list[str] = field(default_factory=list)  # "owner of RoboLabas", "funder of …"


@dataclass
class PriorityCoordination:
    priority: Priority
    contributors: list[Contribution]
    secured_by_year: dict[int, Decimal]
    pipeline_by_year: dict[int, Decimal]
    undated_funding: list[FundingLine]
    initiatives: list[Initiative]
    overlaps: list[tuple[Activity, list[Organisation]]]
    gaps: list[str]

    @property
    def gap_items(self) -> list[tuple[str, str]]:
        return [(code, str(COORDINATION_GAPS[code])) for code in self.gaps]

    @property
    def money_rows(self) -> list[tuple[int, Decimal | None, Decimal | None]]:
        """(year, secured, planned or applied for) for every year with money."""
        years = sorted({*self.secured_by_year, *self.pipeline_by_year})
        return [(y, self.secured_by_year.get(y), self.pipeline_by_year.get(y)) for y in years]


def _linked(priority: Priority, kind: str, allowed: set[int]) -> list[models.Model]:
    links = MeasureLink.objects.filter(measure__priority=priority, kind=kind).select_related(kind)
    seen: dict[int, models.Model] = {}
    for link in links:
        if link.target_id in allowed:
            seen.setdefault(link.target_id, link.target)
    return list(seen.values())


def _add(found: dict[int, Contribution], org: Organisation | None, way: str, orgs: set[int]):
    if org is None or org.pk not in orgs:
        return
    entry = found.setdefault(org.pk, Contribution(org))
    if way not in entry.ways:
        entry.ways.append(way)


def coordination(strategy: Strategy, user, as_of: date | None = None) -> list[PriorityCoordination]:
    """Per priority: every organisation that contributes (once, with all its ways), the money of
    the initiatives that serve it by year, the activities that overlap, and the gaps."""
    year = (as_of or today()).year
    allowed = {
        kind: set(visible_records(linked_model(kind), user).values_list("pk", flat=True))
        for kind in LINK_MODELS
    }
    orgs = set(Organisation.objects.visible_to(user).values_list("pk", flat=True))
    rows = []
    for priority in strategy.priorities.prefetch_related("measures__targets"):
        found: dict[int, Contribution] = {}
        for measure in priority.measures.all():
            _add(found, measure.owner_organisation, str(_("owner of the measure")), orgs)
        initiatives = _linked(priority, LinkKind.INITIATIVE, allowed[LinkKind.INITIATIVE])
        lines = list(
            FundingLine.objects.filter(initiative__in=initiatives).select_related(
                "funder_organisation", "initiative"
            )
        )
        for ini in initiatives:
            _add(found, ini.owner_organisation, _("owner of %(name)s") % {"name": ini.name}, orgs)
            for partner in ini.partners.all():
                _add(found, partner, _("partner in %(name)s") % {"name": ini.name}, orgs)
        for line in lines:
            name = line.initiative.name
            _add(found, line.funder_organisation, _("funder of %(name)s") % {"name": name}, orgs)
        activities = _linked(priority, LinkKind.ACTIVITY, allowed[LinkKind.ACTIVITY])
        activities += [
            a
            for a in Activity.objects.filter(initiative__in=initiatives, pk__in=allowed["activity"])
            if a not in activities
        ]
        for activity in activities:
            _add(found, activity.organisation, _("activity: %(name)s") % {"name": activity}, orgs)
        actions = _linked(priority, LinkKind.ACTION, allowed[LinkKind.ACTION])
        decisions = _linked(priority, LinkKind.DECISION, allowed[LinkKind.DECISION])
        related = Action.objects.filter(
            Q(decision__in=decisions) | Q(initiative__in=initiatives), pk__in=allowed["action"]
        )
        actions += [a for a in related if a not in actions]
        for action in actions:
            _add(found, action.owner_organisation, _("action: %(name)s") % {"name": action}, orgs)
        secured, pipeline, undated = _money_by_year(lines)
        gaps = []
        if not initiatives:
            gaps.append(NO_INITIATIVE)
        if not any(y > year and amount > 0 for y, amount in secured.items()):
            gaps.append(NO_FUNDING_AHEAD)
        if not any(m.targets.all() for m in priority.measures.all()):
            gaps.append(NO_TARGET)
        rows.append(
            PriorityCoordination(
                priority=priority,
                contributors=sorted(found.values(), key=lambda c: c.organisation.name),
                secured_by_year=secured,
                pipeline_by_year=pipeline,
                undated_funding=undated,
                initiatives=initiatives,
                overlaps=_overlaps(activities),
                gaps=gaps,
            )
        )
    return rows


def _money_by_year(lines: list[FundingLine]):
    """Secured and pipeline money by year, spread as the portfolio's arithmetic spreads it."""
    secured: dict[int, Decimal] = defaultdict(lambda: fn.ZERO)
    pipeline: dict[int, Decimal] = defaultdict(lambda: fn.ZERO)
    undated = []
    for line in lines:
        if line.year_from is None or line.year_to is None:
            undated.append(line)
            continue
        if line.status in fn.SECURED_STATUSES:
            into = secured
        elif line.status in fn.PIPELINE_STATUSES:
            into = pipeline
        else:
            continue
        for y, part in fn.spread_amount(line.amount, line.year_from, line.year_to).items():
            into[y] += part
    return dict(sorted(secured.items())), dict(sorted(pipeline.items())), undated


def _overlaps(activities: list[Activity]) -> list[tuple[Activity, list[Organisation]]]:
    """For each activity, the other organisations working on the same theme, target group and
    municipality in the who-does-what register (a possible overlap)."""
    out = []
    for activity in activities:
        others = (
            Organisation.objects.filter(
                activities__theme=activity.theme,
                activities__target_group=activity.target_group,
                activities__municipality_id=activity.municipality_id,
            )
            .exclude(pk=activity.organisation_id)
            .distinct()
        )
        if others:
            out.append((activity, list(others)))
    return out
