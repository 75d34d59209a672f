"""Curator claims: claims a person asserts (or corrects) for an article, kept in a YAML file.

Text mining misses claims and gets some wrong; a curator who has read the article can add a
claim or replace what was mined. Curator claims become ordinary ``Claim`` objects whose evidence
has ``agent="curator"`` and names the curator, so they go through the same shapes, merge with
the same content-identified claim nodes and roll up with the rest.

File format (``examples/curated-claims.yaml`` is a worked example)::

    claims:
      - article: 10.1111/papr.12829        # DOI (any usual form) or PMID ("pmid:31494987")
        curator: Jane Example             # required: who asserts it
        subject: mesh:D007649             # CURIE (mesh:, concept:, ekgr:), MeSH UI or IRI;
                                          # a list of them is a combined intervention
        relation: treats                  # treats | prevents | causes | no_effect |
                                          # associated_with | acts_through | implicated_in
        object: concept:opioid-abstinence
        direction: supports               # supports (default) | refutes | no_difference
        design: case-report               # optional: a design slug (kg.extract.design)
        sentence: "The patient remained opioid-free at one year."   # optional
        note: "Checked against the full text."                      # optional
        override: true                    # optional: replaces text-mined claims with the
                                          # same subject and object for this article
        subject_label: ketamine + CBT     # optional labels for display
        object_label: opioid abstinence

A claim without ``design`` takes the article's own assessed design when applied to it
(``apply_curated``). Bad entries are reported with the file, the entry number and its line.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from kg.errors import RecordParseError, UnsafeIRIError
from kg.extract.curated_yaml import load_yaml_bounded
from kg.extract.design import DESIGNS, assessment_for
from kg.extract.evidence import merge_claims
from kg.extract.model import DIRECTIONS, RELATIONS, Claim, DesignAssessment, Evidence
from kg.rdf.iris import check_iri, mesh_iri, mint_combination_iri
from kg.rdf.namespaces import EKGR, MESH
from kg.records.identifiers import normalise_doi, normalise_pmid
from kg.records.model import Record

__all__ = [
    "CuratedClaim",
    "apply_curated",
    "article_keys",
    "expand_curie",
    "load_curated",
    "load_curated_claims",
]

PREFIXES: dict[str, str] = {"mesh": str(MESH), "concept": f"{EKGR}concept/", "ekgr": str(EKGR)}
_UNSTATED = "no design stated by the curator"
_FIELDS = frozenset({"article", "curator", "subject", "relation", "object", "direction",
                     "design", "sentence", "note", "override", "subject_label",
                     "object_label"})


@dataclass(frozen=True, slots=True)
class CuratedClaim:
    """A curator's claim for one article (``article``: normalised DOI or PMID)."""

    article: str
    claim: Claim
    override: bool = False
    design_stated: bool = True
    # ``file:line entry #n`` for messages; not part of the claim's identity or fingerprint.
    origin: str = field(default="", compare=False, repr=False)


def load_curated_claims(path: str | Path) -> list[tuple[str, Claim]]:
    """``(article key, claim)`` pairs of a curator file; raises on the first bad entry."""
    return [(c.article, c.claim) for c in load_curated(path)]


def load_curated(path: str | Path,
                 errors: list[RecordParseError] | None = None) -> list[CuratedClaim]:
    """The curator claims of a YAML file.

    With ``errors`` given, a bad entry is appended there and the rest are still read;
    without it the first bad entry raises ``RecordParseError`` (file, entry number, line).
    """
    path = Path(path)
    data, lines = load_yaml_bounded(path)
    entries = data.get("claims") if isinstance(data, dict) else data
    if not isinstance(entries, list):
        raise RecordParseError("expected a list of claims (or a 'claims:' list)", path=str(path))
    out: list[CuratedClaim] = []
    for index, entry in enumerate(entries):
        line = lines[index] if index < len(lines) else None
        try:
            origin = f"{path}:{line} record #{index + 1}" if line else f"{path} #{index + 1}"
            out.append(replace(_parse_entry(entry), origin=origin))
        except ValueError as exc:
            error = RecordParseError(str(exc), path=str(path), index=index, line=line)
            if errors is None:
                raise error from exc
            errors.append(error)
    return out


def _parse_entry(entry: Any) -> CuratedClaim:
    if not isinstance(entry, dict):
        raise ValueError("a claim entry must be a mapping")
    unknown = set(entry) - _FIELDS
    if unknown:
        raise ValueError(f"unknown field(s): {', '.join(sorted(map(str, unknown)))}")
    curator = _required(entry, "curator")
    article = _article_key(_required(entry, "article"))
    relation = _choice(entry.get("relation"), RELATIONS, "relation")
    direction = _choice(entry.get("direction", "supports"), DIRECTIONS, "direction")
    parts = _subject_parts(entry.get("subject"))
    design, stated = _design(entry.get("design"), curator)
    evidence = Evidence(
        sentence=str(entry.get("sentence") or entry.get("note") or f"Asserted by {curator}."),
        section=None, start=None, end=None, design=design, agent="curator", confidence=1.0,
        curator=curator, extractor="ekg-curated", extractor_version="1",
    )
    claim = Claim(
        subject=str(mint_combination_iri(parts)) if len(parts) > 1 else parts[0],
        relation=relation, object=expand_curie(_required(entry, "object")),  # type: ignore[arg-type]
        direction=direction, evidence=(evidence,),  # type: ignore[arg-type]
        subject_label=str(entry.get("subject_label") or ""),
        object_label=str(entry.get("object_label") or ""),
        subject_parts=parts if len(parts) > 1 else (),
    )
    return CuratedClaim(article, claim, bool(entry.get("override", False)), stated)


def _required(entry: dict[str, Any], name: str) -> str:
    value = entry.get(name)
    if value is None or not str(value).strip():
        raise ValueError(f"missing required field '{name}'")
    return str(value).strip()


def _choice(value: Any, allowed: Sequence[str], name: str) -> str:
    if value not in allowed:
        raise ValueError(f"{name} {value!r} is not one of {', '.join(allowed)}")
    return str(value)


def _subject_parts(value: Any) -> tuple[str, ...]:
    if value is None or value == [] or value == "":
        raise ValueError("missing required field 'subject'")
    items = value if isinstance(value, list) else [value]
    return tuple(dict.fromkeys(expand_curie(str(v)) for v in items))


def _design(value: Any, curator: str) -> tuple[DesignAssessment, bool]:
    if value is None:
        return assessment_for("other", _UNSTATED, "curator"), False
    if value not in DESIGNS:
        raise ValueError(f"design {value!r} is not one of {', '.join(DESIGNS)}")
    return assessment_for(str(value), f"stated by curator {curator}", "curator"), True


def _article_key(value: str) -> str:
    pmid = normalise_pmid(value) if re.fullmatch(r"(?i)\s*(pmid:?\s*)?\d+\s*", value) else None
    key = pmid or normalise_doi(value)
    if not key:
        raise ValueError(f"article {value!r} is neither a DOI nor a PMID")
    return key


def expand_curie(value: str) -> str:
    """An IRI from a CURIE (``mesh:D007649``, ``concept:opioid-abstinence``), UI or IRI."""
    value = value.strip()
    try:
        if re.fullmatch(r"[DCQM]\d{6,9}", value):
            return str(mesh_iri(value))
        prefix, _, local = value.partition(":")
        if prefix in PREFIXES and not local.startswith("//"):
            if prefix == "mesh":
                return str(mesh_iri(local))
            return str(check_iri(PREFIXES[prefix] + local))
        if re.match(r"^https?://", value):
            return str(check_iri(value))
    except UnsafeIRIError as exc:
        raise ValueError(str(exc)) from exc
    raise ValueError(f"{value!r} is not a known CURIE (mesh:, concept:, ekgr:) or an http(s) IRI")


def article_keys(record: Record) -> set[str]:
    """The keys a curator file may use for this record (normalised DOI and PMID)."""
    return {k for k in (record.ids.doi, record.ids.pmid) if k}


def apply_curated(claims: Iterable[Claim], curated: Iterable[CuratedClaim], record: Record,
                  design: DesignAssessment | None = None) -> tuple[Claim, ...]:
    """The record's claims with its curator claims added; overriding ones replace mined claims.

    An overriding curator claim removes the text-mined claims of this article that have the same
    subject and object (whatever their relation or direction): the curator's reading replaces
    them. Curator claims without a stated design take the article's ``design``.
    """
    keys = article_keys(record)
    mine = [c for c in curated if c.article in keys]
    replaced = {(c.claim.subject, c.claim.object) for c in mine if c.override}
    kept = [c for c in claims if (c.subject, c.object) not in replaced]
    added = [_with_design(c, design) for c in mine]
    return merge_claims([*kept, *added])


def _with_design(curated: CuratedClaim, design: DesignAssessment | None) -> Claim:
    if curated.design_stated or design is None:
        return curated.claim
    evidence = tuple(replace(e, design=design) for e in curated.claim.evidence)
    return replace(curated.claim, evidence=evidence)
