"""Claim extraction: effect, combination, mechanism and adverse claims, with their context."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from kg.extract.claims import extract, extract_claims
from kg.extract.context import find_doses, find_follow_up, find_population, find_sample_size
from kg.extract.design import assessment_for
from kg.extract.model import Claim, Mention
from kg.records.model import AbstractSection, Record, SourceInfo

MESH = "http://id.nlm.nih.gov/mesh/"
CONCEPT = "https://w3id.org/evidence-kg/id/concept/"
KETAMINE, CBT, CRPS = MESH + "D007649", MESH + "D015928", MESH + "D020918"
ABSTINENCE = CONCEPT + "opioid-abstinence"
SEED_MENTIONS = Path(__file__).resolve().parents[1] / "data" / "extract" / "seed-mentions.tsv"
RCT = assessment_for("randomised-controlled-trial", "test", "text")


def _iri(curie: str) -> str:
    prefix, local = curie.split(":", 1)
    return {"mesh": MESH, "concept": CONCEPT}[prefix] + local


def mentions_in(sections: dict[str, str], spec: list[tuple[str, str, str, str, str]]
                ) -> list[Mention]:
    """Mentions for every whole-word occurrence (any case) of each surface text in its section."""
    out = []
    for section, surface, concept, label, role in spec:
        pattern = r"(?<!\w)" + re.escape(surface) + r"(?!\w)"
        for m in re.finditer(pattern, sections[section], re.IGNORECASE):
            out.append(Mention(_iri(concept), label, role, section, m.start(), m.end(), surface))
    return out


def _record(title: str, *sections: tuple[str | None, str]) -> Record:
    return Record(source=SourceInfo("t.txt", 0, 1, "test", "0" * 64), title=title,
                  abstract=tuple(AbstractSection(text, label) for label, text in sections))


def _find(claims: tuple[Claim, ...], relation: str, obj: str | None = None,
          subject: str | None = None) -> list[Claim]:
    return [c for c in claims if c.relation == relation and (obj is None or c.object == obj)
            and (subject is None or c.subject == subject or subject in c.subject_parts)]


# --- the seed -----------------------------------------------------------------------------

@pytest.fixture
def seed_extraction(seed_path):
    from kg.records.catalog import CatalogReader

    record = next(r for r in CatalogReader().read(seed_path.read_bytes(), str(seed_path)))
    sections = {"title": record.title, **{s.label: s.text for s in record.abstract}}
    spec = [tuple(line.split("\t")) for line in SEED_MENTIONS.read_text("utf-8").splitlines()
            if line and not line.startswith("#")]
    return extract(record, mentions_in(sections, spec))  # type: ignore[arg-type]


def test_seed_main_claim(seed_extraction):
    claims = _find(seed_extraction.claims, "treats", ABSTINENCE)
    assert len(claims) == 1
    claim = claims[0]
    assert claim.subject_parts == (KETAMINE, CBT)
    assert claim.direction == "supports"
    evidence = claim.evidence[0]
    assert evidence.design.design == "case-report"
    assert (evidence.design.ocebm_level, evidence.design.grade) == (4, "very-low")
    assert evidence.n == 1
    assert evidence.follow_up == "P12M"
    assert evidence.dose is not None and "infusion" in evidence.dose
    assert evidence.population is not None and "complex regional pain" in evidence.population
    assert evidence.agent == "text-mined" and 0 < evidence.confidence < 1
    assert seed_extraction.design.design == "case-report"


def test_seed_evidence_offsets_point_into_the_section(seed_extraction, seed_path):
    for claim in seed_extraction.claims:
        for ev in claim.evidence:
            assert ev.start is not None and ev.end is not None and ev.end > ev.start
            assert len(ev.sentence) == ev.end - ev.start


def test_seed_mechanisms(seed_extraction):
    acts = _find(seed_extraction.claims, "acts_through", subject=KETAMINE)
    assert acts and acts[0].object in (MESH + "D018691", CONCEPT + "nmda-receptor-antagonism")
    nmda = _find(seed_extraction.claims, "implicated_in", MESH + "D013375", MESH + "D016194")
    assert len(nmda) == 1 and not nmda[0].evidence[0].hedged
    for mechanism in (MESH + "D059333", CONCEPT + "catecholamine-hypersensitivity"):
        found = _find(seed_extraction.claims, "implicated_in", CRPS, mechanism)
        assert len(found) == 1
        assert found[0].evidence[0].hedged and found[0].direction == "supports"
        assert found[0].evidence[0].n is None  # background, not the study's own finding


def test_seed_background_is_cited_and_the_case_is_the_finding(seed_extraction):
    cited = _find(seed_extraction.claims, "treats", CRPS, KETAMINE)
    assert cited and all(e.kind == "cited" and e.role == "background" and e.n is None
                         for c in cited for e in c.evidence)
    main = _find(seed_extraction.claims, "treats", ABSTINENCE)[0].evidence[0]
    assert (main.kind, main.role) == ("finding", "conclusions")
    question = _find(seed_extraction.claims, "studied_for", ABSTINENCE)
    assert [c.direction for c in question] == ["unstated"]
    assert question[0].evidence[0].kind == "studied-for"


def test_seed_has_no_spurious_claims(seed_extraction):
    assert not _find(seed_extraction.claims, "causes", subject=KETAMINE)
    # "challenging to treat ... outside of an opioid taper" is not a treatment claim
    assert not _find(seed_extraction.claims, "treats", CRPS, MESH + "D000084862")


# --- effect claims --------------------------------------------------------------------------

DRUG = [("Results", "ketamine", "mesh:D007649", "Ketamine", "intervention"),
        ("Results", "pain", "mesh:D010146", "Pain", "condition")]


def _claims_for(text: str, spec=DRUG, design=RCT) -> tuple[Claim, ...]:
    record = _record("", ("Results", text))
    return extract_claims(record, mentions_in({"Results": text}, spec), design)


@pytest.mark.parametrize("text, relation, direction", [
    ("Ketamine reduced pain at one week.", "treats", "supports"),
    ("Pain improved after ketamine.", "treats", "supports"),
    ("Ketamine did not reduce pain.", "treats", "no_difference"),
    ("Ketamine showed no significant difference in pain.", "treats", "no_difference"),
    ("Ketamine prevented pain after surgery.", "prevents", "supports"),
    ("Ketamine had no effect on pain.", "treats", "no_difference"),
])
def test_effect_relations(text, relation, direction):
    claims = [c for c in _claims_for(text) if c.relation != "causes"]
    assert [(c.relation, c.direction) for c in claims] == [(relation, direction)]
    assert claims[0].subject == KETAMINE and claims[0].object == MESH + "D010146"
    assert claims[0].evidence[0].negated == (direction != "supports")
    assert claims[0].evidence[0].kind == "finding" and claims[0].evidence[0].role == "results"


def test_cue_order_matters():
    # active cue with the condition before the drug: no claim
    assert not [c for c in _claims_for("Pain reduced the use of ketamine.")
                if c.relation == "treats"]


def test_hedged_and_section_weighting():
    text = "Ketamine may reduce pain."
    results = _claims_for(text)[0].evidence[0]
    record = _record("", ("Background", text))
    spec = [("Background", *row[1:]) for row in DRUG]
    background = extract_claims(record, mentions_in({"Background": text}, spec), RCT)[0]
    assert results.hedged and background.evidence[0].hedged
    assert background.evidence[0].confidence < results.confidence


def test_combination_with_explicit_cue():
    text = "Ketamine in combination with cognitive behavioral therapy reduced pain."
    spec = [*DRUG, ("Results", "cognitive behavioral therapy", "mesh:D015928", "CBT",
                    "intervention")]
    claims = _find(_claims_for(text, spec), "treats")
    assert len(claims) == 1
    assert claims[0].subject_parts == (KETAMINE, CBT)
    assert claims[0].subject.startswith("https://w3id.org/evidence-kg/id/combination/")
    assert claims[0].subject_label == "Ketamine + CBT"


def test_comparison_is_not_a_combination():
    text = "Ketamine and lidocaine were compared; ketamine and lidocaine reduced pain."
    spec = [*DRUG, ("Results", "lidocaine", "mesh:D008012", "Lidocaine", "intervention")]
    assert all(not c.subject_parts for c in _claims_for(text, spec))


def test_same_claim_in_two_sentences_merges():
    text = "Ketamine reduced pain. In the second week ketamine again reduced pain."
    claims = _find(_claims_for(text), "treats")
    assert len(claims) == 1 and len(claims[0].evidence) == 2


# --- adverse claims -------------------------------------------------------------------------

def test_adverse_claim_from_induced_pattern():
    title = "Lidocaine-induced cardiac asystole."
    body = "A single bolus of lidocaine in a 67-year-old man resulted in asystole."
    spec = [("title", "Lidocaine", "mesh:D008012", "Lidocaine", "intervention"),
            ("title", "cardiac asystole", "mesh:D006323", "Heart Arrest", "condition"),
            ("Case", "lidocaine", "mesh:D008012", "Lidocaine", "intervention"),
            ("Case", "asystole", "mesh:D006323", "Heart Arrest", "condition")]
    record = _record(title, ("Case", body))
    claims = extract_claims(record, mentions_in({"title": title, "Case": body}, spec), RCT)
    causes = {c.direction: c for c in _find(claims, "causes", MESH + "D006323", MESH + "D008012")}
    assert set(causes) == {"supports", "unstated"}  # the case's finding, the title's question
    evidence = causes["supports"].evidence[0]
    assert (evidence.section, evidence.kind, evidence.n) == ("Case", "finding", 1)
    assert causes["unstated"].evidence[0].kind == "studied-for"


def test_title_alone_states_a_harm_as_the_question():
    title = "Lidocaine-induced cardiac asystole."
    spec = [("title", "Lidocaine", "mesh:D008012", "Lidocaine", "intervention"),
            ("title", "cardiac asystole", "mesh:D006323", "Heart Arrest", "condition")]
    claims = extract_claims(_record(title), mentions_in({"title": title}, spec), RCT)
    causes = _find(claims, "causes", MESH + "D006323", MESH + "D008012")
    assert [(c.direction, c.evidence[0].kind) for c in causes] == [("unstated", "studied-for")]
    assert causes[0].evidence[0].n is None


def test_treated_condition_is_not_caused():
    text = ("Ketamine is used for the treatment of depression in patients with depression. "
            "Ketamine relieved depression in most patients.")
    spec = [("Results", "Ketamine", "mesh:D007649", "Ketamine", "intervention"),
            ("Results", "depression", "mesh:D003866", "Depression", "condition")]
    claims = _claims_for(text, spec)
    assert _find(claims, "treats", MESH + "D003866")
    assert not _find(claims, "causes")


def test_trial_of_a_drug_does_not_make_it_cause_what_it_treats():
    title = "Ketamine for the treatment of complex regional pain syndrome"
    body = ("Sixty patients with complex regional pain syndrome were randomised to ketamine or "
            "placebo after an injury. Ketamine reduced pain. Nausea was more frequent with "
            "ketamine. Chronic pain often follows trauma.")
    spec = [(s, "ketamine", "mesh:D007649", "Ketamine", "intervention")
            for s in ("title", "Results")]
    spec += [(s, "complex regional pain syndrome", "mesh:D020918", "CRPS", "condition")
             for s in ("title", "Results")]
    spec += [("Results", "pain", "mesh:D010146", "Pain", "condition"),
             ("Results", "Chronic pain", "mesh:D059350", "Chronic Pain", "condition"),
             ("Results", "Nausea", "mesh:D009325", "Nausea", "condition")]
    record = _record(title, ("Results", body))
    claims = extract_claims(record, mentions_in({"title": title, "Results": body}, spec), RCT)
    assert _find(claims, "studied_for", CRPS, KETAMINE)
    assert _find(claims, "treats", MESH + "D010146")
    caused = {c.object for c in _find(claims, "causes", subject=KETAMINE)}
    assert not caused & {CRPS, MESH + "D010146", MESH + "D059350"}
    assert MESH + "D009325" in caused  # "nausea was more frequent with ketamine"


# --- context --------------------------------------------------------------------------------

@pytest.mark.parametrize("text, n", [
    ("We enrolled 40 patients.", 40), ("Adults (n = 120) were randomised.", 120),
    ("A 52-year-old woman presented.", 1), ("Forty healthy volunteers took part.", 40),
    ("We present a patient with CRPS.", 1), ("It was given at 5 mg in patients.", None),
    ("Ketamine 0.5 mg/kg was infused.", None),
])
def test_sample_size(text, n):
    assert find_sample_size(text) == n


@pytest.mark.parametrize("text, iso", [
    ("A Case Report and 1\u2010Year Follow\u2010up", "P12M"),
    ("Pain was lower at 6 months.", "P6M"),
    ("Mean follow-up was 18 months.", "P18M"),
    ("Outcomes after 2 weeks.", "P2W"),
    ("1-year follow-up; a second infusion at 6 months.", "P12M"),
    ("No follow-up was stated.", None),
])
def test_follow_up(text, iso):
    assert find_follow_up(text) == iso


def test_doses_keep_printed_text():
    text = "A 5\u2010day continuous ketamine infusion at 0.35 mg/kg/h was given."
    assert [d[2] for d in find_doses(text)] == ["5\u2010day continuous ketamine infusion",
                                                 "0.35 mg/kg/h"]


def test_population_phrase():
    assert find_population("to taper a patient with CRPS who was taking morphine") == (
        "a patient with CRPS")
    assert find_population("Forty adults with asthma were enrolled.") == "Forty adults with asthma"
    assert find_population("Ketamine is an analgesic.") is None


# --- the seed through the real reader and recogniser ------------------------------------------

WITHDRAWAL = (MESH + "D013375", CONCEPT + "opioid-withdrawal")


def test_seed_with_the_real_recogniser(seed_path):
    recognise = pytest.importorskip("kg.extract.recognise").recognise
    from kg.records.catalog import CatalogReader

    record = next(r for r in CatalogReader().read(seed_path.read_bytes(), str(seed_path)))
    extraction = extract(record, recognise(record))
    main = _find(extraction.claims, "treats", ABSTINENCE)
    assert [c.subject_parts for c in main] == [(KETAMINE, CBT)]
    ev = main[0].evidence[0]
    assert (ev.n, ev.follow_up, ev.design.design, ev.design.ocebm_level, ev.design.grade) == (
        1, "P12M", "case-report", 4, "very-low")
    assert _find(extraction.claims, "acts_through", subject=KETAMINE)
    nmda = [c for c in _find(extraction.claims, "implicated_in", subject=MESH + "D016194")
            if c.object in WITHDRAWAL]
    assert len(nmda) == 1
    mechanisms = {c.subject for c in _find(extraction.claims, "implicated_in", CRPS)}
    assert {MESH + "D059333", CONCEPT + "catecholamine-hypersensitivity"} <= mechanisms
    assert not _find(extraction.claims, "causes", subject=KETAMINE)


def test_adverse_weights_cover_every_feature():
    from kg.extract import adverse_model as adverse

    assert set(adverse.WEIGHTS) == set(adverse.FEATURES)
    assert 0 < adverse.THRESHOLD < 0.5
    assert adverse.score({"bias": 1.0}) < adverse.THRESHOLD
    strong = {name: 0.0 for name in adverse.FEATURES} | {
        "bias": 1.0, "pattern": 1.0, "cooc": 1.0, "between_cue": 1.0, "chem_title": 1.0,
        "dis_title": 1.0, "chem_top": 1.0, "chem_share": 1.0, "dis_cue": 1.0}
    assert adverse.score(strong) > 0.5
