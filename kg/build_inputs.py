"""What a build reads: record files into records and curator files into claims, with every
problem on the way kept as a rejection (not stored) or a notice (stored, but said)."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from kg.article_identity import IdentityRegister, Known
from kg.build_report import BuildSummary, Rejection
from kg.errors import RecordParseError
from kg.extract.curated import CuratedClaim, article_keys, load_curated
from kg.rdf.identity import Placement
from kg.records.base import ReadWarning
from kg.records.model import Record
from kg.records.registry import iter_input_files, read_file

__all__ = ["Placed", "error_where", "is_curator_file", "load_curated_inputs", "note_keys",
           "read_records", "record_where", "records_to_process", "report_unmatched"]


Placed = tuple[Record, Placement]
"""A record and where the build put it."""


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


def record_where(record: Record) -> str:
    """``path:line record #n (id)``: where a record is, as rejections and notices print it."""
    src = record.source
    where = f"{src.path}:{src.line}" if src.line else src.path
    ident = record.ids.doi or record.ids.pmid
    return f"{where} record #{src.index + 1}" + (f" ({ident})" if ident else "")


def _duplicate_reason(register: IdentityRegister, record: Record, earlier: Known) -> str:
    """Names the identifier that matched and the earlier record, stored or read in this build."""
    reason = (f"duplicate of {earlier.where} (same {register.matched_key(record, earlier)}) "
              "in the same file")
    if register.replaceable(earlier):
        reason += ("; that record is in the store from an earlier build (build with --force "
                   "to replace it with this one)")
    elif earlier.stored:
        reason += "; that record is in the store from an earlier build"
    return reason


def _untitled(record: Record) -> str:
    """Readers keep an untitled record only when it has an identifier: say which."""
    ids = record.ids
    ident = (f"doi:{ids.doi}" if ids.doi else f"pmid:{ids.pmid}" if ids.pmid
             else f"pmcid:{ids.pmcid}")
    return f"record has no title; kept, identified by {ident}"


def records_to_process(records: Iterable[Record], known: dict[str, tuple[str, str]], fp: str,
                       summary: BuildSummary, force: bool, register: IdentityRegister
                       ) -> Iterator[Placed]:
    """Placed records that need processing (``known``: graph → stored record hash and pipeline
    fingerprint); duplicates are rejected, unchanged records counted, untitled ones noticed."""
    for record in records:
        placement = register.place(record)
        earlier = register.duplicate_of(record, placement)
        if earlier is not None and not (force and register.replaceable(earlier)):
            summary.duplicates += 1
            summary.rejected.append(Rejection(record_where(record),
                                              _duplicate_reason(register, record, earlier)))
            continue
        if earlier is not None:
            register.replaced[placement.graph] = earlier.graph
        unchanged = not force and known.get(str(placement.graph)) == (record.source.sha256, fp)
        register.note(record, placement, record_where(record), stored=unchanged)
        if unchanged:
            summary.unchanged += 1
            continue
        if not record.title:
            summary.notices.append(Rejection(record_where(record), _untitled(record)))
        yield record, placement
