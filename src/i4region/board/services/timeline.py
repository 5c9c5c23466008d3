"""One trail from evidence to results: challenge → proposal → decision → actions → progress →
the indicators' movement since the decision. The public trail keeps only public records."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from functools import partial

from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from i4region.core import history
from i4region.observatory.services import series

from ..models import Action, Challenge, Decision, Proposal
from .actions import ancestors, descendants
from .evidence import Movement, movement

STAGES = ("evidence", "challenge", "proposal", "decision", "action", "progress", "movement")


@dataclass
class Chain:
    challenges: list[Challenge] = field(default_factory=list)
    proposals: list[Proposal] = field(default_factory=list)
    decisions: list[Decision] = field(default_factory=list)
    actions: list[Action] = field(default_factory=list)


def _unique(items):
    seen, out = set(), []
    for item in items:
        if item is not None and item.pk not in seen:
            seen.add(item.pk)
            out.append(item)
    return out


def chain(item) -> Chain:
    """Everything connected to an item from evidence to results, whichever link you start from."""
    if isinstance(item, Action):
        root = item
        while root.parent_id:
            root = root.parent
        decision = next((a.decision for a in [item, *ancestors(item)] if a.decision_id), None)
        if decision is None:
            return Chain(actions=[root, *descendants(root)])
        item = decision
    if isinstance(item, Challenge):
        c = Chain(challenges=[item], proposals=list(item.proposals.all()))
        c.decisions = list(Decision.objects.filter(proposal__in=c.proposals))
    elif isinstance(item, Proposal):
        c = Chain(
            challenges=[item.challenge], proposals=[item], decisions=list(item.decisions.all())
        )
    elif isinstance(item, Decision):
        c = Chain(proposals=_unique([item.proposal]), decisions=[item])
        c.challenges = _unique([p.challenge for p in c.proposals])
    else:
        raise TypeError(f"no timeline for {type(item).__name__}")
    roots = list(Action.objects.filter(decision__in=c.decisions))
    c.actions = _unique([a for r in roots for a in (r, *descendants(r))])
    return c


def _public_only(c: Chain) -> Chain:
    def keep(model, rows):
        ids = set(
            model.objects.public().filter(pk__in=[r.pk for r in rows]).values_list("pk", flat=True)
        )
        return [r for r in rows if r.pk in ids]

    return Chain(
        keep(Challenge, c.challenges),
        keep(Proposal, c.proposals),
        keep(Decision, c.decisions),
        keep(Action, c.actions),
    )


@dataclass
class Event:
    stage: str
    when: str  # sortable: an ISO date or a statistical period
    title: str
    detail: str = ""
    url: str = ""
    is_sample: bool = False
    overdue: bool = False

    @property
    def shown(self) -> str:
        """The date as the reader's language writes it (a period such as 2025 stays as it is)."""
        try:
            return formats.date_format(dt.date.fromisoformat(self.when), "SHORT_DATE_FORMAT")
        except ValueError:
            return self.when


def _fmt(value, decimals: int | None = None) -> str:
    from i4region.core.templatetags.i4region_tags import num

    return num(value, decimals)


def _url(kind: str, slug: str, pk: int, public: bool) -> str:
    if public:
        return reverse("board:public", args=[slug]) + f"#{kind}-{pk}"
    return reverse(f"board:{kind}", args=[slug, pk])


def _record_event(slug: str, public: bool, kind: str, when, record, detail: str) -> Event:
    """The step of a board record (challenge, proposal, decision) that links to its page; `when`
    is a date or a moment (its day in the local time zone)."""
    day = timezone.localtime(when).date() if isinstance(when, dt.datetime) else when
    return Event(
        kind,
        day.isoformat(),
        record.title,
        detail,
        _url(kind, slug, record.pk, public),
        record.is_sample,
    )


def late_text(days: int) -> str:
    return ngettext("overdue by %(days)d day", "overdue by %(days)d days", days) % {"days": days}


def _progress_events(actions: list[Action]) -> list[Event]:
    """Each recorded change of an action's status or progress, as people read it."""
    if not actions:
        return []
    by_pk = {str(a.pk): a for a in actions}
    entries = LogEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(Action),
        object_pk__in=list(by_pk),
        action=LogEntry.Action.UPDATE,
    ).order_by("timestamp", "id")
    status_field, progress_field = (
        Action._meta.get_field("status"),
        Action._meta.get_field("progress"),
    )
    events = []
    for entry in entries:
        changes = entry.changes_dict or {}
        parts = []
        for name, fld in (("status", status_field), ("progress", progress_field)):
            if name in changes:
                before, after = (list(changes[name]) + [None, None])[:2]
                parts.append(
                    f"{fld.verbose_name}: {history.show(fld, before)} → {history.show(fld, after)}"
                )
        if parts:
            events.append(
                Event(
                    "progress",
                    timezone.localtime(entry.timestamp).date().isoformat(),
                    by_pk[entry.object_pk].title,
                    "; ".join(parts),
                )
            )
    return events


def timeline(item, public: bool = False) -> list[Event]:
    """The ordered trail for an item; `public` keeps only published links."""
    c = chain(item)
    if public:
        c = _public_only(c)
    events: list[Event] = []
    slug = (c.challenges or c.proposals or c.decisions or c.actions or [item])[0].board.slug
    step = partial(_record_event, slug, public)
    for ch in c.challenges:
        for ev in ch.evidence.select_related("indicator", "region"):
            points = series(ev.indicator, ev.region)
            if points:
                events.append(
                    Event(
                        "evidence",
                        points[-1].period,
                        f"{ev.indicator.name}, {ev.region.display_name}",
                        _("latest value %(value)s (%(period)s)")
                        % {"value": _fmt(points[-1].value), "period": points[-1].period},
                    )
                )
        events.append(step("challenge", ch.identified_on, ch, ch.get_severity_display()))
    for p in c.proposals:
        events.append(step("proposal", p.created_at, p, p.get_state_display()))
    for d in c.decisions:
        events.append(step("decision", d.meeting.starts_at, d, d.get_state_display()))
    for a in c.actions:
        days = a.days_late()
        detail = f"{a.get_status_display()} · {_fmt(a.progress)} %"
        if days:
            detail += " · " + late_text(days)
        events.append(
            Event(
                "action",
                str(a.start_date or a.due_date or ""),
                a.title,
                detail,
                _url("action", slug, a.pk, public),
                a.is_sample,
                overdue=bool(days),
            )
        )
    events.extend(_progress_events(c.actions))
    events.extend(_movements(c))
    order = {s: i for i, s in enumerate(STAGES)}
    return sorted(events, key=lambda e: (order[e.stage], e.when))


def _movements(c: Chain) -> list[Event]:
    """The evidence indicators (and the proposals' expected ones) since the first decision."""
    if not c.decisions:
        return []
    first = min(timezone.localtime(d.meeting.starts_at).date() for d in c.decisions)
    pairs = []
    for ch in c.challenges:
        pairs += [
            (ev.indicator, ev.region, ev.baseline_period or str(first.year))
            for ev in ch.evidence.select_related("indicator", "region")
        ]
    for p in c.proposals:
        region = p.board.region
        if region is not None:
            pairs += [(ind, region, str(first.year)) for ind in p.expected_indicators.all()]
    events, seen = [], set()
    for indicator, region, since in pairs:
        if (indicator.pk, region.pk) in seen:
            continue
        seen.add((indicator.pk, region.pk))
        m = movement(indicator, region, since)
        if m is not None:
            events.append(
                Event(
                    "movement",
                    m.latest.period,
                    f"{indicator.name}, {region.display_name}",
                    describe_movement(m),
                )
            )
    return events


def describe_movement(m: Movement) -> str:
    text = f"{m.base.period} {_fmt(m.base.value)} → {m.latest.period} {_fmt(m.latest.value)}"
    if m.percent is not None:
        sign = "+" if m.percent > 0 else "−" if m.percent < 0 else ""
        text += f" ({sign}{_fmt(abs(m.percent), 1)} %)"
    if m.better is True:
        text += " · " + _("better")
    elif m.better is False:
        text += " · " + _("worse")
    return text
