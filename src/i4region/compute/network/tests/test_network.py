"""Hand-computed values on a path, a star and two triangles joined by a bridge; the igraph
measures against networkx's on small random graphs."""

import math
import random

import networkx as nx
import pytest

from i4region.compute.network import (
    Edge,
    Node,
    analyse_network,
    betweenness,
    build_graph,
    closeness_and_path_length,
    detect_communities,
    eigenvector_by_component,
    key_actors,
    layout,
    lt_plural,
    network_stats,
    ties_en,
    ties_lt,
)


def nodes(*ids, **attrs_by_id):
    return [
        {"id": i, "label": i.upper(), "type": "org", "attributes": attrs_by_id.get(i, {})}
        for i in ids
    ]


def edges(*pairs, strength=1):
    return [{"source": a, "target": b, "strength": strength} for a, b in pairs]


PATH = (nodes("a", "b", "c", "d"), edges(("a", "b"), ("b", "c"), ("c", "d")))
STAR = (nodes("hub", "l1", "l2", "l3", "l4"), edges(*[("hub", f"l{i}") for i in range(1, 5)]))
EDU = {"sector": "education"}
MAN = {"sector": "manufacturing"}
BRIDGE = (
    nodes("a", "b", "c", "d", "e", "f", a=EDU, b=EDU, c=EDU, d=MAN, e=MAN, f=MAN),
    edges(("a", "b"), ("b", "c"), ("a", "c"), ("d", "e"), ("e", "f"), ("d", "f"), ("c", "d")),
)


def test_path_by_hand():
    r = analyse_network(*PATH)
    m = r.nodes
    assert [m[v].degree for v in "abcd"] == [1, 2, 2, 1]
    # b lies on the paths a-c and a-d: 2 of the 3 pairs not involving b
    assert m["b"].betweenness == pytest.approx(2 / 3)
    assert m["a"].betweenness == 0
    # closeness = (n-1) / sum of distances: a 3/6, b 3/4
    assert m["a"].closeness == pytest.approx(0.5)
    assert m["b"].closeness == pytest.approx(0.75)
    s = r.stats
    assert (s.nodes, s.edges, s.components, s.largest_component) == (4, 3, 1, 4)
    assert s.density == pytest.approx(0.5)
    assert s.average_path_length == pytest.approx(10 / 6)
    assert not r.betweenness_approximate


def test_star_by_hand():
    m = analyse_network(*STAR).nodes
    assert m["hub"].degree == 4 and m["hub"].betweenness == 1.0 and m["hub"].closeness == 1.0
    assert m["l1"].closeness == pytest.approx(4 / 7)
    # principal eigenvector of K(1,4): hub 1/sqrt(2), leaves 1/(2 sqrt(2))
    assert m["hub"].eigenvector == pytest.approx(1 / math.sqrt(2))
    assert m["l3"].eigenvector == pytest.approx(1 / (2 * math.sqrt(2)))


def test_two_triangles_and_a_bridge():
    r = analyse_network(*BRIDGE)
    assert [set(c.members) for c in r.communities] == [{"a", "b", "c"}, {"d", "e", "f"}]
    assert [c.key for c in r.communities] == ["education", "manufacturing"]
    # c and d each carry the 6 paths between {a,b} and {d,e,f} (resp. {a,b,c} and {e,f}): 6/10
    assert r.nodes["c"].betweenness == pytest.approx(0.6)
    assert r.nodes["a"].betweenness == 0
    assert r.brokers == ["c", "d"]
    assert r.stats.density == pytest.approx(7 / 15)


def test_key_actors_explain_in_english_and_lithuanian():
    r = analyse_network(*BRIDGE)
    actors = key_actors(r, influence={"c": 5, "a": 2}, stance={"c": "champion", "f": "blocker"})
    top = actors[0]
    assert (top.rank, top.id, top.broker, top.action) == (1, "c", True, "mobilise")
    assert (
        top.reasons_en
        == "bridges the education and manufacturing communities; 3 ties; influence 5/5; champion"
    )
    assert (
        top.reasons_lt
        == "jungia švietimo ir gamybos bendruomenes; 3 ryšiai; įtaka 5/5; aktyvus rėmėjas"
    )
    by_id = {a.id: a for a in actors}
    assert by_id["f"].action == "persuade"
    assert by_id["e"].reasons_en == "within the manufacturing community; 2 ties"
    assert by_id["e"].reasons_lt == "veikia gamybos bendruomenėje; 2 ryšiai"
    # d is as central as c but has no assessments; c's influence and stance lift it above d
    assert by_id["d"].rank == 2
    assert [a.rank for a in actors] == list(range(1, 7))


def test_key_actor_score_by_hand():
    r = analyse_network(*STAR)
    actors = {
        a.id: a for a in key_actors(r, top=None, influence={"l1": 5}, stance={"l1": "neutral"})
    }
    # hub is maximal on every centrality: centrality 1, no assessments -> score 1
    assert actors["hub"].score == pytest.approx(1.0)
    leaf = actors["l2"]
    m = r.nodes
    expected = (
        1 / 4 + 1 / 4 + 0 + m["l2"].closeness / 1.0 + m["l2"].eigenvector / m["hub"].eigenvector
    ) / 5
    assert leaf.centrality == pytest.approx(expected, abs=1e-6)
    # l1: 0.5 * centrality + 0.3 * 1 (influence 5) + 0.2 * 0 (neutral)
    assert actors["l1"].score == pytest.approx(0.5 * expected + 0.3, abs=1e-6)


def test_lithuanian_plurals():
    forms = {n: ties_lt(n) for n in (1, 2, 9, 10, 11, 14, 19, 20, 21, 22, 30, 101, 111, 112)}
    assert forms == {
        1: "1 ryšys",
        2: "2 ryšiai",
        9: "9 ryšiai",
        10: "10 ryšių",
        11: "11 ryšių",
        14: "14 ryšių",
        19: "19 ryšių",
        20: "20 ryšių",
        21: "21 ryšys",
        22: "22 ryšiai",
        30: "30 ryšių",
        101: "101 ryšys",
        111: "111 ryšių",
        112: "112 ryšių",
    }
    assert lt_plural(0, "a", "b", "c") == "c"
    assert (ties_en(1), ties_en(14)) == ("1 tie", "14 ties")


def test_eigenvector_is_robust_on_disconnected_graphs():
    r = analyse_network(nodes("a", "b", "c", "d", "e"), edges(("a", "b"), ("c", "d")))
    # each pair gets (1/sqrt 2, 1/sqrt 2) scaled by sqrt(2/5); the isolated node gets 0
    for v in "abcd":
        assert r.nodes[v].eigenvector == pytest.approx(math.sqrt(1 / 5))
    assert r.nodes["e"].eigenvector == 0
    assert r.stats.components == 3 and r.stats.largest_component == 2
    assert r.stats.average_path_length == 1.0
    assert r.brokers == []
    actors = {a.id: a for a in key_actors(r, top=None)}
    assert actors["e"].reasons_en == "no ties yet"
    assert actors["e"].reasons_lt == "kol kas neturi ryšių"


def test_closeness_matches_networkx_on_a_disconnected_graph():
    g_nodes = nodes(*"abcdefg")
    g_edges = edges(("a", "b"), ("b", "c"), ("c", "a"), ("c", "d"), ("e", "f"))
    r = analyse_network(g_nodes, g_edges)
    expected = nx.closeness_centrality(build_graph(g_nodes, g_edges))
    for v, c in expected.items():
        assert r.nodes[v].closeness == pytest.approx(c)


def test_parallel_and_directed_relations():
    g = build_graph(
        [Node("x"), Node("y")],
        [Edge("x", "y", "funds", True, 4), Edge("x", "y", "partner", False, 2)],
    )
    assert g.edges["x", "y"]["weight"] == 6 and g.edges["x", "y"]["relations"] == 2
    assert g.edges["x", "y"]["types"] == ["funds", "partner"]
    assert (g.nodes["x"]["out_relations"], g.nodes["y"]["in_relations"]) == (1, 1)
    r = analyse_network(
        [Node("x"), Node("y")], [Edge("x", "y", strength=4), Edge("x", "y", strength=2)]
    )
    assert r.nodes["x"].weighted_degree == 6 and r.stats.relations == 2 and r.stats.edges == 1


@pytest.mark.parametrize(
    "ns, es, message",
    [
        (nodes("a"), edges(("a", "z")), "unknown node"),
        (nodes("a", "a"), [], "duplicate"),
        (nodes("a", "b"), edges(("a", "b"), strength=6), "strength"),
        (nodes("a", "b"), edges(("a", "b"), strength=2.5), "strength"),
        (nodes("a"), edges(("a", "a")), "itself"),
        ([{"label": "x"}], [], "without an id"),
        (nodes("a", "b"), [{"source": "a"}], "without target"),
    ],
)
def test_bad_input(ns, es, message):
    with pytest.raises(ValueError, match=message):
        analyse_network(ns, es)


def test_bad_assessments_and_methods():
    r = analyse_network(*PATH)
    with pytest.raises(ValueError, match="influence"):
        key_actors(r, influence={"a": 7})
    with pytest.raises(ValueError, match="stance"):
        key_actors(r, stance={"a": "enemy"})
    with pytest.raises(ValueError, match="community method"):
        analyse_network(*PATH, community_method="magic")


def test_greedy_communities_and_determinism():
    a = analyse_network(*BRIDGE, community_method="greedy")
    assert [set(c.members) for c in a.communities] == [{"a", "b", "c"}, {"d", "e", "f"}]
    assert analyse_network(*BRIDGE).nodes == analyse_network(*BRIDGE).nodes


def test_approximate_betweenness_is_flagged():
    r = analyse_network(*STAR, exact_betweenness_limit=3, betweenness_samples=2)
    assert r.betweenness_approximate and r.betweenness_samples == 2


def test_layout_in_unit_square_and_deterministic():
    g = analyse_network(*BRIDGE).graph
    pos = layout(g)
    assert set(pos) == set("abcdef")
    xs = [p[0] for p in pos.values()]
    ys = [p[1] for p in pos.values()]
    assert min(xs) >= 0 and max(xs) <= 1 and min(ys) >= 0 and max(ys) <= 1
    assert max(max(xs) - min(xs), max(ys) - min(ys)) == pytest.approx(1.0)
    assert layout(g) == pos
    assert layout(build_graph([Node("solo")], [])) == {"solo": (0.5, 0.5)}


def test_unknown_sector_names_fall_back_with_quotes():
    ns = nodes("a", "b", "c", "d", a={"sector": "energy"}, b={"sector": "energy"}, c=EDU, d=EDU)
    r = analyse_network(ns, edges(("a", "b"), ("c", "d"), ("b", "c")))
    broker = next(a for a in key_actors(r) if a.broker)
    assert "„energy“" in broker.reasons_lt


def _random_graph(seed: int, n: int = 40, m: int = 70) -> nx.Graph:
    rng = random.Random(seed)
    nodes = [{"id": f"n{i:02d}", "label": f"N{i}", "type": "org"} for i in range(n + 3)]
    edges = []
    while len(edges) < m:
        a, b = rng.sample(range(n), 2)  # the last three nodes stay isolated
        edges.append({"source": f"n{a:02d}", "target": f"n{b:02d}", "strength": rng.randint(1, 5)})
    return build_graph(nodes, edges)


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_igraph_measures_agree_with_networkx(seed):
    g = _random_graph(seed)
    exact = betweenness(g)
    assert exact == pytest.approx(nx.betweenness_centrality(g), abs=1e-12)
    sampled = betweenness(g, samples=10, seed=seed)
    assert sampled == pytest.approx(nx.betweenness_centrality(g, k=10, seed=seed), abs=1e-12)
    closeness, apl = closeness_and_path_length(g)
    assert closeness == pytest.approx(nx.closeness_centrality(g), abs=1e-12)
    largest = g.subgraph(max(nx.connected_components(g), key=len))
    assert apl == pytest.approx(nx.average_shortest_path_length(largest))
    eigen = eigenvector_by_component(g)
    for comp in nx.connected_components(g):
        if len(comp) > 1:
            ref = nx.eigenvector_centrality_numpy(g.subgraph(comp), weight="weight")
            scale = (len(comp) / g.number_of_nodes()) ** 0.5
            norm = sum(v * v for v in ref.values()) ** 0.5
            assert {v: eigen[v] for v in comp} == pytest.approx(
                {v: abs(ref[v]) / norm * scale for v in comp}, abs=1e-6
            )
    ours = detect_communities(g, "louvain", seed)
    theirs = nx.community.louvain_communities(g, weight="weight", seed=seed)
    assert sorted(v for p in ours for v in p) == sorted(g.nodes)
    assert nx.community.modularity(g, ours) == pytest.approx(
        nx.community.modularity(g, theirs), abs=0.03
    )


def test_communities_of_two_cliques_are_the_cliques_as_networkx_finds():
    g = nx.Graph()
    for base in (0, 10):
        g.add_edges_from(
            (f"v{base + i:02d}", f"v{base + j:02d}", {"weight": 1})
            for i in range(5)
            for j in range(i)
        )
    g.add_edge("v00", "v10", weight=1)
    expected = sorted(
        (set(p) for p in nx.community.louvain_communities(g, seed=1)), key=lambda p: min(p)
    )
    for method in ("louvain", "greedy"):
        assert sorted(detect_communities(g, method), key=lambda p: min(p)) == expected


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_stats_of_a_subgraph_agree_with_networkx(seed):
    """The figures of a filtered picture (a subgraph of the analysed graph) are networkx's."""
    rng = random.Random(seed)
    ids = [f"n{i:02d}" for i in range(40)]
    pairs = {tuple(sorted(rng.sample(ids, 2))) for _ in range(70)}
    g = build_graph(nodes(*ids), edges(*pairs))
    sub = g.subgraph(ids[:25])
    s = network_stats(sub)
    largest = max(nx.connected_components(sub), key=len)
    assert (s.nodes, s.edges) == (25, sub.number_of_edges())
    assert s.components == nx.number_connected_components(sub)
    assert s.largest_component == len(largest)
    assert s.density == pytest.approx(nx.density(sub))
    assert s.average_path_length == pytest.approx(
        nx.average_shortest_path_length(sub.subgraph(largest))
    )
    whole, analysed = network_stats(g), analyse_network(nodes(*ids), edges(*pairs)).stats
    assert whole.average_path_length == pytest.approx(analysed.average_path_length)
    assert whole.components == analysed.components and whole.density == analysed.density
