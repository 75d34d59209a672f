"""A PubMed XML corpus of any size, re-identified from the real records in ../shared/fixtures.

Scale benchmarks need many records that look like PubMed's (real titles and abstracts, real
MeSH indexing, real author lists with affiliations, real journals) without downloading PubMed.
Each written record is one real PubMed article with abstract (its title, abstract, MeSH,
chemicals, keywords and publication types kept together, so the text and its indexing agree),
given the author list of a second real record and the journal of a third, and a fresh identity:
PMID ``100000000 + 10,000,000 × seed + i`` (nine digits, above any real PMID) and DOI
``10.5555/ekg-bench.<seed>.<i>`` (10.5555 is a test prefix). Other identifiers (PMC, PII,
publisher ids) are dropped so no two records claim one identity. The same seed and size give
the same files byte for byte.

Caveat for the figures: there are about 125 distinct abstracts, so claim cores and concepts
(content-identified, stored once in the shared graph) repeat every ~125 records; a real corpus
of the same size has many more distinct ones.

Run: ``.venv/bin/python bench/make_corpus.py --records 10000 --out /tmp/corpus-10k``.
"""

from __future__ import annotations

import argparse
import copy
import random
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from lxml import etree

__all__ = ["Sources", "load_sources", "main", "write_corpus"]

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT.parent / "shared" / "fixtures" / "pubmed_xml"
PMID_BASE = 100_000_000
SEED_STRIDE = 10_000_000
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, remove_blank_text=True,
                          huge_tree=False)
_HEADER = (b'<?xml version="1.0" encoding="utf-8"?>\n'
           b'<!DOCTYPE PubmedArticleSet PUBLIC "-//NLM//DTD PubMedArticle, 1st January 2019//EN" '
           b'"https://dtd.nlm.nih.gov/ncbi/pubmed/out/pubmed_190101.dtd">\n<PubmedArticleSet>\n')


@dataclass(frozen=True, slots=True)
class Sources:
    """The real parts records are assembled from, in a fixed order (file name, then position)."""

    articles: tuple[etree._Element, ...]
    author_lists: tuple[etree._Element, ...]
    journals: tuple[etree._Element, ...]


def _articles(folder: Path) -> Iterator[etree._Element]:
    for path in sorted(folder.glob("*.xml")):
        root = etree.parse(str(path), _PARSER).getroot()
        yield from root.iter("PubmedArticle")


def load_sources(folder: Path = FIXTURES) -> Sources:
    """Real PubMed articles with an abstract, and the author lists and journals of all of them."""
    every = list(_articles(folder))
    with_text = [a for a in every if a.find("MedlineCitation/Article/Abstract") is not None]
    authors = [a.find("MedlineCitation/Article/AuthorList") for a in every]
    journals = [a.find("MedlineCitation/Article/Journal") for a in every]
    if not with_text:
        raise SystemExit(f"no PubMed records with an abstract under {folder}")
    return Sources(tuple(with_text), tuple(a for a in authors if a is not None),
                   tuple(j for j in journals if j is not None))


def _replace(parent: etree._Element, tag: str, new: etree._Element) -> None:
    """Put ``new`` where ``parent``'s ``tag`` child was (first child if there was none)."""
    old = parent.find(tag)
    if old is None:
        parent.insert(0, copy.deepcopy(new))
    else:
        parent.replace(old, copy.deepcopy(new))


def _set_identity(article: etree._Element, pmid: str, doi: str) -> None:
    """The fresh PMID and DOI everywhere PubMed states a record's own identity."""
    citation = article.find("MedlineCitation")
    citation.find("PMID").text = pmid
    body = citation.find("Article")
    for node in body.findall("ELocationID"):
        body.remove(node)
    eloc = etree.Element("ELocationID", EIdType="doi", ValidYN="Y")
    eloc.text = doi
    body.find("Pagination" if body.find("Pagination") is not None else "ArticleTitle").addnext(eloc)
    ids = article.find("PubmedData/ArticleIdList")
    if ids is None:
        ids = etree.SubElement(_pubmed_data(article), "ArticleIdList")
    ids.clear()
    for scheme, value in (("pubmed", pmid), ("doi", doi)):
        etree.SubElement(ids, "ArticleId", IdType=scheme).text = value


def _pubmed_data(article: etree._Element) -> etree._Element:
    data = article.find("PubmedData")
    return data if data is not None else etree.SubElement(article, "PubmedData")


def make_record(sources: Sources, rng: random.Random, seed: int, i: int) -> etree._Element:
    """Record ``i``: a real article's text and indexing, another's authors, a third's journal."""
    article = copy.deepcopy(rng.choice(sources.articles))
    body = article.find("MedlineCitation/Article")
    if sources.author_lists:
        _replace(body, "AuthorList", rng.choice(sources.author_lists))
    if sources.journals:
        _replace(body, "Journal", rng.choice(sources.journals))
    pmid = str(PMID_BASE + SEED_STRIDE * seed + i)
    _set_identity(article, pmid, f"10.5555/ekg-bench.{seed}.{i}")
    return article


def write_corpus(records: int, out: Path, *, seed: int = 0, per_file: int = 1000,
                 sources: Sources | None = None) -> list[Path]:
    """Write ``records`` records into ``out/corpus-00000.xml`` …, ``per_file`` to a file."""
    if records >= SEED_STRIDE:
        raise SystemExit(f"at most {SEED_STRIDE - 1} records per seed")
    sources = sources or load_sources()
    rng = random.Random(seed)
    out.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    for start in range(0, records, per_file):
        path = out / f"corpus-{start // per_file:05d}.xml"
        with path.open("wb") as fh:
            fh.write(_HEADER)
            for i in range(start, min(start + per_file, records)):
                fh.write(etree.tostring(make_record(sources, rng, seed, i), encoding="utf-8"))
                fh.write(b"\n")
            fh.write(b"</PubmedArticleSet>\n")
        written.append(path)
    return written


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--records", type=int, required=True)
    parser.add_argument("--out", type=Path, required=True, help="folder (outside the repo)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--per-file", type=int, default=1000)
    args = parser.parse_args(argv)
    paths = write_corpus(args.records, args.out, seed=args.seed, per_file=args.per_file)
    print(f"wrote {args.records} records in {len(paths)} files under {args.out}")


if __name__ == "__main__":
    main()
