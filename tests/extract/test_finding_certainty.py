"""The certainty a finding starts from, and the downgrades its own abstract shows."""

from __future__ import annotations

import pytest

from kg.extract.certainty import SMALL_SAMPLE, assess_certainty, lower_certainty
from kg.extract.design import assess_design, assessment_for
from kg.extract.model import DOWNGRADES
from kg.extract.sentences import record_sentences
from kg.records.model import AbstractSection, Record, SourceInfo


def _record(title: str, *sections: tuple[str | None, str]) -> Record:
    return Record(source=SourceInfo("x.txt", 0, 1, "test", "0" * 64), title=title,
                  abstract=tuple(AbstractSection(text, label) for label, text in sections))


def _certainty(record: Record, n: int | None):
    design = assess_design(record)
    return assess_certainty(design, record_sentences(record, ()), n)


@pytest.mark.parametrize("start, steps, result", [
    ("high", 0, "high"), ("high", 1, "moderate"), ("high", 2, "low"), ("low", 1, "very-low"),
    ("very-low", 3, "very-low"),
])
def test_lowering_has_a_floor(start, steps, result):
    assert lower_certainty(start, steps) == result


def test_a_large_blinded_trial_starts_and_stays_high():
    record = _record("Drug X for migraine: a randomised trial",
                     ("Methods", "In this double-blind trial, 400 adults were randomly assigned "
                                 "to drug X or placebo."))
    c = _certainty(record, 400)
    assert (c.starting, c.downgrades, c.rating) == ("high", (), "high")


def test_an_open_label_trial_in_healthy_volunteers_loses_two_steps():
    record = _record("Drug X and heart rate",
                     ("Methods", "In an open-label randomised trial, 24 healthy volunteers "
                                 "took drug X or nothing."))
    c = _certainty(record, 24)
    assert c.starting == "high"
    assert set(c.downgrades) == {"no-blinding", "small-sample", "indirect-healthy-volunteers"}
    assert c.rating == "very-low"


def test_an_uncontrolled_series_starts_low_and_loses_a_step():
    record = _record("Exercise after stroke: a single-arm study",
                     ("Results", "All 60 patients walked further after the programme."))
    c = _certainty(record, 60)
    assert (c.starting, c.downgrades, c.rating) == ("low", ("no-control-group",), "very-low")


def test_animal_and_cell_studies_are_indirect():
    animal = _certainty(_record("Ketamine in rats", (None, "Rats received ketamine.")), None)
    assert "indirect-animal" in animal.downgrades and animal.rating == "very-low"
    cells = _certainty(_record("", (None, "Cultured cells were exposed to ketamine.")), None)
    assert "indirect-in-vitro" in cells.downgrades


def test_a_review_that_calls_its_evidence_weak_is_downgraded():
    record = _record("Drug X for pain: a systematic review",
                     ("Methods", "We searched for randomised trials."),
                     ("Conclusions", "The evidence is limited and of low quality."))
    c = _certainty(record, None)
    assert c.starting == "high" and c.downgrades == ("weak-evidence-stated",)
    assert c.rating == "moderate"


def test_small_sample_threshold():
    design = assessment_for("cohort", "t", "text")
    assert "small-sample" in assess_certainty(design, (), SMALL_SAMPLE - 1).downgrades
    assert assess_certainty(design, (), SMALL_SAMPLE).downgrades == ()
    assert assess_certainty(design, (), None).downgrades == ()


def test_every_downgrade_is_a_controlled_value():
    record = _record("A single-arm open-label trial in healthy volunteers",
                     ("Methods", "Twelve healthy volunteers took drug X."))
    assert set(_certainty(record, 12).downgrades) <= set(DOWNGRADES)


def test_seed_starts_very_low(seed_path):
    from kg.records.catalog import CatalogReader

    record = next(r for r in CatalogReader().read(seed_path.read_bytes(), str(seed_path)))
    c = _certainty(record, 1)
    assert (c.starting, c.rating) == ("very-low", "very-low")
    assert {"no-control-group", "small-sample"} <= set(c.downgrades)


def test_seed_findings_carry_certainty_and_study_details(seed_path):
    recognise = pytest.importorskip("kg.extract.recognise").recognise
    from kg.extract.claims import extract
    from kg.records.catalog import CatalogReader

    record = next(r for r in CatalogReader().read(seed_path.read_bytes(), str(seed_path)))
    evidence = [e for c in extract(record, recognise(record)).claims for e in c.evidence]
    findings = [e for e in evidence if e.kind == "finding"]
    assert findings
    for e in findings:
        assert e.certainty is not None and e.certainty.starting == "very-low"
        assert e.certainty.rating == "very-low"
    own = [e for e in findings if e.n is not None]
    assert own and all((e.n, e.follow_up, e.treatment_duration, e.included_studies)
                       == (1, "P12M", "P5D", None) for e in own)
    assert all(e.certainty is None for e in evidence if e.kind != "finding")
