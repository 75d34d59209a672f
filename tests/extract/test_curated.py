"""Curator claims: the YAML format, its errors, and how overrides replace mined claims."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.errors import RecordParseError
from kg.extract.claims import extract
from kg.extract.curated import (
    apply_curated,
    expand_curie,
    load_curated,
    load_curated_claims,
)
from kg.extract.design import assessment_for
from kg.extract.model import Claim, Evidence
from kg.rdf.iris import mint_combination_iri
from kg.records.model import Identifiers, Record, SourceInfo

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "examples" / "curated-claims.yaml"
BAD = ROOT / "tests" / "data" / "extract" / "curated-bad.yaml"
MESH = "http://id.nlm.nih.gov/mesh/"
KETAMINE, CBT, CRPS = MESH + "D007649", MESH + "D015928", MESH + "D020918"
ABSTINENCE = "https://w3id.org/evidence-kg/id/concept/opioid-abstinence"
SEED_DOI = "10.1111/papr.12829"


def _record(doi: str | None = SEED_DOI, pmid: str | None = None) -> Record:
    return Record(source=SourceInfo("t.txt", 0, 1, "test", "0" * 64),
                  ids=Identifiers(doi=doi, pmid=pmid), title="A title")


def _mined(subject: str, obj: str, relation: str = "treats") -> Claim:
    design = assessment_for("case-report", "test", "text")
    return Claim(subject, relation, obj, "supports",  # type: ignore[arg-type]
                 (Evidence("Some sentence.", "Case", 0, 14, design),))


def test_example_file_loads():
    pairs = load_curated_claims(EXAMPLE)
    # One curator finding: the drug's NMDA antagonism is MeSH's pharmacological action, a
    # vocabulary fact, so the example does not restate it as a curator claim.
    assert [key for key, _ in pairs] == [SEED_DOI]
    main = pairs[0][1]
    assert main.subject_parts == (KETAMINE, CBT)
    assert main.subject == str(mint_combination_iri((KETAMINE, CBT)))
    assert (main.relation, main.object, main.direction) == ("treats", ABSTINENCE, "supports")
    ev = main.evidence[0]
    assert ev.agent == "curator" and ev.curator == "Example Curator"
    assert ev.design.design == "case-report" and ev.design.ocebm_level == 4


def test_errors_name_file_entry_and_line():
    with pytest.raises(RecordParseError) as info:
        load_curated(BAD)
    message = str(info.value)
    assert "curated-bad.yaml:8 record #2" in message and "curator" in message
    errors: list[RecordParseError] = []
    good = load_curated(BAD, errors=errors)
    assert [c.article for c in good] == ["12345"]
    assert [(e.index, e.line) for e in errors] == [(1, 8), (2, 12)]
    assert "relation 'cures'" in str(errors[1])


@pytest.mark.parametrize("text", ["not: [valid", "just a string"])
def test_malformed_files(tmp_path, text):
    path = tmp_path / "c.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(RecordParseError, match=r"c\.yaml"):
        load_curated(path)


@pytest.mark.parametrize("value, iri", [
    ("mesh:D007649", KETAMINE), ("D007649", KETAMINE),
    ("concept:opioid-abstinence", ABSTINENCE),
    ("https://example.org/x", "https://example.org/x"),
])
def test_expand_curie(value, iri):
    assert expand_curie(value) == iri


@pytest.mark.parametrize("value", ["mesh:ketamine", "foo:bar", "concept:a b", "<x>",
                                   "https://example.org/a b"])
def test_expand_curie_rejects(value):
    with pytest.raises(ValueError):
        expand_curie(value)


def test_override_replaces_mined_claims_with_same_subject_and_object():
    curated = load_curated(EXAMPLE)
    combo = str(mint_combination_iri((KETAMINE, CBT)))
    mined = (_mined(combo, ABSTINENCE, "no_effect"), _mined(KETAMINE, CRPS))
    claims = apply_curated(mined, curated, _record())
    assert not [c for c in claims if c.relation == "no_effect"]
    assert [c for c in claims if (c.subject, c.object) == (KETAMINE, CRPS)]
    main = [c for c in claims if c.subject == combo]
    assert len(main) == 1 and main[0].evidence[0].agent == "curator"


def test_non_override_adds_and_takes_the_article_design(tmp_path):
    sensitisation = MESH + "D059333"
    path = tmp_path / "curated.yaml"
    path.write_text(
        "claims:\n"
        f"  - article: {SEED_DOI}\n"
        "    curator: Example Curator\n"
        "    subject: mesh:D059333\n"
        "    relation: implicated_in\n"
        "    object: mesh:D020918\n"
        "    note: The discussion proposes it; no design stated.\n", encoding="utf-8")
    design = assessment_for("case-report", "publication type: Case Reports", "publication-type")
    mined = (_mined(sensitisation, CRPS, "implicated_in"),)
    claims = apply_curated(mined, load_curated(path), _record(), design)
    found = [c for c in claims if c.relation == "implicated_in"]
    assert len(found) == 1 and [e.agent for e in found[0].evidence] == ["text-mined", "curator"]
    assert found[0].evidence[1].design == design


def test_other_articles_are_untouched():
    mined = (_mined(KETAMINE, CRPS),)
    assert apply_curated(mined, load_curated(EXAMPLE), _record("10.1000/other")) == mined


def test_pmid_keys_and_extract_hook(tmp_path):
    path = tmp_path / "c.yaml"
    path.write_text("- article: '31494987'\n  curator: C\n  subject: mesh:D007649\n"
                    "  relation: treats\n  object: mesh:D020918\n", encoding="utf-8")
    curated = load_curated(path)
    extraction = extract(_record(doi=None, pmid="31494987"), [], curated=curated)
    assert [(c.subject, c.object) for c in extraction.claims] == [(KETAMINE, CRPS)]
    assert extraction.claims[0].evidence[0].curator == "C"
