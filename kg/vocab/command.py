"""``ekg vocab``: fetch MeSH from NLM, load a MeSH file you have, show what is loaded.

A typer sub-application; the main CLI mounts it as ``ekg vocab``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from kg.errors import KGError
from kg.vocab.cli_support import fetch_mesh, install_vocab, vocab_info

__all__ = ["app"]

app = typer.Typer(help="MeSH and curated vocabularies used to recognise concepts.",
                  no_args_is_help=True)


@app.command("fetch")
def fetch_command(
    year: Annotated[int | None, typer.Option(help="MeSH year (default: this year).")] = None,
    dest: Annotated[Path | None, typer.Option(help="Folder (default: the cache's mesh/).")] = None,
) -> None:
    """Download NLM's descriptor file (needs the network), then compile it."""
    try:
        path = fetch_mesh(dest, year)
        cache = install_vocab(path)
    except KGError as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(2) from exc
    typer.echo(f"MeSH saved to {path}; compiled matcher in {cache}")


@app.command("load")
def load_command(
    path: Annotated[Path, typer.Argument(help="desc20XX.xml(.gz), d20XX.bin or MeSH TSV, or a "
                                              "folder holding one.")],
) -> None:
    """Use a MeSH file you already have: check it, keep a copy in the cache, compile it."""
    try:
        cache = install_vocab(path)
    except KGError as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(2) from exc
    typer.echo(f"compiled matcher in {cache}")


@app.command("info")
def info_command() -> None:
    """Where the vocabulary comes from, how big it is, what it learned from."""
    for key, value in vocab_info().items():
        typer.echo(f"{key:17s} {value}")
