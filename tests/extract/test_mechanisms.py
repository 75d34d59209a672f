"""Mechanism claims: only what the article states, only for the interventions it studies."""

from __future__ import annotations

from dataclasses import replace

from kg.extract.claims import extract_claims
from kg.extract.design import assessment_for
from tests.extract.test_claims import MESH, _find, _record, mentions_in

RCT = assessment_for("randomised-controlled-trial", "test", "text")
KETAMINE, CLONIDINE = MESH + "D007649", MESH + "D003000"
NMDA_ANTAGONISTS, ALPHA2_AGONISTS = MESH + "D018691", MESH + "D058647"
SENSITIZATION, FIBROMYALGIA = MESH + "D059333", MESH + "D005356"
WORDS = [
    ("ketamine", "mesh:D007649", "Ketamine", "intervention"),
    ("NMDA receptor antagonist", "mesh:D018691", "Excitatory Amino Acid Antagonists",
     "mechanism"),
    ("clonidine", "mesh:D003000", "Clonidine", "intervention"),
    ("alpha-2 agonist", "mesh:D058647", "Adrenergic alpha-2 Receptor Agonists", "mechanism"),
    ("central sensitisation", "mesh:D059333", "Central Nervous System Sensitization",
     "mechanism"),
    ("fibromyalgia", "mesh:D005356", "Fibromyalgia", "condition"),
]


def claims_of(title: str, *sections: tuple[str, str], extra=()):
    texts = {"title": title, **dict(sections)}
    spec = [(name, *row) for name in texts for row in WORDS]
    mentions = [*mentions_in(texts, spec), *extra]
    return extract_claims(_record(title, *sections), mentions, RCT)


def test_stated_action_of_the_studied_drug_is_cited():
    claims = claims_of("Ketamine in fibromyalgia", ("Background", "Ketamine, an NMDA receptor "
                                                    "antagonist, is used as an anaesthetic."))
    acts = _find(claims, "acts_through", NMDA_ANTAGONISTS, KETAMINE)
    assert len(acts) == 1 and acts[0].evidence[0].kind == "cited"


def test_co_medication_gives_no_mechanism_claim():
    claims = claims_of("Ketamine in fibromyalgia", ("Methods", "Some patients also took "
                                                    "clonidine, an alpha-2 agonist, at night."))
    assert not _find(claims, "acts_through", subject=CLONIDINE)


def test_vocabulary_derived_action_is_no_article_claim():
    title = "Ketamine in fibromyalgia"
    drug = mentions_in({"title": title}, [("title", *WORDS[0])])[0]
    derived = replace(drug, concept=NMDA_ANTAGONISTS, label="NMDA antagonism",
                      role="mechanism", derived_from=KETAMINE)
    claims = claims_of(title, extra=[derived])
    assert not [c for c in claims if NMDA_ANTAGONISTS in (c.subject, c.object)]


def test_hedged_mechanism_in_conclusions_is_cited_and_hedged():
    claims = claims_of("", ("Conclusions", "Central sensitisation may contribute to "
                                           "fibromyalgia."))
    found = _find(claims, "implicated_in", FIBROMYALGIA, SENSITIZATION)
    assert len(found) == 1
    evidence = found[0].evidence[0]
    assert evidence.hedged and evidence.kind == "cited" and evidence.n is None


TOLERANCE, NMDA_RECEPTOR = MESH + "D004361", MESH + "D016194"
MORE_WORDS = [
    ("drug tolerance", "mesh:D004361", "Drug Tolerance", "mechanism"),
    ("NMDA receptor", "mesh:D016194", "Receptors, N-Methyl-D-Aspartate", "mechanism"),
]


def test_found_in_and_rests_on_state_mechanisms():
    found = claims_of("", ("Results", "Features of central sensitisation are seen in "
                                       "fibromyalgia."))
    assert _find(found, "implicated_in", FIBROMYALGIA, SENSITIZATION)
    text = "Drug tolerance may rest on plasticity that is NMDA receptor-dependent."
    spec = [("Conclusions", *row) for row in MORE_WORDS]
    rests = extract_claims(_record("", ("Conclusions", text)),
                           mentions_in({"Conclusions": text}, spec), RCT)
    claims = _find(rests, "implicated_in", TOLERANCE, NMDA_RECEPTOR)
    assert len(claims) == 1 and claims[0].evidence[0].hedged
    assert not _find(rests, "implicated_in", NMDA_RECEPTOR, TOLERANCE)


def test_found_in_needs_the_mechanism_first():
    claims = claims_of("", ("Results", "Fibromyalgia is common in central sensitisation "
                                       "clinics."))
    assert not _find(claims, "implicated_in")


def test_a_drug_far_after_a_class_is_not_its_member():
    claims = claims_of("Ketamine in fibromyalgia", ("Results", "An NMDA receptor antagonist "
                                                    "blocked the analgesic effect of ketamine."))
    assert not _find(claims, "acts_through", NMDA_ANTAGONISTS, KETAMINE)
    claims = claims_of("Ketamine in fibromyalgia", ("Results", "An NMDA receptor antagonist "
                                                    "such as ketamine eased the pain."))
    assert _find(claims, "acts_through", NMDA_ANTAGONISTS, KETAMINE)


def test_a_drug_class_is_neither_implicated_nor_implicated_in():
    claims = claims_of("", ("Results", "An NMDA receptor antagonist abolished it, so the "
                                       "response depends on central sensitisation."))
    assert not [c for c in claims if c.relation == "implicated_in"
                and NMDA_ANTAGONISTS in (c.subject, c.object)]


def test_a_mechanism_named_as_the_test_model_is_no_mechanism():
    claims = claims_of("Ketamine blocks the central sensitisation model of fibromyalgia")
    assert not _find(claims, "acts_through") and not _find(claims, "implicated_in")
    claims = claims_of("Ketamine blocks central sensitisation in fibromyalgia")
    assert _find(claims, "acts_through", SENSITIZATION, KETAMINE)


def test_the_drug_tied_to_a_mechanism_is_the_nearest_even_when_not_studied():
    claims = claims_of("Ketamine in fibromyalgia", ("Conclusions", "Ketamine eased pain, and "
                                                    "clonidine blocks central sensitisation."))
    assert not _find(claims, "acts_through", SENSITIZATION)
