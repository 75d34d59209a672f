"""The kinds graph (``kinds.trig``): findings, studied-for and cited evidence side by side."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox

from kg.store.oxigraph import OxigraphStore

__all__ = [
    "ACTIONS_GRAPH",
    "CERTAINTY_GRAPH",
    "CRPS",
    "EEA_ANTAGONISTS",
    "KETAMINE",
    "KINDS_TRIG",
    "NMDA_ANTAG",
    "NULL",
    "OPIOID_WITHDRAWAL",
    "REVIEW",
    "TRIAL",
    "build_kinds_store",
]

KINDS_TRIG = Path(__file__).with_name("kinds.trig")
_MESH, _OWN = "http://id.nlm.nih.gov/mesh/", "https://w3id.org/evidence-kg/id/concept/"
KETAMINE, CRPS, EEA_ANTAGONISTS = _MESH + "D007649", _MESH + "D020918", _MESH + "D018691"
NMDA_ANTAG, OPIOID_WITHDRAWAL = _OWN + "nmda-receptor-antagonism", _OWN + "opioid-withdrawal"
TRIAL, NULL, REVIEW = (f"https://doi.org/10.5555/kinds.{n}" for n in ("trial", "null", "review"))
CERTAINTY_GRAPH = "https://w3id.org/evidence-kg/id/graph/certainty"
ACTIONS_GRAPH = "https://w3id.org/evidence-kg/id/graph/mesh-actions"


def build_kinds_store() -> OxigraphStore:
    """An in-memory store holding the kinds graph."""
    store = OxigraphStore(None)
    store.native.load(KINDS_TRIG.read_bytes(), ox.RdfFormat.TRIG)
    return store
