"""PubMed XML reader throughput: synthetic ``PubmedArticleSet`` files, parse only.

Records are templated from one hand-written article of typical size (structured abstract, eight
authors with affiliations, a dozen MeSH headings with qualifiers, chemicals, grants, references),
varied per record so no two are identical. Prints records/s as the median of several runs.
Run: .venv/bin/python bench/ingest_pubmed.py [--records 2000] [--runs 3]
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from kg.errors import RecordParseError
from kg.records.pubmed_xml import PubmedXmlReader

__all__ = ["generate_pubmed_xml"]

_HEAD = ('<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE PubmedArticleSet PUBLIC '
         '"-//NLM//DTD PubMedArticle, 1st January 2019//EN" '
         '"https://dtd.nlm.nih.gov/ncbi/pubmed/out/pubmed_190101.dtd">\n<PubmedArticleSet>\n')
_WORDS = ("ketamine esketamine depression anxiety placebo infusion response remission cohort trial "
          "adults adolescents dose outcome safety relapse week scale score primary").split()
_FAMILIES = ("Quill", "Brook", "Vale", "Stone", "Marsh", "Okafor", "Müller", "Nakamura", "Silva",
             "García", "Ivanova", "Chen")
_MESH = [("D007649", "Ketamine"), ("D003866", "Depressive Disorder"), ("D006801", "Humans"),
         ("D008297", "Male"), ("D005260", "Female"), ("D000328", "Adult"),
         ("D000928", "Antidepressive Agents"), ("D016896", "Treatment Outcome"),
         ("D004311", "Double-Blind Method"),
         ("D061218", "Depressive Disorder, Treatment-Resistant"),
         ("D001008", "Anxiety Disorders"), ("D011446", "Prospective Studies")]
_QUALIFIERS = [("Q000627", "therapeutic use"), ("Q000009", "adverse effects"),
               ("Q000188", "drug therapy"), ("Q000008", "administration &amp; dosage")]

_ARTICLE = """<PubmedArticle>
 <MedlineCitation Status="MEDLINE" Owner="NLM">
  <PMID Version="1">{pmid}</PMID>
  <Article PubModel="Print-Electronic">
   <Journal>
    <ISSN IssnType="Electronic">1471-2105</ISSN>
    <JournalIssue CitedMedium="Internet"><Volume>{volume}</Volume><Issue>{issue}</Issue>
     <PubDate><Year>{year}</Year><Month>Mar</Month></PubDate></JournalIssue>
    <Title>Journal of invented trials</Title><ISOAbbreviation>J Invent Trials</ISOAbbreviation>
   </Journal>
   <ArticleTitle>{title}</ArticleTitle>
   <Pagination><MedlinePgn>{page}-{page_end}</MedlinePgn></Pagination>
   <ELocationID EIdType="doi" ValidYN="Y">10.5555/bench.{pmid}</ELocationID>
   <Abstract>
    <AbstractText Label="BACKGROUND" NlmCategory="BACKGROUND">{s1}</AbstractText>
    <AbstractText Label="METHODS" NlmCategory="METHODS">{s2} <i>n</i> = {n}.</AbstractText>
    <AbstractText Label="RESULTS" NlmCategory="RESULTS">{s3}</AbstractText>
    <AbstractText Label="CONCLUSIONS" NlmCategory="CONCLUSIONS">{s4}</AbstractText>
   </Abstract>
   <AuthorList CompleteYN="Y">{authors}</AuthorList>
   <Language>eng</Language>
   <GrantList CompleteYN="Y"><Grant><GrantID>R01 XX{pmid}</GrantID><Agency>Invented Agency</Agency>
    <Country>United States</Country></Grant></GrantList>
   <PublicationTypeList><PublicationType UI="D016428">Journal Article</PublicationType>
    <PublicationType UI="D016449">Randomized Controlled Trial</PublicationType>
   </PublicationTypeList>
   <ArticleDate DateType="Electronic"><Year>{year}</Year><Month>02</Month><Day>11</Day>
   </ArticleDate>
  </Article>
  <MedlineJournalInfo><Country>England</Country><MedlineTA>J Invent Trials</MedlineTA>
   <NlmUniqueID>999999999</NlmUniqueID><ISSNLinking>1471-2105</ISSNLinking></MedlineJournalInfo>
  <ChemicalList><Chemical><RegistryNumber>690G0D6V8H</RegistryNumber>
   <NameOfSubstance UI="D007649">Ketamine</NameOfSubstance></Chemical></ChemicalList>
  <MeshHeadingList>{mesh}</MeshHeadingList>
  <KeywordList Owner="NOTNLM"><Keyword MajorTopicYN="N">{kw1}</Keyword>
   <Keyword MajorTopicYN="N">{kw2}</Keyword></KeywordList>
 </MedlineCitation>
 <PubmedData>
  <PublicationStatus>ppublish</PublicationStatus>
  <ArticleIdList><ArticleId IdType="pubmed">{pmid}</ArticleId>
   <ArticleId IdType="doi">10.5555/bench.{pmid}</ArticleId></ArticleIdList>
  <ReferenceList>{references}</ReferenceList>
 </PubmedData>
</PubmedArticle>
"""


def _sentence(rng: random.Random, words: int = 18) -> str:
    return " ".join(rng.choice(_WORDS) for _ in range(words)).capitalize() + "."


def _authors(rng: random.Random) -> str:
    people = []
    for i in range(rng.randint(3, 12)):
        family = rng.choice(_FAMILIES)
        letter = chr(65 + i)
        people.append(f'<Author ValidYN="Y"><LastName>{family}</LastName>'
                      f"<ForeName>Ada {letter}</ForeName><Initials>A{letter}</Initials>"
                      f"<AffiliationInfo><Affiliation>Department {i}, Invented University, "
                      f"Testville.</Affiliation></AffiliationInfo></Author>")
    return "".join(people)


def _mesh(rng: random.Random) -> str:
    out = []
    for ui, name in rng.sample(_MESH, 10):
        quals = "".join(f'<QualifierName UI="{q}" MajorTopicYN="{rng.choice("YN")}">{qn}'
                        f"</QualifierName>" for q, qn in rng.sample(_QUALIFIERS, rng.randint(0, 2)))
        out.append(f'<MeshHeading><DescriptorName UI="{ui}" MajorTopicYN="{rng.choice("YN")}">'
                   f"{name}</DescriptorName>{quals}</MeshHeading>")
    return "".join(out)


def _references(rng: random.Random, pmid: int) -> str:
    return "".join(f"<Reference><Citation>{_sentence(rng, 8)}</Citation><ArticleIdList>"
                   f'<ArticleId IdType="pubmed">{pmid - k - 1}</ArticleId></ArticleIdList>'
                   f"</Reference>" for k in range(rng.randint(5, 25)))


def generate_pubmed_xml(records: int = 2000, seed: int = 7) -> bytes:
    """A ``PubmedArticleSet`` of ``records`` varied, realistic-sized invented articles."""
    rng = random.Random(seed)
    parts = [_HEAD]
    for i in range(records):
        pmid, page = 80_000_000 + i, rng.randint(1, 2000)
        parts.append(_ARTICLE.format(
            pmid=pmid, volume=rng.randint(1, 60), issue=rng.randint(1, 12),
            year=rng.randint(1990, 2024), title=_sentence(rng, 12), page=page,
            page_end=page + rng.randint(1, 15), s1=_sentence(rng), s2=_sentence(rng),
            s3=_sentence(rng, 40), s4=_sentence(rng), n=rng.randint(20, 900),
            authors=_authors(rng), mesh=_mesh(rng), kw1=rng.choice(_WORDS),
            kw2=rng.choice(_WORDS), references=_references(rng, pmid)))
    parts.append("</PubmedArticleSet>\n")
    return "".join(parts).encode("utf-8")


def time_parse(data: bytes) -> tuple[int, float, float]:
    """(records read, wall seconds, CPU seconds) for one full pass of the reader over ``data``.

    CPU time is reported too because the machine may be shared: it is what one core spends.
    """
    reader = PubmedXmlReader()
    wall, cpu = time.perf_counter(), time.process_time()
    results = list(reader.read(data, "bench.xml"))
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    errors = [r for r in results if isinstance(r, RecordParseError)]
    if errors:
        raise SystemExit(f"unexpected errors: {errors[:3]}")
    return len(results), wall, cpu


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--records", type=int, default=2000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    data = generate_pubmed_xml(args.records)
    timings = [time_parse(data) for _ in range(args.runs)]
    count = timings[0][0]
    wall = statistics.median(t[1] for t in timings)
    cpu = statistics.median(t[2] for t in timings)
    print(f"pubmed-xml parse: {count} records, {len(data) / 1e6:.1f} MB "
          f"({len(data) / count / 1e3:.1f} kB/record), median of {args.runs} runs")
    print(f"wall {wall:.3f} s = {count / wall:,.0f} records/s; "
          f"CPU {cpu:.3f} s = {count / cpu:,.0f} records/s (one core)")


if __name__ == "__main__":
    main()
