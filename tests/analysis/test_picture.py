from __future__ import annotations

import re

from kg.analysis.discover import discover_links
from kg.analysis.paths import find_paths
from kg.analysis.picture import (
    Box,
    hidden_links_picture,
    path_picture,
    related_picture,
    render_html,
    write_picture,
)
from kg.analysis.project import build_projection
from kg.analysis.related import RelatedIndex, related_articles
from tests.analysis.world import CRPS, KETAMINE, SEED, article, ketamine_world


def _texts(page: str) -> list[str]:
    return re.findall(r"<text[^>]*>([^<]*)</text>", page)


def test_path_picture_shows_every_node_of_the_paths_in_order():
    p = build_projection(ketamine_world())
    search = find_paths(p, KETAMINE, CRPS)
    page = path_picture(p, search)
    texts = _texts(page)
    assert "Ketamine" in texts and "Complex Regional Pain Syndromes" in texts
    assert any("acts-through · L2 · 2 art." in t for t in texts)
    xs = [float(x) for x in re.findall(r'<rect x="([\d.]+)"', page)]
    assert len(xs) == len(search.paths[0].nodes)
    assert xs == sorted(xs)  # layered left to right: the path reads in order


def test_related_and_hidden_pictures_are_self_contained(tmp_path):
    store = ketamine_world()
    p = build_projection(store)
    rows = related_articles(RelatedIndex(p), article(SEED), 3, store)
    for page in (related_picture(p, article(SEED), rows),
                 hidden_links_picture(p, KETAMINE, discover_links(p, KETAMINE))):
        assert page.startswith("<!DOCTYPE html>") and "<svg" in page
        assert "<script" not in page and "src=" not in page and "href=\"http" not in page
    out = write_picture(tmp_path / "r.html", related_picture(p, article(SEED), rows))
    assert "seed article" in out.read_text(encoding="utf-8")


def test_labels_are_escaped():
    boxes = {"a": Box("<script>alert(1)</script>", "intervention", 0, 0.5),
             "b": Box("A & B", "condition", 1, 0.5)}
    page = render_html("x < y", boxes, [("a", "b", "\"quoted\" <edge>")])
    assert "<script>" not in page and "&lt;script&gt;" in page
    assert "A &amp; B" in page and "&lt;edge&gt;" in page and "x &lt; y" in page


def test_a_vocabulary_hop_is_drawn_as_meshs_action_without_level_or_articles():
    from tests.queries.kinds_graph import OPIOID_WITHDRAWAL, build_kinds_store

    p = build_projection(build_kinds_store())
    texts = _texts(path_picture(p, find_paths(p, KETAMINE, OPIOID_WITHDRAWAL)))
    assert "MeSH pharmacological action" in texts
    assert not any(t.startswith("MeSH pharmacological action ·") for t in texts)
