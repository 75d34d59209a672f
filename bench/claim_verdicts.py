"""Hand-check verdict files: read them, count verdicts and error categories.

A verdicts file (``bench/claim_sample*_verdicts.tsv``) is a tab-separated table headed by comment
lines that name the commit and seed it was drawn with; each row is one (claim, evidence) pair
with a verdict (correct / partly / wrong) and a reason that starts with its error category.
Kept apart from the drawing code so the counts read the same whatever the sample was drawn from.
"""

from __future__ import annotations

import csv
from collections import Counter
from pathlib import Path

__all__ = [
    "VERDICT_NAMES",
    "distinct",
    "error_categories",
    "print_categories",
    "print_totals",
    "read_verdicts",
    "totals",
]

VERDICT_NAMES = ("correct", "partly", "wrong")


def read_verdicts(path: Path) -> list[dict[str, str]]:
    """The judged rows (comment lines, which carry the commit and seed, skipped)."""
    with path.open(encoding="utf-8") as f:
        lines = [line for line in f if not line.startswith("#")]
    return list(csv.DictReader(lines, delimiter="\t"))


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
    sources = {r["record"] for r in rows if r["verdict"] in VERDICT_NAMES}
    print(f"{judged} judged rows ({scope}) from {len(sources)} records")
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
