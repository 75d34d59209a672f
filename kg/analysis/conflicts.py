"""Conflicts, communities and central mechanisms of the concept graph.

* A conflict is one subject–object pair with claims pointing opposite ways: an effect claim
  (treats, prevents) that supports beside one that refutes or finds no difference (or a
  ``no_effect`` claim), or any other relation both supported and refuted. Only the articles'
  own findings take sides: the projection leaves out cited statements (a background sentence
  restating someone's result) and studied-for statements (a question, with no direction), so a
  claim only ever restated or asked about never makes a conflict.
* Communities are Louvain partitions (seeded, so reruns agree) of the concept graph: claim edges
  weighted by supporting articles plus co-mention edges, each with its top concepts by weighted
  degree inside the community.
* Central mechanisms rank mechanism concepts by PageRank on the supporting-claim graph (where
  influence flows along claims) and report betweenness (sampled above 2,000 nodes).
"""

from __future__ import annotations

from dataclasses import dataclass

import networkx as nx

from kg.analysis.paths import support_graph
from kg.analysis.project import ClaimEdge, Projection

__all__ = [
    "CentralConcept",
    "Community",
    "Conflict",
    "Stance",
    "central_mechanisms",
    "concept_graph",
    "find_communities",
    "find_conflicts",
]

_EFFECT = {"treats", "prevents", "no-effect"}
_NO_STANCE = {"unstated"}
"""A study question states no direction: it neither supports nor opposes anything."""


@dataclass(frozen=True, slots=True)
class Stance:
    claim: str
    relation: str
    direction: str
    sign: int  # +1 for, -1 against, 0 no difference
    level: int | None
    articles: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Conflict:
    subject: str
    object: str
    family: str  # "effect" or the relation
    stances: tuple[Stance, ...]
    rank: int = 0

    @property
    def weight(self) -> int:
        """Articles on the smaller side: a 10-to-1 split is less of a conflict than 5-to-5."""
        sides: dict[bool, set[str]] = {True: set(), False: set()}
        for s in self.stances:
            sides[s.sign > 0].update(s.articles)
        return min(len(sides[True]), len(sides[False]))


@dataclass(frozen=True, slots=True)
class Community:
    rank: int
    members: tuple[str, ...]
    top: tuple[tuple[str, float], ...]  # (concept, weighted degree inside the community)


@dataclass(frozen=True, slots=True)
class CentralConcept:
    concept: str
    label: str
    pagerank: float
    betweenness: float
    rank: int


def _sign(edge: ClaimEdge) -> int:
    if edge.relation == "no-effect":
        return 0 if edge.direction == "supports" else 1
    return {"supports": 1, "refutes": -1}.get(edge.direction, 0)


def find_conflicts(p: Projection) -> list[Conflict]:
    """Subject–object pairs whose claims disagree, most balanced and best supported first."""
    groups: dict[tuple[str, str, str], list[ClaimEdge]] = {}
    for u, v, edge in p.claims.edges(data="edge"):
        if edge.direction in _NO_STANCE:
            continue
        family = "effect" if edge.relation in _EFFECT else edge.relation
        groups.setdefault((u, v, family), []).append(edge)
    found = []
    for (u, v, family), edges in groups.items():
        signs = {_sign(e) for e in edges}
        opposed = 1 in signs and (-1 in signs or (family == "effect" and 0 in signs))
        if opposed:
            stances = tuple(sorted(
                (Stance(e.claim, e.relation, e.direction, _sign(e), e.level,
                        tuple(sorted(e.articles))) for e in edges),
                key=lambda s: (-s.sign, s.claim)))
            found.append(Conflict(u, v, family, stances))
    found.sort(key=lambda c: (-c.weight, -sum(len(s.articles) for s in c.stances),
                              c.subject, c.object))
    return [Conflict(c.subject, c.object, c.family, c.stances, rank)
            for rank, c in enumerate(found, start=1)]


def concept_graph(p: Projection, comention_weight: float = 0.5) -> nx.Graph:
    """Undirected concept graph: claim articles plus ``comention_weight`` × co-mentions."""
    g = nx.Graph()
    g.add_nodes_from(p.concepts)
    for u, v, edge in p.claims.edges(data="edge"):
        if u != v:
            w = g.get_edge_data(u, v, {"weight": 0.0})["weight"]
            g.add_edge(u, v, weight=w + len(edge.articles))
    k = p.comention.tocoo()
    for i, j, n in zip(k.row, k.col, k.data, strict=True):
        if i < j:
            u, v = p.concepts[i], p.concepts[j]
            w = g.get_edge_data(u, v, {"weight": 0.0})["weight"]
            g.add_edge(u, v, weight=w + comention_weight * float(n))
    g.remove_nodes_from([n for n, d in g.degree() if d == 0])
    return g


def find_communities(p: Projection, *, seed: int = 7, resolution: float = 1.0,
                     top: int = 5, min_size: int = 2) -> list[Community]:
    """Louvain communities of the concept graph, largest first, with their top concepts."""
    g = concept_graph(p)
    if not g.number_of_edges():
        return []
    parts = nx.community.louvain_communities(g, weight="weight", resolution=resolution,
                                             seed=seed)
    parts = sorted((sorted(c) for c in parts if len(c) >= min_size), key=lambda c: (-len(c), c))
    out = []
    for rank, members in enumerate(parts, start=1):
        inside = g.subgraph(members)
        degree = sorted(((n, float(d)) for n, d in inside.degree(weight="weight")),
                        key=lambda t: (-t[1], t[0]))
        out.append(Community(rank, tuple(members), tuple(degree[:top])))
    return out


def central_mechanisms(p: Projection, *, k: int = 10, roles: tuple[str, ...] = ("mechanism",),
                       seed: int = 7) -> list[CentralConcept]:
    """Concepts of the given roles ranked by PageRank on the supporting-claim graph."""
    g = support_graph(p)
    if not g.number_of_nodes():
        return []
    weighted = nx.DiGraph()
    weighted.add_nodes_from(g)
    weighted.add_weighted_edges_from((u, v, hop.strength) for u, v, hop in g.edges(data="hop")
                                     if hop.kind == "claim")
    rank = nx.pagerank(weighted, weight="weight")
    sample = None if len(weighted) <= 2000 else 500
    between = nx.betweenness_centrality(weighted, k=sample, seed=seed)
    chosen = sorted((n for n in g if p.role(n) in roles), key=lambda n: (-rank[n], n))
    return [CentralConcept(n, p.label(n), round(rank[n], 9), round(between[n], 9), i)
            for i, n in enumerate(chosen[:k], start=1)]
