"""Centralities, communities, brokers and whole-network statistics of a stakeholder graph.

Path-based measures (betweenness, closeness, path length) count steps and ignore strength:
strengths are ordinal 1-5 judgements, not distances. Strength weighs the degree and the
eigenvector centrality, where "more and stronger ties" is exactly what they should reward.
"""

from __future__ import annotations

import random
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

import igraph as ig
import networkx as nx
import numpy as np

from .graph import Edge, Node, build_graph


@dataclass(frozen=True)
class NodeMetrics:
    """Centralities of one node; betweenness and closeness are normalised to 0..1."""

    id: str
    label: str
    type: str
    degree: int
    weighted_degree: float
    in_relations: int
    out_relations: int
    betweenness: float
    closeness: float
    eigenvector: float
    community: int


@dataclass(frozen=True)
class Community:
    """A detected community, named by the most common value of the naming attribute."""

    index: int
    key: str
    members: tuple[str, ...]

    @property
    def size(self) -> int:
        """Number of members."""
        return len(self.members)


@dataclass(frozen=True)
class NetworkStats:
    """Whole-network figures of the kind Kumu's dashboard shows."""

    nodes: int
    edges: int
    relations: int
    density: float
    components: int
    largest_component: int
    average_path_length: float | None


@dataclass(frozen=True)
class NetworkAnalysis:
    """Everything computed about one network; ``graph`` is kept for layout and drill-down."""

    graph: nx.Graph
    nodes: dict[str, NodeMetrics]
    communities: list[Community]
    brokers: list[str]
    stats: NetworkStats
    betweenness_samples: int | None
    community_method: str

    @property
    def betweenness_approximate(self) -> bool:
        """True when betweenness was estimated from a sample of source nodes."""
        return self.betweenness_samples is not None


class Native:
    """The graph in igraph (C): vertices in sorted id order, strengths as the weight."""

    def __init__(self, g: nx.Graph):
        self.order = sorted(g.nodes)
        position = {v: i for i, v in enumerate(self.order)}
        pairs = [(position[u], position[v], d["weight"]) for u, v, d in g.edges(data=True)]
        self.graph = ig.Graph(n=len(self.order), edges=[(a, b) for a, b, _ in pairs])
        self.graph.es["weight"] = [float(w) for _, _, w in pairs]
        # components largest first; among equal sizes, the one holding the smallest node id
        self.components = sorted(
            (list(c) for c in self.graph.connected_components()), key=lambda c: (-len(c), min(c))
        )

    def named(self, values) -> dict[str, float]:
        return dict(zip(self.order, (float(v) for v in values), strict=True))


@contextmanager
def seeded(seed: int) -> Iterator[None]:
    """igraph's random numbers from a seeded generator for one computation, then as before."""
    ig.set_random_number_generator(random.Random(seed))
    try:
        yield
    finally:
        ig.set_random_number_generator(random)


def betweenness(g: nx.Graph, samples: int | None = None, seed: int = 42, native=None):
    """Betweenness normalised as networkx does: exact, or estimated from ``samples`` source
    nodes drawn as networkx draws them (so both give the same numbers for the same seed)."""
    native = native or Native(g)
    n = len(native.order)
    if n < 3:
        return dict.fromkeys(native.order, 0.0)
    if samples is None:
        values = native.graph.betweenness(directed=False)
        scale = 2 / ((n - 1) * (n - 2))
    else:
        # networkx's estimator: a source cannot lie between itself and a target, so sources and
        # the other nodes are scaled by the pairs each could lie on (igraph counts a pair once)
        sources = random.Random(seed).sample(list(g.nodes), samples)
        index = {v: i for i, v in enumerate(native.order)}
        picked = [index[v] for v in sources]
        values = 2 * np.asarray(native.graph.betweenness(directed=False, sources=picked))
        scale = np.full(n, 1 / (samples * (n - 2)))
        scale[picked] = 1 / ((samples - 1) * (n - 2)) if samples > 1 else 0.0
    return native.named(np.asarray(values) * scale)


def closeness_and_path_length(g: nx.Graph, native=None) -> tuple[dict[str, float], float | None]:
    """Closeness (Wasserman-Faust for disconnected graphs, as networkx) and the average path
    length of the largest component, from one pass of igraph over all distances."""
    native = native or Native(g)
    n = len(native.order)
    if n == 0:
        return {}, None
    within = np.nan_to_num(np.asarray(native.graph.closeness(normalized=True), dtype=float))
    reach = np.zeros(n)
    for comp in native.components:
        reach[comp] = len(comp) - 1
    closeness = within * reach / (n - 1) if n > 1 else np.zeros(n)
    # the same distances give the path length: a node's distances sum to reach / closeness
    largest = native.components[0]
    size = len(largest)
    apl = (
        float((reach[largest] / within[largest]).sum() / (size * (size - 1))) if size > 1 else None
    )
    return native.named(closeness), apl


def eigenvector_by_component(g: nx.Graph, weight: str = "weight", native=None) -> dict[str, float]:
    """Eigenvector centrality that stays meaningful when the graph falls apart.

    On a disconnected graph the plain principal eigenvector puts all mass on one component and
    zero everywhere else. Here each component gets its own principal eigenvector (unit length),
    scaled by the square root of its share of the nodes, so the whole vector has unit length,
    a connected graph gets the usual values, and isolated nodes get 0.
    """
    native = native or Native(g)
    n = len(native.order)
    out = np.zeros(n)
    for comp in native.components:
        if len(comp) < 2:
            continue
        sub = native.graph.subgraph(comp)
        with seeded(len(comp)):  # the solver's start vector: the same every run
            vec = np.abs(sub.eigenvector_centrality(weights=weight if weight else None))
        out[sorted(comp)] = vec / np.linalg.norm(vec) * np.sqrt(len(comp) / n)
    return native.named(out)


def detect_communities(
    g: nx.Graph, method: str = "louvain", seed: int = 42, native=None
) -> list[set[str]]:
    """Communities by Louvain (igraph's multilevel, seeded) or greedy modularity (igraph's
    fast greedy), in a stable order."""
    if method not in ("louvain", "greedy"):
        raise ValueError(f"community method must be 'louvain' or 'greedy', got {method!r}")
    native = native or Native(g)
    if not native.order:
        return []
    with seeded(seed):
        if method == "louvain":
            membership = native.graph.community_multilevel(weights="weight").membership
        else:
            dendrogram = native.graph.community_fastgreedy(weights="weight")
            membership = dendrogram.as_clustering().membership
    parts: dict[int, set[str]] = {}
    for v, c in zip(native.order, membership, strict=True):
        parts.setdefault(c, set()).add(v)
    return sorted(parts.values(), key=lambda p: (-len(p), min(p)))


def _community_key(g: nx.Graph, members: Iterable[str], attribute: str) -> str:
    values = Counter(
        str(g.nodes[m]["attributes"].get(attribute) or g.nodes[m]["type"] or "other")
        for m in members
    )
    return min(values, key=lambda v: (-values[v], v))


def analyse_network(
    nodes: Iterable[Node | Mapping[str, Any]],
    edges: Iterable[Edge | Mapping[str, Any]],
    seed: int = 42,
    community_method: str = "louvain",
    community_attribute: str = "sector",
    exact_betweenness_limit: int = 1000,
    betweenness_samples: int = 200,
) -> NetworkAnalysis:
    """Compute every measure for the network; deterministic for a given ``seed``.

    Betweenness is exact up to ``exact_betweenness_limit`` nodes and estimated from
    ``betweenness_samples`` seeded source nodes above it (``NetworkAnalysis`` says which).
    Communities are named by the most common ``community_attribute`` of their members (falling
    back to the node type).
    """
    g = build_graph(nodes, edges)
    native = Native(g)
    n = g.number_of_nodes()
    samples = min(betweenness_samples, n) if n > exact_betweenness_limit else None
    between = betweenness(g, samples, seed, native)
    closeness, apl = closeness_and_path_length(g, native)
    eigen = eigenvector_by_component(g, native=native)
    parts = detect_communities(g, community_method, seed, native)
    communities = [
        Community(i, _community_key(g, p, community_attribute), tuple(sorted(p)))
        for i, p in enumerate(parts)
    ]
    community_of = {m: c.index for c in communities for m in c.members}
    metrics = {
        v: NodeMetrics(
            id=v,
            label=g.nodes[v]["label"],
            type=g.nodes[v]["type"],
            degree=g.degree(v),
            weighted_degree=float(g.degree(v, weight="weight")),
            in_relations=g.nodes[v]["in_relations"],
            out_relations=g.nodes[v]["out_relations"],
            betweenness=between[v],
            closeness=closeness[v],
            eigenvector=eigen[v],
            community=community_of[v],
        )
        for v in sorted(g.nodes)
    }
    brokers = sorted(
        (v for v in g.nodes if len(communities_reached(g, v, community_of)) > 1),
        key=lambda v: (-metrics[v].betweenness, -len(communities_reached(g, v, community_of)), v),
    )
    stats = network_stats(g, native, apl)
    return NetworkAnalysis(g, metrics, communities, brokers, stats, samples, community_method)


_UNKNOWN = object()


def network_stats(g: nx.Graph, native: Native | None = None, average_path_length=_UNKNOWN):
    """Whole-network figures of a graph built by ``build_graph`` (or a subgraph of one): counts,
    density, components and the average path length of the largest component (from igraph's
    distances unless the caller has it already)."""
    native = native or Native(g)
    n = len(native.order)
    if average_path_length is _UNKNOWN:
        largest = native.components[0] if n else []
        average_path_length = (
            float(native.graph.subgraph(largest).average_path_length(directed=False))
            if len(largest) > 1
            else None
        )
    return NetworkStats(
        nodes=n,
        edges=g.number_of_edges(),
        relations=sum(d["relations"] for _, _, d in g.edges(data=True)),
        density=nx.density(g) if n > 1 else 0.0,
        components=len(native.components),
        largest_component=len(native.components[0]) if n else 0,
        average_path_length=average_path_length,
    )


def communities_reached(g: nx.Graph, node: str, community_of: Mapping[str, int]) -> list[int]:
    """The node's own community and those of its neighbours, own first then by index."""
    own = community_of[node]
    others = sorted({community_of[m] for m in g.neighbors(node)} - {own})
    return [own, *others]
