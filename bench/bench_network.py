"""Benchmark of the stakeholder network analysis against igraph's own time, in one run.

For a seeded synthetic ecosystem of 5,000 organisations and 25,000 relations (12 sectors, 80 %
of ties inside a sector, strengths 1-5, a fifth of relations directed) it times the full
`analyse_network` (records in, every measure out: degrees, betweenness from 200 sampled sources,
closeness, average path length, eigenvector by component, Louvain communities, brokers,
statistics) and, as the floor, igraph called directly for the same measures on a graph built
from the same records. It prints seconds (median of --repeat runs) and the ratio; the target is
at most 2x. --sizes 5000 25000 adds a network of 25,000 organisations (125,000 relations; exact
closeness visits all pairs, so expect about ten minutes on two cores); --layout adds the drawing
positions against igraph's Fruchterman-Reingold.

    .venv/bin/python bench/bench_network.py [--sizes 5000 25000] [--repeat 3] [--layout]
"""

from __future__ import annotations

import argparse
import random
import statistics
import time
from collections.abc import Callable

import igraph as ig
import numpy as np

from i4region.compute.network import analyse_network, build_graph, layout

SECTORS = (
    "manufacturing", "education", "research", "business", "finance", "public",
    "municipality", "ngo", "media", "school", "university", "industry",
)  # fmt: skip


def synthetic(n_nodes: int, n_edges: int, seed: int) -> tuple[list[dict], list[dict]]:
    """Seeded ecosystem with sector communities, so community detection has something to find."""
    rng = random.Random(seed)
    nodes = [
        {
            "id": f"org{i:05d}",
            "label": f"Organisation {i}",
            "type": "organisation",
            "attributes": {
                "sector": SECTORS[i % len(SECTORS)],
                "influence": rng.randint(1, 5),
                "stance": rng.choice(("champion", "supporter", "neutral", "sceptic", "blocker")),
            },
        }
        for i in range(n_nodes)
    ]
    by_sector = [list(range(s, n_nodes, len(SECTORS))) for s in range(len(SECTORS))]
    seen: set[tuple[int, int]] = set()
    edges = []
    while len(edges) < n_edges:
        a = rng.randrange(n_nodes)
        b = (
            rng.choice(by_sector[a % len(SECTORS)])
            if rng.random() < 0.8
            else rng.randrange(n_nodes)
        )
        key = (min(a, b), max(a, b))
        if a == b or key in seen:
            continue
        seen.add(key)
        edges.append(
            {
                "source": f"org{a:05d}",
                "target": f"org{b:05d}",
                "type": "relation",
                "directed": rng.random() < 0.2,
                "strength": rng.randint(1, 5),
            }
        )
    return nodes, edges


def seconds(fn: Callable[[], object], repeat: int) -> float:
    """Median wall time of ``repeat`` calls."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def igraph_floor(nodes: list[dict], edges: list[dict], samples: int, seed: int) -> None:
    """The same measures, igraph called directly on a graph built from the same records."""
    index = {n["id"]: i for i, n in enumerate(nodes)}
    weight: dict[tuple[int, int], int] = {}
    for e in edges:
        a, b = sorted((index[e["source"]], index[e["target"]]))
        weight[a, b] = weight.get((a, b), 0) + e["strength"]
    g = ig.Graph(n=len(nodes), edges=list(weight))
    g.es["weight"] = list(weight.values())
    g.strength(weights="weight")
    ig.set_random_number_generator(random.Random(seed))
    g.betweenness(directed=False, sources=random.Random(seed).sample(range(len(nodes)), samples))
    closeness = np.asarray(g.closeness(normalized=True))
    components = sorted(g.connected_components(), key=len, reverse=True)
    largest = components[0]  # its average path length from the same distances
    ((len(largest) - 1) / closeness[largest]).sum() / (len(largest) * (len(largest) - 1))
    for comp in components:
        if len(comp) > 1:
            np.abs(g.subgraph(comp).eigenvector_centrality(weights="weight"))
    g.community_multilevel(weights="weight")
    ig.set_random_number_generator(random)


def compare(size: int, args: argparse.Namespace) -> None:
    """One synthetic network: the full analysis (and the layout) against igraph's own time."""
    nodes, edges = synthetic(size, size * args.relations_per_node, args.seed)
    label = f"{size:,} nodes, {len(edges):,} relations"
    ours = seconds(
        lambda: analyse_network(
            nodes, edges, seed=args.seed, exact_betweenness_limit=1000,
            betweenness_samples=args.samples,
        ),
        args.repeat,
    )  # fmt: skip
    floor = seconds(lambda: igraph_floor(nodes, edges, args.samples, args.seed), args.repeat)
    print(f"{label:<34}{'full analysis':<26}{ours:9.2f}{floor:10.2f}{ours / floor:7.2f}")
    if args.layout:
        g = build_graph(nodes, edges)
        native = ig.Graph.from_networkx(g)
        ours = seconds(lambda: layout(g, args.seed), 1)
        floor = seconds(lambda: native.layout_fruchterman_reingold(weights="weight"), 1)
        print(f"{label:<34}{'layout':<26}{ours:9.2f}{floor:10.2f}{ours / floor:7.2f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[5000])
    parser.add_argument("--relations-per-node", type=int, default=5)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--samples", type=int, default=200, help="betweenness source samples")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--layout", action="store_true", help="also time the drawing positions")
    args = parser.parse_args()
    print(f"{'network':<34}{'phase':<26}{'seconds':>9}{'igraph s':>10}{'ratio':>7}")
    for size in args.sizes:
        compare(size, args)
    print("ratio: i4region's time over igraph's for the same measures (target: at most 2)")


if __name__ == "__main__":
    main()
