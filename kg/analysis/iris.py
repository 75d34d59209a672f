"""IRIs of analysis results: the analysis graph, runs and result nodes, all content-hashed.

A run's IRI is a hash of its method and parameters, and every result node's IRI starts with its
run's IRI, so re-running the same analysis mints the same IRIs and its old results can be found
(and replaced) by prefix alone.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping

from rdflib import URIRef

from kg.errors import UnsafeIRIError
from kg.rdf.iris import check_iri, content_hash
from kg.rdf.namespaces import EKGR

__all__ = ["ANALYSIS_GRAPH", "canonical_parameters", "mint_result_iri", "mint_run_iri",
           "owned_by_run"]

ANALYSIS_GRAPH = check_iri(f"{EKGR}graph/analysis")
"""Named graph holding every analysis result, next to (not inside) the source graphs."""


def canonical_parameters(parameters: Mapping[str, object]) -> str:
    """Parameters as canonical JSON (sorted keys, no spaces): equal parameters, equal text."""
    return json.dumps(parameters, sort_keys=True, separators=(",", ":"), ensure_ascii=False,
                      default=str)


def mint_run_iri(method: str, parameters: Mapping[str, object]) -> URIRef:
    """``ekgr:analysis/<hash of method and parameters>``."""
    return check_iri(f"{EKGR}analysis/{content_hash(method, canonical_parameters(parameters))}")


def mint_result_iri(run: URIRef, kind: str, *parts: object) -> URIRef:
    """``<run>/<kind>/<hash of parts>``: a result node owned by its run."""
    if not re.fullmatch(r"[a-z][a-z-]*", kind):
        raise UnsafeIRIError(f"result kind must be lower-case letters and hyphens: {kind!r}")
    return check_iri(f"{run}/{kind}/{content_hash(*parts, length=24)}")


def owned_by_run(node: object, run: URIRef) -> bool:
    """True for the run node itself and every result node minted under it."""
    text, prefix = str(node), str(run)
    return text == prefix or text.startswith(prefix + "/")
