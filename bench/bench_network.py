"""Benchmark of the stakeholder network analysis on a synthetic ecosystem.

Builds a seeded network of 5,000 organisations and 25,000 relations (12 sectors, 80% of ties
inside a sector, strengths 1-5, a fifth of relations directed) and times each measure, printing
seconds, the ratio to a floor (building the graph; networkx degree alone is shown too) and the
peak memory that tracemalloc sees (Python and numpy allocations) in a separate pass.

    .venv/bin/python bench/bench_network.py [--nodes 5000] [--edges 25000] [--no-memory] [--layout]

The spring layout is left out unless --layout is given: networkx needs minutes for 5,000 nodes
(about 140 s here), and nobody reads a drawing of 5,000 nodes; pages draw filtered subgraphs.
"""

from __future__ import annotations

import argparse
import random
import time
import tracemalloc
from collections.abc import Callable

import networkx as nx

from i4region.compute.network import (
    analyse_network,
    build_graph,
    closeness_and_path_length,
    detect_communities,
    eigenvector_by_component,
    key_actors,
    layout,
)

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


def measure(fn: Callable[[], object], memory: bool) -> tuple[float, float | None]:
    """Wall time of one call, then (optionally) tracemalloc peak of another call in MiB."""
    start = time.perf_counter()
    fn()
    seconds = time.perf_counter() - start
    if not memory:
        return seconds, None
    tracemalloc.start()
    fn()
    peak = tracemalloc.get_traced_memory()[1] / 2**20
    tracemalloc.stop()
    return seconds, peak


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--nodes", type=int, default=5000)
    parser.add_argument("--edges", type=int, default=25000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--samples", type=int, default=200, help="betweenness source samples")
    parser.add_argument("--layout", action="store_true", help="also time the spring layout")
    parser.add_argument("--no-memory", action="store_true", help="skip the tracemalloc pass")
    args = parser.parse_args()
    memory = not args.no_memory

    nodes, edges = synthetic(args.nodes, args.edges, args.seed)
    g = build_graph(nodes, edges)
    exact_limit = 1000
    approximate = g.number_of_nodes() > exact_limit
    k = min(args.samples, g.number_of_nodes()) if approximate else None

    phases: list[tuple[str, Callable[[], object]]] = [
        ("build graph (floor)", lambda: build_graph(nodes, edges)),
        ("networkx degree", lambda: dict(g.degree(weight="weight"))),
        (
            f"betweenness ({'approximate, k=' + str(k) + ' sampled sources' if k else 'exact'})",
            lambda: nx.betweenness_centrality(g, k=k, seed=args.seed),
        ),
        ("closeness + average path length (exact)", lambda: closeness_and_path_length(g)),
        ("eigenvector by component", lambda: eigenvector_by_component(g)),
        ("communities: Louvain (seeded)", lambda: detect_communities(g, "louvain", args.seed)),
        (
            "full analyse_network + key_actors",
            lambda: key_actors(
                analyse_network(
                    nodes, edges, seed=args.seed, exact_betweenness_limit=exact_limit,
                    betweenness_samples=args.samples,
                )
            ),
        ),
    ]  # fmt: skip
    if args.layout:
        phases.append(("spring layout (seeded, 50 iterations)", lambda: layout(g, args.seed)))

    print(
        f"network: {g.number_of_nodes():,} nodes, {g.number_of_edges():,} edges "
        f"(seed {args.seed}); betweenness "
        + (f"APPROXIMATE from k={k} sampled sources" if k else "exact")
    )
    print(f"{'phase':<58}{'seconds':>9}{'x floor':>9}{'peak MiB':>10}")
    floor = None
    for name, fn in phases:
        seconds, peak = measure(fn, memory)
        floor = floor or seconds
        peak_s = f"{peak:10.1f}" if peak is not None else f"{'-':>10}"
        print(f"{name:<58}{seconds:9.3f}{seconds / floor:9.1f}{peak_s}")
    print(
        "ratios are against the time to build the graph from the input records; "
        "memory is the tracemalloc peak of a second run of the phase"
    )


if __name__ == "__main__":
    main()
