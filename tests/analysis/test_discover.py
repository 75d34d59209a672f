"""Swanson's fish oil → Raynaud's case in miniature: the link is known, so it must come first."""

from __future__ import annotations

import pytest

from kg.analysis.discover import discover_links
from kg.analysis.project import build_projection
from kg.analysis.resolve import AnalysisError
from tests.analysis.world import Spec, article, build_store

MESH = "http://id.nlm.nih.gov/mesh/"
FISH_OIL, RAYNAUD = MESH + "D005395", MESH + "D011928"
VISCOSITY, PLATELETS, VASOCONSTRICTION = MESH + "D001811", MESH + "D010974", MESH + "D014661"
HUMANS, HEADACHE, ASPIRIN, ARTHRITIS = (MESH + u for u in ("D006801", "D006261", "D001241",
                                                          "D001168"))
LABELS = {FISH_OIL: "Fish Oils", RAYNAUD: "Raynaud Disease", VISCOSITY: "Blood Viscosity",
          PLATELETS: "Platelet Aggregation", VASOCONSTRICTION: "Vasoconstriction",
          HUMANS: "Humans", HEADACHE: "Headache", ASPIRIN: "Aspirin", ARTHRITIS: "Arthritis"}


def _spec(n: int, year: int, *concepts: tuple[str, str], claims=()) -> Spec:
    return Spec(f"10.5/abc.{n}", year, "rct",
                ((HUMANS, "other"), *concepts), claims, ((f"Author{n}", "A"),), label=LABELS)


def swanson_specs() -> list[Spec]:
    i, m, c = "intervention", "mechanism", "condition"
    a = (FISH_OIL, i)
    specs = [
        # A–B: fish oil lowers viscosity, reduces platelet aggregation, relaxes vessels
        _spec(1, 1980, a, (VISCOSITY, m)), _spec(2, 1981, a, (VISCOSITY, m)),
        _spec(3, 1980, a, (PLATELETS, m), claims=((FISH_OIL, "acts_through", PLATELETS,
                                                   "supports"),)),
        _spec(4, 1982, a, (VASOCONSTRICTION, m)),
        # B–C: the same mechanisms are abnormal in Raynaud's disease
        _spec(5, 1981, (VISCOSITY, m), (RAYNAUD, c)), _spec(6, 1982, (PLATELETS, m), (RAYNAUD, c)),
        _spec(7, 1983, (VASOCONSTRICTION, m), (RAYNAUD, c)),
        # noise: headache is linked only through one weak, common B; aspirin through "Humans"
        _spec(8, 1983, (PLATELETS, m), (HEADACHE, c)), _spec(9, 1984, (ASPIRIN, i)),
        _spec(10, 1984, (ARTHRITIS, c), (ASPIRIN, i)),
        # the link, stated at last (Digiacomo 1989 tried fish oil in Raynaud's)
        _spec(11, 1989, a, (RAYNAUD, c),
              claims=((FISH_OIL, "treats", RAYNAUD, "supports"),)),
    ]
    return specs


@pytest.fixture(scope="module")
def store():
    return build_store(swanson_specs())


def test_known_abc_link_is_found_first_in_the_time_slice(store):
    p = build_projection(store, before_year=1986)
    links = discover_links(p, FISH_OIL, roles={"condition"})
    assert links and links[0].target == RAYNAUD
    assert links[0].label == "Raynaud Disease"
    assert {t.concept for t in links[0].terms} == {VISCOSITY, PLATELETS, VASOCONSTRICTION}
    assert links[0].n_terms == 3
    assert [link.rank for link in links] == list(range(1, len(links) + 1))
    assert all(links[0].score > other.score for other in links[1:])


def test_linking_terms_carry_their_supporting_articles(store):
    p = build_projection(store, before_year=1986)
    terms = {t.concept: t for t in discover_links(p, FISH_OIL)[0].terms}
    assert set(terms[VISCOSITY].source_articles) == {article("10.5/abc.1"), article("10.5/abc.2")}
    assert terms[VISCOSITY].target_articles == (article("10.5/abc.5"),)
    assert terms[PLATELETS].source_articles[0] == article("10.5/abc.3")  # claim first


def test_time_slice_excludes_later_articles(store):
    later = build_projection(store)
    assert article("10.5/abc.11") in later.article_index
    assert all(link.target != RAYNAUD for link in discover_links(later, FISH_OIL))
    sliced = build_projection(store, before_year=1986)
    assert article("10.5/abc.11") not in sliced.article_index
    assert sliced.years.max() < 1986


def test_a_claim_alone_counts_as_stated_together():
    specs = swanson_specs()[:10]
    specs.append(Spec("10.5/claim-only", 1984, "rct", ((HUMANS, "other"),),
                      ((FISH_OIL, "prevents", RAYNAUD, "supports"),), (("Curator", "C"),)))
    p = build_projection(build_store(specs))
    assert all(link.target != RAYNAUD for link in discover_links(p, FISH_OIL))


def test_ubiquitous_intermediates_weigh_little(store):
    p = build_projection(store, before_year=1986)
    links = {link.target: link for link in discover_links(p, FISH_OIL, k=20)}
    # arthritis is reached only through "Humans", which every article mentions: no link at all
    assert RAYNAUD in links and ARTHRITIS not in links
    assert all(t.concept != HUMANS for link in links.values() for t in link.terms)
    # headache shares one intermediate with fish oil: far behind Raynaud's three
    assert links[HEADACHE].score < links[RAYNAUD].score / 2


def test_concept_missing_from_the_slice_is_a_clear_error(store):
    p = build_projection(store, before_year=1980)
    with pytest.raises(AnalysisError, match="before 1980"):
        discover_links(p, FISH_OIL)
