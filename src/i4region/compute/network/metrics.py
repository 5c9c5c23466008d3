"""Centralities, communities, brokers and whole-network statistics of a stakeholder graph.

Path-based measures (betweenness, closeness, path length) count steps and ignore strength:
strengths are ordinal 1-5 judgements, not distances. Strength weighs the degree and the
eigenvector centrality, where "more and stronger ties" is exactly what they should reward.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

import networkx as nx
import numpy as np
from scipy.sparse.csgraph import shortest_path
from scipy.sparse.linalg import eigsh

from .graph import Edge, Node, build_graph

DENSE_EIGEN_LIMIT = 400  # components up to this size use a dense solver: exact and deterministic
DISTANCE_CHUNK = 256  # sources per block of the distance matrix, to bound memory


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


def _index(g: nx.Graph) -> tuple[list[str], dict[str, int]]:
    order = sorted(g.nodes)
    return order, {n: i for i, n in enumerate(order)}


def closeness_and_path_length(g: nx.Graph) -> tuple[dict[str, float], float | None]:
    """Closeness (Wasserman-Faust for disconnected graphs, as networkx) and the average path
    length of the largest component, from one pass over a blocked distance matrix in C."""
    order, position = _index(g)
    n = len(order)
    if n == 0:
        return {}, None
    adj = nx.to_scipy_sparse_array(g, nodelist=order, weight=None, format="csr")
    # the largest component; among equal sizes, the one holding the smallest node id
    largest = min(nx.connected_components(g), key=lambda c: (-len(c), min(c)))
    in_largest = np.zeros(n, dtype=bool)
    in_largest[[position[x] for x in largest]] = True
    closeness = np.zeros(n)
    path_sum = 0.0
    for start in range(0, n, DISTANCE_CHUNK):
        idx = np.arange(start, min(start + DISTANCE_CHUNK, n))
        dist = shortest_path(adj, method="D", unweighted=True, indices=idx)
        finite = np.isfinite(dist)
        reach = finite.sum(axis=1) - 1
        total = np.where(finite, dist, 0).sum(axis=1)
        with np.errstate(divide="ignore", invalid="ignore"):
            c = np.where(total > 0, reach / total, 0.0)
        if n > 1:
            c *= reach / (n - 1)
        closeness[idx] = c
        path_sum += total[in_largest[idx]].sum()
    size = int(in_largest.sum())
    apl = path_sum / (size * (size - 1)) if size > 1 else None
    return dict(zip(order, closeness.tolist(), strict=True)), apl


def eigenvector_by_component(g: nx.Graph, weight: str = "weight") -> dict[str, float]:
    """Eigenvector centrality that stays meaningful when the graph falls apart.

    On a disconnected graph the plain principal eigenvector puts all mass on one component and
    zero everywhere else. Here each component gets its own principal eigenvector (unit length),
    scaled by the square root of its share of the nodes, so the whole vector has unit length,
    a connected graph gets the usual values, and isolated nodes get 0.
    """
    n = g.number_of_nodes()
    out = dict.fromkeys(g.nodes, 0.0)
    for comp in nx.connected_components(g):
        if len(comp) < 2:
            continue
        members = sorted(comp)
        a = nx.to_scipy_sparse_array(g, nodelist=members, weight=weight, format="csr").astype(float)
        if len(members) <= DENSE_EIGEN_LIMIT:
            vec = np.linalg.eigh(a.toarray())[1][:, -1]
        else:
            vec = eigsh(a, k=1, which="LA", v0=np.ones(len(members)))[1][:, 0]
        vec = np.abs(vec) / np.linalg.norm(vec)
        scale = np.sqrt(len(members) / n)
        for node, v in zip(members, vec, strict=True):
            out[node] = float(v * scale)
    return out


def detect_communities(g: nx.Graph, method: str = "louvain", seed: int = 42) -> list[set[str]]:
    """Communities by Louvain (fixed seed) or greedy modularity, in a stable order."""
    if g.number_of_nodes() == 0:
        return []
    if method == "louvain":
        parts = nx.community.louvain_communities(g, weight="weight", seed=seed)
    elif method == "greedy":
        parts = nx.community.greedy_modularity_communities(g, weight="weight")
    else:
        raise ValueError(f"community method must be 'louvain' or 'greedy', got {method!r}")
    return sorted((set(p) for p in parts), key=lambda p: (-len(p), min(p)))


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
    n = g.number_of_nodes()
    samples = None
    if n > exact_betweenness_limit:
        samples = min(betweenness_samples, n)
        betweenness = nx.betweenness_centrality(g, k=samples, seed=seed)
    else:
        betweenness = nx.betweenness_centrality(g)
    closeness, apl = closeness_and_path_length(g)
    eigen = eigenvector_by_component(g)
    parts = detect_communities(g, community_method, seed)
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
            betweenness=float(betweenness[v]),
            closeness=float(closeness[v]),
            eigenvector=eigen[v],
            community=community_of[v],
        )
        for v in sorted(g.nodes)
    }
    brokers = sorted(
        (v for v in g.nodes if len(communities_reached(g, v, community_of)) > 1),
        key=lambda v: (-metrics[v].betweenness, -len(communities_reached(g, v, community_of)), v),
    )
    components = nx.number_connected_components(g) if n else 0
    stats = NetworkStats(
        nodes=n,
        edges=g.number_of_edges(),
        relations=sum(d["relations"] for _, _, d in g.edges(data=True)),
        density=nx.density(g) if n > 1 else 0.0,
        components=components,
        largest_component=max((len(c) for c in nx.connected_components(g)), default=0),
        average_path_length=apl,
    )
    return NetworkAnalysis(g, metrics, communities, brokers, stats, samples, community_method)


def communities_reached(g: nx.Graph, node: str, community_of: Mapping[str, int]) -> list[int]:
    """The node's own community and those of its neighbours, own first then by index."""
    own = community_of[node]
    others = sorted({community_of[m] for m in g.neighbors(node)} - {own})
    return [own, *others]
