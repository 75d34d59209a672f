from __future__ import annotations

import csv
import gzip

from kg.analysis.conflicts import find_communities
from kg.analysis.content import CHECK_TAGS, NON_CONTENT, PUBLICATION_TYPES, is_content
from kg.analysis.discover import discover_links
from kg.analysis.project import build_projection
from kg.analysis.related import RelatedIndex, related_articles
from tests.analysis.world import KETAMINE, MESH, SENSITIZATION, Spec, article, build_store
from tests.conftest import shared_path

HUMANS, FEMALE, AGED, JOURNAL_ARTICLE = (MESH + u for u in ("D006801", "D005260", "D000368",
                                                           "D016428"))
ACUPUNCTURE, ASTHMA = MESH + "D015670", MESH + "D001249"


def test_the_lists_are_mesh_check_tags_and_publication_types():
    path = shared_path("data", "mesh", "mesh2024_descriptors.tsv.gz")
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        rows = {MESH + r["descriptor_ui"]: r for r in csv.DictReader(handle, delimiter="\t")}
    assert NON_CONTENT <= set(rows)  # Male and Female are descriptors without a tree
    assert all(any(t.startswith("V") for t in rows[c]["tree_numbers"].split("|"))
               for c in PUBLICATION_TYPES)
    assert {rows[c]["preferred_name"] for c in (HUMANS, FEMALE, AGED)} == {
        "Humans", "Female", "Aged"}
    assert HUMANS in CHECK_TAGS and not is_content(JOURNAL_ARTICLE) and is_content(KETAMINE)


def _small_world():
    """Two articles share only check tags and a publication type; two share real content."""
    tags = tuple((c, "other") for c in (HUMANS, FEMALE, AGED, JOURNAL_ARTICLE))
    return build_store([
        Spec("10.1/a", 2010, mentions=((KETAMINE, "intervention"), *tags),
             authors=(("Ash", "A"),)),
        Spec("10.1/b", 2011, mentions=((ASTHMA, "condition"), *tags), authors=(("Birch", "B"),)),
        Spec("10.1/c", 2012, mentions=((KETAMINE, "intervention"), (SENSITIZATION, "mechanism")),
             authors=(("Cedar", "C"),)),
        Spec("10.1/d", 2013, mentions=((SENSITIZATION, "mechanism"), (ACUPUNCTURE, "other")),
             authors=(("Dogwood", "D"),)),
    ])


def test_check_tags_and_publication_types_are_not_shared_content():
    store = _small_world()
    p = build_projection(store)
    assert not set(p.concepts) & NON_CONTENT
    related = [r.article for r in related_articles(RelatedIndex(p), article("10.1/a"), 5, store)]
    assert related == [article("10.1/c")]
    hidden = {link.target for link in discover_links(p, KETAMINE, k=10)}
    assert not hidden & NON_CONTENT
    members = {m for c in find_communities(p) for m in c.members}
    assert not members & NON_CONTENT
