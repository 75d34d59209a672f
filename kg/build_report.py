"""What a build did: counts, rejected records and notices, as the CLI and callers read them."""

from __future__ import annotations

from dataclasses import dataclass, field

from kg.validate import ValidationIssue

__all__ = ["BuildSummary", "Rejection"]


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

    @property
    def ok(self) -> bool:
        return not self.rejected
