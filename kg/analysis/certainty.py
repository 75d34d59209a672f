"""Rolled-up certainty per claim: GRADE over a claim's body of findings, computed after a build.

GRADE rates a body of evidence, never one sentence, so the certainty of a claim is computed here
over all its findings in the store (``ekg:evidenceKind`` finding; cited and studied-for evidence
do not count, nor findings from retracted sources). The rules, one step down each:

1. **Start** from the best starting certainty among the claim's findings (a trial outranks a case
   report); the findings with that starting certainty are the *best-designed* ones. A hedged
   finding (``ekg:hedged``: "X may reduce Y") counts only when all the claim's findings are.
2. **Per-finding downgrades** (``ekg:certaintyDowngrade``) that every best-designed finding
   shares lower the claim once each: a flaw that a better study avoids does not carry over.
3. **Imprecision**: every best-designed finding states its sample size and together they count
   fewer than ``IMPRECISE_BELOW`` people (a shared ``small-sample`` downgrade is the same
   concern and is not counted twice).
4. **Inconsistency**: findings of the same subject–relation–object in another direction
   (supports / refutes / no difference), at the claim's starting certainty or better: weaker
   contradicting evidence does not make stronger consistent evidence inconsistent.

The result, never below very low, is written as ``claim ekg:rolledUpCertainty ekgr:grade/…`` with
``ekg:certaintyReason`` (e.g. "2 findings: randomised controlled trial ×2 (starting high);
inconsistency: 1 refutes → moderate") into the named graph ``ekgr:graph/certainty``, which is
replaced whole on each build. Claims without findings get no rolled-up certainty.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from rdflib import Literal, URIRef
from rdflib.term import Node

from kg.extract.certainty import lower_certainty
from kg.extract.design import DESIGNS, GRADES
from kg.query import load_internal_query
from kg.rdf.graphs import CERTAINTY_GRAPH
from kg.rdf.namespaces import EKG
from kg.rdf.terms import grade_iri
from kg.store.base import GraphWrite, Store, Triple

__all__ = [
    "IMPRECISE_BELOW",
    "ClaimFindings",
    "Finding",
    "RolledUp",
    "read_findings",
    "roll_up",
    "roll_up_claim",
    "rolled_up_triples",
    "write_rolled_up_certainty",
]

IMPRECISE_BELOW = 100
"""Fewer people than this across the best-designed findings is imprecise (a rule of thumb far
under GRADE's optimal information size, so it only flags the clearly small)."""


@dataclass(frozen=True, slots=True)
class Finding:
    """One finding of a claim: what the roll-up needs of it."""

    evidence: str
    starting: str  # high | moderate | low | very-low
    design: str | None = None  # design slug
    n: int | None = None
    downgrades: frozenset[str] = frozenset()
    hedged: bool = False  # a speculation ("may reduce"): never raises the claim's start


@dataclass(frozen=True, slots=True)
class ClaimFindings:
    """A claim's identity without its direction (``key``), its direction and its findings."""

    claim: str
    key: tuple[str, str, str]  # subject, relation, object
    direction: str
    findings: tuple[Finding, ...]


@dataclass(frozen=True, slots=True)
class RolledUp:
    claim: str
    certainty: str
    reason: str


def _rank(grade: str) -> int:
    return GRADES.index(grade)  # 0 = high


def _best(findings: Iterable[Finding]) -> tuple[str, list[Finding]]:
    """The best starting certainty and its findings; hedged findings count only when every
    finding is hedged (a speculation must not lift what the plain findings show)."""
    found = list(findings)
    found = [f for f in found if not f.hedged] or found
    starting = min((f.starting for f in found), key=_rank)
    return starting, [f for f in found if f.starting == starting]


def _shared_downgrades(best: list[Finding]) -> list[str]:
    common = frozenset.intersection(*(f.downgrades for f in best))
    return sorted(common - {"small-sample"})


def _imprecise(best: list[Finding]) -> bool:
    if all("small-sample" in f.downgrades for f in best):
        return True
    sizes = [f.n for f in best]
    return all(n is not None for n in sizes) and sum(n or 0 for n in sizes) < IMPRECISE_BELOW


def _opposing(claim: ClaimFindings, siblings: Iterable[ClaimFindings],
              starting: str) -> Counter[str]:
    """Findings in other directions, at this claim's starting certainty or better."""
    counts: Counter[str] = Counter()
    for other in siblings:
        if other.claim != claim.claim and other.direction != claim.direction:
            strong = [f for f in other.findings if _rank(f.starting) <= _rank(starting)]
            if strong:
                counts[other.direction] += len(strong)
    return counts


def _design_text(findings: tuple[Finding, ...]) -> str:
    counts = Counter(DESIGNS[f.design].label if f.design in DESIGNS else "unstated design"
                     for f in findings)
    return ", ".join(f"{label} ×{k}" if k > 1 else label
                     for label, k in sorted(counts.items(), key=lambda x: (-x[1], x[0])))


def _words(grade: str) -> str:
    return grade.replace("-", " ")


def roll_up_claim(claim: ClaimFindings, siblings: Iterable[ClaimFindings] = ()) -> RolledUp:
    """The rolled-up certainty of one claim with findings (rules in the module docstring);
    ``siblings`` are the claims of the same subject–relation–object, any direction."""
    starting, best = _best(claim.findings)
    lowered = [d.replace("-", " ") for d in _shared_downgrades(best)]
    if _imprecise(best):
        lowered.append("imprecision")
    opposing = _opposing(claim, siblings, starting)
    if opposing:
        against = ", ".join(f"{k} {d.replace('_', ' ').replace('-', ' ')}"
                            for d, k in sorted(opposing.items()))
        lowered.append(f"inconsistency: {against}")
    final = lower_certainty(starting, len(lowered))
    count = len(claim.findings)
    reason = (f"{count} finding{'s' if count != 1 else ''}: {_design_text(claim.findings)} "
              f"(starting {_words(starting)})"
              + "".join(f"; {part}" for part in lowered) + f" → {_words(final)}")
    return RolledUp(claim.claim, final, reason)


def roll_up(claims: Iterable[ClaimFindings]) -> list[RolledUp]:
    """Rolled-up certainty of every claim that has findings, in claim order."""
    by_key: dict[tuple[str, str, str], list[ClaimFindings]] = defaultdict(list)
    kept = [c for c in claims if c.findings]
    for c in kept:
        by_key[c.key].append(c)
    return [roll_up_claim(c, by_key[c.key]) for c in sorted(kept, key=lambda c: c.claim)]


def _slug(iri: Node | None) -> str | None:
    return None if iri is None else str(iri).rsplit("/", 1)[-1]


Row = Mapping[str, Node | None]


def read_findings(store: Store) -> list[ClaimFindings]:
    """Every claim with findings, read with ``queries/internal/certainty-findings.rq`` (one row
    per finding and downgrade) and ``certainty-claims.rq`` (the claims' cores)."""
    rows: dict[str, dict[str, Row]] = defaultdict(dict)  # claim → evidence → first row
    downgrades: dict[str, set[str]] = defaultdict(set)
    for row in store.query(load_internal_query("certainty-findings")).dicts():
        ev = str(row["evidence"])
        rows[str(row["claim"])].setdefault(ev, row)
        if row["downgrade"] is not None:
            downgrades[ev].add(str(_slug(row["downgrade"])))
    cores = _claim_cores(store, set(rows))
    return [ClaimFindings(claim, key, direction,
                          tuple(_finding(ev, row, downgrades[ev])
                                for ev, row in sorted(rows[claim].items())))
            for claim, (key, direction) in sorted(cores.items())]


def _claim_cores(store: Store, claims: set[str]) -> dict[str, tuple[tuple[str, str, str], str]]:
    cores: dict[str, tuple[tuple[str, str, str], str]] = {}
    for row in store.query(load_internal_query("certainty-claims")).rows:
        claim, subject, relation, obj, direction = map(str, row)
        if claim in claims:
            cores[claim] = ((subject, relation, obj), str(_slug(direction)))
    return cores


def _finding(evidence: str, row: Row, downgrades: set[str]) -> Finding:
    n = row["n"]
    return Finding(evidence, str(_slug(row["starting"])), _slug(row["design"]),
                   int(str(n)) if n is not None else None, frozenset(downgrades),
                   str(row.get("hedged")).lower() == "true")


def rolled_up_triples(rolled: Iterable[RolledUp]) -> list[Triple]:
    """``claim ekg:rolledUpCertainty grade ; ekg:certaintyReason "…"`` for each claim."""
    out: list[Triple] = []
    for r in rolled:
        claim = URIRef(r.claim)
        out.append((claim, EKG.rolledUpCertainty, grade_iri(r.certainty)))
        out.append((claim, EKG.certaintyReason, Literal(r.reason)))
    return out


def write_rolled_up_certainty(store: Store) -> int:
    """Recompute the certainty graph from the store and replace it whole; claims rated."""
    rolled = roll_up(read_findings(store))
    if not rolled:
        store.drop_graph(CERTAINTY_GRAPH)
        return 0
    store.put_graphs([GraphWrite(CERTAINTY_GRAPH, tuple(rolled_up_triples(rolled)))])
    return len(rolled)
