"""Sentence roles on held-out structured abstracts, headings hidden: how well are findings found?

    .venv/bin/python bench/sentence_roles_eval.py [--split test|dev] [--corpus PATH]

Every structured abstract of the chosen split (``kg.extract.role_corpus``: fixed hash split by
PMCID) is given to the shipped classifier as plain sentences, without its headings; the roles the
headings name are the gold standard. Prints the split sizes, finding-sentence (results ∪
conclusions) precision/recall/F1, five-role macro-F1 with per-role F1, the same for the position
baseline that unlabelled abstracts had before, and the classifier's speed (median ms per abstract,
features and decoding, model already loaded; each abstract timed three times and the fastest kept,
so other work on the machine inflates it less).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from kg.extract.role_corpus import (  # noqa: E402
    RoleScores,
    position_roles,
    read_labelled_abstracts,
    score_roles,
)
from kg.extract.sentence_roles import classify_sentences, load_role_model  # noqa: E402

CORPUS = ROOT.parent / "shared" / "data" / "corpora" / "evidence_inference" / "abstracts.jsonl.gz"


def print_sizes(corpus: Path) -> None:
    """Structured abstracts and sentences in each split."""
    for split in ("train", "dev", "test"):
        abstracts = list(read_labelled_abstracts(corpus, (split,)))
        print(f"{split}: {len(abstracts)} abstracts, "
              f"{sum(len(a.sentences) for a in abstracts)} sentences")


def print_scores(name: str, scores: RoleScores) -> None:
    roles = ", ".join(f"{role} {f1:.3f}" for role, f1 in scores.role_f1.items())
    print(f"{name}: finding P {scores.finding_precision:.3f} R {scores.finding_recall:.3f} "
          f"F1 {scores.finding_f1:.3f}; five-role macro-F1 {scores.macro_f1:.3f} ({roles})")


def _fastest_ms(sentences: tuple[str, ...], repeats: int = 3) -> float:
    """The fastest of a few classifications of one abstract, in milliseconds."""
    best = float("inf")
    for _ in range(repeats):
        started = time.perf_counter()
        classify_sentences(sentences)
        best = min(best, time.perf_counter() - started)
    return best * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", choices=("dev", "test"), default="test")
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    args = parser.parse_args()
    print_sizes(args.corpus)
    started = time.perf_counter()
    load_role_model()
    print(f"model load: {(time.perf_counter() - started) * 1000:.0f} ms (once per process)")
    gold, predicted, baseline, timings = [], [], [], []
    for abstract in read_labelled_abstracts(args.corpus, (args.split,)):
        predicted += classify_sentences(abstract.sentences)
        timings.append(_fastest_ms(abstract.sentences))
        gold += abstract.roles
        baseline += position_roles(len(abstract.sentences))
    print(f"{args.split}: {len(timings)} abstracts, {len(gold)} sentences")
    print_scores("classifier", score_roles(gold, predicted))
    print_scores("position baseline", score_roles(gold, baseline))
    print(f"speed: median {statistics.median(timings):.2f} ms per abstract "
          f"(p95 {statistics.quantiles(timings, n=20)[-1]:.2f} ms)")


if __name__ == "__main__":
    main()
