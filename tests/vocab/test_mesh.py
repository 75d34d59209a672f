"""MeSH loaders: NLM descriptor XML, ASCII .bin and the compact TSV give the same model."""

from __future__ import annotations

import gzip
import shutil
import time
from pathlib import Path

import pytest

from kg.vocab.mesh import MeshFormatError, find_mesh_files, load_mesh, load_mesh_xml
from tests.conftest import shared_path
from tests.vocab.tiny import DATA


def test_descriptor_xml_gives_names_trees_and_actions() -> None:
    concepts = {c.ui: c for c in load_mesh_xml(DATA / "desc_sample.xml")}
    ketamine = concepts["D007649"]
    assert ketamine.iri == "http://id.nlm.nih.gov/mesh/D007649"
    assert ketamine.label == "Ketamine"
    assert ketamine.synonyms == ("CI-581", "Ketalar")
    assert ketamine.permuted == ("CI 581",)
    assert ketamine.tree_numbers == ("D02.455.426.392.368.367.652",)
    assert ("D018691", "Excitatory Amino Acid Antagonists") in ketamine.pharmacological_actions
    assert concepts["D016194"].label == "Receptors, N-Methyl-D-Aspartate"


def test_gzipped_xml_is_read_by_content(tmp_path: Path) -> None:
    target = tmp_path / "desc2099.gz"
    target.write_bytes(gzip.compress((DATA / "desc_sample.xml").read_bytes()))
    vocabulary = load_mesh(target)
    assert len(vocabulary) == 5
    assert vocabulary.fingerprint and vocabulary.sources == (str(target),)


def test_ascii_bin_resolves_action_names_to_uis() -> None:
    concepts = load_mesh(DATA / "d_sample.bin").by_ui()
    cbt = concepts["D015928"]
    assert cbt.label == "Cognitive Behavioral Therapy"
    assert "Cognitive Behaviour Therapy" in cbt.synonyms
    assert "Therapy, Cognitive Behavioral" in cbt.synonyms
    assert cbt.tree_numbers == ("F04.754.137.350",)
    morphine = concepts["D009020"]
    assert morphine.tree_numbers == ("D03.132.577.249.562", "D03.605.591.562")
    # "Analgesics, Opioid" is in the file, "Narcotics" is not: only the first can be resolved
    assert morphine.pharmacological_actions == (("D000701", "Analgesics, Opioid"),)


def test_tsv_folder_loads_descriptors_and_supplementary_records(tmp_path: Path) -> None:
    for name in ("mesh_sample_descriptors.tsv", "mesh_sample_scr_with_pharmacological_actions.tsv",
                 "mesh_sample_pharmacological_actions.tsv"):
        shutil.copy(DATA / name, tmp_path / name)
    assert [p.name for p in find_mesh_files(tmp_path)] == [
        "mesh_sample_descriptors.tsv", "mesh_sample_pharmacological_actions.tsv",
        "mesh_sample_scr_with_pharmacological_actions.tsv"]
    concepts = load_mesh(tmp_path).by_ui()
    assert concepts["D018691"].tree_numbers[0].startswith("D27.505.519")  # from the action table
    assert concepts["D059333"].permuted == ("Sensitization, Central",)
    assert concepts["D013375"].tree_numbers == ("C25.775.835", "F03.900.825")
    assert concepts["C000629870"].source == "mesh-scr"
    assert "C999999" not in concepts  # a supplementary record without a name


def test_not_mesh_is_a_clear_error(tmp_path: Path) -> None:
    bad = tmp_path / "notes.txt"
    bad.write_text("hello\n")
    with pytest.raises(MeshFormatError, match=r"notes\.txt"):
        load_mesh(bad)
    with pytest.raises(MeshFormatError, match="no MeSH descriptor file"):
        load_mesh(tmp_path / ".." / tmp_path.name)


def test_malformed_xml_names_the_file_and_line(tmp_path: Path) -> None:
    bad = tmp_path / "desc_bad.xml"
    bad.write_text("<DescriptorRecordSet>\n<DescriptorRecord><DescriptorUI>D1</DescriptorUI>\n<oops>")
    with pytest.raises(MeshFormatError, match=r"desc_bad\.xml:\d+"):
        load_mesh(bad)


def test_an_entity_bomb_is_refused_quickly(tmp_path: Path) -> None:
    laughs = "".join(f'<!ENTITY l{i} "{f"&l{i - 1};" * 10}">' for i in range(1, 9))
    bomb = tmp_path / "desc_bomb.xml"
    bomb.write_text(
        f'<?xml version="1.0"?><!DOCTYPE DescriptorRecordSet [<!ENTITY l0 "lol">{laughs}]>'
        "<DescriptorRecordSet><DescriptorRecord><DescriptorUI>D000001</DescriptorUI>"
        "<DescriptorName><String>x&l8;</String></DescriptorName></DescriptorRecord>"
        "</DescriptorRecordSet>")
    started = time.perf_counter()
    with pytest.raises(MeshFormatError, match=r"desc_bomb\.xml"):
        list(load_mesh_xml(bomb))
    assert time.perf_counter() - started < 2


def test_external_entities_are_not_read(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET")
    xxe = tmp_path / "desc_xxe.xml"
    xxe.write_text(
        f'<?xml version="1.0"?><!DOCTYPE DescriptorRecordSet [<!ENTITY ext SYSTEM '
        f'"{secret.as_uri()}">]><DescriptorRecordSet><DescriptorRecord>'
        "<DescriptorUI>D000001</DescriptorUI><DescriptorName><String>x&ext;</String>"
        "</DescriptorName></DescriptorRecord></DescriptorRecordSet>")
    concepts = list(load_mesh_xml(xxe))
    assert "TOP-SECRET" not in concepts[0].label


def test_shared_mesh_table_has_the_descriptors_the_project_needs() -> None:
    concepts = load_mesh(shared_path("data", "mesh")).by_ui()
    assert len(concepts) > 30000
    assert ("D018691", "Excitatory Amino Acid Antagonists") in concepts[
        "D007649"].pharmacological_actions
    assert "Central Sensitization" in concepts["D059333"].synonyms
