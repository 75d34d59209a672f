"""Which short forms the recogniser grounds in real records, and to what.

Abbreviations are where a dictionary recogniser goes most visibly wrong ("MSH2" read as
Melanocyte-Stimulating Hormones, "SNP" as Nitroprusside), and corpus F1 hides it: the training
corpora rarely contain gene symbols or physics. This lists the most frequent grounded mentions of
at most ``--max-chars`` characters over the records of a folder (default: the PubMed fixtures in
``../shared/fixtures``) with the concept each was grounded to, for a person to judge.

    .venv/bin/python bench/short_forms.py                  # PubMed XML + MEDLINE fixtures
    .venv/bin/python bench/short_forms.py --top 50 PATH…   # any record files or folders
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from kg.extract.recognise import RECOGNISER, recognise  # noqa: E402
from kg.records.model import Record  # noqa: E402
from kg.records.registry import iter_input_files, read_file  # noqa: E402

FIXTURES = ROOT.parent / "shared" / "fixtures"
DEFAULT_FOLDERS = (FIXTURES / "pubmed_xml", FIXTURES / "medline_nbib")


def read_records(paths: list[Path]) -> list[Record]:
    """Every readable record of the given files and folders (parse errors skipped)."""
    return [r for f in iter_input_files(list(paths)) for r in read_file(f)
            if isinstance(r, Record)]


def count_short_forms(records: list[Record], max_chars: int) -> Counter[tuple[str, str, str]]:
    """(surface, concept id, label) → how many text-mined mentions were grounded that way."""
    counts: Counter[tuple[str, str, str]] = Counter()
    for record in records:
        for mention in recognise(record, include_indexed=False):
            if mention.recogniser == RECOGNISER and len(mention.text) <= max_chars:
                ui = mention.concept.rstrip("/").rsplit("/", 1)[-1]
                counts[(mention.text, ui, mention.label)] += 1
    return counts


def main(argv: list[str] | None = None) -> int:
    """Print the most frequent grounded short forms."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="*", type=Path, help="record files or folders")
    parser.add_argument("--top", type=int, default=30)
    parser.add_argument("--max-chars", type=int, default=5)
    args = parser.parse_args(argv)
    paths = args.paths or [p for p in DEFAULT_FOLDERS if p.is_dir()]
    if not paths:
        print(f"no records found (looked in {FIXTURES})", file=sys.stderr)
        return 2
    records = read_records(paths)
    counts = count_short_forms(records, args.max_chars)
    print(f"{len(records)} records, {sum(counts.values())} grounded mentions of "
          f"<= {args.max_chars} characters, {len(counts)} distinct (surface, concept)")
    for (text, ui, label), n in counts.most_common(args.top):
        print(f"{n:4d}  {text:8s} {ui:14s} {label}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
