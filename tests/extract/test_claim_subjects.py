"""Who does what: a measured chemical, a diagnostic agent or a model's inducer is no subject."""

from __future__ import annotations

import re

from kg.extract.claims import extract_claims
from kg.extract.design import assessment_for
from kg.extract.model import Claim, DesignAssessment, Mention
from kg.extract.sentences import record_sentences
from kg.extract.subjects import assign_subject_roles
from kg.records.model import AbstractSection, Record, SourceInfo

MESH = "http://id.nlm.nih.gov/mesh/"
CONTRAST_MEDIA, DIURETICS = MESH + "D003287", MESH + "D004232"
ANIMAL = assessment_for("animal-study", "test", "text")
TRIAL = assessment_for("randomised-controlled-trial", "test", "text")
CASES = assessment_for("case-series", "test", "text")


def _claims(text: str, spec: dict[str, tuple[str, str]], design: DesignAssessment,
            derived: tuple[tuple[str, str], ...] = (), section: str = "CONCLUSIONS"
            ) -> tuple[Claim, ...]:
    """Claims of a one-sentence conclusions section (or title); ``spec``: surface → (concept,
    role); ``derived``: (substance, action) pairs the vocabulary would add (MeSH actions)."""
    title = section == "title"
    record = Record(source=SourceInfo("t.txt", 0, 1, "test", "0" * 64),
                    title=text if title else "A study",
                    abstract=() if title else (AbstractSection(text, section),))
    mentions = []
    for surface, (concept, role) in spec.items():
        for m in re.finditer(r"(?<!\w)" + re.escape(surface) + r"(?!\w)", text, re.I):
            mentions.append(Mention(MESH + concept, surface, role, section,  # type: ignore[arg-type]
                                    m.start(), m.end(), surface))
    mentions += [Mention(action, "action", "mechanism", derived_from=MESH + substance)
                 for substance, action in derived]
    return extract_claims(record, mentions, design)


def _pairs(claims: tuple[Claim, ...]) -> set[tuple[str, str, str]]:
    return {(c.subject_label, c.relation, c.object_label) for c in claims}


def test_a_measured_analyte_is_no_subject() -> None:
    spec = {"diuretic": ("D000001", "intervention"), "potassium": ("D000002", "intervention"),
            "muscle cramps": ("D000003", "condition")}
    text = ("Serum potassium was lower after the diuretic, and the diuretic caused "
            "muscle cramps.")
    pairs = _pairs(_claims(text, spec, TRIAL))
    assert not any(p[0] == "potassium" for p in pairs)
    assert ("diuretic", "causes", "muscle cramps") in pairs


def test_levels_of_and_excretion_mark_a_measured_chemical() -> None:
    spec = {"oxalate": ("D000004", "intervention"), "kidney stones": ("D000005", "condition")}
    for text in ("Urinary oxalate excretion in children with kidney stones",
                 "Plasma levels of oxalate in children with kidney stones",
                 "Oxalate levels in children with kidney stones",
                 "Oxalate above 0.5 mmol/l in children with kidney stones"):
        assert not _claims(text, spec, TRIAL, section="title"), text
    for text in ("Oxalate in children with kidney stones",
                 "Oxalate 0.5 mg/kg in children with kidney stones"):  # a dose is given
        given = _claims(text, spec, TRIAL, section="title")
        assert _pairs(given) == {("oxalate", "studied_for", "kidney stones")}, text


def test_a_diagnostic_agent_is_no_intervention() -> None:
    spec = {"gadofosveset": ("D000006", "intervention"), "myocarditis": ("D000007", "condition")}
    text = "Gadofosveset reduced myocarditis in young adults."
    only_diagnostic = _claims(text, spec, CASES, (("D000006", CONTRAST_MEDIA),))
    assert not only_diagnostic
    also_a_drug = _claims(text, spec, CASES, (("D000006", CONTRAST_MEDIA),
                                              ("D000006", DIURETICS)))
    assert _pairs(also_a_drug), "a substance with a therapeutic action stays a candidate"


def test_an_experimental_model_is_no_causes_finding() -> None:
    spec = {"melatonin": ("D000008", "intervention"), "paraquat": ("D000009", "intervention"),
            "lung fibrosis": ("D000010", "condition")}
    text = "Melatonin reduced paraquat-induced lung fibrosis in mice."
    claims = _claims(text, spec, ANIMAL)
    found = {(c.subject_label, c.relation, c.object_label): c for c in claims}
    assert found[("melatonin", "treats", "lung fibrosis")].direction == "supports"
    model = found[("paraquat", "causes", "lung fibrosis")]
    assert {e.kind for e in model.evidence} == {"cited"}, "the model is presupposed, not found"


def test_a_sentence_naming_the_model_makes_it_a_model_whatever_the_design() -> None:
    spec = {"curcumin": ("D000011", "intervention"), "bleomycin": ("D000012", "intervention"),
            "skin sclerosis": ("D000013", "condition")}
    text = "Curcumin improved the bleomycin-induced skin sclerosis model."
    claims = _claims(text, spec, TRIAL)
    kinds = {(c.subject_label, c.relation): {e.kind for e in c.evidence} for c in claims}
    assert kinds.get(("bleomycin", "causes")) == {"cited"}
    assert ("curcumin", "treats") in kinds


def test_induced_harm_in_patients_stays_a_finding() -> None:
    spec = {"valproate": ("D000014", "intervention"),
            "hyperammonaemia": ("D000015", "condition")}
    text = "Valproate-induced hyperammonaemia developed in three of our patients."
    claims = _claims(text, spec, CASES)
    harm = [c for c in claims if c.relation == "causes"]
    assert harm and {e.kind for e in harm[0].evidence} == {"finding"}


def test_a_harm_stated_beside_another_agent_is_not_the_main_chemicals() -> None:
    spec = {"lithium": ("D000016", "intervention"), "tremor": ("D000017", "condition"),
            "valproate": ("D000014", "intervention")}
    record = Record(source=SourceInfo("t.txt", 0, 1, "test", "0" * 64),
                    title="Lithium in older adults",
                    abstract=(AbstractSection("Lithium was given to 40 adults. Lithium levels "
                                              "were stable. Valproate is known to cause "
                                              "tremor.", "RESULTS"),))
    mentions = [Mention(MESH + concept, surface, role, section, m.start(), m.end(), surface)  # type: ignore[arg-type]
                for section, text in (("title", record.title or ""),
                                      ("RESULTS", record.abstract[0].text))
                for surface, (concept, role) in spec.items()
                for m in re.finditer(surface, text, re.I)]
    claims = extract_claims(record, mentions, TRIAL)
    assert not [c for c in claims if c.subject_label.lower() == "lithium"
                and c.relation in ("causes", "associated_with")]


def test_a_comparator_or_another_clause_never_gives_the_subject() -> None:
    spec = {"ketamine": ("D000018", "intervention"), "morphine": ("D000019", "intervention"),
            "aspirin": ("D000020", "intervention"), "headache": ("D000021", "condition")}
    for text in ("Compared with morphine, ketamine reduced headache in these adults.",
                 "Unlike morphine, ketamine reduced headache in these adults.",
                 "All adults took aspirin; ketamine reduced headache within a day.",
                 "Aspirin was given to all adults, and ketamine reduced headache in a day."):
        subjects = {c.subject_label for c in _claims(text, spec, TRIAL)}
        assert subjects == {"ketamine"}, text
    listed = "Aspirin, morphine, and ketamine together reduced headache in these adults."
    assert {c.subject_label for c in _claims(listed, spec, TRIAL)} == {"aspirin"}, \
        "a list is one clause: its last item is not split off as the only agent"


def test_a_fixed_dose_combination_stays_one_intervention() -> None:
    spec = {"salbutamol": ("D000022", "intervention"),
            "ipratropium": ("D000023", "intervention"), "wheeze": ("D000024", "condition"),
            "placebo": ("D000025", "intervention")}
    for text in ("Salbutamol-ipratropium versus placebo for wheeze in adults",
                 "Salbutamol/ipratropium for wheeze in adults"):
        claims = _claims(text, spec, TRIAL, section="title")
        assert [c.subject_parts for c in claims] == [(MESH + "D000022", MESH + "D000023")], text


def test_a_stimulus_inducing_a_process_is_no_model() -> None:
    text = "In rats, adenosine-induced relaxation and adenosine-induced migraine were compared."
    record = Record(source=SourceInfo("t.txt", 0, 1, "test", "0" * 64), title=text)
    mentions = [Mention(MESH + concept, surface, role, "title", m.start(), m.end(), surface)  # type: ignore[arg-type]
                for surface, concept, role in (("adenosine", "D000026", "intervention"),
                                               ("migraine", "D000027", "condition"))
                for m in re.finditer(surface, text)]
    sentence = assign_subject_roles(record_sentences(record, mentions), mentions,
                                    "animal-study")[0]
    assert [m.role for m in sentence.mentions] == ["intervention", "other", "condition"]


def test_but_inside_a_phrase_ends_no_clause() -> None:
    spec = {"ketamine": ("D000018", "intervention"), "headache": ("D000021", "condition")}
    text = "Ketamine gave a small, but clear, reduction of headache in these adults."
    assert {c.subject_label for c in _claims(text, spec, TRIAL)} == {"ketamine"}
