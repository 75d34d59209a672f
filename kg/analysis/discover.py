"""Hidden links (Swanson's ABC): concepts A and C never stated together, joined through B's.

A and C are "stated together" when one article mentions both or a claim joins them; a hidden
link is a pair that is not, while some intermediates B are linked to both (fish oil → blood
viscosity → Raynaud's). Links between concepts count articles: co-mentions, plus
``CLAIM_WEIGHT`` per article stating a claim between them. A candidate C scores

    Σ_B s(A,B) · rarity(B) · s(B,C),   s(x,y) = n / (n + 1),   rarity = normalised IDF,

so several well-supported, specific intermediates beat one ubiquitous one; the number of B's
(the linking-term count) breaks ties. A concept the vocabulary matches to one stated with A (a
MeSH descriptor and the curated concept it corresponds to) is not a hidden link either. Check
tags and publication types are never an A, B or C (:mod:`kg.analysis.content` lists them).

Built on sparse matrices: one concept × concept link matrix per projection, then one
matrix–vector product per query. Time slicing comes from the projection
(``build_projection(store, before_year=Y)``), so a user can check what would have been predicted.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass

import numpy as np
import scipy.sparse as sp

from kg.analysis.project import Projection
from kg.analysis.resolve import AnalysisError

__all__ = ["CLAIM_WEIGHT", "HiddenLink", "LinkingTerm", "discover_links", "link_matrix",
           "linking_articles"]

CLAIM_WEIGHT = 2.0
"""An article stating a claim between two concepts links them twice as much as a co-mention."""


@dataclass(frozen=True, slots=True)
class LinkingTerm:
    concept: str
    label: str
    score: float
    source_articles: tuple[str, ...]  # articles linking A and B
    target_articles: tuple[str, ...]  # articles linking B and C


@dataclass(frozen=True, slots=True)
class HiddenLink:
    source: str
    target: str
    label: str
    score: float
    rank: int
    terms: tuple[LinkingTerm, ...]
    n_terms: int


def link_matrix(p: Projection) -> sp.csr_array:
    """concepts × concepts: co-mentioning articles + ``CLAIM_WEIGHT`` × claim articles."""
    cached = p.cache.get("link_matrix")
    if isinstance(cached, sp.csr_array):
        return cached
    rows, cols, vals = [], [], []
    for u, v, edge in p.claims.edges(data="edge"):
        if u != v:
            i, j = p.concept_index[u], p.concept_index[v]
            rows += [i, j]
            cols += [j, i]
            vals += [CLAIM_WEIGHT * len(edge.articles)] * 2
    n = len(p.concepts)
    claims = sp.csr_array((vals, (rows, cols)), shape=(n, n))
    links = sp.csr_array(p.comention.astype(np.float64) + claims)
    p.cache["link_matrix"] = links
    return links


def _matched(p: Projection, stated: set[int]) -> list[int]:
    """Concepts the vocabulary matches to a stated one (``D013375`` for "opioid withdrawal")."""
    out = []
    for x, y, _ in p.matches:
        i, j = p.concept_index[x], p.concept_index[y]
        if i in stated:
            out.append(j)
        if j in stated:
            out.append(i)
    return out


def _strength(p: Projection) -> sp.csr_array:
    """``n / (n + 1)`` of every link: saturates, so one B cannot dominate by volume alone."""
    cached = p.cache.get("link_strength")
    if isinstance(cached, sp.csr_array):
        return cached
    strength = link_matrix(p).copy()
    strength.data = strength.data / (strength.data + 1.0)
    p.cache["link_strength"] = strength
    return strength


def _rarity(p: Projection) -> np.ndarray:
    n = len(p.articles) + 1
    return np.log(n / (p.document_frequency + 1.0)) / np.log(n + 1.0)


def discover_links(p: Projection, source: str, *, k: int = 10,
                   roles: Collection[str] | None = None, min_support: float = 1.0,
                   max_terms: int = 10) -> list[HiddenLink]:
    """The ``k`` best hidden links from ``source``, each with its linking terms, best first."""
    a = p.concept_index.get(source)
    if a is None:
        raise AnalysisError(f"{source} is not a concept in the graph"
                            + (f" before {p.before_year}" if p.before_year else ""))
    links, strength = link_matrix(p), _strength(p)
    row = links[[a], :]
    b_idx = row.indices[row.data >= min_support]
    weights = np.zeros(len(p.concepts))
    weights[b_idx] = strength[[a], :][:, b_idx].toarray().ravel() * _rarity(p)[b_idx]
    scores = strength @ weights
    scores[row.indices] = 0.0  # stated together: not hidden
    scores[a] = 0.0
    scores[_matched(p, {a, *row.indices.tolist()})] = 0.0  # a synonym of a stated concept
    if roles:
        scores[[j for j, r in enumerate(p.concept_roles) if r not in roles]] = 0.0
    ranked = sorted((int(c) for c in np.flatnonzero(scores > 0)),
                    key=lambda c: (-scores[c], p.concepts[c]))
    out = []
    for rank, c in enumerate(ranked[:k], start=1):
        found = _terms(p, strength, weights, b_idx, c)
        terms = tuple(LinkingTerm(p.concepts[b], p.label(p.concepts[b]), round(score, 9),
                                  linking_articles(p, source, p.concepts[b]),
                                  linking_articles(p, p.concepts[b], p.concepts[c]))
                      for score, b in found[:max_terms])
        out.append(HiddenLink(source, p.concepts[c], p.label(p.concepts[c]),
                              round(float(scores[c]), 9), rank, terms, len(found)))
    return out


def _terms(p: Projection, strength: sp.csr_array, weights: np.ndarray, b_idx: np.ndarray,
           c: int) -> list[tuple[float, int]]:
    """The B's linking A to ``c`` with their contributions, largest first."""
    start, end = strength.indptr[c], strength.indptr[c + 1]
    col = dict(zip(strength.indices[start:end].tolist(), strength.data[start:end].tolist(),
                   strict=True))  # symmetric: row c is column c
    found = [(float(weights[b] * col[b]), int(b)) for b in b_idx.tolist()
             if b in col and weights[b] > 0]
    found.sort(key=lambda t: (-t[0], p.concepts[t[1]]))
    return found


def linking_articles(p: Projection, x: str, y: str, limit: int = 5) -> tuple[str, ...]:
    """Articles that state a claim between ``x`` and ``y`` first, then those mentioning both."""
    csc = p.cache.get("mentions_csc")
    if not isinstance(csc, sp.csc_array):
        csc = p.cache["mentions_csc"] = sp.csc_array(p.mentions)
        csc.sort_indices()
    claimed: set[str] = set()
    for u, v in ((x, y), (y, x)):
        if p.claims.has_edge(u, v):
            for edge in p.claims[u][v].values():
                claimed.update(edge["edge"].articles)
    both = _intersect(_column(csc, p.concept_index[x]), _column(csc, p.concept_index[y]))
    mentioned = [p.articles[int(r)] for r in both[: limit + len(claimed)]]
    return tuple((sorted(claimed) + sorted(set(mentioned) - claimed))[:limit])


def _column(csc: sp.csc_array, j: int) -> np.ndarray:
    return csc.indices[csc.indptr[j]:csc.indptr[j + 1]]


def _intersect(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Sorted intersection of two sorted index arrays in O(small · log large)."""
    small, large = (a, b) if len(a) <= len(b) else (b, a)
    if not len(small) or not len(large):
        return small[:0]
    at = np.minimum(np.searchsorted(large, small), len(large) - 1)
    return small[large[at] == small]
