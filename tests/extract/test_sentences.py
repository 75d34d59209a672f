"""Sentence splitting: offsets index the text exactly, abbreviations and decimals do not split."""

from __future__ import annotations

import pytest

from kg.extract.model import Mention
from kg.extract.sentences import (
    ROLE_WEIGHTS,
    record_sentences,
    section_weight,
    sentence_roles,
    split_sentences,
)
from kg.records.model import AbstractSection, Record, SourceInfo
from kg.records.registry import read_file


def _texts(text: str) -> list[str]:
    return [s.text for s in split_sentences(text)]


@pytest.mark.parametrize("text, expected", [
    ("Ketamine was given. Pain fell.", ["Ketamine was given.", "Pain fell."]),
    ("Drugs (e.g. ketamine) help. Others do not.", ["Drugs (e.g. ketamine) help.",
                                                     "Others do not."]),
    ("Ketamine vs. placebo was tested. It worked.", ["Ketamine vs. placebo was tested.",
                                                      "It worked."]),
    ("Smith et al. (2010) found this. We agree.", ["Smith et al. (2010) found this.",
                                                    "We agree."]),
    ("The rate was 0.35 mg/kg/h for 5.5 days. It was safe.",
     ["The rate was 0.35 mg/kg/h for 5.5 days.", "It was safe."]),
    ("Did it work? Yes! It did.", ["Did it work?", "Yes!", "It did."]),
    ("As shown by J. Smith, it works. It does.", ["As shown by J. Smith, it works.", "It does."]),
    ("Levels of vitamin D. The end.", ["Levels of vitamin D.", "The end."]),
    ("Dose was 5 mg. Then it rose.", ["Dose was 5 mg.", "Then it rose."]),
    ("He said \"stop.\" Then he left.", ["He said \"stop.\"", "Then he left."]),
    ("It was given i.v. twice daily. Good.", ["It was given i.v. twice daily.", "Good."]),
    ("lower case after stop. does not split", ["lower case after stop. does not split"]),
])
def test_split_sentences(text, expected):
    assert _texts(text) == expected


def test_offsets_index_the_original_text():
    text = "  First one.   Second (e.g. this) one!\nThird 1.5 units. "
    sentences = split_sentences(text)
    assert len(sentences) == 3
    for sentence in sentences:
        assert text[sentence.start:sentence.end] == sentence.text


def test_empty_and_blank_text():
    assert split_sentences("") == ()
    assert split_sentences("   \n ") == ()


def test_section_weights_favour_findings():
    assert section_weight("Results") == section_weight("Conclusions") == 1.0
    assert section_weight("Case") == section_weight("Discussion") == 1.0
    assert section_weight("Background") < section_weight("Methods") < section_weight("Results")
    assert section_weight("title") == 0.9
    assert section_weight(None, "CONCLUSIONS") == 1.0


def test_record_sentences_attach_mentions_by_section_and_span():
    record = Record(source=SourceInfo("x.txt", 0, 1, "test", "0" * 64), title="Drug A for pain.",
                    abstract=(AbstractSection("Drug A helps. Pain fell.", "Results"),))
    mentions = [
        Mention("http://id.nlm.nih.gov/mesh/D000001", "A", "intervention", "title", 5, 6, "A"),
        Mention("http://id.nlm.nih.gov/mesh/D010146", "Pain", "condition", "Results", 14, 18,
                "Pain"),
        Mention("http://id.nlm.nih.gov/mesh/D000002", "B", "intervention", None),  # no span
    ]
    sentences = record_sentences(record, mentions)
    assert [(s.section, s.text) for s in sentences] == [
        ("title", "Drug A for pain."), ("Results", "Drug A helps."), ("Results", "Pain fell.")]
    assert [len(s.mentions) for s in sentences] == [1, 0, 1]
    assert sentences[2].local(sentences[2].mentions[0]) == (0, 4)
    assert sentences[1].weight == 1.0 and sentences[0].weight == 0.9


UNLABELLED = (
    "Chronic neck pain is common among office workers and often lasts for months. "
    "Few trials have compared home stretching programmes with usual care in this group. "
    "Eighty office workers were randomly allocated to stretching or to usual care. "
    "Pain fell by 2.1 points with stretching and by 0.6 points with usual care (p < 0.001). "
    "No serious adverse events were reported in either group. "
    "A daily stretching programme reduces neck pain in office workers."
)


def _record(*parts: AbstractSection) -> Record:
    return Record(source=SourceInfo("x.txt", 0, 1, "test", "0" * 64),
                  title="Stretching for neck pain.", abstract=parts)


def test_unlabelled_abstract_is_classified_and_weighted_by_role():
    sentences = record_sentences(_record(AbstractSection(UNLABELLED)), [])
    assert [s.role for s in sentences] == [
        "title", "background", "background", "methods", "results", "results", "conclusions"]
    assert [s.weight for s in sentences] == [ROLE_WEIGHTS[s.role] for s in sentences]
    assert {s.section for s in sentences[1:]} == {"abstract"}


def test_uninformative_heading_is_classified_like_no_heading():
    plain = [s.role for s in record_sentences(_record(AbstractSection(UNLABELLED)), [])]
    headed = record_sentences(_record(AbstractSection(UNLABELLED, "Abstract", "UNASSIGNED")), [])
    assert [s.role for s in headed] == plain


def test_headings_decide_and_mixed_headings_constrain():
    record = _record(
        AbstractSection("Neck pain is common in office work.", "Background"),
        AbstractSection("Eighty workers were randomly allocated to stretching or usual care. "
                        "Mean pain scores decreased significantly more with stretching than with "
                        "usual care (mean difference 1.5 points, 95% CI 0.9 to 2.1; p < 0.001).",
                        "Methods and results", "RESULTS"),
        AbstractSection("Daily stretching eases neck pain.", "Conclusions"),
        AbstractSection("ISRCTN12345678.", "Trial registration"),
    )
    roles = [(s.section, s.role) for s in record_sentences(record, [])]
    assert roles == [("title", "title"), ("Background", "background"),
                     ("Methods and results", "methods"), ("Methods and results", "results"),
                     ("Conclusions", "conclusions"), ("Trial registration", "methods")]
    assert [r for _, _, r in sentence_roles(record)] == [r for _, r in roles]


def test_seed_record_roles(seed_path):
    record = next(iter(read_file(seed_path)))
    by_section = {name: role for name, _, role in sentence_roles(record)}
    assert by_section == {"title": "title", "Background": "background", "Case": "results",
                          "Discussion": "conclusions"}


def test_headings_written_into_an_unlabelled_abstract_decide():
    text = ("BACKGROUND: Neck pain is common in office work. It costs employers dearly. "
            "METHODS: Eighty workers were randomly allocated to stretching or usual care. "
            "RESULTS: Pain fell more with stretching. CONCLUSIONS: Stretching helps.")
    roles = [r for _, _, r in sentence_roles(_record(AbstractSection(text)))]
    assert roles == ["title", "background", "background", "methods", "results", "conclusions"]
