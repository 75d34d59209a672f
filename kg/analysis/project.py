"""RDF → networkx: the projections every analysis starts from, built once per run.

Each projection streams SELECT rows (``queries/internal/analysis-*.rq``) and aggregates them in
Python, so memory grows with the graph's nodes and edges, never with a query's intermediate
results. The hot paths (related articles, hidden links) need arithmetic over 100,000 articles,
which networkx does slowly (measured: ``weighted_projected_graph`` 106 s where a counting
projection took 1.8 s), so the projection keeps sparse incidence matrices (scipy) beside the
networkx graphs; the networkx graphs are built on first use and are the model for everything
else (paths, communities, centrality, pictures).

* article–concept bipartite graph: mention count, role and IDF-like rarity on each edge; check
  tags and publication types are left out (:mod:`kg.analysis.content` says which and why);
* concept–concept claim graph (``MultiDiGraph``, one edge per claim): relation, direction, best
  evidence level and supporting articles, with evidence from retracted sources left out;
* co-authorship: people matched across articles by normalised family name and initials.

``before_year`` keeps only articles published before that year (and the evidence they carry), so
an analysis can be replayed as of an earlier date.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

import networkx as nx
import numpy as np
import scipy.sparse as sp

from kg.analysis.content import is_content
from kg.analysis.matches import load_matches
from kg.analysis.project_load import (
    ClaimEdge,
    Interner,
    load_authors,
    load_cites,
    load_claims,
    slug,
)
from kg.analysis.rows import stream_rows
from kg.store.base import Store

__all__ = ["RETRACTED", "ROLE_ORDER", "ClaimEdge", "Projection", "build_projection", "slug"]

ROLE_ORDER = ("intervention", "condition", "mechanism", "outcome", "other")
"""Role codes; when one concept plays several roles, the earlier role wins ties."""
_ROLE_CODE = {r: i for i, r in enumerate(ROLE_ORDER)}
RETRACTED = "https://w3id.org/evidence-kg/id/standing/retracted"
_CLASS_ROLE = {"Intervention": "intervention", "Condition": "condition",
               "Mechanism": "mechanism", "Outcome": "outcome"}


@dataclass
class Projection:
    """Articles, concepts, people and claims of one store, indexed for graph arithmetic."""

    articles: list[str]
    article_index: dict[str, int]
    years: np.ndarray  # int, 0 when unknown
    retracted: np.ndarray  # bool, article's source is retracted
    concepts: list[str]
    concept_index: dict[str, int]
    concept_roles: list[str]
    labels: dict[str, str]
    mentions: sp.csr_array  # articles × concepts: mention counts
    pair_roles: sp.csr_array  # articles × concepts: 1 + role code of the pair's mentions
    persons: list[str]
    person_names: list[str]
    authorship: sp.csr_array  # articles × persons, 0/1
    claims: nx.MultiDiGraph
    claim_ids: list[str]
    claim_support: sp.csr_array  # articles × claims, 0/1 (non-retracted evidence only)
    cites: sp.csr_array  # articles × articles, citing → cited
    matches: tuple[tuple[str, str, str], ...] = ()
    """(concept, match, "exact-match" | "close-match") between concepts of the graph."""
    actions: tuple[tuple[str, str], ...] = ()
    """(drug, mechanism): MeSH pharmacological actions of drugs of the graph (vocabulary facts)."""
    before_year: int | None = None
    dropped_claims: int = 0
    cache: dict[str, object] = field(default_factory=dict, repr=False)
    """Derived structures (support graph, link matrix …) built once per projection."""

    def label(self, concept: str) -> str:
        """The concept's preferred label, else the last segment of its IRI."""
        return self.labels.get(concept) or slug(concept)

    def role(self, concept: str) -> str:
        i = self.concept_index.get(concept)
        return self.concept_roles[i] if i is not None else "other"

    @cached_property
    def claim_edges(self) -> dict[str, ClaimEdge]:
        """Claims by IRI."""
        return {key: edge for _, _, key, edge in self.claims.edges(keys=True, data="edge")}

    @cached_property
    def document_frequency(self) -> np.ndarray:
        """Number of articles mentioning each concept."""
        return np.asarray((self.mentions > 0).sum(axis=0)).ravel()

    @cached_property
    def idf(self) -> np.ndarray:
        """``log(N / df)``: rare concepts say more about an article than common ones."""
        n = max(len(self.articles), 1)
        df = np.maximum(self.document_frequency, 1)
        return np.log(n / df) + 0.0

    @cached_property
    def comention(self) -> sp.csr_array:
        """concepts × concepts: number of articles mentioning both (diagonal zero)."""
        x = (self.mentions > 0).astype(np.float64)
        k = sp.csr_array(x.T @ x)
        k.setdiag(0)
        k.eliminate_zeros()
        return k

    @cached_property
    def bipartite(self) -> nx.Graph:
        """Article–concept graph; edges carry ``count``, ``role``, ``idf`` and ``weight``."""
        g = nx.Graph()
        g.add_nodes_from((a, {"kind": "article", "bipartite": 0, "year": int(self.years[i])})
                         for i, a in enumerate(self.articles))
        df, idf = self.document_frequency, self.idf
        g.add_nodes_from((c, {"kind": "concept", "bipartite": 1, "label": self.label(c),
                              "role": self.concept_roles[j], "df": int(df[j]),
                              "idf": float(idf[j])}) for j, c in enumerate(self.concepts))
        counts, roles = self.mentions.tocoo(), self.pair_roles.tocoo()
        g.add_edges_from(
            (self.articles[i], self.concepts[j],
             {"count": int(n), "role": ROLE_ORDER[int(r) - 1], "idf": float(idf[j]),
              "weight": (1.0 + math.log(n)) * float(idf[j])})
            for i, j, n, r in zip(counts.row, counts.col, counts.data, roles.data, strict=True))
        return g

    @cached_property
    def coauthorship(self) -> nx.Graph:
        """People linked by the number of articles they wrote together."""
        a = self.authorship.astype(np.float64)
        joint = sp.coo_array(a.T @ a)
        g = nx.Graph()
        g.add_nodes_from((p, {"name": self.person_names[i]}) for i, p in enumerate(self.persons))
        g.add_weighted_edges_from((self.persons[i], self.persons[j], float(w))
                                  for i, j, w in zip(joint.row, joint.col, joint.data, strict=True)
                                  if i < j)
        return g


def build_projection(store: Store, *, before_year: int | None = None,
                     overlay: Path | None = None) -> Projection:
    """All projections of ``store`` (only articles published before ``before_year`` if given).

    ``overlay`` is the vocabulary folder whose SKOS matches join concepts (default: the
    project's ``ontology/vocab``).
    """
    articles, years, retracted = _load_articles(store, before_year)
    concepts = Interner()
    a_idx, c_idx, role_codes = _load_mentions(store, articles.index, concepts)
    labels, classes = _load_concepts(store)
    claims, claim_ids, support, dropped = load_claims(store, articles, retracted, concepts)
    actions = _load_actions(store, concepts)
    n_a, n_c = len(articles.items), len(concepts.items)
    mentions, pair_roles = _pair_matrices(a_idx, c_idx, role_codes, (n_a, n_c))
    persons, names, authorship = load_authors(store, articles.index)
    return Projection(
        articles=articles.items, article_index=articles.index, years=years, retracted=retracted,
        concepts=concepts.items, concept_index=concepts.index,
        concept_roles=_concept_roles(c_idx, role_codes, concepts.items, classes, claims),
        labels=labels, mentions=mentions, pair_roles=pair_roles, persons=persons,
        person_names=names, authorship=authorship, claims=claims, claim_ids=claim_ids,
        claim_support=support, cites=load_cites(store, articles.index),
        matches=tuple(sorted((a, b, kind) for a, b, kind in load_matches(store, overlay)
                             if a in concepts.index and b in concepts.index and a != b)),
        actions=actions, before_year=before_year, dropped_claims=dropped)


def _load_actions(store: Store, concepts: Interner) -> tuple[tuple[str, str], ...]:
    """MeSH pharmacological actions of the drugs the graph knows; their mechanisms join the
    concepts, so a path can step from a drug to what MeSH says it does."""
    found = set()
    for drug, action in stream_rows(store, "analysis-actions"):
        if str(drug) in concepts.index:
            concepts.add(str(action))
            found.add((str(drug), str(action)))
    return tuple(sorted(found))


def _load_articles(store: Store, before_year: int | None
                   ) -> tuple[Interner, np.ndarray, np.ndarray]:
    articles, years, retracted = Interner(), [], []
    for iri, year, standing in stream_rows(store, "analysis-articles"):
        year = year if isinstance(year, int) else 0
        if before_year is not None and not 0 < year < before_year:
            continue
        i = articles.index.get(str(iri))
        if i is None:
            i = articles.add(str(iri))
            years.append(year)
            retracted.append(False)
        retracted[i] = retracted[i] or standing == RETRACTED
    return articles, np.asarray(years, dtype=np.int32), np.asarray(retracted, dtype=bool)


def _load_mentions(store: Store, article_index: dict[str, int], concepts: Interner
                   ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    a_idx, c_idx, roles = [], [], []
    last_role = ROLE_ORDER[-1]
    for article, concept, role, negated in stream_rows(store, "analysis-mentions"):
        i = article_index.get(str(article))
        if i is None or negated is True or not is_content(str(concept)):
            continue
        a_idx.append(i)
        c_idx.append(concepts.add(str(concept)))
        roles.append(_ROLE_CODE.get(slug(str(role)), _ROLE_CODE[last_role]))
    return (np.asarray(a_idx, dtype=np.int64), np.asarray(c_idx, dtype=np.int64),
            np.asarray(roles, dtype=np.int64))


def _pair_matrices(a_idx: np.ndarray, c_idx: np.ndarray, roles: np.ndarray,
                   shape: tuple[int, int]) -> tuple[sp.csr_array, sp.csr_array]:
    """Mention counts per (article, concept), and the pair's leading role (vectorised)."""
    if not len(a_idx):
        empty = sp.csr_array(shape, dtype=np.int64)
        return empty, empty.copy()
    key = a_idx * shape[1] + c_idx
    order = np.argsort(key, kind="stable")
    uniq, start, counts = np.unique(key[order], return_index=True, return_counts=True)
    pair_role = np.minimum.reduceat(roles[order], start)
    rows, cols = uniq // shape[1], uniq % shape[1]
    return (sp.csr_array((counts, (rows, cols)), shape=shape),
            sp.csr_array((pair_role + 1, (rows, cols)), shape=shape))


def _concept_roles(c_idx: np.ndarray, roles: np.ndarray, concepts: list[str],
                   classes: dict[str, set[str]], claims: nx.MultiDiGraph) -> list[str]:
    """Each concept's most frequent mention role; else its role class; else from claims."""
    n = len(concepts)
    table = np.bincount(c_idx * len(ROLE_ORDER) + roles,
                        minlength=n * len(ROLE_ORDER)).reshape(n, len(ROLE_ORDER))
    out = []
    for j, concept in enumerate(concepts):
        if table[j].any():
            out.append(ROLE_ORDER[int(table[j].argmax())])
        elif classes.get(concept):
            out.append(min(classes[concept], key=_ROLE_CODE.__getitem__))
        else:
            out.append(_role_from_claims(claims, concept))
    return out


_SUBJECT_ROLE = {"treats": "intervention", "prevents": "intervention", "no-effect": "intervention",
                 "acts-through": "intervention", "implicated-in": "mechanism"}
_OBJECT_ROLE = {"treats": "condition", "prevents": "condition", "no-effect": "condition",
                "acts-through": "mechanism", "implicated-in": "condition", "causes": "condition"}


def _role_from_claims(claims: nx.MultiDiGraph, concept: str) -> str:
    for _, _, rel in claims.out_edges(concept, data="relation"):
        if rel in _SUBJECT_ROLE:
            return _SUBJECT_ROLE[rel]
    for _, _, rel in claims.in_edges(concept, data="relation"):
        if rel in _OBJECT_ROLE:
            return _OBJECT_ROLE[rel]
    return "other"


def _load_concepts(store: Store) -> tuple[dict[str, str], dict[str, set[str]]]:
    labels: dict[str, str] = {}
    classes: dict[str, set[str]] = {}
    for concept, label, cls in stream_rows(store, "analysis-concepts"):
        c = str(concept)
        if isinstance(label, str) and (c not in labels or label < labels[c]):
            labels[c] = label  # several labels: the smallest, so output is deterministic
        if cls:
            classes.setdefault(c, set()).add(_CLASS_ROLE[slug(str(cls))])
    return labels, classes
