"""Null results: telling "no significant difference" from a significant one, on doctors' labels.

Each in-abstract answer of the Evidence Inference pilot run (``annotations_pilot_run.csv``;
invalid prompts left out) quotes the evidence text a doctor cited for a label: significantly
increased, significantly decreased or no significant difference. The quote is often a fragment,
so it is widened to the abstract sentence(s) holding it (``abstracts.jsonl.gz``) where the
abstract is there, and ``kg.extract.significance`` decides for that sentence with the quote as
its focus, as the pipeline does with an outcome mention; the quote alone is scored too.
Accuracy counts how often the decision matches the doctor's (both significant labels count as
"significant"). Rows are split by the first hex digit of the MD5 of their PMCID (0–7
development, 8–f test): rules are developed on the development half and the test half is
reported, both printed. A text with no statistical signal at all (``unstated``) counts as a
significant prediction: a reported difference without a test is not a null result.

    .venv/bin/python bench/null_result_eval.py            # accuracy and confusion
    .venv/bin/python bench/null_result_eval.py --errors   # also list development errors
"""

from __future__ import annotations

import argparse
import csv
import gzip
import hashlib
import json
import re
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from kg.extract.sentences import split_sentences  # noqa: E402
from kg.extract.significance import clause_around, significance  # noqa: E402

CORPUS = ROOT.parent / "shared" / "data" / "corpora" / "evidence_inference"
NULL_LABEL = "no significant difference"


Row = tuple[str, str, bool, str]  # PMCID, cited text, is a null result, the prompt's outcome
_STOP = frozenset("the and with from that this were was for of in to at after before between "
                  "during group groups patients scores score rate rates mean total number".split())


def read_rows(path: Path, prompts: Path) -> list[Row]:
    """(PMCID, evidence text, is a null result, outcome) for each valid in-abstract answer."""
    with prompts.open(encoding="utf-8-sig", newline="") as handle:
        outcomes = {row["PromptID"]: row["Outcome"] for row in csv.DictReader(handle)}
    with path.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    return [(row["PMCID"], row["Annotations"], row["Label"] == NULL_LABEL,
             outcomes.get(row["PromptID"], "")) for row in rows
            if row["In Abstract"] == "True" and row["Label"] != "invalid prompt"
            and row["Annotations"].strip()]


def outcome_focus(text: str, outcome: str,
                  quote: tuple[int, int] | None = None) -> tuple[int, int] | None:
    """The clause naming most of the outcome's words (the pipeline knows the outcome's span;
    here only the prompt's wording is known), or None when no word of it is there. Among
    clauses naming as many, one inside the doctor's quote (``quote``) wins: the quote is where
    the doctor read the outcome."""
    words = {w for w in re.findall(r"[a-z0-9]{3,}", outcome.lower()) if w not in _STOP}
    best: tuple[tuple[int, bool], tuple[int, int]] | None = None
    for match in re.finditer(r"[A-Za-z0-9]{3,}", text):
        if match.group().lower() not in words:
            continue
        clause = clause_around(text, match.span())
        hits = len(words & set(re.findall(r"[a-z0-9]{3,}", clause.lower())))
        quoted = quote is not None and quote[0] <= match.start() < quote[1]
        start = text.find(clause)
        if best is None or (hits, quoted) > best[0]:
            best = ((hits, quoted), (start, start + len(clause)))
    return best[1] if best else None


def read_abstracts(path: Path, wanted: set[str]) -> dict[str, str]:
    """PMCID (digits) → the abstract's section texts joined, for the articles asked about."""
    out: dict[str, str] = {}
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        for line in handle:
            item = json.loads(line)
            pmcid = str(item["pmcid"]).removeprefix("PMC")
            if pmcid in wanted:
                out[pmcid] = "\n".join(_squash(s["text"]) for s in item["sections"])
    return out


def _squash(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def in_context(abstract: str | None, cited: str) -> tuple[str, tuple[int, int] | None]:
    """The sentence(s) holding ``cited`` and the quote's span in them; the quote alone if the
    abstract is missing or does not contain it."""
    quote = _squash(cited).rstrip(".")
    where = abstract.find(quote) if abstract else -1
    if abstract is None or where < 0:
        return cited, None
    sentences = [s for s in split_sentences(abstract)
                 if s.start < where + len(quote) and where < s.end]
    start, end = sentences[0].start, sentences[-1].end
    return abstract[start:end], (where - start, where - start + len(quote))


def split_of(pmcid: str) -> str:
    """``dev`` or ``test`` from the first hex digit of the PMCID's MD5 (fixed, content-free)."""
    return "dev" if hashlib.md5(pmcid.encode()).hexdigest()[0] in "01234567" else "test"


def evaluate(name: str, rows: list[Row], abstracts: dict[str, str], errors: bool) -> None:
    """Print the accuracy of one half (quote alone and widened), with its confusion."""
    contexts = [in_context(abstracts.get(pmcid), text) for pmcid, text, _, _ in rows]
    widened = sum(focus is not None for _, focus in contexts)
    quoted = [significance(text) for _, text, _, _ in rows]
    started = time.perf_counter()
    decisions = [significance(sentence, outcome_focus(sentence, outcome, focus) or focus)
                 for (sentence, focus), (*_, outcome) in zip(contexts, rows, strict=True)]
    seconds = time.perf_counter() - started
    quote_right = sum((d == "not_significant") == row[2]
                      for d, row in zip(quoted, rows, strict=True))
    confusion: Counter[tuple[bool, bool]] = Counter()
    for (_, text, gold, _), decided in zip(rows, decisions, strict=True):
        predicted = decided == "not_significant"
        confusion[(gold, predicted)] += 1
        if errors and gold != predicted:
            print(f"gold {'null' if gold else 'sig '} got {decided:15} | {text[:160]}")
    right = confusion[(True, True)] + confusion[(False, False)]
    nulls = sum(row[2] for row in rows)
    print(f"[{name}] {len(rows)} answers ({widened} widened to their abstract sentence); "
          f"null gold {nulls}, significant gold {len(rows) - nulls}")
    print(f"[{name}] decisions: {dict(Counter(decisions))}")
    print(f"[{name}] null->null {confusion[(True, True)]}  null->sig {confusion[(True, False)]}  "
          f"sig->null {confusion[(False, True)]}  sig->sig {confusion[(False, False)]}")
    print(f"[{name}] Accuracy (quote alone): {quote_right / len(rows):.4f}")
    print(f"[{name}] Accuracy: {right / len(rows):.4f}  "
          f"({seconds * 1000 / len(rows):.3f} ms per text)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--errors", action="store_true",
                        help="print misclassified development texts")
    args = parser.parse_args()
    path = CORPUS / "annotations_pilot_run.csv"
    if not path.exists():
        raise SystemExit(f"Evidence Inference pilot run not found at {path}")
    rows = read_rows(path, CORPUS / "prompts_pilot_run.csv")
    abstracts = read_abstracts(CORPUS / "abstracts.jsonl.gz", {row[0] for row in rows})
    print("Evidence Inference pilot, in-abstract answers, split by MD5 of the PMCID")
    for name in ("dev", "test"):
        half = [row for row in rows if split_of(row[0]) == name]
        evaluate(name, half, abstracts, args.errors and name == "dev")


if __name__ == "__main__":
    main()
