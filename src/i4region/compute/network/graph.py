"""Stakeholder network input: organisations (nodes) and relations (edges), validated into networkx."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

import networkx as nx


@dataclass(frozen=True)
class Node:
    """An organisation or person in the ecosystem; ``attributes`` may hold sector, influence, stance."""

    id: str
    label: str = ""
    type: str = ""
    attributes: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Edge:
    """A relation; ``strength`` is the 1-5 judgement of how strong the tie is."""

    source: str
    target: str
    type: str = ""
    directed: bool = False
    strength: int = 1


def _as_node(n: Node | Mapping[str, Any]) -> Node:
    if isinstance(n, Node):
        return n
    if "id" not in n:
        raise ValueError(f"node without an id: {dict(n)!r}")
    return Node(
        id=str(n["id"]),
        label=str(n.get("label") or n["id"]),
        type=str(n.get("type") or ""),
        attributes=dict(n.get("attributes") or {}),
    )


def _as_edge(e: Edge | Mapping[str, Any]) -> Edge:
    if isinstance(e, Edge):
        return e
    missing = [k for k in ("source", "target") if k not in e]
    if missing:
        raise ValueError(f"edge without {' and '.join(missing)}: {dict(e)!r}")
    return Edge(
        source=str(e["source"]),
        target=str(e["target"]),
        type=str(e.get("type") or ""),
        directed=bool(e.get("directed", False)),
        strength=e.get("strength", 1),
    )


def build_graph(
    nodes: Iterable[Node | Mapping[str, Any]], edges: Iterable[Edge | Mapping[str, Any]]
) -> nx.Graph:
    """An undirected graph of ties; parallel relations merge, their strengths add up.

    Most stakeholder questions (who is central, who bridges groups) are about ties whatever their
    direction, so the analysis graph is undirected; directed relations are still counted per node
    as ``in_relations`` / ``out_relations``. Each edge keeps ``weight`` (sum of strengths),
    ``relations`` (how many relations were merged) and ``types``.
    """
    g = nx.Graph()
    for raw in nodes:
        n = _as_node(raw)
        if n.id in g:
            raise ValueError(f"duplicate node id {n.id!r}")
        g.add_node(
            n.id,
            label=n.label or n.id,
            type=n.type,
            attributes=dict(n.attributes),
            in_relations=0,
            out_relations=0,
        )
    for i, raw in enumerate(edges):
        e = _as_edge(raw)
        for end in (e.source, e.target):
            if end not in g:
                raise ValueError(f"edge {i} refers to unknown node {end!r}")
        if e.source == e.target:
            raise ValueError(f"edge {i} ties node {e.source!r} to itself")
        if (
            isinstance(e.strength, bool)
            or not isinstance(e.strength, int)
            or not 1 <= e.strength <= 5
        ):
            raise ValueError(f"edge {i} strength must be an integer 1-5, got {e.strength!r}")
        if g.has_edge(e.source, e.target):
            data = g.edges[e.source, e.target]
            data["weight"] += e.strength
            data["relations"] += 1
            data["types"] = sorted(set(data["types"]) | {e.type} - {""})
        else:
            g.add_edge(
                e.source, e.target, weight=e.strength, relations=1, types=[e.type] if e.type else []
            )
        if e.directed:
            g.nodes[e.source]["out_relations"] += 1
            g.nodes[e.target]["in_relations"] += 1
    return g
