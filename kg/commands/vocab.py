"""``ekg vocab``: fetch, load and inspect the vocabularies the recogniser matches against."""

from __future__ import annotations

from kg.cli import EkgGroup, app
from kg.vocab.command import app as vocab_app

__all__ = ["vocab_app"]

app.add_typer(vocab_app, name="vocab", cls=EkgGroup,
              help="Fetch, load and inspect vocabularies (MeSH, SKOS, OBO).")
