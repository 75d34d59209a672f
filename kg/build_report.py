"""What a build did: counts, rejected records and notices, as the CLI and callers read them;
and which vocabulary recognised the concepts, since a build on the curated overlay alone finds
far fewer of them and should say so rather than look like a poor corpus."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from kg.validate import ValidationIssue
from kg.vocab.mesh import find_mesh_files

__all__ = ["BuildSummary", "Rejection", "VocabularyUsed", "describe_vocabulary",
           "warning_lines"]

_YEAR = re.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)")
"""A MeSH year in a file name: ``desc2024.xml.gz``, ``d2024.bin``, ``mesh2024_descriptors``."""


@dataclass(frozen=True, slots=True)
class Rejection:
    """Where (file, line, record) and why: a record not stored, or a notice about one."""

    where: str
    reason: str


@dataclass(slots=True)
class BuildSummary:
    """Counts and messages of one build; ``ok`` when no record was rejected."""

    files: int = 0
    records_read: int = 0
    stored: int = 0
    unchanged: int = 0
    duplicates: int = 0
    rejected: list[Rejection] = field(default_factory=list)
    notices: list[Rejection] = field(default_factory=list)  # read on, but said (repairs …)
    warnings: list[ValidationIssue] = field(default_factory=list)
    violations: int = 0
    triples: int = 0
    seconds: float = 0.0
    stale_analyses: int = 0  # analysis runs this build outdated (marked ekg:staleSince)

    @property
    def ok(self) -> bool:
        return not self.rejected


@dataclass(frozen=True, slots=True)
class VocabularyUsed:
    """The MeSH descriptor file (and its year) a build recognised concepts with; no file when
    only the curated overlay was loaded."""

    mesh_file: str | None = None
    year: int | None = None

    @property
    def overlay_only(self) -> bool:
        return self.mesh_file is None

    def describe(self) -> str:
        """``MeSH 2024 (mesh2024_descriptors.tsv.gz)``, or what to do without MeSH."""
        if self.mesh_file is None:
            return "curated overlay only — run `ekg vocab load`"
        return f"MeSH {self.year or '(year unknown)'} ({self.mesh_file})"


def describe_vocabulary(mesh_source: str | Path | None) -> VocabularyUsed:
    """What ``mesh_source`` (a compiled vocabulary's source: a MeSH file, a folder holding
    one, or None) was: the descriptor file's name and the year in it."""
    if mesh_source is None:
        return VocabularyUsed()
    path = Path(mesh_source)
    files = find_mesh_files(path) if path.is_dir() else [path]
    name = files[0].name if files else path.name
    year = _YEAR.search(name)
    return VocabularyUsed(name, int(year.group()) if year else None)


def warning_lines(summary: BuildSummary) -> list[str]:
    """Every warning of a build as one line each: read notices first, then validation
    warnings (``graph: focus path: message``)."""
    lines = [f"{n.where}: {n.reason}" for n in summary.notices]
    for w in summary.warnings:
        where = " ".join(x for x in (w.focus, w.path or "") if x)
        lines.append(f"{w.graph + ': ' if w.graph else ''}{where}: {w.message}")
    return lines
