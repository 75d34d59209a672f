"""Concepts by name: what a person types ("ketamine", "complex regional pain syndrome") → one
concept of the graph, or a short list when the name is genuinely ambiguous.

Three things make a literal label look-up go wrong, and each is handled here:

* the curated overlay and MeSH name the same thing twice (``concept:ketamine skos:exactMatch
  mesh:D007649``): concepts joined by ``skos:exactMatch`` (stored in the vocabulary graph) are
  one concept, answered by the member the graph actually uses;
* labels differ from what people type by case, hyphens and punctuation, plural endings and
  MeSH's inverted order ("Pain, Postoperative"): names and labels are compared by a key that
  ignores all of these;
* a name may match a vocabulary concept no article uses: concepts present in the graph (named
  by a mention or a claim) are preferred, and only when two different concepts remain is the
  user asked to choose.

Every value reaches SPARQL as a bound term, never as query text.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass

from rdflib import Literal, URIRef

from kg.errors import KGError, QueryError, UnsafeIRIError
from kg.query import expand_curie, load_internal_query
from kg.rdf.iris import check_iri, mesh_iri
from kg.rdf.namespaces import EKGR, MESH, SKOS
from kg.store.base import Store

__all__ = ["ConceptLookupError", "ConceptMatch", "curie", "find_concepts", "name_key",
           "resolve_concept"]

_CONCEPT_NS = f"{EKGR}concept/"
_MESH_UI = re.compile(r"[DCQM]\d{6,9}")
_CURIE = re.compile(r"[a-z]+:[\w.\-/]+")


class ConceptLookupError(KGError, LookupError):
    """A name matches no concept, or several different ones."""


@dataclass(frozen=True, slots=True)
class ConceptMatch:
    """One concept (an ``exactMatch`` group) a name denotes, and how much the graph uses it."""

    iri: str
    label: str
    role: str
    mentions: int
    claims: int
    equivalents: tuple[str, ...] = ()
    """Other IRIs of the same concept (``skos:exactMatch``), unused by the graph or less used."""

    @property
    def used(self) -> bool:
        return self.mentions + self.claims > 0


def curie(iri: str) -> str:
    """Short form for people: ``mesh:D007649``, ``concept:opioid-abstinence``, else the IRI."""
    if iri.startswith(str(MESH)):
        return "mesh:" + iri[len(str(MESH)):]
    if iri.startswith(_CONCEPT_NS):
        return "concept:" + iri[len(_CONCEPT_NS):]
    return iri


def _singular(word: str) -> str:
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


def name_key(text: str) -> str:
    """Comparison key: case, accents, hyphens, punctuation and plural endings ignored."""
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    return " ".join(_singular(w) for w in re.findall(r"[a-z0-9]+", folded))


def _label_keys(label: str) -> set[str]:
    """A label's keys: as written, and MeSH's inverted form read straight ("Pain, Postoperative"
    → "postoperative pain")."""
    keys = {name_key(label)}
    parts = [p for p in label.split(", ") if p.strip()]
    if len(parts) > 1:
        keys.add(name_key(" ".join(reversed(parts))))
    return keys


def resolve_concept(store: Store, text: str) -> URIRef:
    """A concept IRI from a CURIE, an IRI, a bare MeSH UI or a name (see the module docstring)."""
    text = text.strip()
    direct = _direct_iri(text)
    if direct is not None:
        return _used_equivalent(store, direct)
    found = find_concepts(store, text)
    if not found:
        raise ConceptLookupError(
            f"no concept named {text!r}; try `ekg concepts` or give a CURIE such as mesh:D007649")
    used = [m for m in found if m.used] or found
    if len(used) > 1:
        listed = "; ".join(f"{curie(m.iri)} ({m.label})" for m in used)
        raise ConceptLookupError(f"{text!r} names {len(used)} different concepts: {listed}; "
                                 "give one CURIE")
    return URIRef(used[0].iri)


def _used_equivalent(store: Store, iri: URIRef) -> URIRef:
    """``iri``, or the ``exactMatch`` equivalent the graph uses when ``iri`` itself is unused
    (``concept:ketamine`` → ``mesh:D007649``, which the recogniser writes for it)."""
    [group] = _groups(store, {str(iri)})
    if len(group) == 1 or sum(_usage(store, str(iri))[1:]) > 0:
        return iri
    best = _describe(store, group, {})
    return URIRef(best.iri) if best.used else iri


def _direct_iri(text: str) -> URIRef | None:
    """The IRI ``text`` spells out (MeSH UI, CURIE, IRI), or None when it is a name."""
    if _MESH_UI.fullmatch(text):
        return mesh_iri(text)
    if "://" in text and " " not in text:
        try:
            return check_iri(text)
        except UnsafeIRIError as exc:
            raise ConceptLookupError(f"not a valid IRI: {text!r}") from exc
    if text.startswith("concept:") and re.fullmatch(r"concept:[a-z0-9][a-z0-9-]*", text):
        return URIRef(_CONCEPT_NS + text.split(":", 1)[1])
    if _CURIE.fullmatch(text):
        try:
            return expand_curie(text)
        except QueryError:
            return None  # not a known prefix: may still be a name such as "type:1"
    return None


def find_concepts(store: Store, name: str) -> list[ConceptMatch]:
    """Every concept ``name`` denotes, one per ``exactMatch`` group, most used first."""
    labels = _labelled(store, name)
    if not labels:
        return []
    groups = _groups(store, set(labels))
    found = [_describe(store, group, labels) for group in groups]
    return sorted(found, key=lambda m: (-(m.mentions + m.claims), m.label.lower(), m.iri))


def _labelled(store: Store, name: str) -> dict[str, str]:
    """Concepts with a label whose key equals the name's key → that label."""
    key = name_key(name)
    if not key:
        return {}
    stem = max(key.split(), key=len).rstrip("y")
    query = load_internal_query("concept-labels")
    found: dict[str, str] = {}
    for concept, label, _ in store.query(query, {"stem": Literal(stem)}, union=True).rows:
        if key in _label_keys(str(label)):
            found.setdefault(str(concept), str(label))
    return found


def _groups(store: Store, concepts: set[str]) -> list[set[str]]:
    """The ``skos:exactMatch`` groups (transitive, either direction) the concepts belong to."""
    links: dict[str, set[str]] = {}
    query = load_internal_query("analysis-matches")
    for s, p, o in store.query(query, union=True).rows:
        if p == SKOS.exactMatch:
            links.setdefault(str(s), set()).add(str(o))
            links.setdefault(str(o), set()).add(str(s))
    groups: list[set[str]] = []
    for concept in sorted(concepts):
        if any(concept in g for g in groups):
            continue
        group, todo = {concept}, [concept]
        while todo:
            for other in links.get(todo.pop(), ()):
                if other not in group:
                    group.add(other)
                    todo.append(other)
        groups.append(group)
    return groups


def _describe(store: Store, group: set[str], labels: dict[str, str]) -> ConceptMatch:
    """The group's most used member (MeSH first on a tie) with its usage and role."""
    usage = {iri: _usage(store, iri) for iri in group}
    best = min(group, key=lambda i: (-sum(usage[i][1:]), not i.startswith(str(MESH)), i))
    label, mentions, claims = usage[best]
    label = label or labels.get(best) or next((labels[i] for i in sorted(group) if i in labels),
                                              "")
    return ConceptMatch(best, label, _role(store, best), mentions, claims,
                        tuple(sorted(group - {best})))


def _usage(store: Store, iri: str) -> tuple[str, int, int]:
    rows = store.query(load_internal_query("concept-usage"), {"concept": URIRef(iri)},
                       union=True).rows
    if not rows:
        return "", 0, 0
    _, label, mentions, claims = rows[0]
    return str(label or ""), int(mentions or 0), int(claims or 0)


def _role(store: Store, iri: str) -> str:
    counts: Counter[str] = Counter()
    rows = store.query(load_internal_query("concept-roles"), {"concept": URIRef(iri)},
                       union=True).rows
    for _, role, n in rows:
        counts[str(role).rsplit("/", 1)[-1]] += int(n)
    return counts.most_common(1)[0][0] if counts else ""
