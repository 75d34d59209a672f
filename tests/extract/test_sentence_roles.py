"""The sentence-role classifier: features, constrained decoding, the shipped artefact."""

from __future__ import annotations

import gzip
import json

import numpy as np
import pytest

from kg.errors import KGError
from kg.extract.headings import FIVE_ROLES
from kg.extract.sentence_roles import (
    MODEL_FORMAT,
    MODEL_PATH,
    RoleModel,
    classify_sentences,
    load_role_model,
    read_role_model,
    sentence_features,
    write_role_model,
)

TRIAL = [
    "Chronic neck pain is common among office workers and often lasts for months.",
    "Few trials have compared home stretching programmes with usual care in this group.",
    "The aim of this study was to assess whether daily stretching lowers neck pain.",
    "Eighty office workers were randomly allocated to stretching or to usual care.",
    "The primary outcome was pain intensity on a 0 to 10 numeric scale at twelve weeks.",
    "Pain fell by 2.1 points with stretching and by 0.6 points with usual care (p < 0.001).",
    "No serious adverse events were reported in either group.",
    "A daily stretching programme reduces neck pain in office workers.",
]
AIM_FIRST = [
    "To compare two doses of oral vitamin D for raising blood levels in older adults.",
    "Adults over 70 were assigned at random to 800 or 2000 units a day for six months.",
    "Mean levels rose more with the higher dose (difference 12 nmol/L, 95% CI 8 to 16).",
    "The higher dose raises vitamin D levels more without extra harm.",
]


def test_an_abstract_in_plain_order_gets_the_obvious_roles():
    roles = classify_sentences(TRIAL)
    assert roles[:2] == ["background", "background"]
    assert roles[2] in ("background", "objective")  # the corpus files aims under both
    assert roles[3:5] == ["methods", "methods"]
    assert roles[5:7] == ["results", "results"]
    assert roles[7] == "conclusions"


def test_an_abstract_opening_on_its_aim():
    assert classify_sentences(AIM_FIRST) == ["objective", "methods", "results", "conclusions"]


def test_allowed_roles_constrain_the_decoding():
    mixed = classify_sentences(TRIAL, [("methods", "results")] * len(TRIAL))
    assert set(mixed) <= {"methods", "results"} and "results" in mixed
    fixed = classify_sentences(TRIAL, [("conclusions",)] * 3 + [()] * 5)
    assert fixed[:3] == ["conclusions"] * 3 and fixed[5] == "results"


def test_no_sentences():
    assert classify_sentences([]) == [] and load_role_model().decode([]) == []


def test_features_hide_numbers_and_see_neighbours():
    items = sentence_features(["Pain fell by 2.1 points.", "It was safe."])
    assert "w:0" in items[0] and "b:by_0" in items[0] and "w:2" not in items[0]
    assert "n:none" in items[1] and "p:none" in items[0]
    assert "nw:safe" in items[0] and "pw:pain" in items[1]
    assert "i:0" in items[0] and "r:0" in items[1]


def test_shipped_model_is_in_the_written_format():
    model = load_role_model()
    assert sorted(model.labels) == sorted(FIVE_ROLES)
    assert model.weights.shape == (len(model.index), 5) and model.transitions.shape == (5, 5)
    with gzip.open(MODEL_PATH, "rt", encoding="utf-8") as handle:
        data = json.load(handle)
    assert data["format"] == MODEL_FORMAT and data["attributes"] == sorted(data["attributes"])
    assert "train split" in model.training


def test_write_then_read_round_trip_is_byte_stable(tmp_path):
    rows = {"w:pain": [0.0, 0.0, 0.0, 1.5, 0.2], "w:never": [0.0] * 5,
            "f:to": [0.0, 2.0, 0.0, 0.0, 0.0]}
    transitions = np.eye(5).tolist()
    first, second = tmp_path / "a.json.gz", tmp_path / "b.json.gz"
    write_role_model(first, FIVE_ROLES, transitions, rows, "toy")
    write_role_model(second, FIVE_ROLES, transitions, dict(reversed(rows.items())), "toy")
    assert first.read_bytes() == second.read_bytes()
    model = read_role_model(first)
    assert set(model.index) == {"w:pain", "f:to"}  # all-zero rows are dropped
    assert model.decode([["f:to"], ["w:pain"]]) == ["objective", "results"]


def test_read_refuses_another_format(tmp_path):
    path = tmp_path / "other.json.gz"
    with gzip.open(path, "wt", encoding="utf-8") as handle:
        json.dump({"format": "something/2", "labels": list(FIVE_ROLES)}, handle)
    with pytest.raises(KGError):
        read_role_model(path)


def test_viterbi_uses_transitions():
    labels = ("background", "objective", "methods", "results", "conclusions")
    transitions = np.full((5, 5), -5.0)
    transitions[2, 3] = 5.0  # methods → results is the only likely step
    model = RoleModel(labels, {"w:a": 0}, np.array([[0.0, 0.0, 1.0, 0.9, 0.0]]), transitions, "")
    assert model.decode([["w:a"], ["w:a"]]) == ["methods", "results"]


def test_decoding_matches_crfsuite(tmp_path):
    """A CRF trained with CRFsuite and written by the training script's writer decodes alike."""
    pycrfsuite = pytest.importorskip("pycrfsuite")
    trainer = pycrfsuite.Trainer(verbose=False)
    for text in (TRIAL, AIM_FIRST):
        trainer.append(sentence_features(text), list(classify_sentences(text)))
    trainer.set_params({"c2": 0.1, "max_iterations": 30, "feature.possible_transitions": True})
    trainer.train(str(tmp_path / "toy.crfsuite"))
    tagger = pycrfsuite.Tagger()
    tagger.open(str(tmp_path / "toy.crfsuite"))
    info, labels = tagger.info(), list(tagger.labels())
    rows: dict[str, list[float]] = {}
    for (attribute, label), weight in info.state_features.items():
        rows.setdefault(attribute, [0.0] * len(labels))[labels.index(label)] = weight
    transitions = [[info.transitions.get((a, b), 0.0) for b in labels] for a in labels]
    write_role_model(tmp_path / "toy.json.gz", labels, transitions, rows, "toy")
    model = read_role_model(tmp_path / "toy.json.gz")
    for text in (TRIAL, AIM_FIRST, TRIAL[2:6]):
        assert model.decode(sentence_features(text)) == tagger.tag(sentence_features(text))
