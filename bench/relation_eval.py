"""BC5CDR chemical-induced disease (CID) relations: the official document-level measure.

Each abstract of a BC5CDR split becomes a Record; concepts come from the project's recogniser
(``--entities recogniser``, the default and the figure reported) or from the corpus' own
annotations (``--entities gold``, to study the relation step alone). ``kg.extract.claims`` then
extracts claims exactly as the pipeline does, and every ``causes`` claim whose subject is a MeSH
chemical and whose object is a MeSH concept becomes a predicted (PMID, chemical, disease) triple.
Precision, recall and F1 compare the set of predicted triples with the gold CID set, as the
BioCreative V evaluation kit's relation measure does. BC5CDR annotates relations per document,
wherever they are stated, so every ``causes`` claim counts whatever its evidence kind and
direction: a study's finding, a cited statement, and a harm a title states ("X-induced Y", kept
as the study's question with direction ``unstated``).

    .venv/bin/python bench/relation_eval.py --split dev
    .venv/bin/python bench/relation_eval.py --split train --entities gold --fit   # refit weights

``--fit`` fits the adverse model's logistic weights on the chosen split and prints them with a
threshold sweep on the development set; the test split is for reporting only.
"""

from __future__ import annotations

import argparse
import math
import re
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from kg.extract import adverse, adverse_model  # noqa: E402
from kg.extract.claims import extract_claims  # noqa: E402
from kg.extract.design import assessment_for  # noqa: E402
from kg.extract.hierarchy import Broader, broader_from_trees, load_trees  # noqa: E402
from kg.extract.model import Mention  # noqa: E402
from kg.extract.sentences import record_sentences  # noqa: E402
from kg.records.model import AbstractSection, Identifiers, Record, SourceInfo  # noqa: E402

CORPUS = ROOT.parent / "shared" / "data" / "corpora" / "bc5cdr"
SPLITS = {"train": "CDR_TrainingSet.PubTator.txt", "dev": "CDR_DevelopmentSet.PubTator.txt",
          "test": "CDR_TestSet.PubTator.txt"}
MESH = "http://id.nlm.nih.gov/mesh/"
DESIGN = assessment_for("other", "benchmark", "text")


@dataclass
class Doc:
    pmid: str
    title: str = ""
    abstract: str = ""
    entities: list[tuple[int, int, str, str, tuple[str, ...]]] = field(default_factory=list)
    relations: set[tuple[str, str]] = field(default_factory=set)


def read_pubtator(path: Path) -> Iterator[Doc]:
    """Documents of a PubTator file: title, abstract, entity lines and CID lines."""
    doc: Doc | None = None
    for line in path.read_text(encoding="utf-8").splitlines():
        head = re.match(r"^(\d+)\|([ta])\|(.*)$", line)
        if head:
            doc = doc if doc and doc.pmid == head.group(1) else Doc(head.group(1))
            setattr(doc, "title" if head.group(2) == "t" else "abstract", head.group(3))
        elif not line.strip():
            if doc:
                yield doc
            doc = None
        elif doc:
            _read_annotation(doc, line.split("\t"))
    if doc:
        yield doc


def _read_annotation(doc: Doc, cols: list[str]) -> None:
    if len(cols) >= 4 and cols[1] == "CID":
        doc.relations.add((cols[2], cols[3]))
    elif len(cols) >= 6:
        ids = tuple(i for i in cols[5].split("|") if i and i != "-1")
        doc.entities.append((int(cols[1]), int(cols[2]), cols[3], cols[4], ids))


def to_record(doc: Doc) -> Record:
    return Record(source=SourceInfo(path=f"bc5cdr/{doc.pmid}", index=0, line=None,
                                    format="pubtator", sha256=""),
                  ids=Identifiers(pmid=doc.pmid), title=doc.title,
                  abstract=(AbstractSection(doc.abstract),))


def gold_mentions(doc: Doc) -> list[Mention]:
    """The corpus annotations as mentions (one per MeSH ID of a composite mention)."""
    out: list[Mention] = []
    offset = len(doc.title) + 1
    for start, end, text, kind, ids in doc.entities:
        in_title = end <= len(doc.title)
        section, shift = ("title", 0) if in_title else ("abstract", offset)
        role = "intervention" if kind == "Chemical" else "condition"
        for ui in ids:
            out.append(Mention(MESH + ui, text, role, section, start - shift, end - shift, text,
                               agent="text-mined", recogniser="bc5cdr-gold"))
    return out


def is_chemical(iri: str, trees: dict[str, tuple[str, ...]]) -> bool:
    ui = iri.removeprefix(MESH)
    return iri.startswith(MESH) and (ui.startswith("C") or any(
        t.startswith("D") for t in trees.get(iri, ())))


def mentions_for(doc: Doc, record: Record, entities: str) -> list[Mention]:
    if entities == "gold":
        return gold_mentions(doc)
    from kg.extract.recognise import recognise

    return [m for m in recognise(record) if m.start is not None]


def predict(doc: Doc, entities: str, trees: dict[str, tuple[str, ...]],
            broader: Broader) -> set[tuple[str, str]]:
    record = to_record(doc)
    claims = extract_claims(record, mentions_for(doc, record, entities), DESIGN, broader)
    return {(c.subject.removeprefix(MESH), c.object.removeprefix(MESH)) for c in claims
            if c.relation == "causes" and is_chemical(c.subject, trees)
            and c.object.startswith(MESH)}


def evaluate(docs: list[Doc], entities: str, trees: dict[str, tuple[str, ...]]) -> None:
    broader = broader_from_trees(trees)
    tp = fp = fn = 0
    started = time.perf_counter()
    for doc in docs:
        pred = predict(doc, entities, trees, broader)
        tp += len(pred & doc.relations)
        fp += len(pred - doc.relations)
        fn += len(doc.relations - pred)
    seconds = time.perf_counter() - started
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    print(f"TP: {tp}\nFP: {fp}\nFN: {fn}")
    print(f"Precision: {p:.4f}\nRecall: {r:.4f}\nF-score: {f:.4f}")
    print(f"({len(docs)} abstracts, {seconds:.1f} s)")


def features_and_labels(docs: list[Doc], entities: str, broader: Broader
                        ) -> tuple[list[list[float]], list[float], int]:
    rows: list[list[float]] = []
    labels: list[float] = []
    gold = 0
    for doc in docs:
        record = to_record(doc)
        sentences = record_sentences(record, mentions_for(doc, record, entities))
        for (chem, dis), feats in adverse.pair_features(sentences, broader).items():
            rows.append([feats[name] for name in adverse_model.FEATURES])
            labels.append(float((chem.removeprefix(MESH), dis.removeprefix(MESH))
                                in doc.relations))
        gold += len(doc.relations)
    return rows, labels, gold


def fit(docs: list[Doc], dev: list[Doc], entities: str, trees: dict[str, tuple[str, ...]],
        l2: float = 1.0) -> None:
    """Fit logistic weights (L2, L-BFGS) and sweep the threshold on the development split."""
    import numpy as np
    from scipy.optimize import minimize

    broader = broader_from_trees(trees)
    rows, labels, _ = features_and_labels(docs, entities, broader)
    x, y = np.array(rows), np.array(labels)

    def loss(w: np.ndarray) -> tuple[float, np.ndarray]:
        p = 1 / (1 + np.exp(-(x @ w)))
        value = -(y * np.log(p + 1e-12) + (1 - y) * np.log(1 - p + 1e-12)).sum()
        grad = x.T @ (p - y)
        value += 0.5 * l2 * (w[1:] ** 2).sum()
        grad[1:] += l2 * w[1:]
        return float(value), grad

    w = minimize(loss, np.zeros(x.shape[1]), jac=True, method="L-BFGS-B").x
    print("WEIGHTS = {" + ", ".join(f'"{n}": {v:.3f}' for n, v in zip(adverse_model.FEATURES, w,
                                                                          strict=True)) + "}")
    drows, dlabels, dgold = features_and_labels(dev, entities, broader)
    scores = 1 / (1 + np.exp(-(np.array(drows) @ w)))
    for threshold in (0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5):
        tp = float(((scores >= threshold) & (np.array(dlabels) == 1)).sum())
        fp = float(((scores >= threshold) & (np.array(dlabels) == 0)).sum())
        p, r = tp / max(1.0, tp + fp), tp / max(1, dgold)
        print(f"threshold {threshold:.2f}: dev P {p:.3f} R {r:.3f} "
              f"F {2 * p * r / max(1e-9, p + r):.3f} (pair-level, before claim filters)")
    if math.isnan(float(w[0])):
        raise SystemExit("fit diverged")


def use_vocabulary_learned_from(splits: tuple[str, ...]) -> None:
    """Install a default vocabulary whose learned weights come from ``splits`` only."""
    from kg.vocab.compiled import compile_vocabulary
    from kg.vocab.default import set_default_vocabulary
    from kg.vocab.locate import find_corpora_dir, find_mesh_source

    if "test" in splits:
        raise SystemExit("refusing to learn from the test split")
    set_default_vocabulary(compile_vocabulary(find_mesh_source(), find_corpora_dir(),
                                              splits=splits))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--split", choices=sorted(SPLITS), default="dev")
    parser.add_argument("--entities", choices=("recogniser", "gold"), default="recogniser")
    parser.add_argument("--limit", type=int, default=0, help="only the first N abstracts")
    parser.add_argument("--fit", action="store_true", help="fit weights on --split (not test)")
    parser.add_argument("--learn", default="", help="comma-separated splits the recogniser "
                        "learns from (default: the vocabulary's own, train and dev); 'train' "
                        "makes dev a held-out check")
    args = parser.parse_args()
    if args.learn:
        use_vocabulary_learned_from(tuple(args.learn.split(",")))
    if not CORPUS.exists():
        raise SystemExit(f"BC5CDR not found at {CORPUS}")
    docs = list(read_pubtator(CORPUS / SPLITS[args.split]))
    docs = docs[:args.limit] if args.limit else docs
    trees = load_trees()
    if args.fit:
        if args.split == "test":
            raise SystemExit("refusing to fit on the test split")
        fit(docs, list(read_pubtator(CORPUS / SPLITS["dev"])), args.entities, trees)
        return
    print(f"BC5CDR {args.split}, CID relations, entities: {args.entities}")
    evaluate(docs, args.entities, trees)


if __name__ == "__main__":
    main()
