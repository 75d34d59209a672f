"""Graph analysis on projections of the RDF: related articles, mechanism paths, hidden links,
conflicts and communities, written back into the ``analysis`` named graph."""

from __future__ import annotations

__all__: list[str] = []
