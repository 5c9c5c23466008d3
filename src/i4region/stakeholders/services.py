"""Stakeholder operations shared by views, API, exports and seed: who may see what, the network
analysis on the stored ecosystem, erasure, contact alerts and the overlap/gap register."""

from __future__ import annotations

import datetime as dt
import hashlib
import math
import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

import networkx as nx
from django.contrib.admin.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.db import transaction
from django.db.models import Count, F, Max, Q, QuerySet, Sum
from django.utils import timezone

from i4region.accounts.models import Role
from i4region.accounts.permissions import has_role, is_secretariat
from i4region.charts.svg import esc
from i4region.compute.network import NetworkAnalysis, analyse_network, key_actors, layout

from .models import (
    Activity,
    Assessment,
    ErasureLog,
    FollowUp,
    Interaction,
    Organisation,
    Person,
    Relation,
    TargetGroup,
    Theme,
)

INTERNAL_ROLES = (Role.SECRETARIAT, Role.BOARD_MEMBER, Role.INITIATIVE_MANAGER)
# Organisation fields anonymous visitors may see for a published organisation.
PUBLIC_FIELDS = (
    "name",
    "type",
    "nace_code",
    "size_class",
    "municipality",
    "region",
    "website",
    "company_code",
    "tags",
    "description_en",
    "description_lt",
    "source_url",
    "is_sample",
)
# The community naming attribute: which broad sector an organisation type belongs to
# (keys of i4region.compute.network.ranking.GROUP_NAMES, so communities get en/lt names).
SECTOR_OF_TYPE = {
    "school": "education", "vocational_school": "education", "university": "university",
    "research": "research", "ngo": "ngo", "municipality": "municipality", "agency": "public",
    "funder": "finance", "cluster": "industry",
}  # fmt: skip
MEASURES = ("degree", "weighted_degree", "betweenness", "closeness", "eigenvector")


# --- permissions -----------------------------------------------------------------------------


def is_internal(user) -> bool:
    """Secretariat, board members and initiative managers work with the whole ecosystem."""
    return has_role(user, *INTERNAL_ROLES)


def can_see_contacts(user) -> bool:
    """People's e-mail and phone are for the secretariat only."""
    return is_secretariat(user)


def visible_organisations(user) -> QuerySet[Organisation]:
    """Internal roles see all; a company representative also sees their own; others the published."""
    qs = Organisation.objects.select_related("municipality", "region", "parent")
    if is_internal(user):
        return qs
    if has_role(user, Role.COMPANY_REP):
        return qs.filter(Q(published=True) | Q(representatives=user)).distinct()
    return qs.filter(published=True)


def sees_full_record(user, org: Organisation) -> bool:
    """Internal roles and the organisation's own representatives see more than the public fields."""
    if is_internal(user):
        return True
    return bool(
        user.is_authenticated
        and has_role(user, Role.COMPANY_REP)
        and org.representatives.filter(pk=user.pk).exists()
    )


# --- sector and latest assessments --------------------------------------------------------------


def sector(org: Organisation) -> str:
    """Broad sector for naming communities: manufacturing for NACE section C companies."""
    if org.type == "company":
        return "manufacturing" if org.nace_code.startswith("C") else "business"
    return SECTOR_OF_TYPE.get(org.type, "other")


def latest_assessments(org_ids: Iterable[int] | None = None) -> dict[int, list[Assessment]]:
    """Per organisation its two most recent assessments, newest first (for movement on the grid)."""
    qs = Assessment.objects.order_by("organisation_id", "-date", "-id")
    if org_ids is not None:
        qs = qs.filter(organisation_id__in=list(org_ids))
    out: dict[int, list[Assessment]] = defaultdict(list)
    for a in qs:
        if len(out[a.organisation_id]) < 2:
            out[a.organisation_id].append(a)
    return dict(out)


# --- network ---------------------------------------------------------------------------------


@dataclass
class NetworkFilter:
    """What the network picture shows; built from GET parameters so it works without JavaScript."""

    types: tuple[str, ...] = ()
    municipality: str = ""  # Region.code
    relation_types: tuple[str, ...] = ()
    published_only: bool = False

    def organisations(self) -> QuerySet[Organisation]:
        qs = Organisation.objects.select_related("municipality")
        if self.published_only:
            qs = qs.filter(published=True)
        if self.types:
            qs = qs.filter(type__in=self.types)
        if self.municipality:
            qs = qs.filter(municipality__code=self.municipality)
        return qs

    def relations(self, org_ids: set[int]) -> list[Relation]:
        qs = Relation.objects.filter(source_id__in=org_ids, target_id__in=org_ids)
        if self.relation_types:
            qs = qs.filter(type__in=self.relation_types)
        return list(qs)


@dataclass
class Ecosystem:
    """The analysed network with its drawing positions and the organisations behind node ids."""

    analysis: NetworkAnalysis
    organisations: dict[str, Organisation]
    assessments: dict[int, list[Assessment]]
    positions: dict[str, tuple[float, float]]


def node_id(org_id: int) -> str:
    """Stable node id: zero-padded so string order is numeric order."""
    return f"o{org_id:07d}"


CACHE_SECONDS = 24 * 3600


def _cache_key(flt: NetworkFilter) -> str:
    """Changes whenever an organisation, relation or assessment changes, or the filter does.

    Analysis and especially the spring layout take minutes on a few thousand organisations, so
    they are computed once per state of the data, not once per page view.
    """
    state = (
        Organisation.objects.aggregate(n=Count("id"), t=Max("updated_at")),
        Relation.objects.aggregate(n=Count("id"), t=Max("updated_at")),
        Assessment.objects.aggregate(
            n=Count("id"), m=Max("id"), i=Sum("influence"), s=Sum("interest")
        ),
        flt,
    )
    return "stakeholders:network:" + hashlib.sha256(repr(state).encode()).hexdigest()


def arrange(g: nx.Graph) -> dict[str, tuple[float, float]]:
    """Positions in the unit square from the seeded layout, one component at a time.

    A spring layout of the whole graph pushes small components and isolated organisations to
    the edges and shrinks the main network to a dot; here the largest component fills the top
    80 % and every other component gets a small box in rows beneath it.
    """
    comps = sorted(nx.connected_components(g), key=lambda c: (-len(c), min(c)))
    if len(comps) <= 1:
        return layout(g)
    out = {v: (x, y * 0.8) for v, (x, y) in layout(g.subgraph(comps[0])).items()}
    rest = comps[1:]
    cols = min(len(rest), 12)
    rows = math.ceil(len(rest) / cols)
    width, height = 1 / cols, 0.18 / rows
    for i, comp in enumerate(rest):
        row, col = divmod(i, cols)
        for v, (x, y) in layout(g.subgraph(comp)).items():
            out[v] = (
                col * width + width * (0.15 + 0.7 * x),
                0.82 + row * height + height * (0.15 + 0.7 * y),
            )
    return out


def analyse(flt: NetworkFilter | None = None) -> Ecosystem:
    """Analyse the (filtered) stored network with i4region.compute.network (cached)."""
    flt = flt or NetworkFilter()
    orgs = {node_id(o.pk): o for o in flt.organisations()}
    ids = {o.pk for o in orgs.values()}
    latest = latest_assessments(ids)
    key = _cache_key(flt)
    cached = cache.get(key)
    if cached is not None:
        return Ecosystem(cached[0], orgs, latest, cached[1])
    nodes = []
    for nid, o in orgs.items():
        attrs: dict = {"sector": sector(o)}
        if o.pk in latest:
            attrs["influence"] = latest[o.pk][0].influence
            attrs["stance"] = latest[o.pk][0].stance
        nodes.append({"id": nid, "label": o.name, "type": o.type, "attributes": attrs})
    edges = [
        {
            "source": node_id(r.source_id),
            "target": node_id(r.target_id),
            "type": r.type,
            "directed": r.directed,
            "strength": r.strength,
        }
        for r in flt.relations(ids)
    ]
    analysis = analyse_network(nodes, edges)
    positions = arrange(analysis.graph)
    cache.set(key, (analysis, positions), CACHE_SECONDS)
    return Ecosystem(analysis, orgs, latest, positions)


def ranked_actors(eco: Ecosystem, top: int | None = 20):
    """Key actors (centrality + latest influence and stance), explained in en and lt."""
    return key_actors(eco.analysis, top=top)


# --- network picture -------------------------------------------------------------------------

NODE_COLOURS = (
    "#0072b2",
    "#e69f00",
    "#009e73",
    "#cc79a7",
    "#56b4e9",
    "#d55e00",
    "#8c6d1f",
    "#5e3c99",
    "#1b7837",
    "#b2182b",
    "#4d4d4d",
    "#f0e442",
)


def network_svg(
    eco: Ecosystem,
    colour_by: str = "type",
    size_by: str = "degree",
    labels: dict[str, str] | None = None,
    link: str | None = None,
    title: str = "",
    legend_title: str = "",
    width: int = 960,
    height: int = 720,
    label_top: int = 10,
) -> str:
    """The network as a standalone SVG from the seeded layout: the page and the report share it.

    ``labels`` maps type keys or community indexes (as str) to legend names; ``link`` is a URL
    template with ``{pk}`` that makes each node a link (no JavaScript needed to drill down).
    """
    if size_by not in MEASURES:
        raise ValueError(f"size_by must be one of {MEASURES}, got {size_by!r}")
    a = eco.analysis
    pos = eco.positions
    pad, legend_w = 30, 190
    plot_w, plot_h = width - legend_w - 2 * pad, height - 2 * pad - 30
    top = pad + 30

    def xy(nid: str) -> tuple[float, float]:
        x, y = pos[nid]
        return pad + x * plot_w, top + y * plot_h

    values = {nid: float(getattr(m, size_by)) for nid, m in a.nodes.items()}
    vmax = max(values.values(), default=0.0) or 1.0
    radius = {nid: 3.5 + 14 * (v / vmax) ** 0.5 for nid, v in values.items()}
    if colour_by == "community":
        keys = [str(c.index) for c in a.communities]
        key_of = {nid: str(m.community) for nid, m in a.nodes.items()}
    else:
        keys = sorted({m.type for m in a.nodes.values()})
        key_of = {nid: m.type for nid, m in a.nodes.items()}
    colour = {k: NODE_COLOURS[i % len(NODE_COLOURS)] for i, k in enumerate(keys)}
    labels = labels or {}
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
        f'width="{width}" height="{height}" role="img" aria-labelledby="net-title net-desc" '
        f'font-family="system-ui, sans-serif" class="network">',
        f'<title id="net-title">{esc(title)}</title>',
        f'<desc id="net-desc">{esc(f"{a.stats.nodes} / {a.stats.edges}")}</desc>',
        f'<rect width="{width}" height="{height}" fill="#ffffff"/>',
        f'<text x="{pad}" y="{pad}" font-size="16" font-weight="600">{esc(title)}</text>',
        '<g class="edges" stroke="#8c8c8c" stroke-opacity="0.45">',
    ]
    for u, v, d in sorted(a.graph.edges(data=True)):
        (x1, y1), (x2, y2) = xy(u), xy(v)
        parts.append(
            f'<line x1="{x1:.1f}" y1="{y1:.1f}" x2="{x2:.1f}" y2="{y2:.1f}" '
            f'stroke-width="{0.6 + min(d["weight"], 10) * 0.35:.1f}"/>'
        )
    parts.append('</g><g class="nodes" stroke="#ffffff" stroke-width="1">')
    order = sorted(a.nodes, key=lambda n: (radius[n], n))
    labelled = set(sorted(a.nodes, key=lambda n: (-values[n], n))[:label_top])
    for nid in order:
        m = a.nodes[nid]
        x, y = xy(nid)
        org = eco.organisations[nid]
        tip = f"{m.label} · {labels.get(m.type, m.type)} · {size_by}: {values[nid]:.3g}"
        circle = (
            f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{radius[nid]:.1f}" '
            f'fill="{colour[key_of[nid]]}"><title>{esc(tip)}</title></circle>'
        )
        if link:
            circle = f'<a href="{esc(link.format(pk=org.pk))}">{circle}</a>'
        parts.append(circle)
    parts.append('</g><g class="labels" font-size="11" fill="#222222" stroke="none">')
    for nid in sorted(labelled):
        x, y = xy(nid)
        parts.append(
            f'<text x="{x + radius[nid] + 2:.1f}" y="{y + 4:.1f}" '
            f'paint-order="stroke" stroke="#ffffff" stroke-width="3">'
            f"{esc(a.nodes[nid].label[:32])}</text>"
        )
    parts.append("</g>")
    lx = width - legend_w + 10
    parts.append(
        f'<g class="legend" font-size="12"><text x="{lx}" y="{top}" font-weight="600">'
        f"{esc(legend_title)}</text>"
    )
    for i, k in enumerate(keys[:24]):
        y = top + 20 + i * 18
        parts.append(
            f'<circle cx="{lx + 6}" cy="{y - 4}" r="6" fill="{colour[k]}"/>'
            f'<text x="{lx + 18}" y="{y}">{esc(labels.get(k, k)[:26])}</text>'
        )
    parts.append("</g></svg>")
    return "".join(parts)


# --- power-interest grid ---------------------------------------------------------------------

STANCE_COLOURS = {
    "champion": "#1b7837",
    "supporter": "#7fbf7b",
    "neutral": "#8c8c8c",
    "sceptic": "#e69f00",
    "blocker": "#b2182b",
}


def grid_svg(
    latest: dict[int, list[Assessment]],
    names: dict[int, str],
    texts: dict[str, str],
    size: int = 620,
) -> str:
    """Power (influence) × interest grid; an arrow shows the move from the previous assessment.

    ``texts`` holds the translated axis and quadrant names (title, x, y, manage, satisfy,
    inform, monitor) and the stance names under their keys (champion … blocker).
    """
    pad = 60
    span = size - 2 * pad

    def pt(interest: float, influence: float) -> tuple[float, float]:
        return pad + (interest - 0.5) / 5 * span, size - pad - (influence - 0.5) / 5 * span

    mid = pad + span / 2
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {size} {size}" width="{size}" '
        f'height="{size}" role="img" aria-labelledby="grid-title" font-family="system-ui, '
        f'sans-serif" font-size="11">',
        f'<title id="grid-title">{esc(texts["title"])}</title>',
        '<defs><marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="6" '
        'markerHeight="6" orient="auto-start-reverse"><path d="M0,0L10,5L0,10z" '
        'fill="#444444"/></marker></defs>',
        f'<rect x="{pad}" y="{pad}" width="{span}" height="{span}" fill="#f4f6f8" '
        f'stroke="#8c959f"/>',
        f'<line x1="{mid}" y1="{pad}" x2="{mid}" y2="{pad + span}" stroke="#8c959f" '
        f'stroke-dasharray="4 3"/>',
        f'<line x1="{pad}" y1="{mid}" x2="{pad + span}" y2="{mid}" stroke="#8c959f" '
        f'stroke-dasharray="4 3"/>',
        f'<g font-size="13" fill="#4a5560" font-weight="600">'
        f'<text x="{mid + 6}" y="{pad + 16}">{esc(texts["manage"])}</text>'
        f'<text x="{pad + 6}" y="{pad + 16}">{esc(texts["satisfy"])}</text>'
        f'<text x="{mid + 6}" y="{pad + span - 8}">{esc(texts["inform"])}</text>'
        f'<text x="{pad + 6}" y="{pad + span - 8}">{esc(texts["monitor"])}</text></g>',
        f'<text x="{mid}" y="{size - 18}" text-anchor="middle" font-size="13">'
        f"{esc(texts['x'])}</text>",
        f'<text transform="translate(18 {mid}) rotate(-90)" text-anchor="middle" '
        f'font-size="13">{esc(texts["y"])}</text>',
    ]
    for i, stance in enumerate(STANCE_COLOURS):
        lx = 20 + i * (size - 40) / 5
        parts.append(
            f'<circle cx="{lx + 6:.1f}" cy="26" r="6" fill="{STANCE_COLOURS[stance]}"/>'
            f'<text x="{lx + 16:.1f}" y="30">{esc(texts.get(stance, stance))}</text>'
        )
    for i in range(1, 6):
        x, y = pt(i, i)
        parts.append(
            f'<text x="{x:.1f}" y="{pad + span + 16}" text-anchor="middle">{i}</text>'
            f'<text x="{pad - 10}" y="{y + 4:.1f}" text-anchor="end">{i}</text>'
        )
    # spread organisations that share a cell on a small ring so none hides another
    cells: dict[tuple[int, int], list[int]] = defaultdict(list)
    for org_id in sorted(latest, key=lambda k: names.get(k, "")):
        now = latest[org_id][0]
        cells[(now.interest, now.influence)].append(org_id)
    offset: dict[int, tuple[float, float]] = {}
    for members in cells.values():
        for j, org_id in enumerate(members):
            if len(members) == 1:
                offset[org_id] = (0.0, 0.0)
            else:
                angle = 2 * math.pi * j / len(members)
                r = min(28.0, 8 + 3 * len(members))
                offset[org_id] = (r * math.cos(angle), r * math.sin(angle))
    for org_id, pair in sorted(latest.items(), key=lambda kv: names.get(kv[0], "")):
        now = pair[0]
        x, y = pt(now.interest, now.influence)
        dx, dy = offset[org_id]
        x, y = x + dx, y + dy
        if len(pair) > 1 and (pair[1].interest, pair[1].influence) != (now.interest, now.influence):
            px, py = pt(pair[1].interest, pair[1].influence)  # from the previous cell's centre
            length = math.hypot(x - px, y - py)
            if length > 8:  # stop at the dot's edge so the arrowhead stays visible
                ex, ey = x - (x - px) * 7 / length, y - (y - py) * 7 / length
                parts.append(
                    f'<line x1="{px:.1f}" y1="{py:.1f}" x2="{ex:.1f}" y2="{ey:.1f}" '
                    f'stroke="#444444" stroke-width="1.2" marker-end="url(#arrow)"/>'
                )
        parts.append(
            f'<circle cx="{x:.1f}" cy="{y:.1f}" r="6" fill="{STANCE_COLOURS[now.stance]}" '
            f'stroke="#ffffff"><title>{esc(names.get(org_id, ""))}</title></circle>'
        )
    parts.append("</svg>")
    return "".join(parts)


def movements(latest: dict[int, list[Assessment]]) -> list[tuple[int, Assessment, Assessment]]:
    """Organisations whose influence, interest or stance changed since the previous assessment."""
    out = []
    for org_id, pair in latest.items():
        if len(pair) == 2:
            now, before = pair
            if (now.influence, now.interest, now.stance) != (
                before.influence,
                before.interest,
                before.stance,
            ):
                out.append((org_id, now, before))
    return out


# --- erasure ---------------------------------------------------------------------------------

ERASED = "[erased]"


@transaction.atomic
def erase_person(person: Person) -> None:
    """Erase a contact on request: the row, their name in interaction texts and admin history.

    Only an anonymised count per day remains (ErasureLog).
    """
    pattern = re.compile(re.escape(person.name), re.IGNORECASE) if person.name.strip() else None
    if pattern:
        for interaction in Interaction.objects.filter(
            Q(participants=person)
            | Q(purpose__icontains=person.name)
            | Q(outcome__icontains=person.name)
            | Q(follow_ups__description__icontains=person.name)
        ).distinct():
            interaction.purpose = pattern.sub(ERASED, interaction.purpose)
            interaction.outcome = pattern.sub(ERASED, interaction.outcome)
            interaction.save(update_fields=["purpose", "outcome"])
            for f in interaction.follow_ups.all():
                if pattern.search(f.description):
                    f.description = pattern.sub(ERASED, f.description)
                    f.save(update_fields=["description"])
    content_type = ContentType.objects.get_for_model(Person)
    LogEntry.objects.filter(content_type=content_type, object_id=str(person.pk)).delete()
    if pattern:
        for entry in LogEntry.objects.filter(
            Q(object_repr__icontains=person.name) | Q(change_message__icontains=person.name)
        ):
            entry.object_repr = pattern.sub(ERASED, entry.object_repr)
            entry.change_message = pattern.sub(ERASED, entry.change_message)
            entry.save(update_fields=["object_repr", "change_message"])
    person.delete()
    log, _ = ErasureLog.objects.get_or_create(date=timezone.localdate())
    ErasureLog.objects.filter(pk=log.pk).update(count=F("count") + 1)


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


def activity_counts_by_municipality() -> Counter:
    """How many activities each municipality has (code -> count)."""
    return Counter(Activity.objects.values_list("municipality__code", flat=True))
