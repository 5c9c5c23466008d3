"""The network analysis of the register, computed by a job whenever the register changes and
stored, so that no page ever computes it.

A change to an organisation, relation or assessment (post_save / post_delete) asks for one
analysis job once its transaction commits; while one is already waiting, nothing more is asked
(a bulk import of thousands of rows asks once). The job analyses the whole register and the
published part of it, lays the picture out, ranks the key actors and stores it all as one
`NetworkResult` with the data stamp it was computed from. Pages read the newest result and
compare its stamp with today's: three small aggregate queries.
"""

from __future__ import annotations

import dataclasses
import functools
import hashlib
import time
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.contrib.auth import get_user_model
from django.db import connection, transaction
from django.db.models import Count, Max, Q, Sum
from django.db.models.signals import post_delete, post_save
from django.utils import timezone
from django.utils.translation import gettext as _

from i4region.accounts.models import Role
from i4region.core import history
from i4region.jobs.models import Job, State

from .grid import latest_assessments
from .models import Assessment, Organisation, Relation
from .snapshot import NetworkResult

if TYPE_CHECKING:
    from i4region.compute.network import KeyActor, NetworkAnalysis

# The analysis (networkx, igraph) is imported where it is used: the receivers below are connected
# at every start-up, and most processes never analyse or show the network.

KIND = "network"
FORMAT = 1


def data_stamp() -> str:
    """Fingerprint of everything the analysis reads; it changes with any save or delete."""
    state = (
        Organisation.objects.aggregate(n=Count("id"), m=Max("id"), t=Max("updated_at")),
        Relation.objects.aggregate(n=Count("id"), m=Max("id"), t=Max("updated_at")),
        Assessment.objects.aggregate(
            n=Count("id"), m=Max("id"), i=Sum("influence"), s=Sum("interest")
        ),
    )
    return hashlib.sha256(repr(state).encode()).hexdigest()


# --- what is stored --------------------------------------------------------------------------


@dataclass
class View:
    """One analysed network (the whole register, or its published part) as pages use it."""

    analysis: NetworkAnalysis
    actors: list[KeyActor]
    positions: dict[str, tuple[float, float]]
    relations: list[tuple[str, str, str, int, bool]]  # source, target, type, strength, directed


@dataclass
class Stored:
    pk: int
    stamp: str
    computed_at: object
    whole: View
    published: View


@functools.cache
def _node_fields() -> tuple[str, ...]:
    from i4region.compute.network import NodeMetrics

    return tuple(f.name for f in dataclasses.fields(NodeMetrics))


def _dump_view(a: NetworkAnalysis, positions: dict, relations: list) -> dict:
    from i4region.compute.network import key_actors

    fields = _node_fields()
    g = a.graph
    return {
        "graph_nodes": [
            [v, d["label"], d["type"], d["attributes"], d["in_relations"], d["out_relations"]]
            for v, d in g.nodes(data=True)
        ],
        "graph_edges": [
            [u, v, d["weight"], d["relations"], d["types"]] for u, v, d in g.edges(data=True)
        ],
        "nodes": [[getattr(m, f) for f in fields] for m in a.nodes.values()],
        "communities": [[c.index, c.key, list(c.members)] for c in a.communities],
        "brokers": a.brokers,
        "stats": dataclasses.asdict(a.stats),
        "samples": a.betweenness_samples,
        "method": a.community_method,
        "actors": [dataclasses.asdict(k) for k in key_actors(a, top=None)],
        "positions": {v: list(p) for v, p in positions.items()},
        "relations": relations,
    }


def _load_view(d: dict) -> View:
    import networkx as nx

    from i4region.compute.network import (
        Community,
        KeyActor,
        NetworkAnalysis,
        NetworkStats,
        NodeMetrics,
    )

    fields = _node_fields()
    g = nx.Graph()
    g.add_nodes_from(
        (v, {"label": lb, "type": t, "attributes": at, "in_relations": i, "out_relations": o})
        for v, lb, t, at, i, o in d["graph_nodes"]
    )
    g.add_edges_from(
        (u, v, {"weight": w, "relations": r, "types": ts}) for u, v, w, r, ts in d["graph_edges"]
    )
    nodes = {row[0]: NodeMetrics(**dict(zip(fields, row, strict=True))) for row in d["nodes"]}
    analysis = NetworkAnalysis(
        graph=g,
        nodes=nodes,
        communities=[Community(i, k, tuple(m)) for i, k, m in d["communities"]],
        brokers=d["brokers"],
        stats=NetworkStats(**d["stats"]),
        betweenness_samples=d["samples"],
        community_method=d["method"],
    )
    return View(
        analysis,
        [KeyActor(**k) for k in d["actors"]],
        {v: (x, y) for v, (x, y) in d["positions"].items()},
        [tuple(r) for r in d["relations"]],
    )


_memo: dict[tuple, Stored] = {}


def head() -> NetworkResult | None:
    """The newest stored result without its data: which one, its stamp and time."""
    return NetworkResult.objects.only("pk", "stamp", "computed_at").first()


def latest() -> Stored | None:
    """The newest stored result, read from the database once per process and result."""
    head = NetworkResult.objects.only("pk", "stamp", "computed_at").first()
    if head is None:
        return None
    key = (head.pk, head.stamp, head.computed_at)  # a rolled-back row's number comes back
    if key not in _memo:
        data = NetworkResult.objects.values_list("data", flat=True).get(pk=head.pk)
        if data.get("format") != FORMAT:
            return None
        _memo.clear()
        _memo[key] = Stored(
            head.pk,
            head.stamp,
            head.computed_at,
            _load_view(data["whole"]),
            _load_view(data["published"]),
        )
    return _memo[key]


# --- computing it ----------------------------------------------------------------------------


def _inputs(published_only: bool):
    from .network import node_id, sector

    orgs = Organisation.objects.select_related("municipality")
    if published_only:
        orgs = orgs.filter(published=True)
    orgs = list(orgs)
    ids = {o.pk for o in orgs}
    latest_of = latest_assessments(ids)
    nodes = []
    for o in orgs:
        attrs: dict = {"sector": sector(o)}
        if o.pk in latest_of:
            attrs["influence"] = latest_of[o.pk][0].influence
            attrs["stance"] = latest_of[o.pk][0].stance
        nodes.append({"id": node_id(o.pk), "label": o.name, "type": o.type, "attributes": attrs})
    relations = [
        (node_id(s), node_id(t), kind, strength, directed)
        for s, t, kind, strength, directed in Relation.objects.filter(
            source_id__in=ids, target_id__in=ids
        ).values_list("source_id", "target_id", "type", "strength", "directed")
    ]
    edges = [
        {"source": s, "target": t, "type": k, "strength": w, "directed": d}
        for s, t, k, w, d in relations
    ]
    return nodes, edges, relations


def compute(progress=lambda done, total, message: None) -> NetworkResult:
    """Analyse the register as it is now and store the result (replacing older ones)."""
    from i4region.compute.network import analyse_network

    from .network import arrange

    started = time.perf_counter()
    stamp = data_stamp()  # before reading: a change made meanwhile leaves the result stale
    views = {}
    for i, part in enumerate(("whole", "published")):
        nodes, edges, relations = _inputs(published_only=part == "published")
        progress(
            2 * i,
            5,
            _("Analysing %(orgs)d organisations and %(rels)d relations")
            % {"orgs": len(nodes), "rels": len(relations)},
        )
        analysis = analyse_network(nodes, edges)
        positions = {}
        if part == "whole":
            progress(1, 5, _("Laying out the picture"))
            positions = arrange(analysis.graph)
        views[part] = _dump_view(analysis, positions, relations if part == "whole" else [])
    progress(4, 5, _("Storing the analysis"))
    whole = views["whole"]
    with transaction.atomic():
        result = NetworkResult.objects.create(
            stamp=stamp,
            computed_at=timezone.now(),
            seconds=round(time.perf_counter() - started, 3),
            organisations=len(whole["nodes"]),
            relations=len(whole["relations"]),
            data={"format": FORMAT, **views},
        )
        NetworkResult.objects.exclude(pk=result.pk).delete()
    return result


def up_to_date() -> bool:
    head = NetworkResult.objects.only("stamp").first()
    return head is not None and head.stamp == data_stamp()


# --- asking for it ---------------------------------------------------------------------------


def pending_job() -> Job | None:
    """The analysis job waiting or running now, newest first."""
    return Job.objects.filter(kind=KIND, state__in=(State.QUEUED, State.RUNNING)).first()


def _owner():
    """Who the job belongs to: whoever made the change, or else the first administrator or
    secretary (a change made by a command); None on an instance without either."""
    actor = history.current_actor()
    if actor is not None:
        return actor
    users = get_user_model().objects.filter(is_active=True)
    return (
        users.filter(Q(is_superuser=True) | Q(role__in=(Role.ADMINISTRATOR, Role.SECRETARIAT)))
        .order_by("-is_superuser", "pk")
        .first()
    )


def request_analysis(owner=None) -> Job | None:
    """Queue one analysis job unless one is already waiting; return the waiting job."""
    from i4region.jobs.services import submit

    waiting = Job.objects.filter(kind=KIND, state=State.QUEUED).first()
    if waiting is not None:
        return waiting
    owner = owner or _owner()
    if owner is None:
        return None
    return submit(owner, KIND, _("Stakeholder network"), {})


def _changed(**kwargs) -> None:
    """A receiver: ask for an analysis once the change commits, once per transaction."""
    if kwargs.get("raw"):  # a fixture being loaded
        return
    pending = connection.run_on_commit if connection.in_atomic_block else []
    if any(func is request_analysis for _, func, *_rest in pending):
        return
    transaction.on_commit(request_analysis)


def connect() -> None:
    for model in (Organisation, Relation, Assessment):
        uid = f"stakeholders.network.{model.__name__}"
        post_save.connect(_changed, sender=model, dispatch_uid=uid + ".save")
        post_delete.connect(_changed, sender=model, dispatch_uid=uid + ".delete")
