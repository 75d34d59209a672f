"""The build summary names the vocabulary used and lists the first warnings with their count;
the build says each phase on standard error when it has no terminal."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

import kg.commands.build  # noqa: F401  (importing registers the command)
from kg.build_report import (
    BuildSummary,
    Rejection,
    VocabularyUsed,
    describe_vocabulary,
    warning_lines,
)
from kg.cli import app
from kg.commands.build import print_summary
from kg.validate import ValidationIssue
from tests.conftest import EXAMPLES


def test_a_mesh_folder_is_named_by_its_descriptor_file_and_year(tmp_path: Path):
    (tmp_path / "mesh2023_descriptors.tsv").write_text("descriptor_ui\tname\nD1\tThing\n")
    (tmp_path / "notes.txt").write_text("not MeSH\n")
    used = describe_vocabulary(tmp_path)
    assert used == VocabularyUsed("mesh2023_descriptors.tsv", 2023)
    assert used.describe() == "MeSH 2023 (mesh2023_descriptors.tsv)"
    assert describe_vocabulary(tmp_path / "desc.xml").describe() == "MeSH (year unknown) (desc.xml)"


def test_without_mesh_the_summary_warns_and_says_what_to_run(capsys, tmp_path):
    print_summary(BuildSummary(), 0, tmp_path, describe_vocabulary(None))
    out = " ".join(capsys.readouterr().out.split())
    assert "vocabulary │ curated overlay only — run `ekg vocab load`" in out
    assert "warning vocabulary: curated overlay only — run `ekg vocab load`" in out


def test_the_first_five_warnings_are_listed_with_the_total(capsys, tmp_path):
    summary = BuildSummary(notices=[Rejection(f"r.ris:{i}", f"repaired field {i}")
                                    for i in range(6)])
    summary.warnings.append(ValidationIssue("Warning", "https://doi.org/10.1/x", "dcterms:title",
                                            "title is very long", None, None, "urn:g"))
    print_summary(summary, 0, tmp_path, VocabularyUsed("d2024.bin", 2024))
    lines = capsys.readouterr().out.splitlines()
    at = lines.index("warnings: 7 (the first 5 of 7)")
    assert lines[at + 1:at + 6] == [f"  r.ris:{i}: repaired field {i}" for i in range(5)]
    assert lines[at + 6].startswith("wrote ")
    assert warning_lines(summary)[-1] == ("urn:g: https://doi.org/10.1/x dcterms:title: "
                                          "title is very long")


def test_a_build_in_a_pipe_says_its_phases_on_stderr_and_its_vocabulary(tmp_path: Path):
    record = EXAMPLES / "ocker-2020-papr12829.catalog.txt"
    result = CliRunner().invoke(app, ["build", str(record), "--store", str(tmp_path / "s"),
                                      "--out", str(tmp_path / "o")])
    assert result.exit_code == 0, result.output
    phases = dict.fromkeys(line.split(" — ")[0] for line in result.stderr.splitlines())
    assert list(phases) == ["build: loading vocabulary", "build: reading records",
                      "build: finishing: pruning", "build: finishing: rolled-up certainty",
                      "build: finishing: VoID description", "build: finishing: exports"]
    assert f"of {record.stat().st_size / 1000:.1f} kB (0%)" in result.stderr
    assert any(line.startswith("│ vocabulary") for line in result.stdout.splitlines())
