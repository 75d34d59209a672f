"""Bulk loading N-Quads shards: the same behaviour on every store backend."""

from __future__ import annotations

import gzip

import pytest
from rdflib import Literal, URIRef

from kg.errors import StoreError
from kg.store.base import GraphWrite

EX = "http://example.org/"
G1, G2 = URIRef(EX + "g1"), URIRef(EX + "g2")
P = URIRef(EX + "p")
LINES = (f'<{EX}a> <{EX}p> "one" <{EX}g1> .\n'
         f'<{EX}b> <{EX}p> "deux"@fr <{EX}g2> .\n')




def test_plain_and_gzipped_shards_load_into_their_graphs(store, tmp_path):
    plain, packed = tmp_path / "a.nq", tmp_path / "b.nq.gz"
    plain.write_text(LINES.splitlines(keepends=True)[0], encoding="utf-8")
    packed.write_bytes(gzip.compress(LINES.splitlines(keepends=True)[1].encode()))
    store.load_nquads([plain, packed])
    assert store.named_graphs() == [G1, G2]
    assert set(store.graph_triples(G1)) == {(URIRef(EX + "a"), P, Literal("one"))}
    assert set(store.graph_triples(G2)) == {(URIRef(EX + "b"), P, Literal("deux", lang="fr"))}


def test_loading_adds_to_what_is_there(store, tmp_path):
    store.put_graphs([GraphWrite(G1, ((URIRef(EX + "z"), P, Literal("kept")),))])
    shard = tmp_path / "s.nq"
    shard.write_text(LINES, encoding="utf-8")
    store.load_nquads([shard])
    assert store.count(G1) == 2 and store.count() == 3


@pytest.mark.parametrize("content", [b"<not an n-quads line", b"\x1f\x8b\x08garbage"])
def test_a_broken_shard_is_a_store_error_naming_the_file(store, tmp_path, content):
    shard = tmp_path / ("bad.nq.gz" if content.startswith(b"\x1f") else "bad.nq")
    shard.write_bytes(content)
    with pytest.raises(StoreError, match=r"bad\.nq"):
        store.load_nquads([shard])
