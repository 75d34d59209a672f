"""The recogniser: spans, sections, abbreviations, negation, roles, derived mechanisms."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kg.extract.model import Mention
from kg.extract.recognise import (
    ACTION_RECOGNISER,
    INDEXER_RECOGNISER,
    MIN_CONFIDENCE,
    RECOGNISER,
    Section,
    recognise,
    recognise_sections,
    recognise_text,
    recogniser_fingerprint,
)
from kg.records.model import AbstractSection, MeshHeading, Record, SourceInfo
from kg.records.registry import read_file
from kg.vocab.default import Defaults, default_vocabulary, reset_defaults, set_default_vocabulary
from tests.conftest import shared_path
from tests.vocab.tiny import tiny_compiled, tiny_defaults

MESH = "http://id.nlm.nih.gov/mesh/"
CURATED = "https://w3id.org/evidence-kg/id/concept/"


@pytest.fixture(scope="module")
def tiny() -> Defaults:
    return tiny_defaults()


def _by_text(mentions: tuple[Mention, ...]) -> dict[str, Mention]:
    return {m.text: m for m in mentions if m.recogniser == RECOGNISER}


def _record(title: str, *sections: tuple[str | None, str]) -> Record:
    source = SourceInfo(path="t.txt", index=0, line=1, format="test", sha256="0")
    return Record(source=source, title=title,
                  abstract=tuple(AbstractSection(text, label) for label, text in sections))


def test_offsets_index_each_sections_text(tiny: Defaults) -> None:
    sections = [Section("title", "Ketamine for CRPS"),
                Section("Background", "Complex regional pain syndromes respond to Ketalar.")]
    mentions = recognise_sections(sections, tiny, use_overlay=False)
    texts = {s.name: s.text for s in sections}
    direct = [m for m in mentions if m.recogniser == RECOGNISER]
    assert [(m.section, m.text) for m in direct] == [
        ("title", "Ketamine"), ("Background", "Complex regional pain syndromes"),
        ("Background", "Ketalar")]
    for mention in direct:
        assert texts[mention.section][mention.start:mention.end] == mention.text
        assert mention.confidence >= MIN_CONFIDENCE and mention.agent == "text-mined"


def test_a_defined_abbreviation_means_its_long_form_in_the_whole_record(tiny: Defaults) -> None:
    sections = [Section("Background", "Patients with complex regional pain syndrome (CRPS)."),
                Section("Discussion", "CRPS may involve central sensitization.")]
    mentions = recognise_sections(sections, tiny, use_overlay=False)
    crps = [m for m in mentions if m.text == "CRPS"]
    assert [(m.section, m.concept) for m in crps] == [
        ("Background", MESH + "D020918"), ("Discussion", MESH + "D020918")]
    assert crps[0].confidence < _by_text(mentions)["complex regional pain syndrome"].confidence


def test_a_short_form_defined_as_something_else_loses_its_global_sense(tiny: Defaults) -> None:
    text = "After cord blood transplantation (CBT), CBT recipients were followed."
    assert not [m for m in recognise_text(text, vocab=tiny) if m.text == "CBT"]
    assert _by_text(recognise_text("CBT helped.", vocab=tiny))["CBT"].concept == MESH + "D015928"


def test_negation_hedging_and_outcome_context(tiny: Defaults) -> None:
    text = ("There were no withdrawal symptoms. Central sensitization may explain the pain. "
            "Ketamine was given to minimize withdrawal symptoms.")
    mentions = recognise_text(text, vocab=tiny, use_overlay=False)
    first, second = [m for m in mentions if m.text == "withdrawal symptoms"]
    assert first.negated and not first.hedged and first.role == "condition"
    assert not second.negated and second.role == "outcome"
    sensitization = _by_text(mentions)["Central sensitization"]
    assert sensitization.hedged and sensitization.role == "mechanism"
    assert not _by_text(mentions)["Ketamine"].negated


def test_a_drug_inside_a_longer_name_is_kept_as_other(tiny: Defaults) -> None:
    mentions = recognise_text("A rapid opioid taper was planned.", vocab=tiny)
    taper = _by_text(mentions)["rapid opioid taper"]
    assert taper.concept == CURATED + "opioid-tapering" and taper.role == "intervention"
    opioid = _by_text(mentions)["opioid"]
    assert opioid.concept == MESH + "D000701" and opioid.role == "other"


def test_ketamine_gives_nmda_antagonism_as_its_mechanism(tiny: Defaults) -> None:
    text = "Ketamine was infused. Ketamine again."
    plain = [m for m in recognise_text(text, vocab=tiny, use_overlay=False)
             if m.recogniser == ACTION_RECOGNISER]
    assert len(plain) == 1  # once per record, at the first mention
    action = plain[0]
    assert (action.concept, action.label, action.role) == (
        MESH + "D018691", "NMDA receptor antagonism", "mechanism")
    assert (action.start, action.text) == (0, "Ketamine")
    assert action.confidence < 0.9
    curated = [m for m in recognise_text(text, vocab=tiny) if m.recogniser == ACTION_RECOGNISER]
    assert curated[0].concept == CURATED + "nmda-receptor-antagonism"


def test_overlay_alone_works_without_mesh() -> None:
    bare = tiny_defaults(with_mesh=False)
    text = ("Ketamine and cognitive behavioural therapy (CBT) for complex regional pain "
            "syndrome (CRPS) with catecholamine hypersensitivity.")
    found = {m.concept for m in recognise_text(text, vocab=bare)}
    assert {MESH + "D007649", MESH + "D015928", MESH + "D020918",
            CURATED + "catecholamine-hypersensitivity"} <= found
    assert recognise_text(text, vocab=bare, use_overlay=False) == ()


WORDS = st.sampled_from(["ketamine", "CRPS", "(", ")", "no ", "NMDA", " ", "‐", "receptors",
                         "complex regional pain syndrome", "may ", "ﷺ", "ǅ", "\u0301", ".", "'s"])


@settings(max_examples=150, deadline=None)
@given(st.lists(st.one_of(WORDS, st.text(max_size=4)), max_size=30).map("".join))
def test_any_text_gives_offsets_that_index_it(tiny: Defaults, text: str) -> None:
    for mention in recognise_text(text, vocab=tiny):
        assert text[mention.start:mention.end] == mention.text
        assert 0 < mention.confidence < 1


@pytest.fixture
def tiny_default() -> Iterator[None]:
    set_default_vocabulary(tiny_compiled())
    yield
    reset_defaults()


def test_recognise_names_sections_and_adds_indexing(tiny_default: None) -> None:
    record = _record("Ketamine", (None, "Ketalar was given."))
    record = Record(source=record.source, title=record.title, abstract=record.abstract,
                    mesh_headings=(MeshHeading("D007649", "Ketamine", True),
                                   MeshHeading("D008297", "Male")))
    mentions = recognise(record)
    assert {(m.section, m.text) for m in mentions if m.recogniser == RECOGNISER} == {
        ("title", "Ketamine"), ("abstract", "Ketalar")}
    indexed = [m for m in mentions if m.recogniser == INDEXER_RECOGNISER]
    assert [(m.concept, m.role, m.agent, m.major_topic, m.start) for m in indexed] == [
        (MESH + "D007649", "intervention", "indexer", True, None),
        (MESH + "D008297", "other", "indexer", False, None)]
    assert not [m for m in recognise(record, include_indexed=False) if m.agent == "indexer"]
    assert recogniser_fingerprint().startswith("1.1+tiny")


# --- the seed record, with the real MeSH (and what was learned from the training corpora) --


@pytest.fixture(scope="session")
def mesh_default() -> Defaults:
    """The real default vocabulary: compiled once (then read from the on-disk cache)."""
    shared_path("data", "mesh")
    reset_defaults()  # drop a tiny vocabulary another test may have installed
    return default_vocabulary()


@pytest.fixture(scope="module")
def seed_record() -> Record:
    record = next(iter(read_file(shared_path("seed", "ocker-2020-papr12829.catalog.txt"))))
    assert isinstance(record, Record)
    return record


def test_seed_without_overlay(mesh_default: Defaults, seed_record: Record) -> None:
    mentions = recognise(seed_record, use_overlay=False)
    concepts = {m.concept for m in mentions if m.recogniser == RECOGNISER}
    assert {MESH + "D007649", MESH + "D015928", MESH + "D020918", MESH + "D059333"} <= concepts
    assert concepts & {MESH + "D013375", MESH + "D009293"}
    crps = [m for m in mentions if m.text == "CRPS"]
    assert crps and all(m.concept == MESH + "D020918" for m in crps)
    actions = [m for m in mentions if m.recogniser == ACTION_RECOGNISER]
    nmda = [m for m in actions if m.concept == MESH + "D018691"]
    assert nmda and nmda[0].text.lower() == "ketamine" and nmda[0].role == "mechanism"
    assert nmda[0].label == "NMDA receptor antagonism"
    hedged = [m for m in mentions
              if m.section == "Discussion" and m.text == "central sensitization"]
    assert hedged and hedged[0].hedged


def test_seed_with_overlay_adds_the_curated_concepts(mesh_default: Defaults,
                                                     seed_record: Record) -> None:
    concepts = {m.concept for m in recognise(seed_record)}
    assert {CURATED + "catecholamine-hypersensitivity", CURATED + "opioid-tapering",
            CURATED + "opioid-abstinence", CURATED + "nmda-receptor-antagonism",
            MESH + "D000085542"} <= concepts


def test_seed_names_what_its_text_states_and_nothing_it_does_not(mesh_default: Defaults,
                                                                 seed_record: Record) -> None:
    mentions = [m for m in recognise(seed_record, include_indexed=False)
                if m.recogniser == RECOGNISER]
    roles = {(m.concept.rsplit("/", 1)[-1], m.role) for m in mentions}
    assert {("D007649", "intervention"), ("D015928", "intervention"),
            ("D020918", "condition"), ("opioid-withdrawal", "condition"),
            ("opioid-abstinence", "outcome"), ("D016194", "mechanism"),
            ("D059333", "mechanism"), ("catecholamine-hypersensitivity", "mechanism")} <= roles
    morphine = [m for m in mentions if m.concept == MESH + "D009020"]
    assert morphine and all(m.role == "other" for m in morphine)  # "mg of morphine equivalents"


# --- grounding precision on hand-written sentences, with the real MeSH ----------------------


def _grounded(text: str) -> dict[str, tuple[str, str]]:
    """Surface → (concept id, role) of the text-mined mentions of ``text``."""
    return {m.text: (m.concept.rsplit("/", 1)[-1], m.role)
            for m in recognise_text(text) if m.recogniser == RECOGNISER}


@pytest.mark.parametrize(("text", "absent"), [
    ("Tumours lacking MSH2 protein were sequenced.", {"MSH", "MSH2"}),  # gene symbol
    ("Both BRCA1 and TP53 were mutated.", {"TP", "BRCA"}),
    ("MDA-MB-231 and HeLa cells were exposed to the compound.", {"MDA", "HeLa"}),  # cell lines
    ("Carriers of one SNP had higher scores.", {"SNP"}),
    ("The val158met variant (rs4680) alters enzyme activity.", {"val", "met"}),  # variant
    ("Searches for CP-violating decays continue.", {"CP"}),  # physics
    ("Older adults with chronic non-cancer pain were enrolled.", {"cancer"}),
    ("In the dog, halothane depressed myocardial contractility.", {"depressed"}),  # a verb
    ("We followed the advice of the American Society of Regional Anesthesia and Pain "
     "Medicine.", {"Regional Anesthesia", "Pain", "Society"}),
    ("The American Heart Association and the American College of Cardiology agree.",
     {"Association", "Heart", "College"}),
])
def test_names_of_other_things_are_not_grounded(mesh_default: Defaults, text: str,
                                                absent: set[str]) -> None:
    assert not absent & set(_grounded(text))


@pytest.mark.parametrize(("text", "surface", "concept", "role"), [
    ("Patients took 330 mg of daily morphine equivalents.", "morphine", "D009020", "other"),
    ("Doses above 90 morphine milligram equivalents were tapered.", "morphine", "D009020",
     "other"),
    ("Morphine was given after surgery.", "Morphine", "D009020", "intervention"),
    ("Participants received placebo or ketamine.", "placebo", "D010919", "other"),
    ("Opioid tolerance developed within weeks.", "Opioid tolerance", "D004361", "mechanism"),
    ("Opioid-induced hyperalgesia may follow high doses.", "Opioid-induced hyperalgesia",
     "D006930", "condition"),
    ("Some adults have chronic non-cancer pain.", "chronic non-cancer pain", "D059350",
     "condition"),
    ("Complex regional pain syndrome is rare.", "Complex regional pain syndrome", "D020918",
     "condition"),
    ("CRPS type I followed the fracture.", "CRPS type I", "D012019", "condition"),
    ("CRPS-II follows a nerve lesion.", "CRPS-II", "D002422", "condition"),
    ("Central sensitization sustains the pain.", "Central sensitization", "D059333",
     "mechanism"),
    ("Depressed patients scored lower.", "Depressed", "D003866", "condition"),
    ("Non-small cell lung cancer was staged.", "Non-small cell lung cancer", "D002289",
     "condition"),
    ("Sodium nitroprusside (SNP) lowered pressure; SNP was then stopped.", "SNP", "D009599",
     "intervention"),  # defined in the text, so it grounds
])
def test_what_is_named_grounds_right(mesh_default: Defaults, text: str, surface: str,
                                     concept: str, role: str) -> None:
    assert _grounded(text)[surface] == (concept, role)


def test_a_negated_name_that_is_a_concept_grounds_as_a_whole_or_not_at_all(
        mesh_default: Defaults) -> None:
    grounded = _grounded("Non-steroidal anti-inflammatory drugs were stopped.")
    assert set(grounded.values()) <= {("D000894", "intervention")}


def test_a_dose_unit_gives_no_derived_mechanism(mesh_default: Defaults) -> None:
    mentions = recognise_text("The dose was 60 mg oral morphine equivalent per day.")
    assert not [m for m in mentions if m.recogniser == ACTION_RECOGNISER]


def test_derived_mechanisms_name_their_drug(mesh_default: Defaults) -> None:
    derived = [m for m in recognise_text("Ketamine was infused.")
               if m.recogniser == ACTION_RECOGNISER]
    assert derived and all(m.derived_from == MESH + "D007649" for m in derived)
