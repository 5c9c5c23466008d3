"""The stored ecosystem as a network: filters, the (cached) analysis by i4region.compute.network,
the drawing positions and the standalone SVG that the page and the reports share."""

from __future__ import annotations

import hashlib
import math
from dataclasses import dataclass

import networkx as nx
from django.core.cache import cache
from django.db.models import Count, Max, QuerySet, Sum
from django.utils.translation import gettext_lazy as _

from i4region.charts.svg import esc
from i4region.compute.network import NetworkAnalysis, analyse_network, key_actors, layout

from .grid import latest_assessments
from .models import Assessment, Organisation, OrgType, Relation

# The community naming attribute: which broad sector an organisation type belongs to
# (keys of i4region.compute.network.ranking.GROUP_NAMES, so communities get en/lt names).
SECTOR_OF_TYPE = {
    "school": "education", "vocational_school": "education", "university": "university",
    "research": "research", "ngo": "ngo", "municipality": "municipality", "agency": "public",
    "funder": "finance", "cluster": "industry",
}  # fmt: skip
MEASURES = ("degree", "weighted_degree", "betweenness", "closeness", "eigenvector")
MEASURE_NAMES = {
    "degree": _("Degree"),
    "weighted_degree": _("Weighted degree"),
    "betweenness": _("Betweenness"),
    "closeness": _("Closeness"),
    "eigenvector": _("Eigenvector"),
}


def sector(org: Organisation) -> str:
    """Broad sector for naming communities: manufacturing for NACE section C companies."""
    if org.type == "company":
        return "manufacturing" if org.nace_code.startswith("C") else "business"
    return SECTOR_OF_TYPE.get(org.type, "other")


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


LABEL_SIZE, LEGEND_SIZE, TITLE_SIZE = 11, 12, 16
CHAR_EM = 0.62  # a generous average advance of a sans-serif character, in em


def text_box(x: float, y: float, text: str, size: float) -> tuple[float, float, float, float]:
    """The box a left-anchored text at baseline (x, y) covers, estimated from its length."""
    return x, y - size, x + CHAR_EM * size * len(text), y + 0.3 * size


def _overlap(a: tuple, b: tuple, gap: float = 1.0) -> bool:
    return a[0] < b[2] + gap and b[0] < a[2] + gap and a[1] < b[3] + gap and b[1] < a[3] + gap


def _clip(text: str, chars: int) -> str:
    return text if len(text) <= chars else text[: chars - 1].rstrip() + "…"


def place_labels(
    circles: dict[str, tuple[float, float, float]],
    texts: dict[str, str],
    area: tuple[float, float, float, float],
    size: float = LABEL_SIZE,
) -> dict[str, tuple[float, float]]:
    """Baselines for the labels of ``texts`` (in priority order) beside their circles (x, y, r):
    the first of right, left, above, below that stays inside ``area`` and clear of every label
    placed before, preferring one that covers fewest other circles. A label with no free place
    is left out (its node keeps its tooltip)."""
    placed: dict[str, tuple[float, float]] = {}
    boxes: list[tuple] = []
    for nid, text in texts.items():
        x, y, r = circles[nid]
        w = CHAR_EM * size * len(text)
        candidates = [
            (x + r + 3, y + size * 0.35),
            (x - r - 3 - w, y + size * 0.35),
            (x - w / 2, y - r - 3),
            (x - w / 2, y + r + 3 + size),
        ]
        best = None
        for cx, cy in candidates:
            box = text_box(cx, cy, text, size)
            inside = (
                area[0] <= box[0] and box[2] <= area[2] and area[1] <= box[1] and box[3] <= area[3]
            )
            if not inside or any(_overlap(box, b) for b in boxes):
                continue
            covered = sum(
                _overlap(box, (ox - orr, oy - orr, ox + orr, oy + orr), 0)
                for other, (ox, oy, orr) in circles.items()
                if other != nid
            )
            if best is None or covered < best[0]:
                best = (covered, cx, cy, box)
        if best:
            placed[nid] = (best[1], best[2])
            boxes.append(best[3])
    return placed


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
    label_top: int = 12,
) -> str:
    """The network as a standalone SVG from the seeded layout: the page and the report share it.

    ``labels`` maps type keys or community indexes (as str) to legend names; a type keeps its
    colour whatever the filter leaves; ``link`` is a URL template with ``{pk}`` that
    makes each node a link (no JavaScript needed to drill down). The most central organisations
    carry a label where one fits without overlapping another; every node names itself on hover
    and keyboard focus. The legend is measured to fit inside the picture.
    """
    if size_by not in MEASURES:
        raise ValueError(f"size_by must be one of {MEASURES}, got {size_by!r}")
    a = eco.analysis
    pos = eco.positions
    labels = labels or {}
    if colour_by == "community":
        keys = [str(c.index) for c in a.communities]
        key_of = {nid: str(m.community) for nid, m in a.nodes.items()}
        colour = {k: NODE_COLOURS[i % len(NODE_COLOURS)] for i, k in enumerate(keys)}
    else:
        present = {m.type for m in a.nodes.values()}
        order = [*OrgType.values, *sorted(present - set(OrgType.values))]
        keys = [k for k in order if k in present]
        key_of = {nid: m.type for nid, m in a.nodes.items()}
        colour = {k: NODE_COLOURS[order.index(k) % len(NODE_COLOURS)] for k in keys}
    pad, row = 30, LEGEND_SIZE * 1.5
    rows = max(1, min(len(keys), int((height - 2 * pad - 20) // row) - 1))
    shown = [_clip(labels.get(k, k), 28) for k in keys[:rows]]
    if len(keys) > rows:
        shown[-1] = "…"
    texts = [legend_title, *(f"{t}" for t in shown)]
    legend_w = 24 + CHAR_EM * LEGEND_SIZE * max(len(t) for t in texts) + 10
    plot_w, plot_h = width - legend_w - 3 * pad, height - 2 * pad - 30
    top = pad + 30

    def xy(nid: str) -> tuple[float, float]:
        x, y = pos[nid]
        return pad + x * plot_w, top + y * plot_h

    values = {nid: float(getattr(m, size_by)) for nid, m in a.nodes.items()}
    vmax = max(values.values(), default=0.0) or 1.0
    radius = {nid: 3.5 + 14 * (v / vmax) ** 0.5 for nid, v in values.items()}
    clipped_title = _clip(title, int((width - 2 * pad) / (CHAR_EM * TITLE_SIZE)))
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
        f'width="{width}" height="{height}" role="group" aria-labelledby="net-title net-desc" '
        f'font-family="system-ui, sans-serif" class="network">',
        f'<title id="net-title">{esc(title)}</title>',
        f'<desc id="net-desc">{esc(f"{a.stats.nodes} / {a.stats.edges}")}</desc>',
        f'<rect width="{width}" height="{height}" fill="#ffffff"/>',
        f'<text x="{pad}" y="{pad}" font-size="{TITLE_SIZE}" font-weight="600">'
        f"{esc(clipped_title)}</text>",
        '<g class="edges" stroke="#8c8c8c" stroke-opacity="0.45">',
    ]
    for u, v, d in sorted(a.graph.edges(data=True)):
        (x1, y1), (x2, y2) = xy(u), xy(v)
        parts.append(
            f'<line x1="{x1:.1f}" y1="{y1:.1f}" x2="{x2:.1f}" y2="{y2:.1f}" '
            f'stroke-width="{0.6 + min(d["weight"], 10) * 0.35:.1f}"/>'
        )
    parts.append('</g><g class="nodes" stroke="#ffffff" stroke-width="1">')
    measure = MEASURE_NAMES[size_by]
    type_names = dict(OrgType.choices)
    for nid in sorted(a.nodes, key=lambda n: (radius[n], n)):
        m = a.nodes[nid]
        x, y = xy(nid)
        tip = f"{m.label} · {type_names.get(m.type, m.type)} · {measure}: {values[nid]:.3g}"
        circle = (
            f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{radius[nid]:.1f}" '
            f'fill="{colour[key_of[nid]]}"><title>{esc(tip)}</title></circle>'
        )
        if link:
            circle = f'<a href="{esc(link.format(pk=eco.organisations[nid].pk))}">{circle}</a>'
        parts.append(circle)
    parts.append(f'</g><g class="labels" font-size="{LABEL_SIZE}" fill="#222222" stroke="none">')
    central = sorted(a.nodes, key=lambda n: (-values[n], n))[:label_top]
    circles = {nid: (*xy(nid), radius[nid]) for nid in a.nodes}
    area = (pad / 2, top - 10, pad + plot_w + pad, height - pad / 2)
    texts_of = {nid: _clip(a.nodes[nid].label, 32) for nid in central}
    for nid, (x, y) in sorted(place_labels(circles, texts_of, area).items()):
        parts.append(
            f'<text x="{x:.1f}" y="{y:.1f}" paint-order="stroke" stroke="#ffffff" '
            f'stroke-width="3">{esc(texts_of[nid])}</text>'
        )
    parts.append("</g>")
    lx = width - legend_w - pad / 2
    parts.append(
        f'<g class="legend" font-size="{LEGEND_SIZE}"><text x="{lx:.1f}" y="{top}" '
        f'font-weight="600">{esc(legend_title)}</text>'
    )
    for i, (k, text) in enumerate(zip(keys, shown, strict=False)):
        y = top + (i + 1) * row
        dot = (
            ""
            if text == "…"
            else f'<circle cx="{lx + 6:.1f}" cy="{y - 4:.1f}" r="6" fill="{colour[k]}"/>'
        )
        parts.append(f'{dot}<text x="{lx + 18:.1f}" y="{y:.1f}">{esc(text)}</text>')
    parts.append("</g></svg>")
    return "".join(parts)
