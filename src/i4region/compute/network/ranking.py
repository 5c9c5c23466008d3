"""Key actors: who to mobilise or persuade, ranked and explained in English and Lithuanian.

The score is a weighted mean of up to three parts, each on 0..1:

* centrality: mean of degree, weighted degree, betweenness, closeness and eigenvector
  centrality, each divided by its maximum in the network;
* influence: the 1-5 assessment mapped to 0..1 ((influence - 1) / 4);
* stance strength: how firmly the actor holds a position (champion and blocker 1, supporter and
  sceptic 0.5, neutral 0). Both ends matter to a board: allies carry the work, opponents can
  stop it; the ``action`` field says which (mobilise, engage, persuade).

A part that is unknown for an actor is left out and the others are re-weighted, so missing
assessments neither reward nor punish.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from .metrics import NetworkAnalysis, communities_reached

STANCES = ("champion", "supporter", "neutral", "sceptic", "blocker")
STANCE_STRENGTH = {
    "champion": 1.0,
    "supporter": 0.5,
    "neutral": 0.0,
    "sceptic": 0.5,
    "blocker": 1.0,
}
ACTIONS = {
    "champion": "mobilise",
    "supporter": "mobilise",
    "neutral": "engage",
    "sceptic": "persuade",
    "blocker": "persuade",
}
STANCE_WORDS = {
    "champion": ("champion", "aktyvus rėmėjas"),
    "supporter": ("supporter", "rėmėjas"),
    "neutral": ("neutral", "neutrali pozicija"),
    "sceptic": ("sceptic", "skeptiškas"),
    "blocker": ("blocker", "priešinasi"),
}
# Community names: English adjective, Lithuanian genitive ("švietimo bendruomenė").
GROUP_NAMES: dict[str, tuple[str, str]] = {
    "education": ("education", "švietimo"),
    "school": ("school", "mokyklų"),
    "university": ("university", "universitetų"),
    "research": ("research", "mokslo"),
    "manufacturing": ("manufacturing", "gamybos"),
    "industry": ("industry", "pramonės"),
    "company": ("company", "įmonių"),
    "business": ("business", "verslo"),
    "finance": ("finance", "finansų"),
    "public": ("public sector", "viešojo sektoriaus"),
    "government": ("government", "valdžios"),
    "municipality": ("municipal", "savivaldos"),
    "ngo": ("NGO", "nevyriausybinių organizacijų"),
    "media": ("media", "žiniasklaidos"),
    "other": ("other", "kitų"),
}
DEFAULT_WEIGHTS = {"centrality": 0.5, "influence": 0.3, "stance": 0.2}
_CENTRALITIES = ("degree", "weighted_degree", "betweenness", "closeness", "eigenvector")


def lt_plural(n: int, one: str, few: str, many: str) -> str:
    """Lithuanian noun form for a count: 1, 21, 31 -> one; 2-9, 22-29 -> few; 0, 10-20 -> many."""
    if n % 10 == 1 and n % 100 != 11:
        return one
    if 2 <= n % 10 <= 9 and not 12 <= n % 100 <= 19:
        return few
    return many


def ties_en(n: int) -> str:
    """'1 tie', '14 ties'."""
    return f"{n} tie" if n == 1 else f"{n} ties"


def ties_lt(n: int) -> str:
    """'1 ryšys', '2 ryšiai', '10 ryšių', '21 ryšys'."""
    return f"{n} {lt_plural(n, 'ryšys', 'ryšiai', 'ryšių')}"


def _join(words: list[str], conjunction: str) -> str:
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + f" {conjunction} " + words[-1]


@dataclass(frozen=True)
class KeyActor:
    """One ranked actor with the reasons for its rank in both languages."""

    rank: int
    id: str
    label: str
    score: float
    centrality: float
    influence: int | None
    stance: str | None
    action: str
    broker: bool
    reasons_en: str
    reasons_lt: str


def _group_names(
    analysis: NetworkAnalysis, names: Mapping[str, tuple[str, str]] | None
) -> dict[int, tuple[str, str]]:
    vocabulary = {**GROUP_NAMES, **(names or {})}
    seen: dict[str, int] = {}
    out = {}
    for c in analysis.communities:
        en, lt = vocabulary.get(c.key.lower(), (c.key, f"„{c.key}“"))
        seen[c.key] = seen.get(c.key, 0) + 1
        if seen[c.key] > 1:  # two communities led by the same sector stay distinguishable
            en, lt = f"{en} ({seen[c.key]})", f"{lt} ({seen[c.key]})"
        out[c.index] = (en, lt)
    return out


def _influence(value: object, node: str) -> int | None:
    if value is None or value == "":
        return None
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= 5:
        raise ValueError(f"influence of {node!r} must be an integer 1-5, got {value!r}")
    return value


def _stance(value: object, node: str) -> str | None:
    if value is None or value == "":
        return None
    if value not in STANCES:
        raise ValueError(f"stance of {node!r} must be one of {STANCES}, got {value!r}")
    return str(value)


def key_actors(
    analysis: NetworkAnalysis,
    top: int | None = 10,
    influence: Mapping[str, int] | None = None,
    stance: Mapping[str, str] | None = None,
    weights: Mapping[str, float] | None = None,
    group_names: Mapping[str, tuple[str, str]] | None = None,
) -> list[KeyActor]:
    """Rank actors by combined score (module doc) and explain each rank in en and lt.

    ``influence`` and ``stance`` default to the node attributes of the same names;
    ``group_names`` adds community names as {key: (english, lithuanian genitive)}.
    """
    w = {**DEFAULT_WEIGHTS, **(weights or {})}
    if any(v < 0 for v in w.values()) or not any(w.values()):
        raise ValueError("weights must be >= 0 and not all zero")
    g = analysis.graph
    m = analysis.nodes
    maxima = {c: max((getattr(x, c) for x in m.values()), default=0.0) for c in _CENTRALITIES}
    names = _group_names(analysis, group_names)
    community_of = {v: x.community for v, x in m.items()}
    brokers = set(analysis.brokers)
    rows = []
    for v, x in m.items():
        attrs = g.nodes[v]["attributes"]
        inf = _influence((influence or {}).get(v, attrs.get("influence")), v)
        st = _stance((stance or {}).get(v, attrs.get("stance")), v)
        centrality = sum(getattr(x, c) / maxima[c] for c in _CENTRALITIES if maxima[c] > 0) / len(
            _CENTRALITIES
        )
        parts = {"centrality": centrality}
        if inf is not None:
            parts["influence"] = (inf - 1) / 4
        if st is not None:
            parts["stance"] = STANCE_STRENGTH[st]
        total_w = sum(w[k] for k in parts)
        score = sum(w[k] * parts[k] for k in parts) / total_w if total_w else 0.0

        en, lt = [], []
        reached = communities_reached(g, v, community_of)
        if v in brokers:
            en.append(
                "bridges the " + _join([names[c][0] for c in reached], "and") + " communities"
            )
            lt.append("jungia " + _join([names[c][1] for c in reached], "ir") + " bendruomenes")
        elif x.degree:
            en.append(f"within the {names[x.community][0]} community")
            lt.append(f"veikia {names[x.community][1]} bendruomenėje")
        else:
            en.append("no ties yet")
            lt.append("kol kas neturi ryšių")
        if x.degree:
            en.append(ties_en(x.degree))
            lt.append(ties_lt(x.degree))
        if inf is not None:
            en.append(f"influence {inf}/5")
            lt.append(f"įtaka {inf}/5")
        if st is not None:
            en.append(STANCE_WORDS[st][0])
            lt.append(STANCE_WORDS[st][1])
        rows.append(
            KeyActor(
                rank=0,
                id=v,
                label=x.label,
                score=round(score, 6),
                centrality=round(centrality, 6),
                influence=inf,
                stance=st,
                action=ACTIONS[st] if st else "engage",
                broker=v in brokers,
                reasons_en="; ".join(en),
                reasons_lt="; ".join(lt),
            )
        )
    rows.sort(key=lambda a: (-a.score, -a.centrality, a.id))
    ranked = [KeyActor(**{**a.__dict__, "rank": i + 1}) for i, a in enumerate(rows)]
    return ranked if top is None else ranked[:top]
