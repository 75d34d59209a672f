"""SKOS / OWL (Turtle, N-Triples, RDF/XML) and OBO vocabularies into the Concept model.

ChEBI, MONDO, HP and GO are published as OBO or OWL; curated overlays are SKOS Turtle. Labels
come from ``skos:prefLabel`` or ``rdfs:label``, synonyms from ``skos:altLabel``/``hiddenLabel`` and
the oboInOwl exact/narrow synonyms; a role is taken from ``ekg:role`` when the file states it, else
hinted from the ontology prefix (ChEBI → intervention, MONDO/HP/DOID → condition, GO → mechanism).
RDF/XML is screened with a safe lxml parse first: rdflib's own XML parser would expand entities.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

from lxml import etree
from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.namespace import OWL, RDF, RDFS, SKOS

from kg.extract.model import Role
from kg.vocab.mesh import MeshFormatError, fingerprint_files, open_maybe_gzip
from kg.vocab.model import Concept, Vocabulary, check_role

__all__ = ["PREFIX_ROLES", "hint_role", "load_obo", "load_skos", "load_vocabulary"]

EKG = Namespace("https://w3id.org/evidence-kg/ontology#")
OBOINOWL = Namespace("http://www.geneontology.org/formats/oboInOwl#")
OBO = "http://purl.obolibrary.org/obo/"

PREFIX_ROLES: dict[str, Role] = {
    "CHEBI": "intervention", "DRUGBANK": "intervention", "MONDO": "condition", "HP": "condition",
    "DOID": "condition", "ORDO": "condition", "GO": "mechanism", "NCIT": "other",
}
_FORMATS = {".ttl": "turtle", ".nt": "nt", ".n3": "n3", ".owl": "xml", ".rdf": "xml",
            ".xml": "xml", ".jsonld": "json-ld"}
_SYNONYMS = (SKOS.altLabel, SKOS.hiddenLabel, OBOINOWL.hasExactSynonym,
             OBOINOWL.hasNarrowSynonym)


def hint_role(ui: str) -> Role | None:
    """Role suggested by an identifier's prefix (``CHEBI:6121`` → intervention)."""
    prefix = re.split(r"[:_]", ui, maxsplit=1)[0].upper()
    return PREFIX_ROLES.get(prefix)


def load_vocabulary(path: Path) -> Vocabulary:
    """An OBO or RDF vocabulary file, by its extension (``.obo`` or an RDF syntax)."""
    return load_obo(path) if path.name.endswith((".obo", ".obo.gz")) else load_skos(path)


def load_skos(path: Path, *, name: str | None = None) -> Vocabulary:
    """Concepts (``skos:Concept`` or ``owl:Class`` with a label) of an RDF vocabulary file."""
    fmt = _FORMATS.get(path.suffix.lower().removesuffix(".gz")) or _FORMATS.get(
        Path(path.stem).suffix.lower(), "turtle")
    with open_maybe_gzip(path) as handle:
        data = handle.read()
    if fmt == "xml":
        _screen_xml(data, path)
    graph = Graph()
    try:
        graph.parse(data=data, format=fmt, publicID=path.resolve().as_uri())
    except Exception as exc:  # rdflib raises many kinds of syntax errors
        raise MeshFormatError(f"{path}: cannot read as {fmt}: {exc}") from exc
    concepts = tuple(_concepts(graph))
    return Vocabulary(name or path.stem, concepts, fingerprint_files([path]), (str(path),))


def _screen_xml(data: bytes, path: Path) -> None:
    """Refuse XML with entity declarations before rdflib sees it (billion-laughs and XXE)."""
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False,
                             huge_tree=False)
    try:
        tree = etree.fromstring(data, parser).getroottree()
    except etree.XMLSyntaxError as exc:
        raise MeshFormatError(f"{path}:{exc.lineno}: malformed XML: {exc}") from exc
    dtd = tree.docinfo.internalDTD
    if dtd is not None and any(True for _ in dtd.iterentities()):
        raise MeshFormatError(f"{path}: XML declares entities; refusing to expand them")


def _concepts(graph: Graph) -> Iterator[Concept]:
    """One Concept per labelled skos:Concept / owl:Class subject, in a stable order."""
    subjects = set(graph.subjects(RDF.type, SKOS.Concept))
    subjects |= set(graph.subjects(RDF.type, OWL.Class))
    for subject in sorted(s for s in subjects if isinstance(s, URIRef)):
        if (subject, OWL.deprecated, Literal(True)) in graph:
            continue
        label = _label(graph, subject)
        if label:
            yield _concept(graph, subject, label)


def _concept(graph: Graph, subject: URIRef, label: str) -> Concept:
    """Names, identifier, role and mappings of one subject."""
    iri = str(subject)
    ui = str(graph.value(subject, SKOS.notation) or _curie(iri))
    synonyms = tuple(dict.fromkeys(
        str(o) for p in _SYNONYMS for o in graph.objects(subject, p) if _english(o)))
    role_value = graph.value(subject, EKG.role)
    role = check_role(str(role_value)) if role_value is not None else hint_role(ui)
    return Concept(
        iri=iri, ui=ui, label=label, synonyms=tuple(s for s in synonyms if s != label),
        role=role, source="skos",
        exact_matches=tuple(sorted(str(o) for o in graph.objects(subject, SKOS.exactMatch))),
        close_matches=tuple(sorted(str(o) for o in graph.objects(subject, SKOS.closeMatch))))


def _english(term: object) -> bool:
    """Plain literals and English-tagged ones (vocabularies carry labels in many languages)."""
    return isinstance(term, Literal) and (term.language or "en").lower().startswith("en")


def _label(graph: Graph, subject: URIRef) -> str | None:
    """An English (or untagged) ``skos:prefLabel``, else ``rdfs:label``."""
    for predicate in (SKOS.prefLabel, RDFS.label):
        for value in graph.objects(subject, predicate):
            if _english(value):
                return str(value)
    return None


def _curie(iri: str) -> str:
    """``http://purl.obolibrary.org/obo/CHEBI_6121`` → ``CHEBI:6121``; else the local name."""
    if iri.startswith(OBO):
        return iri[len(OBO):].replace("_", ":", 1)
    return re.split(r"[/#]", iri.rstrip("/#"))[-1]


_SYNONYM_LINE = re.compile(r'^synonym:\s*"((?:[^"\\]|\\.)*)"\s+(EXACT|NARROW|RELATED|BROAD)')


def load_obo(path: Path) -> Vocabulary:
    """Terms of an OBO flat file: ``id``, ``name``, EXACT/NARROW synonyms, MeSH xrefs."""
    concepts = []
    with open_maybe_gzip(path) as handle:
        text = handle.read().decode("utf-8", "replace")
    for stanza in re.split(r"\n(?=\[)", text):
        if stanza.startswith("[Term]"):
            concept = _obo_term(stanza)
            if concept:
                concepts.append(concept)
    return Vocabulary(path.stem, tuple(concepts), fingerprint_files([path]), (str(path),))


def _obo_term(stanza: str) -> Concept | None:
    """One ``[Term]`` stanza → Concept (None for obsolete or unnamed terms)."""
    tags: dict[str, list[str]] = {}
    for line in stanza.splitlines()[1:]:
        if ":" in line and not line.startswith("!"):
            tag, value = line.split(":", 1)
            tags.setdefault(tag.strip(), []).append(value.split(" ! ")[0].strip())
    ui, name = (tags.get("id") or [""])[0], (tags.get("name") or [""])[0]
    if not ui or not name or (tags.get("is_obsolete") or ["false"])[0] == "true":
        return None
    synonyms = []
    for line in stanza.splitlines():
        match = _SYNONYM_LINE.match(line)
        if match and match.group(2) in ("EXACT", "NARROW"):
            synonyms.append(match.group(1).replace('\\"', '"'))
    xrefs = [x.split()[0] for x in tags.get("xref", []) if x.split()]
    mesh = tuple(f"http://id.nlm.nih.gov/mesh/{x.split(':', 1)[1]}" for x in xrefs
                 if re.fullmatch(r"(?i)mesh:[CD]\d{6,9}", x))
    return Concept(iri=OBO + ui.replace(":", "_", 1), ui=ui, label=name,
                   synonyms=tuple(dict.fromkeys(s for s in synonyms if s != name)),
                   role=hint_role(ui), source="obo", close_matches=mesh)
