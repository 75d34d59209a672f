"""A hand-checked random sample of text-mined claims: does the graph say what its sentences say?

Runs the product's own per-record path (``kg.build_inputs.read_records`` → the pipeline's
duplicate rule → ``kg.pipeline.extract_record``, i.e. read → recognise → extract exactly as
``ekg build`` does) on every record under ``../shared/fixtures``, keeps every text-mined
(claim, evidence) pair — indexer, curator and vocabulary-derived statements are left out — and
draws ``SAMPLE_SIZE`` pairs at random with the fixed seed ``SEED``, so each row is one claim
read from one sentence (when there are fewer pairs than that, every pair is drawn: a census).
The sentence itself is only ever read from ``../shared`` at run time and printed; the verdicts
file keeps offsets, never text.

    .venv/bin/python bench/claim_sample.py                # draw and print the sample
    .venv/bin/python bench/claim_sample.py --tsv FILE     # ... and write a verdicts template
    .venv/bin/python bench/claim_sample.py --show         # judged rows beside their sentences
    .venv/bin/python bench/claim_sample.py --totals [--cap N] [--distinct]  # counts and %

Verdicts (``bench/claim_sample_verdicts.tsv``): *correct* — subject, relation, object, direction,
kind and role are what the sentence says; *partly* — the right pair, but e.g. the direction's
strength, the kind or the concept's breadth is off; *wrong* — the sentence does not say this.
A reason starts with its error category (``grounding: ...``), which ``--totals`` counts.
``--cap N`` recomputes the totals keeping at most N rows per record, so one record with many
claims cannot carry the figure; ``--distinct`` counts a row that a copy of the same article in
another fixture file repeats (same claim, kind and span) once.
"""

from __future__ import annotations

import argparse
import csv
import random
import sys
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from kg.build_inputs import read_records  # noqa: E402
from kg.build_report import BuildSummary  # noqa: E402
from kg.extract.model import Claim, Evidence  # noqa: E402
from kg.pipeline import extract_record  # noqa: E402
from kg.rdf.mapping import graph_iri_for  # noqa: E402
from kg.records.model import Record  # noqa: E402

__all__ = [
    "SAMPLE_SIZE",
    "SEED",
    "Row",
    "distinct",
    "draw_sample",
    "error_categories",
    "main",
    "sentence_text",
    "totals",
]

FIXTURES = ROOT.parent / "shared" / "fixtures"
VERDICTS = ROOT / "bench" / "claim_sample_verdicts.tsv"
SEED = 20261207
"""The sample's seed (the date it was first drawn); change it only to draw a new sample."""
SAMPLE_SIZE = 100
COLUMNS = ("row", "record", "section", "start", "end", "subject", "relation", "object",
           "direction", "kind", "role", "verdict", "reason")
VERDICT_NAMES = ("correct", "partly", "wrong")


@dataclass(frozen=True, slots=True)
class Row:
    """One (claim, evidence) pair of one record, with where its sentence is."""

    record_id: str  # fixture path relative to the fixtures folder, '#', 0-based record index
    ident: str  # the record's DOI or PMID, for a reader
    claim: Claim
    evidence: Evidence


def record_id(record: Record) -> str:
    """``format_dir/file#index``: enough to find the record again in ``../shared``."""
    path = Path(record.source.path)
    rel = path.relative_to(FIXTURES) if path.is_absolute() else path
    return f"{rel}#{record.source.index}"


def fixture_records() -> Iterator[Record]:
    """Every fixture record as ``ekg build`` reads it, a repeated graph key dropped as it is."""
    seen: set[str] = set()
    for record in read_records([FIXTURES], None, BuildSummary(), lambda _: None):
        graph = str(graph_iri_for(record))
        if graph not in seen:
            seen.add(graph)
            yield record


def record_ident(record: Record) -> str:
    """The record's DOI or PMID, as a reader would look the article up."""
    return f"doi:{record.ids.doi}" if record.ids.doi else f"pmid:{record.ids.pmid or '-'}"


def text_mined_rows(record: Record) -> Iterator[Row]:
    """The record's text-mined (claim, evidence) pairs, in extraction order."""
    ident = record_ident(record)
    for claim in extract_record(record).claims:
        for ev in claim.evidence:
            if ev.agent == "text-mined" and ev.start is not None:
                yield Row(record_id(record), ident, claim, ev)


def draw_sample(rows: list[Row], size: int = SAMPLE_SIZE, seed: int = SEED) -> list[Row]:
    """``size`` rows drawn uniformly with ``seed``, kept in population order to read record by
    record."""
    picked = sorted(random.Random(seed).sample(range(len(rows)), min(size, len(rows))))
    return [rows[i] for i in picked]


def section_text(record: Record, section: str | None) -> str:
    """The text an evidence's offsets count in (title, a labelled section, or the abstract)."""
    if section == "title":
        return record.title or ""
    labelled = [s.text for s in record.abstract if s.label == section]
    return labelled[0] if labelled else record.abstract_text


def sentence_text(record: Record, section: str | None, start: int, end: int) -> str:
    """The sentence as the record prints it, read at run time (never stored)."""
    return section_text(record, section)[start:end]


def row_fields(n: int, row: Row) -> dict[str, str]:
    """One sample row as the verdicts file's columns (verdict and reason left to the judge)."""
    c, ev = row.claim, row.evidence
    return {"row": f"S{n:03d}", "record": row.record_id, "section": ev.section or "",
            "start": str(ev.start), "end": str(ev.end), "subject": c.subject_label,
            "relation": c.relation, "object": c.object_label, "direction": c.direction,
            "kind": ev.kind, "role": ev.role or "", "verdict": "", "reason": ""}


def print_row(fields: dict[str, str], sentence: str, ident: str = "") -> None:
    """A row as a judge reads it: ids, the claim, kind and role, then the sentence."""
    print(f"{fields['row']}  {fields['record']} {ident}  [{fields['section']} "
          f"{fields['start']}-{fields['end']}]  kind={fields['kind']} role={fields['role']}")
    print(f"  CLAIM  {fields['subject']} --{fields['relation']}/{fields['direction']}--> "
          f"{fields['object']}")
    if fields.get("verdict"):
        print(f"  VERDICT {fields['verdict']}: {fields['reason']}")
    print(f"  SENT   {sentence}\n")


def run_sample(tsv: Path | None) -> None:
    """Draw the sample, print it, and optionally write a verdicts template."""
    records = {record_id(r): r for r in fixture_records()}
    rows = [row for r in records.values() for row in text_mined_rows(r)]
    sample = draw_sample(rows)
    per_record = Counter(row.record_id for row in rows)
    census = " (fewer pairs than the sample size: every pair is drawn)" if len(rows) <= len(
        sample) else ""
    print(f"{len(records)} records, {len(rows)} text-mined (claim, evidence) pairs from "
          f"{len(per_record)} records; seed {SEED}, {len(sample)} drawn{census}\n")
    table = [row_fields(i, row) for i, row in enumerate(sample, 1)]
    for fields, row in zip(table, sample, strict=True):
        print_row(fields, row.evidence.sentence, row.ident)
    print_spread(Counter(row.record_id for row in sample))
    if tsv:
        write_tsv(tsv, table, len(rows))


def print_spread(per_record: Counter[str]) -> None:
    """How many sampled rows each record gave (is the sample dominated by one record?)."""
    print(f"sampled rows come from {len(per_record)} records; most from one record:")
    for rid, n in per_record.most_common(5):
        print(f"  {n:3d}  {rid}")


def write_tsv(path: Path, table: list[dict[str, str]], population: int) -> None:
    """A verdicts template: the commit it was drawn on as a comment line, then the rows."""
    import subprocess

    commit = subprocess.run(["git", "-C", str(ROOT), "log", "-1", "--format=%H"],
                            capture_output=True, text=True, check=False).stdout.strip()
    with path.open("w", newline="", encoding="utf-8") as out:
        out.write(f"# commit {commit}; seed {SEED}; {len(table)} of {population} text-mined "
                  f"pairs drawn (sample size {SAMPLE_SIZE}); bench/claim_sample.py\n")
        writer = csv.DictWriter(out, COLUMNS, delimiter="\t", lineterminator="\n")
        writer.writeheader()
        writer.writerows(table)


def read_verdicts(path: Path = VERDICTS) -> list[dict[str, str]]:
    """The judged rows (comment lines, which carry the commit and seed, skipped)."""
    with path.open(encoding="utf-8") as f:
        lines = [line for line in f if not line.startswith("#")]
    return list(csv.DictReader(lines, delimiter="\t"))


def show(path: Path) -> None:
    """Each judged row beside its sentence, read from ``../shared`` now."""
    records = {record_id(r): r for r in fixture_records()}
    for fields in read_verdicts(path):
        record = records.get(fields["record"])
        if record is None:
            print_row(fields, "(record not found)")
            continue
        text = sentence_text(record, fields["section"] or None, int(fields["start"]),
                             int(fields["end"]))
        print_row(fields, text, record_ident(record))


def distinct(rows: list[dict[str, str]]) -> list[dict[str, str]]:
    """One row per (claim, kind, section, span) whatever the record: the same article copied
    into two fixture files counts once."""
    keys = ("section", "start", "end", "subject", "relation", "object", "direction", "kind")
    seen: dict[tuple[str, ...], dict[str, str]] = {}
    for fields in rows:
        seen.setdefault(tuple(fields[k] for k in keys), fields)
    return list(seen.values())


def totals(rows: list[dict[str, str]], cap: int | None = None) -> Counter[str]:
    """Verdict counts, keeping at most ``cap`` rows per record (in row order) when given."""
    kept: Counter[str] = Counter()
    counts: Counter[str] = Counter()
    for fields in rows:
        kept[fields["record"]] += 1
        if cap is None or kept[fields["record"]] <= cap:
            counts[fields["verdict"]] += 1
    return counts


def print_totals(path: Path, cap: int | None, once: bool = False) -> None:
    """Correct / partly / wrong with percentages; unjudged rows are named, not counted."""
    rows = distinct(read_verdicts(path)) if once else read_verdicts(path)
    counts = totals(rows, cap)
    judged = sum(counts[v] for v in VERDICT_NAMES)
    scope = (f"at most {cap} per record" if cap else "all rows") + (
        ", copies of a row in another file counted once" if once else "")
    print(f"{judged} judged rows ({scope}) from {len({r['record'] for r in rows})} records")
    for verdict in VERDICT_NAMES:
        share = 100 * counts[verdict] / max(judged, 1)
        print(f"  {verdict:8s} {counts[verdict]:3d}  {share:5.1f} %")
    unjudged = sum(n for v, n in counts.items() if v not in VERDICT_NAMES)
    if unjudged:
        print(f"  unjudged {unjudged}")
    if cap is None and not once:
        print_categories(rows)


def error_categories(rows: list[dict[str, str]]) -> Counter[tuple[str, str]]:
    """(category, verdict) counts of the rows not judged correct; a reason starts with its
    category (``grounding: ...``), so the owners of each stage see their share."""
    return Counter((r["reason"].split(":", 1)[0].strip(), r["verdict"]) for r in rows
                   if r["verdict"] in ("partly", "wrong"))


def print_categories(rows: list[dict[str, str]]) -> None:
    """Error categories, most frequent first, with how many were wrong and partly."""
    found = error_categories(rows)
    print("error categories (wrong + partly):")
    for category in sorted({c for c, _ in found}, key=lambda c: -sum(
            n for (k, _), n in found.items() if k == c)):
        wrong, partly = found[(category, "wrong")], found[(category, "partly")]
        print(f"  {category:22s} {wrong + partly:3d}  (wrong {wrong}, partly {partly})")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--tsv", type=Path, help="write a verdicts template for the new sample")
    parser.add_argument("--show", action="store_true", help="judged rows beside their sentences")
    parser.add_argument("--totals", action="store_true", help="verdict totals and percentages")
    parser.add_argument("--cap", type=int, help="with --totals: at most N rows per record")
    parser.add_argument("--distinct", action="store_true",
                        help="with --totals: a row repeated in another fixture file counts once")
    parser.add_argument("--verdicts", type=Path, default=VERDICTS)
    args = parser.parse_args()
    if not FIXTURES.exists():
        raise SystemExit(f"fixtures not found at {FIXTURES}")
    if args.show:
        show(args.verdicts)
    if args.show or args.totals:
        print_totals(args.verdicts, args.cap, args.distinct)
        return
    run_sample(args.tsv)


if __name__ == "__main__":
    main()
