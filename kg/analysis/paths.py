"""Mechanism paths: intervention → mechanism → … → condition over the claim graph, ranked.

A hop is every supporting, non-retracted claim from one concept to the next, merged: its best
evidence level and its supporting articles, from the articles' own findings only (the
projection leaves out studied-for and cited statements, so a claim only ever restated from
background sentences is no hop). A drug's MeSH pharmacological action is a *vocabulary hop*:
what MeSH says the drug does, shown as such, with no level and no articles, weighted like a
single level-4 finding. Two kinds of hop carry less than a claim: bridges
between concepts the vocabulary matches (a curated concept and its MeSH descriptors; no
evidence of their own, not counted as hops), and, only when asked for, co-mentions of a
mechanism and a condition in the same articles where no claim joins them (for graphs whose
claim extraction missed the mechanism's role). A path's score is a degree-weighted path count term
(Hetionet's DWPC path-degree product, damping ``w``): each hop contributes
``strength × (out-degree(u) · in-degree(v)) ** -w``, so paths through hub concepts that link to
everything count less, and ``strength`` prefers strong (low OCEBM level) and multiply supported
hops. The sum over all paths is the pair's DWPC.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import islice, pairwise

import networkx as nx

from kg.analysis.discover import linking_articles
from kg.analysis.project import Projection

__all__ = [
    "BRIDGE_STRENGTH",
    "CO_MENTION_FACTOR",
    "LEVEL_WEIGHTS",
    "VOCABULARY_RELATION",
    "VOCABULARY_STRENGTH",
    "Hop",
    "MechanismPath",
    "PathSearch",
    "find_paths",
    "hop_strength",
    "support_graph",
]

LEVEL_WEIGHTS = {1: 1.0, 2: 0.8, 3: 0.6, 4: 0.4, 5: 0.2}
"""OCEBM level → weight; evidence without a level counts as level 5."""
BRIDGE_STRENGTH = {"exact-match": 1.0, "close-match": 0.8}
CO_MENTION_FACTOR = 0.5
"""A co-mention hop weighs half of a level-5 claim hop with the same number of articles."""
VOCABULARY_RELATION = "MeSH pharmacological action"
VOCABULARY_STRENGTH = 0.2
"""A vocabulary hop weighs like one level-4 finding (0.4 × 0.5): known, but no article's result."""
MAX_BRIDGES = 2
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
    kind: str = "claim"  # claim | vocabulary | bridge | co-mention


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


def support_graph(projection: Projection, *, co_mentions: bool = False,
                  min_co_mentions: int = 2) -> nx.DiGraph:
    """Concept → concept hops: supporting claims, MeSH pharmacological actions (where no claim
    joins the drug to its mechanism), bridges, and optionally co-mentions."""
    key = f"support_graph/{co_mentions}/{min_co_mentions}"
    cached = projection.cache.get(key)
    if isinstance(cached, nx.DiGraph):
        return cached
    g = _claim_hops(projection)
    for drug, action in projection.actions:
        if drug != action and not g.has_edge(drug, action):
            g.add_edge(drug, action, hop=Hop(drug, action, (VOCABULARY_RELATION,), (), None, (),
                                             VOCABULARY_STRENGTH, "vocabulary"))
    for a, b, kind in projection.matches:
        for u, v in ((a, b), (b, a)):
            if not g.has_edge(u, v):
                g.add_edge(u, v, hop=Hop(u, v, (kind,), (), None, (),
                                         BRIDGE_STRENGTH[kind], "bridge"))
    if co_mentions:
        _add_co_mentions(g, projection, min_co_mentions)
    projection.cache[key] = g
    return g


def _claim_hops(projection: Projection) -> nx.DiGraph:
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
    return g


def _add_co_mentions(g: nx.DiGraph, p: Projection, min_articles: int) -> None:
    """Mechanism → condition/outcome hops from articles mentioning both, where no claim is."""
    k = p.comention.tocoo()
    for i, j, n in zip(k.row.tolist(), k.col.tolist(), k.data.tolist(), strict=True):
        u, v = p.concepts[i], p.concepts[j]
        if n < min_articles or p.concept_roles[i] != "mechanism" or g.has_edge(u, v):
            continue
        if p.concept_roles[j] in ("condition", "outcome"):
            strength = CO_MENTION_FACTOR * hop_strength(None, int(n))
            g.add_edge(u, v, hop=Hop(u, v, ("co-mentioned",), (), None,
                                     linking_articles(p, u, v), strength, "co-mention"))


def find_paths(projection: Projection, source: str, target: str, *, k: int = 10,
               max_hops: int = 3, min_hops: int = 2, damping: float = 0.4,
               co_mentions: bool = False, limit: int = 100_000) -> PathSearch:
    """The ``k`` best paths from ``source`` to ``target`` with ``min_hops``..``max_hops`` hops
    (bridges between matched concepts do not count as hops).

    At most ``limit`` simple paths are scored (``truncated`` says when the limit was hit), so a
    dense graph cannot make the search run away.
    """
    g = support_graph(projection, co_mentions=co_mentions)
    if source not in g or target not in g or source == target:
        return PathSearch(source, target, (), 0.0, 0, False)
    max_hops = max(1, min(max_hops, 6))
    walk = nx.all_simple_paths(g, source, target, cutoff=max_hops + MAX_BRIDGES)
    scored, considered = [], 0
    for nodes in islice(walk, limit):
        considered += 1
        path = _score(g, nodes, damping)
        hops = sum(h.kind != "bridge" for h in path.hops)
        if min_hops <= hops <= max_hops and len(path.hops) - hops <= MAX_BRIDGES:
            scored.append(path)
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
