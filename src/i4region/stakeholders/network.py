"""The stored ecosystem as a network: filters, the (cached) analysis by i4region.compute.network,
the drawing positions and the standalone SVG that the page and the reports share."""

from __future__ import annotations

import hashlib
import math
from dataclasses import dataclass

import networkx as nx
from django.core.cache import cache
from django.db.models import Count, Max, QuerySet, Sum

from i4region.charts.svg import esc
from i4region.compute.network import NetworkAnalysis, analyse_network, key_actors, layout

from .grid import latest_assessments
from .models import Assessment, Organisation, Relation

# The community naming attribute: which broad sector an organisation type belongs to
# (keys of i4region.compute.network.ranking.GROUP_NAMES, so communities get en/lt names).
SECTOR_OF_TYPE = {
    "school": "education", "vocational_school": "education", "university": "university",
    "research": "research", "ngo": "ngo", "municipality": "municipality", "agency": "public",
    "funder": "finance", "cluster": "industry",
}  # fmt: skip
MEASURES = ("degree", "weighted_degree", "betweenness", "closeness", "eigenvector")


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
        f'width="{width}" height="{height}" role="group" aria-labelledby="net-title net-desc" '
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
