"""PubMed XML reader: ``PubmedArticleSet`` / ``PubmedBookArticleSet`` exports and bare records.

Safety first: lxml parses with entity resolution, DTD loading and network access switched off,
and a document whose prolog declares entities (billion laughs, ``SYSTEM "file:///etc/passwd"``)
is refused before parsing, so nothing is expanded, fetched or read from disk.

The file is streamed with ``iterparse`` and every finished record is freed, so memory stays flat
on large exports. When the XML breaks part-way, the records already read are kept, the broken one
is reported with its line, and the records after it are parsed one by one.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterator

from lxml import etree

from kg.errors import RecordParseError
from kg.records.base import ReadResult, record_sha256
from kg.records.identifiers import (
    normalise_issn,
    normalise_pmid,
    record_doi,
)
from kg.records.model import Identifiers, Journal, Record, SourceInfo
from kg.records.pubmed_fields import (
    child_map,
    clean,
    flatten_text,
    normalise_language,
    read_abstract,
    read_article_ids,
    read_authors,
    read_chemicals,
    read_comments_corrections,
    read_date,
    read_grants,
    read_issns,
    read_mesh_headings,
    read_references,
    read_supplementary_mesh,
    split_pages,
    unique,
)
from kg.records.registry import register

__all__ = ["PARSER_OPTIONS", "PubmedXmlReader", "parse_article_element"]

FORMAT = "pubmed-xml"
RECORD_TAGS = ("PubmedArticle", "PubmedBookArticle")
PARSER_OPTIONS = {"resolve_entities": False, "no_network": True, "load_dtd": False,
                  "huge_tree": False}

_ROOT = re.compile(r"<(?:PubmedArticleSet|PubmedArticle|PubmedBookArticleSet|PubmedBookArticle)"
                   r"[\s>/]")
_ROOT_BYTES = re.compile(_ROOT.pattern.encode())
_RECORD_START = re.compile(rb"<(PubmedArticle|PubmedBookArticle)[\s>]")
_NO_IDS = Identifiers()


def _merge_ids(primary: Identifiers, extra: Identifiers) -> Identifiers:
    """Fill the gaps of ``primary`` from ``extra``; other schemes are unioned."""
    return Identifiers(doi=primary.doi or extra.doi, pmid=primary.pmid or extra.pmid,
                       pmcid=primary.pmcid or extra.pmcid,
                       other=tuple(dict.fromkeys(primary.other + extra.other)))


def _elocation_ids(parent: etree._Element) -> Identifiers:
    """``ELocationID`` (doi, pii …) of an Article or Book, skipping those marked invalid."""
    doi, other = None, []
    for node in parent.iterfind("ELocationID"):
        scheme, value = (node.get("EIdType") or "").lower(), flatten_text(node)
        if node.get("ValidYN", "Y") == "N" or not scheme or not value:
            continue
        if scheme == "doi":
            doi = doi or record_doi(value)
        else:
            other.append((scheme, value))
    return Identifiers(doi=doi, other=tuple(other))


def _record_ids(pmid_text: str | None, *id_sources: Identifiers) -> Identifiers:
    ids = Identifiers(pmid=normalise_pmid(pmid_text))
    for extra in id_sources:
        ids = _merge_ids(ids, extra)
    return ids


def _pages(pagination: etree._Element | None) -> tuple[str | None, str | None, str | None]:
    """(pages as printed, first page, last page) from ``MedlinePgn`` or Start/EndPage."""
    parts = {child.tag: clean(child.text) for child in pagination} if pagination is not None else {}
    pages = parts.get("MedlinePgn")
    if pages:
        return (pages, *split_pages(pages))
    start, end = parts.get("StartPage"), parts.get("EndPage")
    return "-".join(p for p in (start, end) if p) or None, start, end


def _journal(article: dict[str, etree._Element], info: dict[str, etree._Element]) -> Journal:
    journal_element = article.get("Journal")
    journal = child_map(journal_element)
    issue = child_map(journal.get("JournalIssue"))
    pages, start, end = _pages(article.get("Pagination"))
    return Journal(
        title=flatten_text(journal.get("Title")),
        iso_abbreviation=flatten_text(journal.get("ISOAbbreviation"))
        or flatten_text(info.get("MedlineTA")),
        volume=flatten_text(issue.get("Volume")), issue=flatten_text(issue.get("Issue")),
        pages=pages, page_start=start, page_end=end, issns=read_issns(journal_element),
        issn_linking=normalise_issn(flatten_text(info.get("ISSNLinking"))),
        nlm_id=flatten_text(info.get("NlmUniqueID")) or flatten_text(info.get("NLMUniqueID")))


def _article_record(element: etree._Element, source: SourceInfo) -> Record:
    top = child_map(element)
    if "MedlineCitation" not in top:
        raise ValueError("PubmedArticle has no MedlineCitation")
    citation = child_map(top["MedlineCitation"])
    if "Article" not in citation:
        raise ValueError("MedlineCitation has no Article")
    article_element, data = citation["Article"], top.get("PubmedData")
    article, info = child_map(article_element), child_map(citation.get("MedlineJournalInfo"))
    links, cited = read_comments_corrections(citation.get("CommentsCorrectionsList"))
    issue = child_map(child_map(article.get("Journal")).get("JournalIssue"))
    return Record(
        source=source,
        ids=_record_ids(flatten_text(citation.get("PMID")), _elocation_ids(article_element),
                        read_article_ids(child_map(data).get("ArticleIdList"))),
        title=flatten_text(article.get("ArticleTitle")),
        vernacular_title=flatten_text(article.get("VernacularTitle")),
        abstract=read_abstract(article.get("Abstract")),
        authors=read_authors(article.get("AuthorList"))
        + read_authors(citation.get("InvestigatorList"), "Investigator", investigator=True),
        journal=_journal(article, info),
        published=read_date(issue.get("PubDate")),
        article_date=read_date(article.get("ArticleDate")),
        languages=unique(normalise_language(n.text) for n in article_element.iterfind("Language")),
        country=flatten_text(info.get("Country")),
        publication_types=_texts(article.get("PublicationTypeList"), "PublicationType"),
        keywords=_texts(top["MedlineCitation"], "KeywordList/Keyword"),
        mesh_headings=read_mesh_headings(citation.get("MeshHeadingList"))
        + read_supplementary_mesh(citation.get("SupplMeshList")),
        chemicals=read_chemicals(citation.get("ChemicalList")),
        grants=read_grants(article.get("GrantList")),
        comments_corrections=links,
        references=cited + read_references(data),
    )


def _texts(parent: etree._Element | None, path: str) -> tuple[str, ...]:
    """Distinct flattened texts of the elements at ``path`` (publication types, keywords)."""
    return unique(flatten_text(n) for n in parent.iterfind(path)) if parent is not None else ()


def _book_authors(document: etree._Element) -> etree._Element | None:
    """The chapter's own author list, else the book's (editors are not authors)."""
    for path in ("AuthorList", "Book/AuthorList"):
        for author_list in document.iterfind(path):
            if author_list.get("Type", "authors") != "editors":
                return author_list
    return None


def _book_record(element: etree._Element, source: SourceInfo) -> Record:
    """A book or chapter: its own title, abstract, authors and date; no journal fields."""
    top = child_map(element)
    if "BookDocument" not in top:
        raise ValueError("PubmedBookArticle has no BookDocument")
    document_element = top["BookDocument"]
    document = child_map(document_element)
    book_element = document.get("Book")
    book = child_map(book_element)
    links, cited = read_comments_corrections(document.get("CommentsCorrectionsList"))
    isbns = tuple(("isbn", v) for v in _texts(book_element, "Isbn"))
    return Record(
        source=source,
        ids=_record_ids(flatten_text(document.get("PMID")),
                        _elocation_ids(book_element) if book_element is not None else _NO_IDS,
                        read_article_ids(document.get("ArticleIdList")),
                        read_article_ids(child_map(top.get("PubmedBookData")).get("ArticleIdList")),
                        Identifiers(other=isbns)),
        title=flatten_text(document.get("ArticleTitle")) or flatten_text(book.get("BookTitle")),
        vernacular_title=flatten_text(document.get("VernacularTitle")),
        abstract=read_abstract(document.get("Abstract")),
        authors=read_authors(_book_authors(document_element))
        + read_authors(document.get("InvestigatorList"), "Investigator", investigator=True),
        published=read_date(book.get("PubDate")),
        languages=unique(normalise_language(n.text) for n in document_element.iterfind("Language")),
        publication_types=_texts(document_element, "PublicationType")
        + _texts(document.get("PublicationTypeList"), "PublicationType"),
        keywords=_texts(document_element, "KeywordList/Keyword"),
        grants=read_grants(document.get("GrantList")),
        comments_corrections=links,
        references=cited + read_references(top.get("PubmedBookData")),
    )


def parse_article_element(element: etree._Element, path: str, index: int,
                          line_offset: int = 0) -> ReadResult:
    """One ``PubmedArticle``/``PubmedBookArticle`` element → Record, or the error naming it."""
    line = element.sourceline + line_offset if element.sourceline else None
    source = SourceInfo(path=path, index=index, line=line, format=FORMAT,
                        sha256=record_sha256(etree.tostring(element, with_tail=False)))
    try:
        build = _article_record if element.tag == "PubmedArticle" else _book_record
        record = build(element, source)
    except (ValueError, TypeError, AttributeError) as exc:
        pmid = normalise_pmid(element.findtext("MedlineCitation/PMID")
                              or element.findtext("BookDocument/PMID"))
        return RecordParseError(str(exc), path=path, index=index, line=line,
                                record_id=f"PMID {pmid}" if pmid else None)
    if not (record.ids.pmid or record.ids.doi or record.title):
        return RecordParseError("record has no PMID, DOI or title", path=path, index=index,
                                line=line)
    return record


def _refuse_entities(data: bytes, path: str) -> RecordParseError | None:
    """An error when the prolog declares entities: PubMed never does, attackers do."""
    root = _ROOT_BYTES.search(data)
    prolog = data[: root.start()] if root else data
    if b"<!ENTITY" in prolog:
        return RecordParseError("XML declares entities in its DOCTYPE; refused (entities are "
                                "never expanded or fetched)", path=path, line=1)
    return None


def _free(element: etree._Element) -> None:
    """Drop a finished record and its already-read siblings so memory stays flat."""
    element.clear(keep_tail=True)
    parent = element.getparent()
    if parent is not None:
        while element.getprevious() is not None:
            del parent[0]


def _syntax_reason(exc: etree.XMLSyntaxError) -> str:
    """lxml's message without its own position (which is relative for a re-parsed fragment)."""
    message = re.sub(r",\s*line \d+, column \d+\s*$", "", exc.msg or str(exc))
    return f"malformed XML: {message}"


def _record_spans(data: bytes) -> list[tuple[int, int, int]]:
    """(start, end, first line) of each record's raw text, found without parsing."""
    starts = [m.start() for m in _RECORD_START.finditer(data)]
    spans, line, counted = [], 1, 0
    for i, start in enumerate(starts):
        limit = starts[i + 1] if i + 1 < len(starts) else len(data)
        tag = _RECORD_START.match(data, start).group(1)
        close = data.find(b"</" + tag + b">", start, limit)
        end = close + len(tag) + 3 if close >= 0 else limit
        line, counted = line + data.count(b"\n", counted, start), start
        spans.append((start, end, line))
    return spans


def _salvage(data: bytes, path: str, done: int, error: etree.XMLSyntaxError
             ) -> Iterator[ReadResult]:
    """After a syntax error: report the broken record and parse the ones after it one by one."""
    spans = _record_spans(data)
    bad_line = error.lineno or 0
    reported = False
    for index in range(done, len(spans)):
        start, end, first_line = spans[index]
        last_line = first_line + data.count(b"\n", start, end)
        if not reported and first_line <= bad_line <= last_line:
            reported = True
            yield RecordParseError(_syntax_reason(error), path=path, index=index,
                                   line=bad_line)
            continue
        yield from _parse_fragment(data[start:end], path, index, first_line - 1)
    if not reported:
        yield RecordParseError(_syntax_reason(error), path=path, line=bad_line or None)


def _parse_fragment(chunk: bytes, path: str, index: int, line_offset: int) -> Iterator[ReadResult]:
    parser = etree.XMLParser(**PARSER_OPTIONS)
    try:
        element = etree.fromstring(chunk, parser)
    except etree.XMLSyntaxError as exc:
        line = (exc.lineno or 1) + line_offset
        yield RecordParseError(_syntax_reason(exc), path=path, index=index, line=line)
        return
    yield parse_article_element(element, path, index, line_offset)


def _stream(data: bytes, path: str) -> Iterator[ReadResult]:
    count = 0
    events = etree.iterparse(io.BytesIO(data), events=("end",), tag=RECORD_TAGS, **PARSER_OPTIONS)
    try:
        for _event, element in events:
            yield parse_article_element(element, path, count)
            count += 1
            _free(element)
    except etree.XMLSyntaxError as exc:
        yield from _salvage(data, path, count, exc)
        return
    if count == 0:
        yield RecordParseError("no PubmedArticle or PubmedBookArticle element found", path=path)


class PubmedXmlReader:
    """Reader for PubMed/MEDLINE XML (efetch ``rettype=xml``, baseline and update files)."""

    name = FORMAT
    extensions = (".xml",)

    def sniff(self, head: str) -> bool:
        """XML whose first elements are PubMed's (after any XML declaration or DOCTYPE)."""
        return head.lstrip().startswith("<") and _ROOT.search(head) is not None

    def read(self, data: bytes, path: str) -> Iterator[ReadResult]:
        """Records in document order; errors as values, the rest of the file goes on."""
        refused = _refuse_entities(data, path)
        if refused is not None:
            yield refused
            return
        yield from _stream(data, path)


register(PubmedXmlReader())
