"""Mechanism paths: intervention → mechanism → … → condition over the claim graph, ranked.

A hop is every supporting, non-retracted claim from one concept to the next, merged: its best
evidence level and its supporting articles. A path's score is a degree-weighted path count term
(Hetionet's DWPC path-degree product, damping ``w``): each hop contributes
``strength × (out-degree(u) · in-degree(v)) ** -w``, so paths through hub concepts that link to
everything count less, and ``strength`` prefers strong (low OCEBM level) and multiply supported
hops. The sum over all paths is the pair's DWPC.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import islice, pairwise

import networkx as nx

from kg.analysis.project import Projection

__all__ = [
    "LEVEL_WEIGHTS",
    "Hop",
    "MechanismPath",
    "PathSearch",
    "find_paths",
    "hop_strength",
    "support_graph",
]

LEVEL_WEIGHTS = {1: 1.0, 2: 0.8, 3: 0.6, 4: 0.4, 5: 0.2}
"""OCEBM level → weight; evidence without a level counts as level 5."""
_NOT_SUPPORT = {"no-effect"}
_SYMMETRIC = {"associated-with"}


@dataclass(frozen=True, slots=True)
class Hop:
    subject: str
    object: str
    relations: tuple[str, ...]
    claims: tuple[str, ...]
    level: int | None
    articles: tuple[str, ...]
    strength: float


@dataclass(frozen=True, slots=True)
class MechanismPath:
    nodes: tuple[str, ...]
    hops: tuple[Hop, ...]
    score: float
    rank: int = 0


@dataclass(frozen=True, slots=True)
class PathSearch:
    source: str
    target: str
    paths: tuple[MechanismPath, ...]
    dwpc: float
    considered: int
    truncated: bool


def hop_strength(level: int | None, n_articles: int) -> float:
    """Evidence weight of a hop: level weight × (1 − 0.5ⁿ) for ``n`` supporting articles."""
    return LEVEL_WEIGHTS.get(level or 5, 0.2) * (1.0 - 0.5 ** n_articles)


def support_graph(projection: Projection) -> nx.DiGraph:
    """Concept → concept hops made of supporting claims (built once per projection)."""
    cached = projection.cache.get("support_graph")
    if isinstance(cached, nx.DiGraph):
        return cached
    merged: dict[tuple[str, str], dict[str, set[str] | list[int]]] = {}
    for u, v, edge in projection.claims.edges(data="edge"):
        if edge.direction != "supports" or edge.relation in _NOT_SUPPORT or u == v:
            continue
        pairs = [(u, v), (v, u)] if edge.relation in _SYMMETRIC else [(u, v)]
        for pair in pairs:
            hop = merged.setdefault(pair, {"relations": set(), "claims": set(),
                                           "articles": set(), "levels": []})
            hop["relations"].add(edge.relation)  # type: ignore[union-attr]
            hop["claims"].add(edge.claim)  # type: ignore[union-attr]
            hop["articles"].update(edge.articles)  # type: ignore[union-attr]
            if edge.level is not None:
                hop["levels"].append(edge.level)  # type: ignore[union-attr]
    g = nx.DiGraph()
    for (u, v), hop in merged.items():
        level = min(hop["levels"]) if hop["levels"] else None
        g.add_edge(u, v, hop=Hop(u, v, tuple(sorted(hop["relations"])),
                                 tuple(sorted(hop["claims"])), level,
                                 tuple(sorted(hop["articles"])),
                                 hop_strength(level, len(hop["articles"]))))
    projection.cache["support_graph"] = g
    return g


def find_paths(projection: Projection, source: str, target: str, *, k: int = 10,
               max_hops: int = 3, min_hops: int = 2, damping: float = 0.4,
               limit: int = 100_000) -> PathSearch:
    """The ``k`` best paths from ``source`` to ``target`` with ``min_hops``..``max_hops`` hops.

    At most ``limit`` simple paths are scored (``truncated`` says when the limit was hit), so a
    dense graph cannot make the search run away.
    """
    g = support_graph(projection)
    if source not in g or target not in g or source == target:
        return PathSearch(source, target, (), 0.0, 0, False)
    walk = nx.all_simple_paths(g, source, target, cutoff=max(1, min(max_hops, 6)))
    scored, considered = [], 0
    for nodes in islice(walk, limit):
        considered += 1
        if len(nodes) - 1 >= min_hops:
            scored.append(_score(g, nodes, damping))
    dwpc = sum(p.score for p in scored)
    scored.sort(key=lambda p: (-p.score, p.nodes))
    best = tuple(MechanismPath(p.nodes, p.hops, p.score, rank)
                 for rank, p in enumerate(scored[:k], start=1))
    return PathSearch(source, target, best, round(dwpc, 9), considered, considered >= limit)


def _score(g: nx.DiGraph, nodes: list[str], damping: float) -> MechanismPath:
    hops, score = [], 1.0
    for u, v in pairwise(nodes):
        hop: Hop = g.edges[u, v]["hop"]
        hops.append(hop)
        score *= hop.strength * (g.out_degree(u) * g.in_degree(v)) ** -damping
    return MechanismPath(tuple(nodes), tuple(hops), round(score, 9))
