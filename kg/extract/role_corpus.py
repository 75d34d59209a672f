"""Structured abstracts as labelled sentence sequences, a fixed split, and role scores.

The sentence-role classifier learns from abstracts whose authors headed their sections: each
sentence takes the role its heading names (``kg.extract.headings``), and the heading itself is
never shown to the classifier. Only abstracts whose headings name at least three roles count as
structured; sections whose heading names no role ("ABSTRACT", "HIGHLIGHTS") or several
("METHODS AND RESULTS") are left out, because their sentences have no single gold role.

The split is by article, fixed and reproducible without a list: the first byte of the SHA-1 of
the PMCID, modulo 20, puts 0–2 in ``test`` (15 %), 3–5 in ``dev`` (15 %), the rest in ``train``.
"""

from __future__ import annotations

import gzip
import hashlib
import json
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from kg.extract.headings import FIVE_ROLES, heading_roles
from kg.extract.model import SentenceRole
from kg.extract.sentences import split_sentences

__all__ = [
    "FINDING_ROLES", "LabelledAbstract", "RoleScores", "Split", "position_roles",
    "read_labelled_abstracts", "score_roles", "split_of",
]

Split = Literal["train", "dev", "test"]
FINDING_ROLES: frozenset[SentenceRole] = frozenset({"results", "conclusions"})
"""The roles whose sentences may state a study's own findings."""

_MIN_ROLES = 3


@dataclass(frozen=True, slots=True)
class LabelledAbstract:
    """One structured abstract's sentences in reading order, with their headings' roles."""

    pmcid: str
    sentences: tuple[str, ...]
    roles: tuple[SentenceRole, ...]


def split_of(pmcid: str) -> Split:
    """The article's split: fixed by a hash of its PMCID, so every run agrees."""
    bucket = hashlib.sha1(pmcid.encode("utf-8")).digest()[0] % 20
    return "test" if bucket < 3 else "dev" if bucket < 6 else "train"


def _labelled(entry: dict) -> LabelledAbstract | None:
    """The abstract's single-role sections split into sentences, or None when not structured."""
    sentences: list[str] = []
    roles: list[SentenceRole] = []
    for section in entry.get("sections", ()):
        named = heading_roles(section.get("label") or None)
        if len(named) == 1:
            found = [s.text for s in split_sentences(section.get("text") or "")]
            sentences += found
            roles += named * len(found)
    if len(set(roles)) < _MIN_ROLES:
        return None
    return LabelledAbstract(entry["pmcid"], tuple(sentences), tuple(roles))


def read_labelled_abstracts(path: Path, splits: Sequence[Split] = ("train", "dev", "test"),
                            limit: int | None = None) -> Iterator[LabelledAbstract]:
    """Structured abstracts of ``abstracts.jsonl.gz`` in the given splits, in file order."""
    count = 0
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        for line in handle:
            entry = json.loads(line)
            if split_of(entry["pmcid"]) not in splits:
                continue
            abstract = _labelled(entry)
            if abstract is not None:
                yield abstract
                count += 1
                if limit is not None and count >= limit:
                    return


def position_roles(count: int) -> list[SentenceRole]:
    """The baseline the classifier must beat: position alone (what unlabelled abstracts got
    before it): the first of three or more sentences background, the last two conclusions,
    everything else results."""
    if count < 3:
        return ["results"] * count
    return ["background"] + ["results"] * (count - 3) + ["conclusions"] * 2


@dataclass(frozen=True, slots=True)
class RoleScores:
    """Finding-sentence precision/recall/F1 and per-role F1 over a set of sentences."""

    finding_precision: float
    finding_recall: float
    finding_f1: float
    role_f1: dict[str, float]
    sentences: int

    @property
    def macro_f1(self) -> float:
        """The unweighted mean of the five roles' F1."""
        return sum(self.role_f1.values()) / len(self.role_f1)


def _prf(true_positive: int, predicted: int, gold: int) -> tuple[float, float, float]:
    precision = true_positive / predicted if predicted else 0.0
    recall = true_positive / gold if gold else 0.0
    total = precision + recall
    return precision, recall, (2 * precision * recall / total if total else 0.0)


def score_roles(gold: Sequence[SentenceRole], predicted: Sequence[SentenceRole]) -> RoleScores:
    """Score predicted roles against gold ones, sentence by sentence."""
    pairs = list(zip(gold, predicted, strict=True))
    role_f1 = {}
    for role in FIVE_ROLES:
        hits = sum(g == p == role for g, p in pairs)
        role_f1[role] = _prf(hits, sum(p == role for _, p in pairs),
                             sum(g == role for g, _ in pairs))[2]
    found = sum(g in FINDING_ROLES and p in FINDING_ROLES for g, p in pairs)
    precision, recall, f1 = _prf(found, sum(p in FINDING_ROLES for _, p in pairs),
                                 sum(g in FINDING_ROLES for g, _ in pairs))
    return RoleScores(precision, recall, f1, role_f1, len(pairs))
