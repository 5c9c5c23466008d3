"""The stored ecosystem as a network: filters, the analysis stored by the network job
(network_store) and its drawing positions, and the standalone SVG that the page and the reports
share."""

from __future__ import annotations

import math
from dataclasses import dataclass

import networkx as nx
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from i4region.charts.svg import esc
from i4region.compute.network import (
    Community,
    KeyActor,
    NetworkAnalysis,
    NetworkStats,
    build_graph,
    layout,
    network_stats,
)

from . import network_store
from .models import Organisation, OrgType, Relation

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
        qs = Organisation.objects.all()
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
    """The stored analysis (or the part of it a filter keeps), its drawing positions and the
    organisations behind node ids. ``result`` is the stored result it comes from (None while
    no analysis has been computed yet)."""

    analysis: NetworkAnalysis
    organisations: dict[str, Organisation]
    positions: dict[str, tuple[float, float]]
    actors: list[KeyActor]
    result: network_store.Stored | None = None


def node_id(org_id: int) -> str:
    """Stable node id: zero-padded so string order is numeric order."""
    return f"o{org_id:07d}"


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


EMPTY = NetworkAnalysis(nx.Graph(), {}, [], [], NetworkStats(0, 0, 0, 0.0, 0, 0, None), None, "")


def analyse(flt: NetworkFilter | None = None) -> Ecosystem:
    """The stored analysis (network_store) of the organisations the filter keeps: no page
    computes it. A filter draws the part of the whole network it keeps, with the centralities
    and communities of the whole (of its published part, for ``published_only``); only the
    figures of the picture (counts, density, components, path length) are its own."""
    flt = flt or NetworkFilter()
    orgs = {node_id(o.pk): o for o in flt.organisations().only("pk", "name", "type", "is_sample")}
    stored = network_store.latest()
    if stored is None:
        return Ecosystem(EMPTY, orgs, {}, [], None)
    view = stored.published if flt.published_only else stored.whole
    keep = [v for v in view.analysis.nodes if v in orgs]
    if len(keep) == len(view.analysis.nodes) and not flt.relation_types:
        return Ecosystem(view.analysis, orgs, view.positions, view.actors, stored)
    return _part(view, set(keep), flt.relation_types, orgs, stored)


def _part(view, keep: set[str], relation_types, orgs, stored) -> Ecosystem:
    a = view.analysis
    if relation_types:
        g = build_graph(
            [{"id": v, **a.graph.nodes[v]} for v in sorted(keep)],
            [
                {"source": s, "target": t, "type": k, "strength": w, "directed": d}
                for s, t, k, w, d in view.relations
                if k in relation_types and s in keep and t in keep
            ],
        )
    else:
        g = a.graph.subgraph(keep)
    part = NetworkAnalysis(
        graph=g,
        nodes={v: m for v, m in a.nodes.items() if v in keep},
        communities=[
            Community(c.index, c.key, members)
            for c in a.communities
            if (members := tuple(m for m in c.members if m in keep))
        ],
        brokers=[b for b in a.brokers if b in keep],
        stats=network_stats(g),
        betweenness_samples=a.betweenness_samples,
        community_method=a.community_method,
    )
    actors = [k for k in view.actors if k.id in keep]
    return Ecosystem(part, orgs, _fill({v: view.positions[v] for v in keep}), actors, stored)


def _fill(pos: dict[str, tuple[float, float]]) -> dict[str, tuple[float, float]]:
    """The positions of part of the picture, scaled (aspect kept) to fill the unit square."""
    if len(pos) < 2:
        return dict.fromkeys(pos, (0.5, 0.5))
    xs, ys = [p[0] for p in pos.values()], [p[1] for p in pos.values()]
    span = max(max(xs) - min(xs), max(ys) - min(ys)) or 1.0
    dx = (1 - (max(xs) - min(xs)) / span) / 2
    dy = (1 - (max(ys) - min(ys)) / span) / 2
    return {v: ((x - min(xs)) / span + dx, (y - min(ys)) / span + dy) for v, (x, y) in pos.items()}


def ranked_actors(eco: Ecosystem, top: int | None = 20):
    """Key actors (centrality + latest influence and stance), explained in en and lt, as the
    analysis job ranked them."""
    return eco.actors if top is None else eco.actors[:top]


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
