"""Network analysis of a regional stakeholder ecosystem (igraph, with networkx as the graph of record; no Django).

``analyse_network(nodes, edges)`` computes centralities, communities, brokers and statistics;
``key_actors(analysis)`` ranks and explains the actors in English and Lithuanian;
``layout(analysis.graph)`` gives drawing coordinates in the unit square.
"""

from .graph import Edge, Node, build_graph
from .layout import layout
from .metrics import (
    Community,
    NetworkAnalysis,
    NetworkStats,
    NodeMetrics,
    analyse_network,
    betweenness,
    closeness_and_path_length,
    detect_communities,
    eigenvector_by_component,
    network_stats,
)
from .ranking import KeyActor, key_actors, lt_plural, ties_en, ties_lt

__all__ = [
    "Community",
    "Edge",
    "KeyActor",
    "NetworkAnalysis",
    "NetworkStats",
    "Node",
    "NodeMetrics",
    "analyse_network",
    "betweenness",
    "build_graph",
    "closeness_and_path_length",
    "detect_communities",
    "eigenvector_by_component",
    "key_actors",
    "layout",
    "lt_plural",
    "network_stats",
    "ties_en",
    "ties_lt",
]
