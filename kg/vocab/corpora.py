"""Annotated corpora in PubTator layout (BC5CDR, NCBI disease) and their entity types.

Used twice: to *learn* surface forms and their precision from the training and development
splits (``kg.vocab.learn``) and to *evaluate* the recogniser on the test splits
(``bench/ner_eval.py``). The layout is ``PMID|t|title``, ``PMID|a|abstract``, then one
tab-separated annotation per line (``PMID start end text type ids``); offsets count in
``title + " " + abstract``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from kg.vocab.matcher import Target

__all__ = [
    "CORPUS_FILES",
    "AnnotatedDoc",
    "Annotation",
    "classify_entity",
    "collect_gold_concepts",
    "locate_corpus_file",
    "read_pubtator",
    "split_ids",
]

CORPUS_FILES: dict[tuple[str, str], tuple[str, ...]] = {
    ("bc5cdr", "train"): ("bc5cdr", "CDR_TrainingSet.PubTator.txt"),
    ("bc5cdr", "dev"): ("bc5cdr", "CDR_DevelopmentSet.PubTator.txt"),
    ("bc5cdr", "test"): ("bc5cdr", "CDR_TestSet.PubTator.txt"),
    ("ncbi", "train"): ("ncbi_disease", "NCBItrainset_corpus.txt"),
    ("ncbi", "dev"): ("ncbi_disease", "NCBIdevelopset_corpus.txt"),
    ("ncbi", "test"): ("ncbi_disease", "NCBItestset_corpus.txt"),
}
"""(corpus, split) → path under ``data/corpora`` of the shared reference data."""

_MESH_ID = re.compile(r"^(?:MESH:)?([CD]\d{6,9})$")


@dataclass(frozen=True, slots=True)
class Annotation:
    """A gold mention: span in ``title + " " + abstract``, entity type and concept ids."""

    start: int
    end: int
    text: str
    type: str  # "Chemical" | "Disease"
    ids: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class AnnotatedDoc:
    """One abstract with its gold annotations."""

    pmid: str
    title: str
    abstract: str
    annotations: tuple[Annotation, ...]

    @property
    def text(self) -> str:
        """Title and abstract as the annotation offsets count them."""
        return f"{self.title} {self.abstract}"


def locate_corpus_file(data_dir: Path, corpus: str, split: str) -> Path:
    """The file of one split (``data_dir`` is the ``data/corpora`` folder)."""
    try:
        return data_dir.joinpath(*CORPUS_FILES[(corpus, split)])
    except KeyError:
        raise ValueError(f"unknown corpus/split {corpus}/{split}") from None


def split_ids(field: str) -> tuple[str, ...]:
    """MeSH ids of an annotation: composites split on ``|``/``+``, ``-1`` and OMIM ids kept out."""
    out = []
    for part in re.split(r"[|+,]", field):
        match = _MESH_ID.match(part.strip())
        if match:
            out.append(match.group(1))
    return tuple(dict.fromkeys(out))


def _entity(raw_type: str) -> str:
    """BC5CDR says Chemical/Disease; NCBI's four disease classes all count as Disease."""
    return "Chemical" if raw_type == "Chemical" else "Disease"


def read_pubtator(path: Path) -> Iterator[AnnotatedDoc]:
    """Documents of a PubTator file, in order."""
    title = abstract = pmid = ""
    annotations: list[Annotation] = []
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            line = line.rstrip("\n")
            if not line.strip():
                if pmid:
                    yield AnnotatedDoc(pmid, title, abstract, tuple(annotations))
                title = abstract = pmid = ""
                annotations = []
            elif "|t|" in line[:20]:
                pmid, title = line.split("|t|", 1)
            elif "|a|" in line[:20]:
                abstract = line.split("|a|", 1)[1]
            else:
                annotations.extend(_annotation(line))
    if pmid:
        yield AnnotatedDoc(pmid, title, abstract, tuple(annotations))


def _annotation(line: str) -> list[Annotation]:
    """One annotation line; relation lines (``CID``) and malformed lines give nothing."""
    parts = line.split("\t")
    if len(parts) < 6 or not parts[1].isdigit():
        return []
    return [Annotation(int(parts[1]), int(parts[2]), parts[3], _entity(parts[4]),
                       split_ids(parts[5]))]


def collect_gold_concepts(doc: AnnotatedDoc) -> set[tuple[str, str]]:
    """The official document-level measure's unit: the set of (type, MeSH id) in a document."""
    return {(a.type, i) for a in doc.annotations for i in a.ids}


def classify_entity(target: Target) -> str | None:
    """The corpus entity type a recognised concept counts as, or None when it counts as neither.

    Conditions are diseases; interventions that are chemicals (a D tree, or a supplementary
    record) are chemicals. Mechanisms (receptors, drug actions), procedures and outcomes are
    neither: the corpora do not annotate them.
    """
    if target.role == "condition":
        return "Disease"
    if target.role == "intervention" and ("D" in target.trees or "S" in target.trees):
        return "Chemical"
    return None
