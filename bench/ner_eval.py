"""Concept recognition on BC5CDR and NCBI disease: the official document-level concept measure.

Each abstract becomes a Record (title + one unlabelled abstract section) and goes through
``kg.extract.recognise.recognise`` exactly as the pipeline calls it. A document's predicted set
is {(type, MeSH id)} over its text-mined mentions (derived mechanisms excluded); a concept counts
as Disease when the recogniser grounds it as a condition and as Chemical when it is a chemical
(D tree or supplementary record) — whatever role the context gave the mention. The gold set is
{(type, id)} of the corpus annotations, composite ids split on ``|``/``+``, ``-1`` ignored; NCBI
disease is scored on Disease only. Micro P/R/F1 over documents, as the BioCreative V kit's
``eval_id`` and DNorm/TaggerOne report.

    .venv/bin/python bench/ner_eval.py                          # BC5CDR test + NCBI test (report)
    .venv/bin/python bench/ner_eval.py --split dev --learn train   # development figures

By default the vocabulary learns from the train+dev splits; ``--learn train`` keeps dev unseen
for tuning. The test splits are never learned from (the learner refuses them).
Abstracts/s is measured on recognition alone with the compiled matcher already loaded, in one
process: per second of that process's CPU time (one core; steady on a shared machine) and per
second of wall-clock time (``--repeat`` passes over the split).
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from kg.extract.recognise import ACTION_RECOGNISER, recognise  # noqa: E402
from kg.records.model import AbstractSection, Identifiers, Record, SourceInfo  # noqa: E402
from kg.vocab.compiled import compile_vocabulary  # noqa: E402
from kg.vocab.corpora import (  # noqa: E402
    AnnotatedDoc,
    classify_entity,
    collect_gold_concepts,
    locate_corpus_file,
    read_pubtator,
)
from kg.vocab.default import Defaults, set_default_vocabulary  # noqa: E402
from kg.vocab.locate import find_mesh_source  # noqa: E402

CORPORA = ROOT.parent / "shared" / "data" / "corpora"
TYPES = {"bc5cdr": ("Chemical", "Disease"), "ncbi": ("Disease",)}


def make_record(doc: AnnotatedDoc, index: int) -> Record:
    """A PubTator document as the Record a reader would give for it."""
    source = SourceInfo(path="pubtator", index=index, line=None, format="pubtator", sha256="-")
    return Record(source=source, ids=Identifiers(pmid=doc.pmid), title=doc.title,
                  abstract=(AbstractSection(doc.abstract),))


def predict_concepts(record: Record, vocab: Defaults, use_overlay: bool) -> set[tuple[str, str]]:
    """{(type, MeSH id)} of the record's text-mined mentions."""
    out = set()
    for mention in recognise(record, use_overlay=use_overlay, include_indexed=False):
        if mention.recogniser == ACTION_RECOGNISER:
            continue
        target = vocab.base.target(mention.concept) or _overlay_target(vocab, mention.concept)
        kind = classify_entity(target) if target else None
        if kind:
            out.add((kind, mention.concept.rsplit("/", 1)[-1]))
    return out


def _overlay_target(vocab: Defaults, iri: str):
    """A curated concept's target (one MeSH does not know)."""
    return next((t for t in vocab.overlay.targets if t.iri == iri), None)


def evaluate(corpus: str, split: str, vocab: Defaults, use_overlay: bool, repeat: int,
             errors: int = 0) -> None:
    """Print P/R/F1 per type and abstracts/s for one corpus split."""
    docs = list(read_pubtator(locate_corpus_file(CORPORA, corpus, split)))
    records = [make_record(d, i) for i, d in enumerate(docs)]
    started, cpu_started = time.perf_counter(), time.process_time()
    for _ in range(repeat):
        predictions = [predict_concepts(r, vocab, use_overlay) for r in records]
    elapsed = time.perf_counter() - started
    cpu = time.process_time() - cpu_started
    counts: dict[str, Counter[str]] = {t: Counter() for t in TYPES[corpus]}
    missed: Counter[tuple[str, str]] = Counter()
    wrong: Counter[tuple[str, str]] = Counter()
    for doc, pred in zip(docs, predictions, strict=True):
        gold = collect_gold_concepts(doc)
        for kind in TYPES[corpus]:
            p = {c for c in pred if c[0] == kind}
            g = {c for c in gold if c[0] == kind}
            counts[kind].update(tp=len(p & g), fp=len(p - g), fn=len(g - p))
            wrong.update(p - g)
            missed.update(g - p)
    for kind, c in counts.items():
        precision = c["tp"] / max(1, c["tp"] + c["fp"])
        recall = c["tp"] / max(1, c["tp"] + c["fn"])
        f1 = 2 * precision * recall / max(1e-9, precision + recall)
        print(f"{corpus:7s} {split:5s} {kind:8s}  TP {c['tp']:5d}  FP {c['fp']:5d}  "
              f"FN {c['fn']:5d}  P {precision:.3f}  R {recall:.3f}  F1 {f1:.3f}")
    n = len(docs) * repeat
    print(f"{corpus:7s} {split:5s} {n / cpu:.0f} abstracts/s of CPU time on one core "
          f"({n / elapsed:.0f}/s wall clock; {n} abstracts, {cpu:.2f} s CPU, one process)")
    if errors:
        _print_errors("false positives", wrong, vocab, errors)
        _print_errors("false negatives", missed, vocab, errors)


def _print_errors(title: str, counter: Counter[tuple[str, str]], vocab: Defaults, n: int) -> None:
    """The most frequent wrong or missed concepts (for development splits)."""
    print(f"  {title}:")
    for (kind, ui), count in counter.most_common(n):
        target = vocab.base.target(f"http://id.nlm.nih.gov/mesh/{ui}")
        print(f"    {count:3d}  {kind:8s} {ui:11s} {target.label if target else '?'}")


def main(argv: list[str] | None = None) -> int:
    """Compile (or load) the vocabulary, then score each requested corpus."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", choices=("bc5cdr", "ncbi", "all"), default="all")
    parser.add_argument("--split", choices=("train", "dev", "test"), default="test")
    parser.add_argument("--learn", choices=("train", "train+dev", "none"), default="train+dev",
                        help="training splits the vocabulary learns surface forms from")
    parser.add_argument("--no-overlay", action="store_true", help="MeSH (+ learned) only")
    parser.add_argument("--repeat", type=int, default=1, help="passes, for a steadier rate")
    parser.add_argument("--errors", type=int, default=0, metavar="N",
                        help="list the N most frequent false positives and negatives")
    args = parser.parse_args(argv)
    if not CORPORA.is_dir():
        print(f"corpora not found at {CORPORA}", file=sys.stderr)
        return 2
    splits = {"train": ("train",), "train+dev": ("train", "dev"), "none": ()}[args.learn]
    started = time.perf_counter()
    base = compile_vocabulary(find_mesh_source(), CORPORA if splits else None, splits=splits)
    vocab = set_default_vocabulary(base)
    print(f"vocabulary: {len(base.matcher.keys)} keys, learned from {base.learned_from or '-'}, "
          f"ready in {time.perf_counter() - started:.1f} s ({base.cache_file})")
    corpora = ("bc5cdr", "ncbi") if args.corpus == "all" else (args.corpus,)
    for corpus in corpora:
        if args.errors and args.split == "test":
            parser.error("--errors is for development splits: the test split is for reporting")
        evaluate(corpus, args.split, vocab, not args.no_overlay, args.repeat, args.errors)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
