"""The study's question: studied_for claims from titles, aims and methods, never findings."""

from __future__ import annotations

from kg.extract.claims import extract_claims
from kg.extract.design import assessment_for
from tests.extract.test_claims import MESH, _find, _record, mentions_in

RCT = assessment_for("randomised-controlled-trial", "test", "text")
SALBUTAMOL, ASTHMA = MESH + "D000420", MESH + "D001249"
KETAMINE, PLACEBO, FIBROMYALGIA = MESH + "D007649", MESH + "D010919", MESH + "D005356"
WORDS = [
    ("salbutamol", "mesh:D000420", "Albuterol", "intervention"),
    ("asthma", "mesh:D001249", "Asthma", "condition"),
    ("ketamine", "mesh:D007649", "Ketamine", "intervention"),
    ("placebo", "mesh:D010919", "Placebos", "intervention"),
    ("fibromyalgia", "mesh:D005356", "Fibromyalgia", "condition"),
]


def claims_of(title: str, *sections: tuple[str, str]):
    texts = {"title": title, **dict(sections)}
    spec = [(name, *row) for name in texts for row in WORDS]
    return extract_claims(_record(title, *sections), mentions_in(texts, spec), RCT)


def test_title_names_the_question_not_a_finding():
    claims = claims_of("Nebulised salbutamol on demand in mild asthma")
    assert [(c.relation, c.direction) for c in claims] == [("studied_for", "unstated")]
    evidence = claims[0].evidence[0]
    assert (claims[0].subject, claims[0].object) == (SALBUTAMOL, ASTHMA)
    assert (evidence.kind, evidence.role, evidence.n, evidence.follow_up) == (
        "studied-for", "title", None, None)


def test_aim_and_comparator():
    aim = claims_of("", ("Objective", "We aimed to assess ketamine in fibromyalgia."))
    assert [(c.subject, c.relation, c.object) for c in aim] == [
        (KETAMINE, "studied_for", FIBROMYALGIA)]
    versus = claims_of("Ketamine versus placebo in fibromyalgia")
    assert {c.subject for c in versus} == {KETAMINE}
    assert _find(versus, "studied_for", FIBROMYALGIA, KETAMINE)


def test_methods_sentence_of_a_trial_gives_no_finding():
    claims = claims_of("", ("Methods", "Forty adults with asthma received salbutamol to "
                                       "reduce asthma attacks."))
    assert {c.relation for c in claims} == {"studied_for"}


def test_question_and_finding_stay_apart():
    claims = claims_of("Salbutamol for asthma",
                       ("Results", "Salbutamol reduced asthma symptoms in 40 adults."))
    assert {(c.relation, c.direction) for c in claims} == {
        ("studied_for", "unstated"), ("treats", "supports")}
    finding = _find(claims, "treats")[0].evidence[0]
    assert (finding.kind, finding.n) == ("finding", 40)


def test_harm_worded_title_asks_about_the_nearest_exposure():
    title = "Does salbutamol ease ketamine-induced fibromyalgia?"
    claims = claims_of(title)
    causes = _find(claims, "causes", FIBROMYALGIA)
    assert [(c.subject, c.direction, c.evidence[0].kind) for c in causes] == [
        (KETAMINE, "unstated", "studied-for")]
    assert not _find(claims, "causes", subject=SALBUTAMOL)
