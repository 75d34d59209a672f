"""Person and group names as citation formats print them."""

from __future__ import annotations

import pytest

from kg.records.model import Author
from kg.records.names import (
    derive_initials,
    looks_collective,
    make_person,
    normalise_orcid,
    parse_person_name,
)


@pytest.mark.parametrize(("given", "initials"), [
    ("Daniel S", "DS"),
    ("Jean-Pierre", "JP"),
    ("J.-P.", "JP"),
    ("R.B.", "RB"),
    ("PS", "PS"),  # Web of Science prints initials run together
    ("GEORGE D.", "GD"),
    ("Ludwig van", "L"),
    ("Seán P.", "SP"),
    ("", None),
    (None, None),
])
def test_derive_initials(given, initials):
    assert derive_initials(given) == initials


@pytest.mark.parametrize(("text", "family", "given"), [
    ("Himmelstein, Daniel S", "Himmelstein", "Daniel S"),
    ("Valle-Delgado,J. J. ", "Valle-Delgado", "J. J."),  # no space after the comma
    ("Molina-Bolívar,J. A.", "Molina-Bolívar", "J. A."),
    ("Fanning E.", "Fanning", "E."),  # family name then initials
    ("Smith JA", "Smith", "JA"),
    ("Jean César", "César", "Jean"),
    ("Ludwig van Beethoven", "van Beethoven", "Ludwig"),
    ("Smith, John, Jr.", "Smith", "John"),
    ("Cocke", "Cocke", None),
])
def test_parse_person_name(text, family, given):
    author = parse_person_name(text)
    assert author is not None
    assert (author.family, author.given, author.collective) == (family, given, None)


def test_group_names_become_collective_authors():
    assert parse_person_name("World Health Organization") == Author(
        collective="World Health Organization")
    assert parse_person_name("Stroke Prevention Study Group").collective is not None
    assert looks_collective("Doe, Study") is False  # a comma means a personal name
    assert looks_collective("Team") is False  # one word is not enough


def test_empty_names_give_nothing():
    assert parse_person_name("  ,  ") is None
    assert parse_person_name(None) is None
    assert make_person(None, "") is None


def test_lone_given_name_is_kept_as_family_name():
    assert make_person(None, "Aristotle") == Author(family="Aristotle")


def test_orcid_forms_and_check_digit():
    assert normalise_orcid("https://orcid.org/0000-0002-1825-0097") == "0000-0002-1825-0097"
    assert normalise_orcid("000000021825009X") is None  # wrong check character
    assert normalise_orcid("0000-0002-4447-5978") == "0000-0002-4447-5978"
    assert normalise_orcid("http://orcid.org/0000-0002-4447-597X") is None
    assert normalise_orcid("not an orcid") is None


def test_make_person_drops_a_bad_orcid_but_keeps_the_person():
    author = make_person("Lindqvist", "Maja", orcid="0000-0002-1825-0098")
    assert author == Author(family="Lindqvist", given="Maja", initials="M")
