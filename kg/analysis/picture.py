"""Pictures for people who would rather look than read: one self-contained HTML file with an
inline SVG (no scripts, no CDN, opens offline), laid out with networkx or in layers.

* paths: layered left to right, intervention → … → condition, hops labelled with relation,
  best evidence level and number of supporting articles;
* related articles: spring layout of the seed, its related articles and the concepts they share;
* hidden links: three columns, A | linking terms B | hidden targets C.
"""

from __future__ import annotations

import html
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import networkx as nx

from kg.analysis.discover import HiddenLink
from kg.analysis.paths import Hop, PathSearch
from kg.analysis.project import Projection
from kg.analysis.related import RelatedArticle

__all__ = ["hidden_links_picture", "path_picture", "related_picture", "render_html",
           "write_picture"]

COLOURS = {"intervention": "#1f77b4", "condition": "#d62728", "mechanism": "#2ca02c",
           "outcome": "#9467bd", "article": "#555555", "seed": "#000000", "other": "#8c564b"}
_ROW, _BOX_H, _COLUMN = 70, 34, 380


@dataclass(frozen=True, slots=True)
class Box:
    label: str
    kind: str
    x: float  # 0..1
    y: float  # 0..1
    tip: str = ""


def path_picture(p: Projection, search: PathSearch) -> str:
    """Layered picture of the ranked paths of one search."""
    column: dict[str, int] = {}
    for path in search.paths:
        for i, node in enumerate(path.nodes[:-1]):
            column[node] = min(column.get(node, i), i)
    width = max((len(path.nodes) for path in search.paths), default=2) - 1
    column[search.target] = width
    edges = {(h.subject, h.object): _hop_label(h) for path in search.paths for h in path.hops}
    boxes = _layers(column, lambda n: Box(p.label(n), p.role(n), 0, 0, n))
    title = f"Paths {p.label(search.source)} → {p.label(search.target)}"
    return render_html(title, boxes, [(u, v, label) for (u, v), label in edges.items()],
                       size=_layered_size(column))


def _hop_label(h: Hop) -> str:
    """``acts-through · L2 · 3 art.``; a bridge or a vocabulary hop (MeSH pharmacological
    action) shows only what it is, a co-mention no level."""
    if h.kind in ("bridge", "vocabulary"):
        return "/".join(h.relations)
    level = f" · L{h.level}" if h.level else ""
    return f"{'/'.join(h.relations)}{level} · {len(h.articles)} art."


def related_picture(p: Projection, seed: str, rows: Iterable[RelatedArticle]) -> str:
    """Spring layout of the seed article, its related articles and the concepts they share."""
    g = nx.Graph()
    g.add_node(seed)
    rows = list(rows)
    for r in rows:
        g.add_edge(seed, r.article)
        for reason in r.reasons:
            if reason.node in p.concept_index:
                g.add_edge(reason.node, r.article)
                g.add_edge(reason.node, seed)
    pos = nx.spring_layout(g, seed=7)
    titles = {r.article: r.card.title or r.article for r in rows}
    boxes = {}
    for n, (x, y) in pos.items():
        kind = "seed" if n == seed else "article" if n in titles else p.role(n)
        label = "seed article" if n == seed else titles.get(n) or p.label(n)
        boxes[n] = Box(_short(label), kind, (x + 1) / 2, (y + 1) / 2, n)
    edges = [(seed, r.article, f"{r.score:.2f}") for r in rows]
    edges += [(u, v, "") for u, v in g.edges() if u != seed and v != seed]
    return render_html(f"Related articles of {seed}", boxes, edges, size=(1100, 760),
                       directed=False)


def hidden_links_picture(p: Projection, source: str, links: Iterable[HiddenLink]) -> str:
    """A | B | C columns for the hidden links of one concept."""
    column: dict[str, int] = {source: 0}
    edges: dict[tuple[str, str], str] = {}
    for link in links:
        column[link.target] = 2
        for term in link.terms:
            column.setdefault(term.concept, 1)
            edges[(source, term.concept)] = f"{len(term.source_articles)} art."
            edges[(term.concept, link.target)] = f"{len(term.target_articles)} art."
    boxes = _layers(column, lambda n: Box(p.label(n), p.role(n), 0, 0, n))
    return render_html(f"Hidden links of {p.label(source)}", boxes,
                       [(u, v, label) for (u, v), label in edges.items()],
                       size=_layered_size(column))


def _layered_size(column: dict[str, int]) -> tuple[int, int]:
    """Room for every column side by side and for the fullest column's boxes."""
    per_column: dict[int, int] = {}
    for c in column.values():
        per_column[c] = per_column.get(c, 0) + 1
    columns, rows = len(per_column), max(per_column.values(), default=1)
    return max(900, _COLUMN * columns), max(3, rows + 1) * _ROW + 40


def _layers(column: dict[str, int], make: object) -> dict[str, Box]:
    by_col: dict[int, list[str]] = {}
    for node, c in sorted(column.items(), key=lambda t: (t[1], t[0])):
        by_col.setdefault(c, []).append(node)
    last = max(by_col) or 1
    out = {}
    for c, nodes in by_col.items():
        for i, node in enumerate(nodes):
            box = make(node)  # type: ignore[operator]
            out[node] = Box(box.label, box.kind, c / last, (i + 1) / (len(nodes) + 1), box.tip)
    return out


def _short(text: str, limit: int = 40) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def render_html(title: str, boxes: dict[str, Box], edges: list[tuple[str, str, str]], *,
                size: tuple[int, int] = (1100, 700), directed: bool = True) -> str:
    """The whole page: title, legend and one SVG; every text is escaped."""
    width, height = size
    marker = ' marker-end="url(#arrow)"' if directed else ""
    parts = [_svg_edge(boxes[u], boxes[v], label, size, marker) for u, v, label in edges
             if u in boxes and v in boxes]
    parts += [_svg_box(b, size) for b in boxes.values()]
    legend = " ".join(f'<span style="color:{c}">■ {k}</span>' for k, c in COLOURS.items())
    return (
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
        f"<title>{html.escape(title)}</title><style>body{{font-family:sans-serif;margin:1em}}"
        "text{font-size:12px}</style></head><body>"
        f"<h1 style=\"font-size:1.2em\">{html.escape(title)}</h1><p>{legend}</p>"
        f"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{width}\" height=\"{height}\" "
        f"viewBox=\"0 0 {width} {height}\"><defs><marker id=\"arrow\" viewBox=\"0 0 10 10\" "
        "refX=\"10\" refY=\"5\" markerWidth=\"8\" markerHeight=\"8\" orient=\"auto\">"
        "<path d=\"M0,0 L10,5 L0,10 z\" fill=\"#999\"/></marker></defs>"
        + "".join(parts) + "</svg></body></html>\n")


def _xy(b: Box, size: tuple[int, int]) -> tuple[float, float]:
    width, height = size
    return 120 + b.x * (width - 240), 30 + b.y * (height - 60)


def _box_width(b: Box) -> float:
    return min(220, 14 + 6.6 * len(_short(b.label, 32)))


def _svg_box(b: Box, size: tuple[int, int]) -> str:
    x, y = _xy(b, size)
    colour = COLOURS.get(b.kind, COLOURS["other"])
    w = _box_width(b)
    return (f'<g><title>{html.escape(b.tip or b.label)}</title>'
            f'<rect x="{x - w / 2:.1f}" y="{y - _BOX_H / 2:.1f}" width="{w:.1f}" '
            f'height="{_BOX_H}" rx="8" fill="white" stroke="{colour}" stroke-width="2"/>'
            f'<text x="{x:.1f}" y="{y + 4:.1f}" text-anchor="middle" fill="{colour}">'
            f"{html.escape(_short(b.label, 32))}</text></g>")


def _border(frm: tuple[float, float], box: Box, to: tuple[float, float]) -> tuple[float, float]:
    """Where the segment from ``frm`` to the centre ``to`` of ``box`` enters the box."""
    dx, dy = to[0] - frm[0], to[1] - frm[1]
    if not (dx or dy):
        return to
    t = min(_box_width(box) / 2 / abs(dx) if dx else 1e9, _BOX_H / 2 / abs(dy) if dy else 1e9)
    t = min(t, 1.0)
    return to[0] - dx * t, to[1] - dy * t


def _svg_edge(a: Box, b: Box, label: str, size: tuple[int, int], marker: str) -> str:
    """A line between the borders of two boxes, labelled at its middle over a white halo."""
    ca, cb = _xy(a, size), _xy(b, size)
    (x1, y1), (x2, y2) = _border(cb, a, ca), _border(ca, b, cb)
    line = (f'<line x1="{x1:.1f}" y1="{y1:.1f}" x2="{x2:.1f}" y2="{y2:.1f}" stroke="#999" '
            f'stroke-width="1.5"{marker}/>')
    if not label:
        return line
    return line + (f'<text x="{(x1 + x2) / 2:.1f}" y="{(y1 + y2) / 2 - 5:.1f}" '
                   'text-anchor="middle" fill="#333" stroke="white" stroke-width="4" '
                   f'paint-order="stroke">{html.escape(label)}</text>')


def write_picture(path: str | Path, page: str) -> Path:
    """Write the page; returns the path written."""
    out = Path(path)
    out.write_text(page, encoding="utf-8")
    return out
