"""Field extractors for PubMed XML elements, plus small normalisers MEDLINE text shares.

Each function takes one lxml element (or a string) and returns model values, so the article and
book-article assemblers in ``pubmed_xml`` stay short and every PubMed structure is handled in one
place. Only ``find``/``findall`` with literal child paths are used: they are several times faster
than XPath on large exports.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from lxml import etree

from kg.records.dates import build_partial_date
from kg.records.identifiers import normalise_doi, normalise_issn, normalise_pmcid, normalise_pmid
from kg.records.model import (
    AbstractSection,
    Author,
    Chemical,
    CommentCorrection,
    Grant,
    Identifiers,
    MeshHeading,
    PartialDate,
)
from kg.records.names import normalise_orcid

__all__ = [
    "child_map",
    "clean",
    "doi_in_text",
    "flatten_text",
    "normalise_language",
    "read_abstract",
    "read_article_ids",
    "read_authors",
    "read_chemicals",
    "read_comments_corrections",
    "read_date",
    "read_grants",
    "read_issns",
    "read_mesh_headings",
    "read_references",
    "read_supplementary_mesh",
    "split_pages",
    "text_of",
    "unique",
]

_DOI_IN_TEXT = re.compile(r"\bdoi:\s*(10\.\d{4,9}/\S+)", re.IGNORECASE)
_PAGE_RANGE = re.compile(
    r"^([A-Za-z]*:?)(\d+)([A-Za-z]*)\s*[-\u2010-\u2014]\s*([A-Za-z]*:?)(\d+)([A-Za-z]*)$")
_ID_FIELDS = {"doi": "doi", "pubmed": "pmid", "pmc": "pmcid"}
_NO_IDS = Identifiers()


def flatten_text(element: etree._Element | None) -> str | None:
    """All text inside an element (inline ``<i>``, ``<sup>``, MathML …), white space collapsed."""
    if element is None:
        return None
    raw = element.text if len(element) == 0 else "".join(element.itertext())
    text = " ".join(raw.split()) if raw else ""
    return text or None


def child_map(parent: etree._Element | None) -> dict[str, etree._Element]:
    """First child element of each tag: one pass instead of a ``find`` per field.

    lxml's ``find`` costs about as much as walking all children once, and a PubMed record asks
    for some thirty of them, so the assemblers look children up in this map instead.
    """
    found: dict[str, etree._Element] = {}
    if parent is not None:
        for child in parent:
            found.setdefault(child.tag, child)
    return found


def clean(text: str | None) -> str | None:
    """White space collapsed; None when nothing is left."""
    return (" ".join(text.split()) or None) if text else None


def text_of(parent: etree._Element, path: str) -> str | None:
    """Stripped text of the first ``path`` under ``parent``; None when absent or blank."""
    value = parent.findtext(path)
    if value is None:
        return None
    value = " ".join(value.split())
    return value or None


def unique(values: Iterable[str | None]) -> tuple[str, ...]:
    """Non-empty values once each, first occurrence order kept."""
    return tuple(dict.fromkeys(v for v in values if v))


def normalise_language(code: str | None) -> str | None:
    """Language codes in lower case (``ENG`` → ``eng``); anything else as printed."""
    code = " ".join((code or "").split())
    if re.fullmatch(r"[A-Za-z]{2,3}", code):
        return code.lower()
    return code or None


def split_pages(pages: str | None) -> tuple[str | None, str | None]:
    """(first page, last page) of the first range, expanding MEDLINE's ``1234-9`` to 1239.

    ``1825-34, 1839-40`` gives the first range; a single locator (``e32822``) is its own first
    page; text that is not a locator (``[34457 words]``) gives no page at all.
    """
    if not pages:
        return None, None
    first = re.split(r"[,;]", pages, maxsplit=1)[0].strip()
    match = _PAGE_RANGE.match(first)
    if not match:
        return (first, None) if first and " " not in first else (None, None)
    pre1, start, suf1, pre2, end, suf2 = match.groups()
    if len(end) < len(start):
        end = start[: len(start) - len(end)] + end
    return f"{pre1}{start}{suf1}", f"{pre2 or pre1}{end}{suf2 or suf1}"


def doi_in_text(text: str | None) -> str | None:
    """A DOI written as ``doi: 10.…`` inside a citation string."""
    match = _DOI_IN_TEXT.search(text or "")
    return normalise_doi(match.group(1)) if match else None


def _fast_pmid(value: str) -> str | None:
    """PMIDs are nearly always plain digits: skip the general normaliser for those."""
    return value if value.isdigit() and value[0] != "0" else normalise_pmid(value)


_NORMALISERS = {"doi": normalise_doi, "pmid": _fast_pmid, "pmcid": normalise_pmcid}


def _add_id(found: dict[str, str | None], other: list[tuple[str, str]],
            node: etree._Element) -> None:
    scheme, value = (node.get("IdType") or "").lower(), (node.text or "").strip()
    if not scheme or not value:
        return
    field = _ID_FIELDS.get(scheme)
    if field is None:
        other.append((scheme, " ".join(value.split())))
    elif found.get(field) is None:
        found[field] = _NORMALISERS[field](value)


def _identifiers(found: dict[str, str | None], other: list[tuple[str, str]]) -> Identifiers:
    return Identifiers(doi=found.get("doi"), pmid=found.get("pmid"), pmcid=found.get("pmcid"),
                       other=tuple(dict.fromkeys(other)))


def read_article_ids(id_list: etree._Element | None) -> Identifiers:
    """``ArticleIdList`` → Identifiers (doi, pmid, pmcid; other schemes kept as pairs)."""
    if id_list is None:
        return _NO_IDS
    found: dict[str, str | None] = {}
    other: list[tuple[str, str]] = []
    for node in id_list.iterfind("ArticleId"):
        _add_id(found, other, node)
    return _identifiers(found, other)


def read_abstract(abstract: etree._Element | None) -> tuple[AbstractSection, ...]:
    """``Abstract/AbstractText`` sections with their ``Label`` and ``NlmCategory``."""
    if abstract is None:
        return ()
    sections = []
    for node in abstract.iterfind("AbstractText"):
        text = flatten_text(node)
        if text:
            sections.append(AbstractSection(text=text, label=node.get("Label") or None,
                                            nlm_category=node.get("NlmCategory") or None))
    return tuple(sections)


_NAME_PARTS = {"LastName": "family", "ForeName": "given", "Initials": "initials",
               "CollectiveName": "collective"}


def _read_person(node: etree._Element, investigator: bool) -> Author | None:
    """One ``Author``/``Investigator`` in a single pass over its children (authors are many)."""
    parts: dict[str, str | None] = {}
    affiliations: list[str | None] = []
    orcid = None
    for child in node:
        tag = child.tag
        if tag in _NAME_PARTS:
            parts[_NAME_PARTS[tag]] = flatten_text(child)
        elif tag == "AffiliationInfo":
            affiliations.extend(flatten_text(a) for a in child.iterfind("Affiliation"))
        elif tag == "Affiliation":
            affiliations.append(flatten_text(child))
        elif tag == "Identifier" and (child.get("Source") or "").upper() == "ORCID":
            orcid = orcid or normalise_orcid(child.text)
    if not any(parts.values()):
        return None
    return Author(**parts, affiliations=unique(affiliations), orcid=orcid,
                  is_investigator=investigator)


def read_authors(author_list: etree._Element | None, tag: str = "Author",
                 investigator: bool = False) -> tuple[Author, ...]:
    """Persons and collective names in printed order, skipping those marked ``ValidYN="N"``."""
    if author_list is None:
        return ()
    people = (_read_person(n, investigator) for n in author_list.iterfind(tag)
              if n.get("ValidYN", "Y") != "N")
    return tuple(p for p in people if p is not None)


def _read_heading(node: etree._Element) -> MeshHeading | None:
    descriptor, qualifiers = None, []
    for child in node:
        if child.tag == "DescriptorName":
            descriptor = child
        elif child.tag == "QualifierName":
            qualifiers.append((child.get("UI") or "", flatten_text(child) or "",
                               child.get("MajorTopicYN") == "Y"))
    name = flatten_text(descriptor)
    if descriptor is None or not name:
        return None
    return MeshHeading(descriptor_ui=descriptor.get("UI") or "", descriptor_name=name,
                       major_topic=descriptor.get("MajorTopicYN") == "Y",
                       qualifiers=tuple(qualifiers))


def read_mesh_headings(mesh_list: etree._Element | None) -> tuple[MeshHeading, ...]:
    """MeSH headings with descriptor/qualifier UIs and major-topic flags."""
    if mesh_list is None:
        return ()
    headings = (_read_heading(n) for n in mesh_list.iterfind("MeshHeading"))
    return tuple(h for h in headings if h is not None)


def read_supplementary_mesh(suppl_list: etree._Element | None) -> tuple[MeshHeading, ...]:
    """``SupplMeshName`` entries (supplementary concept records, ``C…`` UIs) as headings."""
    if suppl_list is None:
        return ()
    return tuple(MeshHeading(descriptor_ui=n.get("UI") or "", descriptor_name=flatten_text(n) or "")
                 for n in suppl_list.iterfind("SupplMeshName") if flatten_text(n))


def read_chemicals(chem_list: etree._Element | None) -> tuple[Chemical, ...]:
    """Chemical list; PubMed's registry number ``0`` means "none" and becomes None."""
    if chem_list is None:
        return ()
    chemicals = []
    for node in chem_list.iterfind("Chemical"):
        parts = child_map(node)
        name_node = parts.get("NameOfSubstance")
        name = flatten_text(name_node)
        if name_node is None or not name:
            continue
        registry = flatten_text(parts.get("RegistryNumber"))
        chemicals.append(Chemical(name=name, ui=name_node.get("UI") or None,
                                  registry_number=None if registry in (None, "0") else registry))
    return tuple(chemicals)


def read_grants(grant_list: etree._Element | None) -> tuple[Grant, ...]:
    """Grant list (ID, agency, country)."""
    if grant_list is None:
        return ()
    grants = []
    for node in grant_list.iterfind("Grant"):
        parts = {child.tag: clean(child.text) for child in node}
        if parts.get("GrantID") or parts.get("Agency"):
            grants.append(Grant(grant_id=parts.get("GrantID"), agency=parts.get("Agency"),
                                country=parts.get("Country")))
    return tuple(grants)


def read_comments_corrections(cc_list: etree._Element | None
                              ) -> tuple[tuple[CommentCorrection, ...], tuple[Identifiers, ...]]:
    """(links such as ErratumIn / RetractionIn, cited articles from old-style ``Cites`` entries)."""
    if cc_list is None:
        return (), ()
    links, cited = [], []
    for node in cc_list.iterfind("CommentsCorrections"):
        ref_type = (node.get("RefType") or "").strip()
        source, pmid = text_of(node, "RefSource"), normalise_pmid(node.findtext("PMID"))
        doi = doi_in_text(source)
        if ref_type == "Cites":
            if pmid or doi:
                cited.append(Identifiers(pmid=pmid, doi=doi))
        elif ref_type:
            links.append(CommentCorrection(ref_type=ref_type, ref_source=source, pmid=pmid,
                                           doi=doi))
    return tuple(links), tuple(cited)


def read_references(data: etree._Element | None) -> tuple[Identifiers, ...]:
    """Identifiers of cited articles in ``ReferenceList`` (only those that carry identifiers).

    One document-order walk over ``Reference`` and ``ArticleId`` elements groups the IDs by
    reference without a ``find`` per reference (a record may cite hundreds).
    """
    if data is None:
        return ()
    refs: list[Identifiers] = []
    for ref_list in data.iterfind("ReferenceList"):
        found: dict[str, str | None] | None = None
        other: list[tuple[str, str]] = []
        for node in ref_list.iter("Reference", "ArticleId"):
            if node.tag == "Reference":
                if found or other:
                    refs.append(_identifiers(found or {}, other))
                found, other = {}, []
            elif found is not None:
                _add_id(found, other, node)
        if found or other:
            refs.append(_identifiers(found or {}, other))
    return tuple(r for r in refs if r != _NO_IDS)


def read_date(node: etree._Element | None) -> PartialDate | None:
    """``PubDate``/``ArticleDate``-like element: Year/Month/Day/Season or ``MedlineDate``."""
    if node is None:
        return None
    parts = {child.tag: child.text for child in node}
    return build_partial_date(parts.get("Year"), parts.get("Month"), parts.get("Day"),
                              parts.get("Season"), text=clean(parts.get("MedlineDate")))


def read_issns(journal: etree._Element | None) -> tuple[str, ...]:
    """Every verified ISSN of a ``Journal`` (print and electronic); bad check digits dropped."""
    if journal is None:
        return ()
    return unique(normalise_issn(n.text) for n in journal.iterfind("ISSN"))
