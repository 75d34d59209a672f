"""IRI minting: the single place that turns identifiers and content into IRIs.

The policy is written in ``ontology/README.md``. Every minted IRI is checked, because an IRI
carrying a space, newline or angle bracket serialises to N-Triples that no parser reads back.
Untrusted text (DOIs, names) is percent-encoded or hashed, never pasted.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from urllib.parse import quote

from rdflib import URIRef

from kg.errors import UnsafeIRIError
from kg.rdf.namespaces import EKGR, MESH

__all__ = [
    "check_iri",
    "content_hash",
    "mesh_iri",
    "mint_article_iri",
    "mint_authorship_iri",
    "mint_claim_iri",
    "mint_combination_iri",
    "mint_concept_iri",
    "mint_evidence_iri",
    "mint_graph_iri",
    "mint_journal_iri",
    "mint_mention_iri",
    "mint_person_iri",
    "mint_section_iri",
]

_UNSAFE = re.compile(r'[\x00-\x20<>"{}|\\^`\x7f-\x9f]')
_DOI_SAFE = "/:;()-._~!$&'*+,=@"


def content_hash(*parts: object, length: int = 32) -> str:
    """Stable hex digest of the parts (order matters); ``None`` and ``""`` are distinct."""
    joined = "\x1f".join("\x00" if p is None else str(p) for p in parts)
    return hashlib.sha256(joined.encode("utf-8")).hexdigest()[:length]


def check_iri(iri: str) -> URIRef:
    """Return ``iri`` as a URIRef, or raise UnsafeIRIError if it is not an absolute, clean IRI."""
    if not re.match(r"^[A-Za-z][A-Za-z0-9+.-]*:", iri) or _UNSAFE.search(iri):
        raise UnsafeIRIError(f"unsafe IRI {iri!r}")
    return URIRef(iri)


def mint_article_iri(doi: str | None, pmid: str | None, fallback_key: str) -> URIRef:
    """``https://doi.org/<doi>``, else ``https://pubmed.ncbi.nlm.nih.gov/<pmid>``, else a hash.

    ``fallback_key`` should be stable for the same article (title + year + first author), so an
    identifier-less record read twice mints the same IRI.
    """
    if doi:
        return check_iri("https://doi.org/" + quote(doi, safe=_DOI_SAFE))
    if pmid:
        if not pmid.isdigit():
            raise UnsafeIRIError(f"PMID must be numeric, got {pmid!r}")
        return check_iri(f"https://pubmed.ncbi.nlm.nih.gov/{pmid}")
    return check_iri(f"{EKGR}article/{content_hash(_fold(fallback_key))}")


def mint_person_iri(name_key: str, article_iri: str) -> URIRef:
    """Authors are minted from their normalised name and the article (no cross-article merging)."""
    return check_iri(f"{EKGR}person/{content_hash(_fold(name_key), article_iri)}")


def mint_authorship_iri(article_iri: str, position: int) -> URIRef:
    return check_iri(f"{EKGR}authorship/{content_hash(article_iri, position)}")


def mint_section_iri(article_iri: str, position: int, label: str | None) -> URIRef:
    return check_iri(f"{EKGR}section/{content_hash(article_iri, position, label)}")


def mint_journal_iri(issn: str | None, title: str | None) -> URIRef:
    """Journals by ISSN (the linking ISSN when known), else by folded title."""
    if issn:
        if not re.fullmatch(r"\d{4}-\d{3}[\dX]", issn):
            raise UnsafeIRIError(f"malformed ISSN {issn!r}")
        return check_iri(f"{EKGR}journal/issn/{issn}")
    return check_iri(f"{EKGR}journal/{content_hash(_fold(title or ''))}")


def mint_graph_iri(fmt: str, file_name: str, record_key: str) -> URIRef:
    """One named graph per source record, stable across edits of that record's content."""
    return check_iri(f"{EKGR}graph/{content_hash(fmt, file_name, record_key)}")


def mint_claim_iri(subject: str, relation: str, obj: str, direction: str) -> URIRef:
    """A claim is identified by its content alone, so the same claim from two articles merges."""
    return check_iri(f"{EKGR}claim/{content_hash(subject, relation, obj, direction)}")


def mint_evidence_iri(claim_iri: str, graph_iri: str, section: str | None,
                      start: int | None, agent: str) -> URIRef:
    return check_iri(f"{EKGR}evidence/{content_hash(claim_iri, graph_iri, section, start, agent)}")


def mint_mention_iri(graph_iri: str, concept: str, section: str | None, start: int | None,
                     agent: str) -> URIRef:
    return check_iri(f"{EKGR}mention/{content_hash(graph_iri, concept, section, start, agent)}")


def mint_combination_iri(parts: tuple[str, ...] | list[str]) -> URIRef:
    """A combined intervention is identified by its set of parts, in any order."""
    return check_iri(f"{EKGR}combination/{content_hash(*sorted(set(parts)))}")


def mint_concept_iri(slug: str) -> URIRef:
    """Project concepts for what MeSH lacks (e.g. catecholamine hypersensitivity)."""
    if not re.fullmatch(r"[a-z0-9][a-z0-9-]*", slug):
        raise UnsafeIRIError(f"concept slug must be lower-case ASCII words and hyphens: {slug!r}")
    return check_iri(f"{EKGR}concept/{slug}")


def mesh_iri(ui: str) -> URIRef:
    """``http://id.nlm.nih.gov/mesh/<UI>`` for a descriptor (D…), SCR (C…) or qualifier (Q…)."""
    if not re.fullmatch(r"[DCQM]\d{6,9}", ui):
        raise UnsafeIRIError(f"malformed MeSH UI {ui!r}")
    return check_iri(f"{MESH}{ui}")


def _fold(text: str) -> str:
    """Case-, accent- and space-insensitive key, so trivial variants mint one IRI."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c))
    return " ".join(text.casefold().split())
