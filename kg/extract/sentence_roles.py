"""Rhetorical roles of abstract sentences whose headings do not say them: a linear-chain CRF.

An unstructured abstract still moves from background through aims, methods and results to a
conclusion; a sentence's words ("we randomly assigned", "was significantly lower", "in
conclusion"), its place in the abstract, its neighbours' words and the usual order of roles
together recover that order far better than position alone. The model is a linear-chain CRF
trained with CRFsuite on structured abstracts with their headings hidden
(``bench/train_sentence_roles.py``); the trained weights ship as a small JSON artefact and are
decoded here with a few lines of numpy, so runtime needs neither CRFsuite nor scikit-learn, and
decoding can be constrained: a section headed "METHODS AND RESULTS" may only be methods or
results, a section headed "RESULTS" only results.

The artefact (``kg/extract/data/sentence_roles.json.gz``): ``format`` (``MODEL_FORMAT``),
``labels`` (the five roles, in CRFsuite's order), ``transitions`` (labels × labels, from row to
column), ``attributes`` (feature names) and ``weights`` (one row per attribute, one column per
label), plus ``training`` (a description of the data and split it came from).
"""

from __future__ import annotations

import gzip
import json
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from itertools import pairwise
from pathlib import Path

import numpy as np

from kg.errors import KGError
from kg.extract.headings import FIVE_ROLES
from kg.extract.model import SentenceRole

__all__ = [
    "MODEL_FORMAT", "MODEL_PATH", "RoleModel", "classify_sentences", "load_role_model",
    "read_role_model", "sentence_features", "write_role_model",
]

MODEL_FORMAT = "ekg-sentence-roles/1"
MODEL_PATH = Path(__file__).with_name("data") / "sentence_roles.json.gz"

_TOKEN = re.compile(r"[^\W\d_]+|\d+")
_SYMBOLS = "%<>=±?:;()"
_NEIGHBOURS = (("p", -1), ("n", 1), ("pp", -2), ("nn", 2))
_NEIGHBOUR_KINDS = {"p": ("w:", "f:"), "n": ("w:", "f:"), "pp": ("f:",), "nn": ("f:",)}
_SHAPES = tuple((name, re.compile(pattern, re.IGNORECASE)) for name, pattern in (
    ("p", r"\bp\s*[<=>≤≥]"), ("ci", r"\b(?:95\s*%|ci\b|confidence interval)"),
    ("decimal", r"\d\.\d"), ("percent", r"\d\s*%"), ("ratio", r"\b(?:[oh]r|rr|odds|hazard)\b"),
))
"""Shapes of reported numbers (p values, intervals, decimals, percentages, ratios): results."""
_REGISTRATION = re.compile(r"\b(?:nct|isrctn|actrn|regist|clinicaltrials)", re.IGNORECASE)


def _tokens(text: str) -> list[str]:
    """Lower-cased words, every number folded to ``0`` (its value says nothing about the role)."""
    return ["0" if t[0].isdigit() else t for t in _TOKEN.findall(text.lower())]


def _own_features(text: str) -> list[str]:
    """Features of a sentence alone: words, word pairs, opening words, symbols, number shapes,
    length."""
    tokens = _tokens(text)
    features = [f"w:{t}" for t in tokens]
    features += [f"b:{a}_{b}" for a, b in pairwise(tokens)]
    features += [f"f:{t}" for t in tokens[:1]] + [f"f2:{'_'.join(tokens[:2])}"]
    features += [f"s:{c}" for c in _SYMBOLS if c in text]
    features += [f"x:{name}" for name, pattern in _SHAPES if pattern.search(text)]
    features.append(f"len:{min(len(tokens) // 8, 6)}")
    return features


def _position_features(i: int, count: int) -> list[str]:
    """Where the sentence sits: relative fifth, index from the start and from the end (capped)."""
    fifth = min(4, 5 * i // count)
    return ["bias", f"pos:{fifth}", f"i:{min(i, 5)}", f"r:{min(count - 1 - i, 5)}"]


def _abstract_features(texts: Sequence[str], own: Sequence[Sequence[str]]) -> list[str]:
    """Features every sentence shares: how the abstract opens, its length, a registration number.

    Journals differ in where they file an abstract's opening (a "Background" or an "Objective"
    section), and the opening words, the length and a trial registration hint at the house style.
    """
    shared = ["g" + f for f in own[0] if f.startswith(("f:", "f2:"))] if own else []
    shared.append(f"g:n:{min(len(texts) // 4, 5)}")
    if any(_REGISTRATION.search(t) for t in texts):
        shared.append("g:reg")
    return shared


def sentence_features(texts: Sequence[str]) -> list[list[str]]:
    """CRFsuite attributes of each sentence of one abstract, in order (no heading among them).

    Neighbours contribute their words and opening words (prefix ``p``/``n``), the sentences two
    away their opening word (``pp``/``nn``): a sentence after "We randomly assigned ..." is more
    likely methods or results than background.
    """
    own = [sorted(set(_own_features(t))) for t in texts]
    shared = _abstract_features(texts, own)
    out: list[list[str]] = []
    for i, features in enumerate(own):
        item = features + _position_features(i, len(texts)) + shared
        for tag, offset in _NEIGHBOURS:
            j = i + offset
            if 0 <= j < len(own):
                item += [tag + f for f in own[j] if f.startswith(_NEIGHBOUR_KINDS[tag])]
            elif len(tag) == 1:
                item.append(f"{tag}:none")
        out.append(item)
    return out


@dataclass(frozen=True, slots=True)
class RoleModel:
    """A trained CRF's weights, ready for constrained Viterbi decoding."""

    labels: tuple[SentenceRole, ...]
    index: dict[str, int]
    weights: np.ndarray  # attributes × labels
    transitions: np.ndarray  # labels × labels, from row to column
    training: str

    def emissions(self, items: Sequence[Sequence[str]]) -> np.ndarray:
        """Sentences × labels: the summed weights of each sentence's known attributes."""
        out = np.zeros((len(items), len(self.labels)))
        for row, item in enumerate(items):
            rows = [self.index[a] for a in item if a in self.index]
            if rows:
                out[row] = self.weights[rows].sum(axis=0)
        return out

    def decode(self, items: Sequence[Sequence[str]],
               allowed: Sequence[Sequence[SentenceRole]] | None = None) -> list[SentenceRole]:
        """The best label sequence (Viterbi), each sentence kept within its allowed roles."""
        if not items:
            return []
        scores = self.emissions(items)
        if allowed is not None:
            scores = scores + self._mask(allowed)
        back = np.zeros(scores.shape, dtype=int)
        best = scores[0]
        for t in range(1, len(scores)):
            candidates = best[:, None] + self.transitions
            back[t] = candidates.argmax(axis=0)
            best = candidates.max(axis=0) + scores[t]
        path = [int(best.argmax())]
        for t in range(len(scores) - 1, 0, -1):
            path.append(int(back[t][path[-1]]))
        return [self.labels[k] for k in reversed(path)]

    def _mask(self, allowed: Sequence[Sequence[SentenceRole]]) -> np.ndarray:
        """-inf for each role a sentence may not take (no constraint where none is given)."""
        mask = np.zeros((len(allowed), len(self.labels)))
        for row, roles in enumerate(allowed):
            if roles:
                mask[row] = [0.0 if label in roles else -np.inf for label in self.labels]
        return mask


def read_role_model(path: Path) -> RoleModel:
    """Read an artefact written by ``bench/train_sentence_roles.py``; refuse another format."""
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        data = json.load(handle)
    if data.get("format") != MODEL_FORMAT or sorted(data["labels"]) != sorted(FIVE_ROLES):
        raise KGError(f"{path}: not a {MODEL_FORMAT} model over the five sentence roles")
    weights = np.asarray(data["weights"], dtype=float).reshape(len(data["attributes"]), -1)
    return RoleModel(tuple(data["labels"]), {a: i for i, a in enumerate(data["attributes"])},
                     weights, np.asarray(data["transitions"], dtype=float), data["training"])


def write_role_model(path: Path, labels: Sequence[str], transitions: Sequence[Sequence[float]],
                     rows: Mapping[str, Sequence[float]], training: str) -> None:
    """Write an artefact: attributes sorted, weights rounded, gzip without a timestamp, so the
    same trained model always gives the same bytes. Attributes whose weights are all 0 are
    dropped (they cannot change a decision)."""
    attributes = sorted(a for a, w in rows.items() if any(round(x, 4) for x in w))
    data = {"format": MODEL_FORMAT, "labels": list(labels), "training": training,
            "transitions": [[round(x, 4) for x in row] for row in transitions],
            "attributes": attributes,
            "weights": [[round(x, 4) for x in rows[a]] for a in attributes]}
    path.parent.mkdir(parents=True, exist_ok=True)
    text = json.dumps(data, separators=(",", ":"), sort_keys=True).encode("utf-8")
    with open(path, "wb") as raw, gzip.GzipFile("", "wb", fileobj=raw, mtime=0) as handle:
        handle.write(text)


@cache
def load_role_model() -> RoleModel:
    """The shipped model, read once per process."""
    return read_role_model(MODEL_PATH)


def classify_sentences(texts: Sequence[str],
                       allowed: Sequence[Sequence[SentenceRole]] | None = None,
                       ) -> list[SentenceRole]:
    """The role of each sentence of one abstract (in reading order), within ``allowed`` roles."""
    if not texts:
        return []  # no need to load the model
    return load_role_model().decode(sentence_features(texts), allowed)
