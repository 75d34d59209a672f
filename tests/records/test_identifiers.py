from __future__ import annotations

import pytest

from kg.records.identifiers import (
    issn_check_digit,
    normalise_doi,
    normalise_issn,
    normalise_pmcid,
    normalise_pmid,
    record_doi,
)


@pytest.mark.parametrize("raw", [
    "10.1111/papr.12829", "10.1111/PAPR.12829", "https://doi.org/10.1111/papr.12829",
    "http://dx.doi.org/10.1111/papr.12829", "doi:10.1111/papr.12829", "DOI: 10.1111/papr.12829.",
    " 10.1111/papr.12829; ", "10.1111%2Fpapr.12829",
])
def test_doi_variants_normalise_to_one(raw):
    assert normalise_doi(raw) == "10.1111/papr.12829"


def test_doi_unicode_hyphen_folded():
    assert normalise_doi("10.1000/abc\u2011def") == "10.1000/abc-def"


@pytest.mark.parametrize("raw", ["", None, "not a doi", "11.1111/x", "10.1/x"])
def test_non_dois_rejected(raw):
    assert normalise_doi(raw) is None


@pytest.mark.parametrize("raw", ["10.1000/abc def", "10.1000/abc\ndef", "doi:10.1000/ab\tc"])
def test_doi_with_white_space_inside_is_rejected_not_cut(raw):
    assert normalise_doi(raw) is None
    with pytest.raises(ValueError, match="white space inside"):
        record_doi(raw)


def test_record_doi_accepts_what_normalise_accepts():
    assert record_doi(" https://doi.org/10.1111/papr.12829 ") == "10.1111/papr.12829"
    assert record_doi("not a doi") is None and record_doi(None) is None


def test_pmid():
    assert normalise_pmid("PMID: 0031393839") == "31393839"
    assert normalise_pmid(123) == "123"
    assert normalise_pmid("12a") is None
    assert normalise_pmid("0") is None


def test_pmcid():
    assert normalise_pmcid("PMC6834950") == "PMC6834950"
    assert normalise_pmcid("6834950") is None


@pytest.mark.parametrize("raw,expected", [
    ("1530-7085", "1530-7085"), ("15330-2500".replace("0-", "-", 1), "1533-2500"),
    ("0378-5955", "0378-5955"), ("2049-3630", "2049-3630"), ("0000-006x", "0000-006X"),
])
def test_issn_valid(raw, expected):
    assert normalise_issn(raw) == expected


def test_issn_bad_check_digit_rejected():
    assert normalise_issn("1530-7086") is None
    assert normalise_issn("1530-708") is None


def test_issn_check_digit():
    assert issn_check_digit("1530708") == "5"
