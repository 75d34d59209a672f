"""Study design from text alone: RCT recall and design accuracy with publication types withheld.

Two measures, each on a fixed hash split (the first hex digit of the MD5 of the article's id:
0–7 development, 8–f test), so rules are developed on one half and reported on the other once:

1. **RCT recall** on the ``evidence_inference`` abstracts (``../shared/data/corpora``), all of
   them reports of randomised controlled trials: each becomes a Record with its title and its
   authors' sections (headings kept, as a reader gives them) and no publication types; recall is
   the share that ``kg.extract.design.assess_design`` calls a randomised controlled trial.
2. **Design accuracy** on the PubMed fixture records (``../shared/fixtures/pubmed_xml`` and
   ``medline_nbib``, one record per PMID) with publication types withheld; the gold design comes
   from the withheld publication types (``GOLD`` below; first match wins). Records whose
   publication types name no design (Journal Article, Comparative Study, Historical Article …)
   are excluded and counted. Accuracy is also given for records that have an abstract.

    .venv/bin/python bench/design_eval.py                 # test halves (report) and speed
    .venv/bin/python bench/design_eval.py --split dev --errors 20   # development, with errors

Speed is the median, over ``--repeat`` passes, of CPU milliseconds per abstract for
``assess_design`` alone (sentence splitting and roles included).
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import statistics
import sys
import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from kg.extract.design import assess_design  # noqa: E402
from kg.records.model import AbstractSection, Identifiers, Record, SourceInfo  # noqa: E402
from kg.records.registry import iter_input_files, read_file  # noqa: E402

SHARED = ROOT.parent / "shared"
RCT = "randomised-controlled-trial"
_REVIEWS = frozenset({"systematic-review", "overview-of-reviews", "scoping-review",
                      "narrative-review"})
_OBSERVATIONAL = frozenset({"cohort", "prospective-cohort", "retrospective-cohort",
                            "case-control", "cross-sectional", "uncontrolled-before-after",
                            "case-series", "non-randomised-controlled"})
GOLD: tuple[tuple[str, frozenset[str]], ...] = (
    ("randomized controlled trial", frozenset({RCT})),
    ("meta-analysis", frozenset({"systematic-review", "overview-of-reviews"})),
    ("systematic review", frozenset({"systematic-review", "overview-of-reviews"})),
    ("practice guideline", frozenset({"guideline"})),
    ("guideline", frozenset({"guideline"})),
    ("consensus development conference", frozenset({"guideline"})),
    ("case reports", frozenset({"case-report", "case-series"})),
    ("observational study", _OBSERVATIONAL),
    ("review", _REVIEWS),
    ("editorial", frozenset({"expert-opinion"})),
    ("comment", frozenset({"expert-opinion"})),
    ("letter", frozenset({"expert-opinion"})),
    ("news", frozenset({"expert-opinion"})),
    ("newspaper article", frozenset({"expert-opinion"})),
)
"""Publication type → designs that agree with it. NLM's "Case Reports" covers case series, its
"Review" every kind of review, its "Observational Study" every non-randomised observational
design; a record typed "Review" in the Cochrane Database of Systematic Reviews is a systematic
review (NLM typed Cochrane reviews "Review" before "Systematic Review" existed)."""


def split_of(key: str) -> str:
    """``dev`` or ``test`` from the first hex digit of the key's MD5 (fixed, content-free)."""
    return "dev" if hashlib.md5(key.encode()).hexdigest()[0] in "01234567" else "test"


def inference_records(split: str) -> Iterator[Record]:
    """The evidence_inference abstracts of one split as Records without publication types."""
    path = SHARED / "data" / "corpora" / "evidence_inference" / "abstracts.jsonl.gz"
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        for i, line in enumerate(handle):
            doc = json.loads(line)
            if split_of(str(doc["pmcid"])) != split:
                continue
            sections = tuple(AbstractSection(s["text"], s.get("label") or None)
                             for s in doc["sections"] if s.get("text"))
            yield Record(source=SourceInfo("evidence-inference", i, None, "jsonl", "-"),
                         ids=Identifiers(pmcid=str(doc["pmcid"])), title=doc.get("title"),
                         abstract=sections)


def rct_recall(split: str, errors: int) -> None:
    """Share of RCT reports called randomised controlled trials from their text alone."""
    found, animal, designs, missed = 0, 0, Counter[str](), []
    for record in inference_records(split):
        assessment = assess_design(record)
        designs[assessment.design] += 1
        found += assessment.design == RCT
        animal += assessment.subtype == "randomised"
        if assessment.design != RCT:
            missed.append((record.ids.pmcid, assessment.design, (record.title or "")[:90]))
    total = sum(designs.values())
    print(f"RCT recall ({split}, evidence_inference, text only): {found}/{total} = "
          f"{found / total:.3f}; randomised animal or in-vitro studies (design kept non-human): "
          f"{animal}; counting those: {(found + animal) / total:.3f}")
    print("  predicted designs:", dict(designs.most_common()))
    _show_errors(missed, errors, split)


def design_speed(split: str, repeat: int) -> None:
    """Median CPU milliseconds per record of ``assess_design`` over ``repeat`` passes."""
    records = list(inference_records(split))
    times = []
    for _ in range(repeat):
        start = time.process_time()
        for record in records:
            assess_design(record)
        times.append((time.process_time() - start) * 1000 / len(records))
    print(f"assess_design: median {statistics.median(times):.2f} ms of CPU per abstract "
          f"({repeat} passes over {len(records)} abstracts)")


def gold_design(record: Record) -> frozenset[str] | None:
    """The designs the record's publication types (and the Cochrane journal) agree with."""
    types = {t.strip().lower() for t in record.publication_types}
    journal = (record.journal.title or "").lower()
    if "review" in types and "cochrane database" in journal:
        return frozenset({"systematic-review"})
    return next((designs for name, designs in GOLD if name in types), None)


def fixture_records(split: str) -> Iterator[Record]:
    """PubMed fixture records of one split, one per PMID (or title when there is none)."""
    seen: set[str] = set()
    folders = [SHARED / "fixtures" / "pubmed_xml", SHARED / "fixtures" / "medline_nbib"]
    for path in iter_input_files(list(folders)):
        for item in read_file(path):
            if not isinstance(item, Record):
                continue
            key = item.ids.pmid or (item.title or "")
            if key and key not in seen and split_of(key) == split:
                seen.add(key)
                yield item


def fixture_accuracy(split: str, errors: int) -> None:
    """Design accuracy with publication types withheld, publication types as gold."""
    scored: list[tuple[bool, bool]] = []
    excluded, wrong = 0, []
    for record in fixture_records(split):
        gold = gold_design(record)
        if gold is None:
            excluded += 1
            continue
        predicted = assess_design(replace(record, publication_types=())).design
        scored.append((predicted in gold, bool(record.abstract_text.strip())))
        if predicted not in gold:
            wrong.append((record.ids.pmid, predicted, f"{sorted(gold)} {record.title or ''}"[:120]))
    right = sum(ok for ok, _ in scored)
    with_abstract = [ok for ok, has in scored if has]
    print(f"Design accuracy ({split}, PubMed fixtures, publication types withheld): "
          f"{right}/{len(scored)} = {right / max(1, len(scored)):.3f}; with an abstract: "
          f"{sum(with_abstract)}/{len(with_abstract)} = "
          f"{sum(with_abstract) / max(1, len(with_abstract)):.3f}; "
          f"excluded (no design in publication types): {excluded}")
    _show_errors(wrong, errors, split)


def _show_errors(rows: list[tuple[str | None, str, str]], count: int, split: str) -> None:
    if count and split == "test":
        print("  (errors are listed on the development split only)")
        return
    for row in rows[:count]:
        print("  ", *row)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", choices=("dev", "test"), default="test")
    parser.add_argument("--errors", type=int, default=0, help="list N errors (dev only)")
    parser.add_argument("--repeat", type=int, default=3, help="timing passes (0: no timing)")
    args = parser.parse_args()
    rct_recall(args.split, args.errors)
    fixture_accuracy(args.split, args.errors)
    if args.repeat:
        design_speed(args.split, args.repeat)


if __name__ == "__main__":
    main()
