"""Writing the dataset to files in every RDF format: atomically, streaming, gzip on ``.gz``.

An interrupted export never leaves a truncated file under the final name (temporary file, fsync,
rename). N-Triples, N-Quads, Turtle, TriG and RDF/XML are written by Oxigraph's serialisers
straight from the store's iterators, so memory stays flat whatever the size of the graph.
JSON-LD is compacted with the published context (``ontology/context.jsonld``) one named graph at
a time, which bounds memory by the largest graph. Formats are entries in a registry.
"""

from __future__ import annotations

import json
import os
import re
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Executor, Future, ThreadPoolExecutor
from dataclasses import dataclass
from itertools import chain
from pathlib import Path
from typing import IO, Any

import pyoxigraph as ox

from kg.atomic import atomic_write, remove_stale_temp_files
from kg.errors import ExportError
from kg.export_jsonld import write_jsonld
from kg.export_union import GraphName, Repeats, find_repeats, union_triples
from kg.rdf.iris import check_iri
from kg.rdf.namespaces import EKGR, PREFIXES
from kg.resources import ontology_dir
from kg.store.oxigraph import OxigraphStore

__all__ = [
    "EXPORT_PREFIXES",
    "EXPORT_THREADS",
    "FORMATS",
    "RESOURCES",
    "ExportError",
    "ExportFormat",
    "atomic_write",
    "export_native",
    "export_resources",
    "export_store",
    "load_context",
    "load_resources",
    "parse_graph_names",
    "remove_stale_temp_files",
]

Writer = Callable[[ox.Store, IO[bytes], "Sequence[GraphName] | None"], None]
# One prefix per kind of minted resource (``graph:0f3a…``, ``claim:9b1c…``) instead of ``ekgr:``,
# whose local names would need ``\/`` escapes; serialisers pick the longest matching prefix.
_KINDS = ("graph", "article", "person", "authorship", "section", "journal", "claim", "evidence",
          "mention", "combination", "concept", "comment-correction", "activity", "role",
          "relation", "direction", "agent-kind", "design", "grade", "standing")
EXPORT_PREFIXES = {k: str(v) for k, v in PREFIXES.items() if k != "ekgr"} | {
    kind: f"{EKGR}{kind}/" for kind in _KINDS} | {"issn": f"{EKGR}journal/issn/"}
EXPORT_THREADS = max(1, min(4, os.cpu_count() or 1))
"""Threads reading graphs for N-Triples / N-Quads export."""
_GRAPHS_PER_TASK = 64
# Characters XML 1.0 cannot carry at all, not even as character references.
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


@dataclass(frozen=True, slots=True)
class ExportFormat:
    """One output format: its Oxigraph format, whether it keeps graph names, how it is written."""

    name: str
    rdf_format: ox.RdfFormat
    write: Writer

    @property
    def keeps_graphs(self) -> bool:
        return self.rdf_format.supports_datasets


def _selected_quads(store: ox.Store, graphs: Sequence[GraphName] | None) -> Iterator[ox.Quad]:
    if graphs is None:
        return store.quads_for_pattern(None, None, None, None)
    return chain.from_iterable(store.quads_for_pattern(None, None, None, g) for g in graphs)


def _as_triples(store: ox.Store, graphs: Sequence[GraphName] | None) -> Iterator[ox.Triple]:
    """Drop graph names: a triple format of several graphs is their union, each triple once."""
    return union_triples(_selected_quads(store, graphs), find_repeats(store, graphs))


def _prefixes_for(rdf_format: ox.RdfFormat) -> dict[str, str] | None:
    return EXPORT_PREFIXES if rdf_format in (ox.RdfFormat.TURTLE, ox.RdfFormat.TRIG,
                                       ox.RdfFormat.RDF_XML) else None


def _streaming_writer(rdf_format: ox.RdfFormat) -> Writer:
    """Oxigraph's own dump where it applies (fastest), its streaming serialiser otherwise."""
    prefixes = _prefixes_for(rdf_format)

    def write(store: ox.Store, out: IO[bytes], graphs: Sequence[GraphName] | None) -> None:
        if rdf_format.supports_datasets:
            if graphs is None:
                store.dump(out, rdf_format, prefixes=prefixes)
            else:
                ox.serialize(_selected_quads(store, graphs), out, rdf_format, prefixes=prefixes)
        elif graphs is not None and len(graphs) == 1:
            store.dump(out, rdf_format, from_graph=graphs[0], prefixes=prefixes)
        else:
            ox.serialize(_as_triples(store, graphs), out, rdf_format, prefixes=prefixes)

    return write


def _graph_lines(store: ox.Store, graph: GraphName, with_names: bool,
                 repeats: Repeats | None = None) -> bytes:
    """One graph as N-Triples lines, or as N-Quads lines when ``with_names``; N-Triples leave
    out the ``repeats`` that another graph writes.

    Oxigraph escapes line feeds inside literals, so a raw ``\n`` only ends a line and every
    line ends in exactly one ``" .\n"``: the graph name goes right before it.
    """
    if repeats and graph in repeats:
        quads = store.quads_for_pattern(None, None, None, graph)
        return ox.serialize(union_triples(quads, repeats), None, ox.RdfFormat.N_TRIPLES) or b""
    data = store.dump(None, ox.RdfFormat.N_TRIPLES, from_graph=graph) or b""
    if with_names and isinstance(graph, ox.NamedNode):
        data = data.replace(b" .\n", f" {graph} .\n".encode())
    return data


def _in_order(pool: Executor, work: Callable[[Any], bytes], items: Iterable[Any],
              window: int) -> Iterator[bytes]:
    """Results of ``work`` over ``items`` in order, with at most ``window`` in flight."""
    pending: deque[Future[bytes]] = deque()
    for item in items:
        pending.append(pool.submit(work, item))
        if len(pending) >= window:
            yield pending.popleft().result()
    while pending:
        yield pending.popleft().result()


def _line_writer(rdf_format: ox.RdfFormat) -> Writer:
    """N-Triples / N-Quads, a few named graphs per task on a thread pool.

    Reading the on-disk store costs far more than formatting (term lookups in RocksDB), and
    Oxigraph releases the GIL while it dumps into a buffer, so graphs are read in parallel and
    written in order; memory is bounded by the tasks in flight.
    """
    with_names = rdf_format == ox.RdfFormat.N_QUADS

    def chunk_lines(store: ox.Store, names: list[GraphName], repeats: Repeats) -> bytes:
        return b"".join(_graph_lines(store, g, with_names, repeats) for g in names)

    def write(store: ox.Store, out: IO[bytes], graphs: Sequence[GraphName] | None) -> None:
        if EXPORT_THREADS == 1 and graphs is None and with_names:
            store.dump(out, rdf_format)  # one reader: Oxigraph's own dump is the fastest
            return
        names = list(graphs) if graphs is not None else [
            ox.DefaultGraph(), *store.named_graphs()]  # type: ignore[list-item]
        repeats = {} if with_names else find_repeats(store, graphs)
        chunks = (names[i:i + _GRAPHS_PER_TASK] for i in range(0, len(names), _GRAPHS_PER_TASK))
        with ThreadPoolExecutor(EXPORT_THREADS) as pool:
            for data in _in_order(pool, lambda c: chunk_lines(store, c, repeats), chunks,
                                  2 * EXPORT_THREADS):
                out.write(data)

    return write


class _XmlTextGuard:
    """Wraps the output of Oxigraph's RDF/XML writer so a carriage return survives parsing.

    The writer emits ``\\r`` raw, and XML parsers turn a raw carriage return into a line feed;
    a character reference keeps it. A raw ``\\r`` byte can only come from literal text there.
    """

    def __init__(self, out: IO[bytes]) -> None:
        self._out = out

    def write(self, data: bytes) -> int:
        self._out.write(bytes(data).replace(b"\r", b"&#13;"))
        return len(data)

    def flush(self) -> None:
        self._out.flush()


def _xml_safe(triples: Iterable[ox.Triple]) -> Iterator[ox.Triple]:
    for t in triples:
        obj = t.object
        if isinstance(obj, ox.Literal) and _NOT_XML.search(obj.value):
            raise ExportError(f"RDF/XML cannot carry the literal of {t.subject} {t.predicate}: "
                              "it holds a character XML 1.0 forbids (e.g. NUL); choose "
                              "Turtle, N-Triples or another format")
        yield t


def _write_rdfxml(store: ox.Store, out: IO[bytes], graphs: Sequence[GraphName] | None) -> None:
    triples = _xml_safe(_as_triples(store, graphs))
    ox.serialize(triples, _XmlTextGuard(out), ox.RdfFormat.RDF_XML, prefixes=EXPORT_PREFIXES)


def load_context() -> dict[str, Any]:
    """The published JSON-LD context (``ontology/context.jsonld``), as its ``@context`` object."""
    with (ontology_dir() / "context.jsonld").open(encoding="utf-8") as fh:
        return json.load(fh)["@context"]  # type: ignore[no-any-return]


def _write_jsonld(store: ox.Store, out: IO[bytes], graphs: Sequence[GraphName] | None) -> None:
    write_jsonld(store, out, graphs, load_context())


FORMATS: dict[str, ExportFormat] = {
    f.name: f for f in (
        ExportFormat("trig", ox.RdfFormat.TRIG, _streaming_writer(ox.RdfFormat.TRIG)),
        ExportFormat("nq", ox.RdfFormat.N_QUADS, _line_writer(ox.RdfFormat.N_QUADS)),
        ExportFormat("turtle", ox.RdfFormat.TURTLE, _streaming_writer(ox.RdfFormat.TURTLE)),
        ExportFormat("nt", ox.RdfFormat.N_TRIPLES, _line_writer(ox.RdfFormat.N_TRIPLES)),
        ExportFormat("jsonld", ox.RdfFormat.JSON_LD, _write_jsonld),
        ExportFormat("rdfxml", ox.RdfFormat.RDF_XML, _write_rdfxml),
    )
}


def _unique(graphs: Iterable[GraphName] | None) -> list[GraphName] | None:
    """Each graph once, in order: a graph named twice must not repeat its quads."""
    return None if graphs is None else list(dict.fromkeys(graphs))


def parse_graph_names(graphs: Iterable[str] | None) -> list[GraphName] | None:
    """Graph IRIs from the command line, checked (``default`` names the default graph), each
    once."""
    if graphs is None:
        return None
    return _unique(ox.DefaultGraph() if g == "default" else ox.NamedNode(str(check_iri(g)))
                   for g in graphs)


def _format(fmt: str) -> ExportFormat:
    try:
        return FORMATS[fmt]
    except KeyError:
        raise ExportError(f"unknown export format {fmt!r}; choose one of "
                          f"{', '.join(FORMATS)}") from None


def export_native(store: ox.Store, path: Path, fmt: str,
                  graphs: Sequence[GraphName] | None = None) -> None:
    """Write ``graphs`` (all of the dataset when None, each once) of a pyoxigraph store to
    ``path``."""
    spec = _format(fmt)
    graphs = _unique(graphs)
    atomic_write(path, lambda out: spec.write(store, out, graphs))


def export_store(store: OxigraphStore, path: Path, fmt: str,
                 graphs: Iterable[str] | None = None) -> None:
    """Dump the dataset, or the named ``graphs``, to ``path`` in ``fmt`` (a key of FORMATS).

    Quad formats keep graph names; triple formats (turtle, nt, rdfxml) write the union of the
    selected graphs, i.e. of the whole dataset when no graph is named.
    """
    export_native(store.native, path, fmt, parse_graph_names(graphs))


RESOURCES: dict[str, Callable[[Path], list[Path]]] = {
    "ontology": lambda root: sorted(root.glob("*.ttl")),
    "shapes": lambda root: sorted((root / "shapes").glob("*.ttl")),
    "vocab": lambda root: sorted((root / "vocab").glob("*.ttl")),
}


def load_resources(what: str, root: Path | None = None) -> ox.Store:
    """The ontology, shapes or vocabulary files merged into the default graph of a new store."""
    if what not in RESOURCES:
        raise ExportError(f"unknown resource {what!r}; choose one of {', '.join(RESOURCES)}")
    files = RESOURCES[what](root or ontology_dir())
    if not files:
        raise ExportError(f"no {what} files (*.ttl) under {root or ontology_dir()}")
    store = ox.Store()
    for file in files:
        store.load(path=str(file), format=ox.RdfFormat.TURTLE,
                   to_graph=ox.DefaultGraph())
    return store


def export_resources(what: str, path: Path, fmt: str, root: Path | None = None) -> None:
    """Export the project's ontology, SHACL shapes or controlled vocabularies in ``fmt``."""
    export_native(load_resources(what, root), path, fmt, [ox.DefaultGraph()])
