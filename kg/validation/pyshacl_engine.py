"""pySHACL, the engine of record, with its per-call costs taken out.

pySHACL re-parses a SPARQL constraint's text on every run and rebuilds its shapes on every call;
both are done once here (``PreparedQueryGraph``, ``_shapes_graph_for``), which halves the cost
of a record. The shape tests check that this path gives the results pySHACL itself gives.
"""

from __future__ import annotations

import logging
from functools import lru_cache
from typing import Any

from pyshacl import Validator
from pyshacl.errors import ReportableRuntimeError, ValidationFailure
from pyshacl.graph_abstraction import DataGraph
from pyshacl.shapes_graph import ShapesGraph
from rdflib import Dataset, Graph
from rdflib.plugins.sparql import prepareQuery
from rdflib.plugins.sparql.sparql import Query

from kg.errors import KGError

__all__ = ["PreparedQueryGraph", "run_pyshacl"]

_LOG = logging.getLogger(__name__)


class PreparedQueryGraph(Graph):
    """A Graph whose SPARQL text is parsed once per process, not once per focus node."""

    def query(self, query_object: str | Query, *args: Any, **kwargs: Any) -> Any:
        if isinstance(query_object, str):
            query_object = _prepare(query_object)
        return super().query(query_object, *args, **kwargs)


@lru_cache(maxsize=128)
def _prepare(text: str) -> Query:
    return prepareQuery(text)


_SHAPES_GRAPHS: dict[int, tuple[Graph, ShapesGraph]] = {}


def _shapes_graph_for(shapes: Graph) -> ShapesGraph:
    """pySHACL's compiled view of a shapes graph, built once per shapes graph."""
    cached = _SHAPES_GRAPHS.get(id(shapes))
    if cached is None or cached[0] is not shapes:
        if len(_SHAPES_GRAPHS) > 8:
            _SHAPES_GRAPHS.clear()
        cached = _SHAPES_GRAPHS[id(shapes)] = (shapes, ShapesGraph(shapes, False, _LOG))
    return cached[1]


def _data_view(data: Graph) -> Graph:
    """The same triples, seen through a Graph that prepares its queries (no copy)."""
    if isinstance(data, PreparedQueryGraph | Dataset):
        return data
    return PreparedQueryGraph(store=data.store, identifier=data.identifier,
                              namespace_manager=data.namespace_manager)


def run_pyshacl(data: Graph, shapes: Graph) -> Graph:
    """The pySHACL results graph for one data graph (warnings and infos included)."""
    compiled = _shapes_graph_for(shapes)
    options = {"inference": "none", "inplace": True, "advanced": False,
               "allow_warnings": True, "allow_infos": True, "logger": _LOG}
    try:
        validator = Validator(DataGraph.from_rdflib(_data_view(data)), shacl_graph=shapes,
                              options=options)
        validator.shacl_graph = compiled
        _conforms, results, _text = validator.run()
    except (ReportableRuntimeError, ValidationFailure) as exc:
        raise KGError(f"SHACL validation could not run: {exc}") from exc
    return results
