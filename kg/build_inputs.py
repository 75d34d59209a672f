"""What a build reads: record files into records and curator files into claims, with every
problem on the way kept as a rejection (not stored) or a notice (stored, but said)."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from kg.build_report import BuildSummary, Rejection
from kg.errors import RecordParseError
from kg.extract.curated import CuratedClaim, article_keys, load_curated
from kg.records.base import ReadWarning
from kg.records.model import Record
from kg.records.registry import iter_input_files, read_file

__all__ = ["error_where", "is_curator_file", "load_curated_inputs", "note_keys", "read_records",
           "report_unmatched"]


def is_curator_file(path: Path) -> bool:
    """Curator claim files are YAML; every other input is a record file."""
    return path.suffix.lower() in (".yaml", ".yml")


def load_curated_inputs(paths: list[str | Path], summary: BuildSummary) -> tuple[CuratedClaim, ...]:
    """Curator claim files among the inputs (``*.yaml``); bad entries are rejections."""
    out: list[CuratedClaim] = []
    for path in filter(is_curator_file, iter_input_files(paths)):
        summary.files += 1
        errors: list[RecordParseError] = []
        try:
            out.extend(load_curated(path, errors))
        except RecordParseError as exc:
            errors.append(exc)
        summary.rejected.extend(Rejection(error_where(e), e.reason) for e in errors)
    return tuple(out)


def error_where(error: RecordParseError) -> str:
    """``path:line record #n (id)`` of an error, as rejections print it."""
    return str(error).removesuffix(f": {error.reason}")


def read_records(paths: list[str | Path], fmt: str | None, summary: BuildSummary,
              on_file: Callable[[Path], None]) -> Iterator[Record]:
    """Records of every record file; errors become rejections, warnings notices."""
    for path in iter_input_files(paths):
        if is_curator_file(path):
            continue
        summary.files += 1
        on_file(path)
        for result in read_file(path, fmt):
            if isinstance(result, RecordParseError):
                summary.rejected.append(Rejection(error_where(result), result.reason))
            elif isinstance(result, ReadWarning):
                summary.notices.append(Rejection(result.where, result.reason))
            else:
                summary.records_read += 1
                yield result


def note_keys(records: Iterable[Record], seen: set[str]) -> Iterator[Record]:
    """Pass records on, noting the article keys (DOI, PMID) curator claims may use."""
    for record in records:
        seen.update(article_keys(record))
        yield record


def report_unmatched(curated: tuple[CuratedClaim, ...], seen: set[str],
                      summary: BuildSummary) -> None:
    """A curator claim for an article no input record carries would silently do nothing."""
    for claim in curated:
        if claim.article not in seen:
            summary.notices.append(Rejection(
                claim.origin or claim.article,
                f"curator claim for article {claim.article} matches no record in this build"))
