"""Synthetic evidence graphs of realistic shape for benchmarks (never for tests of correctness).

Articles are built as Record + Extraction objects and mapped with the real mapping, so the graph
has exactly the shape a build produces: authors, journal, sections, mentions, claims, evidence.
"""

from __future__ import annotations

import random
from collections.abc import Iterator

from kg.extract.model import Claim, DesignAssessment, Evidence, Extraction, Mention
from kg.rdf.mapping import BuildContext, MappedRecord, map_record
from kg.records.model import (
    AbstractSection,
    Author,
    Identifiers,
    Journal,
    PartialDate,
    Record,
    SourceInfo,
)

__all__ = ["CONCEPTS", "CTX", "generate_articles", "synthetic_record"]

CTX = BuildContext("0.0.0-bench", "bench", "2026-01-01T00:00:00+00:00")
_MESH = "http://id.nlm.nih.gov/mesh/D"
# 300 interventions, 200 conditions, 60 mechanisms, 40 outcomes (Zipf-like use below).
CONCEPTS = {
    "intervention": [f"{_MESH}{100000 + i:06d}" for i in range(300)],
    "condition": [f"{_MESH}{200000 + i:06d}" for i in range(200)],
    "mechanism": [f"{_MESH}{300000 + i:06d}" for i in range(60)],
    "outcome": [f"{_MESH}{400000 + i:06d}" for i in range(40)],
}
_DESIGNS = [
    DesignAssessment("randomised-controlled-trial", 2, "high", "RCT → level 2, GRADE high"),
    DesignAssessment("cohort", 3, "low", "cohort → level 3, GRADE low"),
    DesignAssessment("case-report", 4, "very-low", "case report → level 4, GRADE very low"),
    DesignAssessment("systematic-review", 1, "high", "SR → level 1, GRADE high"),
]
_FAMILIES = ["Smith", "Garcia", "Chen", "Okafor", "Müller", "Ivanova", "Nakamura", "Silva"]


def _pick(rng: random.Random, role: str) -> str:
    pool = CONCEPTS[role]
    return pool[min(int(rng.paretovariate(1.2)) - 1, len(pool) - 1)]


def synthetic_record(i: int, rng: random.Random) -> tuple[Record, Extraction]:
    doi = f"10.5555/bench.{i}"
    authors = tuple(Author(family=rng.choice(_FAMILIES), given=f"A{j}", initials=f"A{j}")
                    for j in range(rng.randint(2, 6)))
    rec = Record(
        source=SourceInfo(f"bench-{i // 1000}.xml", i % 1000, None, "pubmed-xml", f"{i:064x}"),
        ids=Identifiers(doi=doi, pmid=str(10_000_000 + i)), title=f"Synthetic article {i}",
        abstract=(AbstractSection(f"Background of article {i}.", "Background"),
                  AbstractSection(f"Results of article {i}.", "Results")),
        authors=authors,
        journal=Journal(title=f"Journal {i % 200}", volume=str(i % 40), issue="1",
                        pages="1-10", page_start="1", page_end="10"),
        published=PartialDate(1990 + i % 35), languages=("eng",),
        publication_types=("Journal Article",))
    design = rng.choice(_DESIGNS)
    roles = ["intervention", "condition", "mechanism", "outcome", "intervention"]
    mentions = tuple(Mention(_pick(rng, r), f"concept {r}", r, "Results", k * 10, k * 10 + 5,  # type: ignore[arg-type]
                             "xxxxx") for k, r in enumerate(roles))
    ev = Evidence(f"Results of article {i}.", "Results", 0, 20, design, n=rng.randint(1, 500))
    claims = (Claim(mentions[0].concept, "treats", mentions[1].concept,
                    rng.choice(["supports", "supports", "refutes"]), (ev,), "i", "c"),  # type: ignore[arg-type]
              Claim(mentions[0].concept, "acts_through", mentions[2].concept, "supports",
                    (ev,), "i", "m"),
              Claim(mentions[2].concept, "implicated_in", mentions[1].concept, "supports",
                    (ev,), "m", "c"))
    return rec, Extraction(mentions, claims, design)


def generate_articles(n: int, seed: int = 7) -> Iterator[MappedRecord]:
    """``n`` mapped articles, deterministic for a seed."""
    rng = random.Random(seed)
    for i in range(n):
        rec, ex = synthetic_record(i, rng)
        yield map_record(rec, ex, CTX)
