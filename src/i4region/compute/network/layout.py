"""Node positions for drawing the network, in the unit square (igraph's force-directed layout)."""

from __future__ import annotations

import networkx as nx

from .metrics import Native, seeded


def layout(g: nx.Graph, seed: int = 42, iterations: int = 500) -> dict[str, tuple[float, float]]:
    """Fruchterman-Reingold layout with a fixed seed, scaled uniformly into 0..1 and centred
    (aspect kept)."""
    if g.number_of_nodes() == 0:
        return {}
    if g.number_of_nodes() == 1:
        return {next(iter(g.nodes)): (0.5, 0.5)}
    native = Native(g)
    with seeded(seed):
        coords = native.graph.layout_fruchterman_reingold(weights="weight", niter=iterations)
    pos = dict(zip(native.order, coords.coords, strict=True))
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
