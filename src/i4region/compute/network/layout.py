"""Node positions for drawing the network, in the unit square."""

from __future__ import annotations

import networkx as nx


def layout(g: nx.Graph, seed: int = 42, iterations: int = 50) -> dict[str, tuple[float, float]]:
    """Spring layout with a fixed seed, scaled uniformly into 0..1 and centred (aspect kept)."""
    if g.number_of_nodes() == 0:
        return {}
    if g.number_of_nodes() == 1:
        return {next(iter(g.nodes)): (0.5, 0.5)}
    ordered = nx.Graph()
    ordered.add_nodes_from(sorted(g.nodes))
    ordered.add_edges_from(sorted((min(u, v), max(u, v), d) for u, v, d in g.edges(data=True)))
    pos = nx.spring_layout(ordered, seed=seed, weight="weight", iterations=iterations)
    xs = [p[0] for p in pos.values()]
    ys = [p[1] for p in pos.values()]
    span = max(max(xs) - min(xs), max(ys) - min(ys)) or 1.0
    dx = (1 - (max(xs) - min(xs)) / span) / 2
    dy = (1 - (max(ys) - min(ys)) / span) / 2
    return {
        v: (
            round(float((p[0] - min(xs)) / span + dx), 6),
            round(float((p[1] - min(ys)) / span + dy), 6),
        )
        for v, p in sorted(pos.items())
    }
