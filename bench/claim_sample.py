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

``bench/claim_sample_heldout.py`` draws the same kind of sample from records no one developed
on, through this module's ``Source``.

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
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.claim_verdicts import print_totals, read_verdicts  # noqa: E402
from kg.build_inputs import read_records  # noqa: E402
from kg.build_report import BuildSummary  # noqa: E402
from kg.extract.model import Claim, Evidence  # noqa: E402
from kg.pipeline import extract_record  # noqa: E402
from kg.rdf.mapping import graph_iri_for  # noqa: E402
from kg.records.model import Record  # noqa: E402

__all__ = [
    "FIXTURE_SOURCE",
    "SAMPLE_SIZE",
    "SEED",
    "Row",
    "Source",
    "add_arguments",
    "draw_sample",
    "main",
    "run",
    "sentence_text",
    "text_mined_rows",
]

FIXTURES = ROOT.parent / "shared" / "fixtures"
VERDICTS = ROOT / "bench" / "claim_sample_verdicts.tsv"
SEED = 20261207
"""The sample's seed (the date it was first drawn); change it only to draw a new sample."""
SAMPLE_SIZE = 100
COLUMNS = ("row", "record", "section", "start", "end", "subject", "relation", "object",
           "direction", "kind", "role", "verdict", "reason")


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


def fixture_record_map() -> dict[str, Record]:
    """The fixture records keyed by :func:`record_id`."""
    return {record_id(r): r for r in fixture_records()}


def fixture_records() -> Iterator[Record]:
    """Every fixture record as ``ekg build`` reads it, a repeated graph key dropped as it is."""
    seen: set[str] = set()
    for record in read_records([FIXTURES], None, BuildSummary(), lambda _: None):
        graph = str(graph_iri_for(record))
        if graph not in seen:
            seen.add(graph)
            yield record


def record_ident(record: Record) -> str:
    """The record's DOI, PMID or PMCID, as a reader would look the article up."""
    ids = record.ids
    if ids.doi:
        return f"doi:{ids.doi}"
    return f"pmcid:{ids.pmcid}" if ids.pmcid and not ids.pmid else f"pmid:{ids.pmid or '-'}"


def text_mined_rows(record: Record, rid: str | None = None) -> Iterator[Row]:
    """The record's text-mined (claim, evidence) pairs, in extraction order; ``rid`` names the
    record when it is not a fixture."""
    ident, rid = record_ident(record), rid or record_id(record)
    for claim in extract_record(record).claims:
        for ev in claim.evidence:
            if ev.agent == "text-mined" and ev.start is not None:
                yield Row(rid, ident, claim, ev)


def draw_sample(rows: list[Row], size: int = SAMPLE_SIZE, seed: int = SEED) -> list[Row]:
    """``size`` rows drawn uniformly with ``seed``, kept in population order to read record by
    record."""
    picked = sorted(random.Random(seed).sample(range(len(rows)), min(size, len(rows))))
    return [rows[i] for i in picked]


@dataclass(frozen=True, slots=True)
class Source:
    """Where a sample is drawn from and how: its records (keyed as the verdicts file names
    them), the verdicts file, the evidence kinds kept (None: every kind) and the draw."""

    name: str
    records: Callable[[], dict[str, Record]]
    verdicts: Path
    script: str
    kinds: frozenset[str] | None = None
    draw: Callable[[list[Row]], list[Row]] = draw_sample


FIXTURE_SOURCE = Source("fixtures", fixture_record_map, VERDICTS, "bench/claim_sample.py")


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


def population(source: Source) -> tuple[dict[str, Record], list[Row]]:
    """The source's records and every text-mined pair of the kinds it keeps, with the count of
    pairs of each kind (kept or not) printed first."""
    records = source.records()
    every = [row for rid, r in records.items() for row in text_mined_rows(r, rid)]
    by_kind = Counter(row.evidence.kind for row in every)
    print(f"text-mined pairs by kind: {dict(by_kind.most_common())}")
    return records, [row for row in every
                     if source.kinds is None or row.evidence.kind in source.kinds]


def run_sample(tsv: Path | None, source: Source = FIXTURE_SOURCE) -> None:
    """Draw the sample, print it, and optionally write a verdicts template."""
    records, rows = population(source)
    sample = source.draw(rows)
    per_record = Counter(row.record_id for row in rows)
    census = " (fewer pairs than the sample size: every pair is drawn)" if len(rows) <= len(
        sample) else ""
    kinds = ", ".join(sorted(source.kinds)) if source.kinds else "every kind"
    print(f"{source.name}: {len(records)} records, {len(rows)} text-mined (claim, evidence) "
          f"pairs ({kinds}) from {len(per_record)} records; seed {SEED}, {len(sample)} "
          f"drawn{census}\n")
    table = [row_fields(i, row) for i, row in enumerate(sample, 1)]
    for fields, row in zip(table, sample, strict=True):
        print_row(fields, row.evidence.sentence, row.ident)
    print_spread(Counter(row.record_id for row in sample))
    if tsv:
        write_tsv(tsv, table, f"{len(rows)} text-mined {kinds} pairs of {source.name}",
                  source.script)


def print_spread(per_record: Counter[str]) -> None:
    """How many sampled rows each record gave (is the sample dominated by one record?)."""
    print(f"sampled rows come from {len(per_record)} records; most from one record:")
    for rid, n in per_record.most_common(5):
        print(f"  {n:3d}  {rid}")


def write_tsv(path: Path, table: list[dict[str, str]], population: str, script: str) -> None:
    """A verdicts template: the commit it was drawn on as a comment line, then the rows."""
    import subprocess

    commit = subprocess.run(["git", "-C", str(ROOT), "log", "-1", "--format=%H"],
                            capture_output=True, text=True, check=False).stdout.strip()
    with path.open("w", newline="", encoding="utf-8") as out:
        out.write(f"# commit {commit}; seed {SEED}; {len(table)} of {population} drawn "
                  f"(sample size {SAMPLE_SIZE}); {script}\n")
        writer = csv.DictWriter(out, COLUMNS, delimiter="\t", lineterminator="\n")
        writer.writeheader()
        writer.writerows(table)


def show(path: Path, source: Source = FIXTURE_SOURCE) -> None:
    """Each judged row beside its sentence, read from ``../shared`` now."""
    records = source.records()
    for fields in read_verdicts(path):
        record = records.get(fields["record"])
        if record is None:
            print_row(fields, "(record not found)")
            continue
        text = sentence_text(record, fields["section"] or None, int(fields["start"]),
                             int(fields["end"]))
        print_row(fields, text, record_ident(record))


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The options every sample script shares (draw, show, totals)."""
    parser.add_argument("--tsv", type=Path, help="write a verdicts template for the new sample")
    parser.add_argument("--show", action="store_true", help="judged rows beside their sentences")
    parser.add_argument("--totals", action="store_true", help="verdict totals and percentages")
    parser.add_argument("--cap", type=int, help="with --totals: at most N rows per record")
    parser.add_argument("--distinct", action="store_true",
                        help="with --totals: a row repeated in another fixture file counts once")
    parser.add_argument("--verdicts", type=Path, help="the verdicts file (default: the source's)")


def run(args: argparse.Namespace, source: Source) -> None:
    """Show or count the judged rows, or draw a new sample, from ``source``."""
    verdicts = args.verdicts or source.verdicts
    if args.show:
        show(verdicts, source)
    if args.show or args.totals:
        print_totals(verdicts, args.cap, args.distinct)
        return
    run_sample(args.tsv, source)


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    add_arguments(parser)
    args = parser.parse_args(argv)
    if not FIXTURES.exists():
        raise SystemExit(f"fixtures not found at {FIXTURES}")
    run(args, FIXTURE_SOURCE)


if __name__ == "__main__":
    main()
