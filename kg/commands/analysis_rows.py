"""Flat rows of the analysis results, for ``--format csv|tsv``: one row per result.

The rows are made from the same JSON payloads ``--format json`` prints, so the two never
disagree; nested lists become one cell (``; ``-separated), identifiers are CURIEs.
"""

from __future__ import annotations

from typing import Any

from kg.analysis.resolve import curie

__all__ = ["COLUMNS", "communities_rows", "conflicts_rows", "discover_rows", "paths_rows",
           "related_rows"]

COLUMNS: dict[str, tuple[str, ...]] = {
    "related": ("rank", "score", "article", "identifier", "title", "year", "retracted",
                "reasons"),
    "paths": ("rank", "score", "path", "path_labels", "hops"),
    "discover": ("rank", "score", "target", "target_label", "target_role",
                 "linking_terms_total", "linking_terms"),
    "conflicts": ("rank", "subject", "subject_label", "object", "object_label", "family",
                  "weight", "stances"),
    "communities": ("section", "rank", "concept", "label", "size", "pagerank", "betweenness",
                    "members"),
}
"""The documented columns of each analysis command's CSV/TSV output, in order."""

Row = dict[str, object]


def related_rows(payload: dict[str, Any]) -> list[Row]:
    return [{**{k: r[k] for k in ("rank", "score", "title", "year", "retracted")},
             "article": r["article"], "identifier": r["identifier"],
             "reasons": "; ".join(f"{x['kind']}: {x['label']}" for x in r["reasons"])}
            for r in payload["related"]]


def _hop(h: dict[str, Any]) -> str:
    level = f"L{h['best_level']}" if h["best_level"] else "no level"
    articles = ", ".join(h["articles"])
    return (f"{curie(h['from'])} {'/'.join(h['relations'])} {curie(h['to'])} ({h['kind']}, "
            f"{level}{', ' + articles if articles else ''})")


def paths_rows(payload: dict[str, Any]) -> list[Row]:
    return [{"rank": p["rank"], "score": p["score"],
             "path": " > ".join(n["curie"] for n in p["nodes"]),
             "path_labels": " > ".join(n["label"] for n in p["nodes"]),
             "hops": "; ".join(_hop(h) for h in p["hops"])} for p in payload["paths"]]


def discover_rows(payload: dict[str, Any]) -> list[Row]:
    return [{"rank": x["rank"], "score": x["score"], "target": x["target"]["curie"],
             "target_label": x["target"]["label"], "target_role": x["target"]["role"],
             "linking_terms_total": x["linking_terms_total"],
             "linking_terms": " ".join(t["curie"] for t in x["linking_terms"])}
            for x in payload["links"]]


def _stance(s: dict[str, Any]) -> str:
    level = f"L{s['best_level']}" if s["best_level"] else "no level"
    return f"{s['relation']} {s['direction']} ({level}, {', '.join(s['articles'])})"


def conflicts_rows(payload: dict[str, Any]) -> list[Row]:
    return [{"rank": c["rank"], "subject": c["subject"]["curie"],
             "subject_label": c["subject"]["label"], "object": c["object"]["curie"],
             "object_label": c["object"]["label"], "family": c["family"], "weight": c["weight"],
             "stances": "; ".join(_stance(s) for s in c["stances"])}
            for c in payload["conflicts"]]


def communities_rows(payload: dict[str, Any]) -> list[Row]:
    """Communities first (``section`` community: top concepts' labels, all members' CURIEs),
    then the central mechanisms (``section`` central-mechanism: one concept each)."""
    rows: list[Row] = [{"section": "community", "rank": c["rank"], "size": c["size"],
                        "concept": " ".join(t["curie"] for t in c["top"]),
                        "label": ", ".join(t["label"] for t in c["top"]),
                        "members": " ".join(c["members"])} for c in payload["communities"]]
    return rows + [{"section": "central-mechanism", "rank": m["rank"], "concept": m["curie"],
                    "label": m["label"], "pagerank": m["pagerank"],
                    "betweenness": m["betweenness"]} for m in payload["central_mechanisms"]]
