"""Analysis results for people (rich tables) and programs (JSON-ready dicts).

Every concept appears with its label and CURIE and every article with its identifier, so the
JSON can be read without a second query and the table can be read without the JSON.
"""

from __future__ import annotations

from rich.table import Table

from kg.analysis.conflicts import CentralConcept, Community, Conflict
from kg.analysis.discover import HiddenLink
from kg.analysis.paths import Hop, PathSearch
from kg.analysis.project import Projection
from kg.analysis.related import RelatedArticle
from kg.analysis.resolve import curie
from kg.store.base import QueryResult

__all__ = [
    "STATS_COLUMNS",
    "STATS_DIMENSIONS",
    "central_json",
    "communities_json",
    "communities_table",
    "conflicts_json",
    "conflicts_table",
    "hidden_links_json",
    "hidden_links_table",
    "kinds_line",
    "paths_json",
    "paths_table",
    "related_json",
    "related_table",
    "result_dicts",
    "stats_rows",
]


def _concept(p: Projection, iri: str) -> dict[str, str]:
    return {"iri": iri, "curie": curie(iri), "label": p.label(iri), "role": p.role(iri)}


def related_json(seed: str, rows: list[RelatedArticle]) -> dict[str, object]:
    return {"article": seed, "related": [{
        "rank": r.rank, "article": r.article, "identifier": r.card.identifier,
        "title": r.card.title, "year": r.card.year, "score": r.score, "retracted": r.retracted,
        "reasons": [{"kind": x.kind, "node": x.node, "label": x.label,
                     "weight": round(x.weight, 6)} for x in r.reasons]} for r in rows]}


def related_table(seed: str, rows: list[RelatedArticle]) -> Table:
    table = Table(title=f"Articles related to {seed}")
    for col in ("#", "score", "article", "title", "reasons"):
        table.add_column(col, overflow="fold")
    for r in rows:
        title = f"{r.card.title} ({r.card.year})" if r.card.year else r.card.title
        table.add_row(str(r.rank), f"{r.score:.3f}", r.card.identifier or r.article, title,
                      r.summary())
    return table


def paths_json(p: Projection, search: PathSearch) -> dict[str, object]:
    return {"source": _concept(p, search.source), "target": _concept(p, search.target),
            "dwpc": search.dwpc, "paths_considered": search.considered,
            "truncated": search.truncated,
            "paths": [{"rank": path.rank, "score": path.score,
                       "nodes": [_concept(p, n) for n in path.nodes],
                       "hops": [{"from": h.subject, "to": h.object, "kind": h.kind,
                                 "relations": h.relations,
                                 "best_level": h.level, "strength": round(h.strength, 6),
                                 "claims": h.claims, "articles": h.articles} for h in path.hops]}
                      for path in search.paths]}


def paths_table(p: Projection, search: PathSearch) -> Table:
    table = Table(title=f"Paths {p.label(search.source)} → {p.label(search.target)} "
                        f"(DWPC {search.dwpc:.4g})")
    for col in ("#", "score", "path", "hops: relation · level · articles with findings"):
        table.add_column(col, overflow="fold")
    for path in search.paths:
        hops = "\n".join(_hop_text(p, h) for h in path.hops)
        table.add_row(str(path.rank), f"{path.score:.4g}",
                      " → ".join(p.label(n) for n in path.nodes), hops)
    return table


def _hop_text(p: Projection, h: Hop) -> str:
    step = f"{p.label(h.subject)} → {p.label(h.object)}: {'/'.join(h.relations)}"
    if h.kind == "bridge":
        return f"{step} (vocabulary match, no evidence)"
    if h.kind == "vocabulary":
        return f"{step} (vocabulary, no level)"
    level = f"L{h.level}" if h.level else "no level"
    return f"{step} · {level} · {', '.join(h.articles)}"


def hidden_links_json(p: Projection, source: str, links: list[HiddenLink]) -> dict[str, object]:
    return {"source": _concept(p, source), "before_year": p.before_year, "links": [{
        "rank": link.rank, "target": _concept(p, link.target), "score": link.score,
        "linking_terms_total": link.n_terms,
        "linking_terms": [{**_concept(p, t.concept), "score": t.score,
                           "source_articles": t.source_articles,
                           "target_articles": t.target_articles} for t in link.terms]}
        for link in links]}


def hidden_links_table(p: Projection, source: str, links: list[HiddenLink]) -> Table:
    sliced = f" (articles before {p.before_year})" if p.before_year else ""
    table = Table(title=f"Hidden links of {p.label(source)}{sliced}")
    for col in ("#", "score", "target", "via (linking terms)", "B's"):
        table.add_column(col, overflow="fold")
    for link in links:
        via = ", ".join(f"{t.label} ({len(t.source_articles)}+{len(t.target_articles)} art.)"
                        for t in link.terms)
        table.add_row(str(link.rank), f"{link.score:.4f}",
                      f"{link.label} [{curie(link.target)}]", via, str(link.n_terms))
    return table


def conflicts_json(p: Projection, conflicts: list[Conflict]) -> dict[str, object]:
    return {"conflicts": [{
        "rank": c.rank, "subject": _concept(p, c.subject), "object": _concept(p, c.object),
        "family": c.family, "weight": c.weight,
        "stances": [{"claim": s.claim, "relation": s.relation, "direction": s.direction,
                     "sign": s.sign, "best_level": s.level, "articles": s.articles}
                    for s in c.stances]} for c in conflicts]}


def conflicts_table(p: Projection, conflicts: list[Conflict]) -> Table:
    table = Table(title="Conflicting claims")
    for col in ("#", "subject", "object", "stances: relation direction · level · articles"):
        table.add_column(col, overflow="fold")
    for c in conflicts:
        stances = "\n".join(f"{s.relation} {s.direction} · L{s.level or '?'} · "
                            f"{', '.join(s.articles)}" for s in c.stances)
        table.add_row(str(c.rank), p.label(c.subject), p.label(c.object), stances)
    return table


def communities_json(p: Projection, communities: list[Community]) -> dict[str, object]:
    return {"communities": [{
        "rank": c.rank, "size": len(c.members),
        "top": [{**_concept(p, n), "weighted_degree": round(w, 6)} for n, w in c.top],
        "members": [curie(m) for m in c.members]} for c in communities]}


def central_json(p: Projection, ranked: list[CentralConcept]) -> dict[str, object]:
    return {"central_mechanisms": [{**_concept(p, c.concept), "rank": c.rank,
                                    "pagerank": c.pagerank, "betweenness": c.betweenness}
                                   for c in ranked]}


def communities_table(p: Projection, communities: list[Community],
                      ranked: list[CentralConcept]) -> list[Table]:
    table = Table(title="Concept communities (Louvain)")
    for col in ("#", "size", "top concepts"):
        table.add_column(col, overflow="fold")
    for c in communities:
        table.add_row(str(c.rank), str(len(c.members)), ", ".join(p.label(n) for n, _ in c.top))
    central = Table(title="Central mechanisms (PageRank on the claim graph)")
    for col in ("#", "mechanism", "PageRank", "betweenness"):
        central.add_column(col)
    for c in ranked:
        central.add_row(str(c.rank), f"{c.label} [{curie(c.concept)}]", f"{c.pagerank:.4f}",
                        f"{c.betweenness:.4f}")
    return [table, central]


STATS_DIMENSIONS = ("kind", "role", "design", "level", "startingCertainty")
STATS_COLUMNS = ("section", *STATS_DIMENSIONS, "measure", "value")
"""Columns of ``ekg stats`` as CSV/TSV: one figure per row (tidy), dimensions left empty
where a section has none."""


def _value(term: object) -> object:
    """A result term as a plain Python value (numbers as numbers, IRIs as strings)."""
    value = term.toPython() if hasattr(term, "toPython") else term
    return value if isinstance(value, int | float | str) or value is None else str(value)


def result_dicts(result: QueryResult) -> list[dict[str, object]]:
    """Rows of a SELECT result as plain dicts."""
    return [{k: _value(v) for k, v in row.items()} for row in result.dicts()]


def stats_rows(sections: dict[str, QueryResult]) -> list[dict[str, object]]:
    """Every figure of the statistics sections as one row: section, dimensions, measure, value."""
    rows = []
    for section, result in sections.items():
        for d in result_dicts(result):
            dims = {k: d.get(k) for k in STATS_DIMENSIONS}
            for measure, value in d.items():
                if measure not in STATS_DIMENSIONS:
                    rows.append({"section": section, **dims, "measure": measure,
                                 "value": value})
    return rows


def kinds_line(kinds: QueryResult) -> str:
    """``3 findings (counted) · 1 studied-for · 3 cited (left out of roll-ups, …)``."""
    totals: dict[str, int] = {}
    for d in result_dicts(kinds):
        count = d["evidence"]
        totals[str(d["kind"])] = totals.get(str(d["kind"]), 0) + (count if isinstance(count, int)
                                                                   else 0)
    return (f"evidence: {totals.get('finding', 0)} findings (counted in roll-ups, conflicts and "
            f"paths) · left out: {totals.get('studied-for', 0)} studied-for, "
            f"{totals.get('cited', 0)} cited")
