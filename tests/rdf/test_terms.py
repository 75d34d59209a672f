from __future__ import annotations

import pytest

from kg.errors import UnsafeIRIError
from kg.rdf.terms import downgrade_iri, evidence_kind_iri, sentence_role_iri

R = "https://w3id.org/evidence-kg/id/"


def test_evidence_model_terms_are_controlled_iris():
    assert str(sentence_role_iri("conclusions")) == R + "sentence-role/conclusions"
    assert str(evidence_kind_iri("studied-for")) == R + "evidence-kind/studied-for"
    assert str(downgrade_iri("indirect-animal")) == R + "downgrade/indirect-animal"


@pytest.mark.parametrize("slug", ["Small sample", "small_sample", "", "a/b", "-x"])
def test_downgrade_slugs_must_be_lower_case_words_and_hyphens(slug):
    with pytest.raises(UnsafeIRIError):
        downgrade_iri(slug)
