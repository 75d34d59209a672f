"""Roles from MeSH trees."""

from __future__ import annotations

import pytest

from kg.vocab.model import Concept, check_role
from kg.vocab.roles import decide_role, decide_role_from_trees, select_mechanism_actions


@pytest.mark.parametrize(("trees", "role"), [
    (("C10.177.195",), "condition"),
    (("F03.900.825", "C25.775.835"), "condition"),
    (("D02.455.426.392.368.367.652",), "intervention"),
    (("D12.776.543.550.450",), "mechanism"),  # a receptor
    (("D12.776.157.530", "D12.776.543.550"), "mechanism"),  # protein and receptor
    (("D27.505.519.625.190.300", "D27.505.696.577"), "mechanism"),
    (("D27.505.954.427.040",), "intervention"),  # a therapeutic class
    (("E04.100",), "intervention"),
    (("F04.754.137.350",), "intervention"),
    (("G11.561.148",), "mechanism"),
    (("C23.888.592.612", "G11.561.790.444"), "condition"),  # pain: a condition first
    (("D08.811.913.696",), "other"),  # an enzyme
    (("D06.472.699", "D12.644.548"), "intervention"),  # a hormone
    (("A01.456",), None),
    (("E05.318",), None),
    (("G17.100",), None),
])
def test_role_of_trees(trees: tuple[str, ...], role: str | None) -> None:
    assert decide_role_from_trees(trees) == role


def test_curated_role_scr_outcome_and_category_headings() -> None:
    curated = Concept("https://example.org/x", "x", "x", role="outcome")
    assert decide_role(curated) == "outcome"
    esketamine = Concept("i", "C000629870", "esketamine", source="mesh-scr")
    assert decide_role(esketamine) == "intervention"
    status = Concept("i", "D000085542", "Functional Status", tree_numbers=("N02.421",))
    assert decide_role(status) == "outcome"
    assert decide_role(Concept("i", "D009369", "Neoplasms")) == "condition"  # no tree number
    assert decide_role(Concept("i", "D008297", "Male")) is None


def test_only_molecular_actions_are_mechanisms() -> None:
    ketamine = Concept("i", "D007649", "Ketamine", pharmacological_actions=(
        ("D018691", "Excitatory Amino Acid Antagonists"), ("D000700", "Analgesics")))
    trees = {"D018691": ("D27.505.519.625.190.300",), "D000700": ("D27.505.954.427.040",)}
    assert select_mechanism_actions(ketamine, trees) == (
        ("D018691", "Excitatory Amino Acid Antagonists"),)


def test_check_role_accepts_iris_and_names() -> None:
    assert check_role("https://w3id.org/evidence-kg/id/role/mechanism") == "mechanism"
    assert check_role("Outcome") == "outcome"
    with pytest.raises(ValueError, match="unknown role"):
        check_role("treatment")
