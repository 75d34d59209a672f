"""Labelled abstracts for the sentence-role classifier: labels, split, scores, dev floor."""

from __future__ import annotations

import gzip
import json
from collections import Counter

from kg.extract.role_corpus import (
    position_roles,
    read_labelled_abstracts,
    score_roles,
    split_of,
)
from kg.extract.sentence_roles import classify_sentences
from tests.conftest import shared_path

DEV_ABSTRACTS = 150
FINDING_F1_FLOOR = 0.93
MACRO_F1_FLOOR = 0.78


def _write(path, entries):
    with gzip.open(path, "wt", encoding="utf-8") as handle:
        for entry in entries:
            handle.write(json.dumps(entry) + "\n")


def test_headings_become_labels_and_unusable_sections_are_left_out(tmp_path):
    path = tmp_path / "abstracts.jsonl.gz"
    structured = {"pmcid": "PMC1", "title": "t", "sections": [
        {"label": "INTRODUCTION", "text": "Back pain is common. Care varies."},
        {"label": "METHODS AND RESULTS", "text": "We treated ten. Eight improved."},
        {"label": "PATIENTS AND METHODS", "text": "Ten adults took part."},
        {"label": "FINDINGS", "text": "Eight improved."},
        {"label": "HIGHLIGHTS", "text": "Improvement was common."},
    ]}
    unstructured = {"pmcid": "PMC2", "title": "t", "sections": [
        {"label": "", "text": "Back pain is common. Ten adults took part. Eight improved."}]}
    _write(path, [structured, unstructured])
    found = list(read_labelled_abstracts(path, ("train", "dev", "test")))
    assert [a.pmcid for a in found] == ["PMC1"]
    assert found[0].sentences == ("Back pain is common.", "Care varies.", "Ten adults took part.",
                                  "Eight improved.")
    assert found[0].roles == ("background", "background", "methods", "results")


def test_split_is_fixed_and_about_70_15_15():
    counts = Counter(split_of(f"PMC{n}") for n in range(3000))
    assert split_of("PMC101395") == split_of("PMC101395")
    assert abs(counts["test"] / 3000 - 0.15) < 0.03 and abs(counts["dev"] / 3000 - 0.15) < 0.03


def test_scores():
    gold = ["background", "methods", "results", "results", "conclusions"]
    predicted = ["background", "results", "results", "methods", "conclusions"]
    scores = score_roles(gold, predicted)
    assert (scores.finding_precision, scores.finding_recall) == (2 / 3, 2 / 3)
    assert scores.role_f1["background"] == 1.0 and scores.role_f1["objective"] == 0.0
    assert scores.role_f1["results"] == 0.5
    assert abs(scores.macro_f1 - (1 + 0 + 0 + 0.5 + 1) / 5) < 1e-9


def test_position_baseline():
    assert position_roles(2) == ["results", "results"]
    assert position_roles(4) == ["background", "results", "conclusions", "conclusions"]


def test_dev_figures_stay_above_their_floor_and_the_position_baseline():
    corpus = shared_path("data", "corpora", "evidence_inference", "abstracts.jsonl.gz")
    gold, predicted, baseline = [], [], []
    for abstract in read_labelled_abstracts(corpus, ("dev",), limit=DEV_ABSTRACTS):
        gold += abstract.roles
        predicted += classify_sentences(abstract.sentences)
        baseline += position_roles(len(abstract.sentences))
    scores, floor = score_roles(gold, predicted), score_roles(gold, baseline)
    assert scores.sentences > 1000
    assert scores.finding_f1 >= FINDING_F1_FLOOR and scores.macro_f1 >= MACRO_F1_FLOOR
    assert scores.finding_f1 > floor.finding_f1 and scores.macro_f1 > floor.macro_f1
