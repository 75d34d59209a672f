"""Train the sentence-role CRF on structured abstracts and write the shipped artefact.

    .venv/bin/python bench/train_sentence_roles.py [--corpus PATH] [--out PATH]

Reads ``../shared/data/corpora/evidence_inference/abstracts.jsonl.gz``, trains a linear-chain CRF
(CRFsuite, L-BFGS; deterministic for the same data) on the ``train`` split of
``kg.extract.role_corpus`` with headings hidden, exports its weights to
``kg/extract/data/sentence_roles.json.gz`` (sorted, rounded, gzip without a timestamp, so the
same data gives the same bytes), then prints dev figures and checks that the exported model
decodes exactly as CRFsuite's own tagger does. Needs the ``train`` extra (python-crfsuite).
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

import pycrfsuite

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from kg.extract.role_corpus import read_labelled_abstracts, score_roles  # noqa: E402
from kg.extract.sentence_roles import (  # noqa: E402
    MODEL_PATH,
    read_role_model,
    sentence_features,
    write_role_model,
)

CORPUS = ROOT.parent / "shared" / "data" / "corpora" / "evidence_inference" / "abstracts.jsonl.gz"
PARAMS = {"c1": 0.01, "c2": 0.1, "max_iterations": 150, "feature.possible_transitions": True}
"""Chosen on dev among c1 0-0.1, c2 0.01-0.1: a little L1 keeps the artefact small (about 52k
weighted attributes, under 0.5 MiB) for at most 0.005 of dev macro-F1 against pure L2."""


def train(corpus: Path, params: dict) -> pycrfsuite.Tagger:
    """Fit the CRF on the train split; return a tagger holding the trained model."""
    trainer = pycrfsuite.Trainer(verbose=False)
    count = 0
    for abstract in read_labelled_abstracts(corpus, ("train",)):
        trainer.append(sentence_features(abstract.sentences), list(abstract.roles))
        count += 1
    trainer.set_params(params)
    path = Path(tempfile.mkdtemp()) / "roles.crfsuite"
    started = time.perf_counter()
    trainer.train(str(path))
    print(f"trained on {count} train abstracts in {time.perf_counter() - started:.1f}s")
    tagger = pycrfsuite.Tagger()
    tagger.open(str(path))
    return tagger


def export(tagger: pycrfsuite.Tagger, out: Path, params: dict) -> None:
    """Write the tagger's weights in the artefact format of ``kg.extract.sentence_roles``."""
    info = tagger.info()
    labels = list(tagger.labels())
    rows: dict[str, list[float]] = {}
    for (attribute, label), weight in info.state_features.items():
        rows.setdefault(attribute, [0.0] * len(labels))[labels.index(label)] = weight
    transitions = [[info.transitions.get((a, b), 0.0) for b in labels] for a in labels]
    training = ("linear-chain CRF (CRFsuite L-BFGS "
                f"{json.dumps(params, sort_keys=True)}) on the train split of "
                "evidence_inference structured abstracts, headings hidden")
    write_role_model(out, labels, transitions, rows, training)
    print(f"wrote {out} ({out.stat().st_size // 1024} KiB, "
          f"{len(read_role_model(out).index)} attributes)")


def check_dev(corpus: Path, out: Path, tagger: pycrfsuite.Tagger) -> None:
    """Dev figures of the exported model, and its agreement with CRFsuite's own decoding."""
    model = read_role_model(out)
    gold, predicted, agree, total = [], [], 0, 0
    started = time.perf_counter()
    for abstract in read_labelled_abstracts(corpus, ("dev",)):
        items = sentence_features(abstract.sentences)
        ours = model.decode(items)
        agree += sum(a == b for a, b in zip(ours, tagger.tag(items), strict=True))
        total += len(ours)
        gold += abstract.roles
        predicted += ours
    scores = score_roles(gold, predicted)
    print(f"dev: {scores.sentences} sentences; finding P/R/F1 {scores.finding_precision:.3f}/"
          f"{scores.finding_recall:.3f}/{scores.finding_f1:.3f}; macro-F1 {scores.macro_f1:.3f} "
          f"({', '.join(f'{r} {f:.3f}' for r, f in scores.role_f1.items())})")
    print(f"exported decoder agrees with CRFsuite on {agree}/{total} dev sentences "
          f"({time.perf_counter() - started:.1f}s)")
    if agree != total:
        raise SystemExit("the exported model does not decode as CRFsuite does")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--out", type=Path, default=MODEL_PATH)
    parser.add_argument("--c1", type=float, default=PARAMS["c1"])
    parser.add_argument("--c2", type=float, default=PARAMS["c2"])
    args = parser.parse_args()
    params = {**PARAMS, "c1": args.c1, "c2": args.c2}
    tagger = train(args.corpus, params)
    export(tagger, args.out, params)
    check_dev(args.corpus, args.out, tagger)


if __name__ == "__main__":
    main()
