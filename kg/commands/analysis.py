"""``ekg related | paths | discover | conflicts | communities``: graph analysis from the CLI.

Each command projects the store once, runs one analysis, prints a table or JSON, writes the
results back into the analysis graph (``--no-write`` to skip) and, with ``--picture``, draws them
into a self-contained HTML file.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated

import typer

from kg.analysis.conflicts import central_mechanisms, find_communities, find_conflicts
from kg.analysis.discover import discover_links
from kg.analysis.paths import find_paths
from kg.analysis.picture import (
    hidden_links_picture,
    path_picture,
    related_picture,
    write_picture,
)
from kg.analysis.project import ROLE_ORDER, Projection, build_projection
from kg.analysis.related import RelatedIndex, related_articles
from kg.analysis.report import (
    central_json,
    communities_json,
    communities_table,
    conflicts_json,
    conflicts_table,
    hidden_links_json,
    hidden_links_table,
    paths_json,
    paths_table,
    related_json,
    related_table,
)
from kg.analysis.resolve import AnalysisError, curie, resolve_article, resolve_concept
from kg.analysis.writeback import (
    AnalysisRun,
    central_triples,
    community_triples,
    conflict_triples,
    hidden_link_triples,
    path_triples,
    related_triples,
    write_run,
)
from kg.cli import StoreOpt, app, console, err_console, fail
from kg.commands.analysis_rows import (
    COLUMNS,
    communities_rows,
    conflicts_rows,
    discover_rows,
    paths_rows,
    related_rows,
)
from kg.commands.output import FormatOpt, delimited, print_table, unknown_format
from kg.store.base import Store, Triple
from kg.store.open import open_store
from kg.store.oxigraph import OxigraphStore

__all__ = ["communities_command", "conflicts_command", "discover_command", "paths_command",
           "related_command"]

_WHOLE = ("#", "score", "size", "B's", "PageRank", "betweenness")
"""Table columns that never wrap: ranks and scores."""
WriteOpt = Annotated[bool, typer.Option(
    "--write/--no-write", help="Write results into the analysis graph (default: write).")]
PictureOpt = Annotated[Path | None, typer.Option(
    "--picture", help="Also draw the result into this self-contained HTML file.")]
TopOpt = Annotated[int, typer.Option("-k", "--top", min=1, help="How many results.")]


@contextmanager
def _opened(store: Path | None, write: bool) -> Iterator[OxigraphStore]:
    """The store, read-only unless writing back; closed (flushed) on every exit when writable."""
    st = open_store(store, must_exist=True, read_only=not write)
    try:
        yield st
    finally:
        if write:
            st.close()


def _check(fmt: str) -> None:
    """Refuse an unknown ``--format`` before any work is done."""
    if message := unknown_format(fmt):
        raise fail(message)


def _emit(fmt: str, payload: Callable[[], dict], tables: Callable[[], list],
          flat: tuple[str, Callable[[dict], list[dict[str, object]]]],
          empty: str | None = None) -> None:
    """Print JSON, CSV/TSV (``flat``: the command's columns and rows) or tables; ``empty`` is
    said in words instead of an empty table."""
    if fmt == "json":
        typer.echo(json.dumps(payload(), ensure_ascii=False, indent=1, default=list))
    elif fmt in ("csv", "tsv"):
        name, rows = flat
        typer.echo(delimited(COLUMNS[name], rows(payload()), "," if fmt == "csv" else "\t"),
                   nl=False)
    elif empty is not None:
        console.print(empty, highlight=False, soft_wrap=True)
    else:
        for table in tables():
            print_table(console, table, _WHOLE)


def _finish(st: Store, write: bool, run: AnalysisRun, triples: Callable[[], list[Triple]],
            picture: Path | None, page: Callable[[], str]) -> None:
    if write:
        write_run(st, run, triples())
    if picture is not None:
        write_picture(picture, page())
        err_console.print(f"picture written to {picture}", highlight=False)


@app.command("related")
def related_command(
    article: Annotated[str, typer.Argument(help="DOI, PMID (pmid:…) or article IRI.")],
    k: TopOpt = 10, fmt: FormatOpt = "table", write: WriteOpt = True,
    picture: PictureOpt = None, store: StoreOpt = None,
) -> None:
    """Top-k related articles, with the reasons (shared concepts, authors, claims, citations)."""
    _check(fmt)
    with _opened(store, write) as st:
        try:
            seed = resolve_article(st, article)
            p = build_projection(st)
            rows = related_articles(RelatedIndex(p), seed, k, st)
        except AnalysisError as exc:
            raise fail(str(exc)) from exc
        run = AnalysisRun("related-articles/weighted-adamic-adar", {"article": seed, "k": k})
        _emit(fmt, lambda: related_json(seed, rows), lambda: [related_table(seed, rows)],
              ("related", related_rows),
              None if rows else f"no related articles found for {curie(seed)}")
        _finish(st, write, run, lambda: related_triples(run.iri, seed, rows), picture,
                lambda: related_picture(p, seed, rows))


def _concepts(st: Store, *names: str, before_year: int | None = None
              ) -> tuple[Projection, list[str]]:
    try:
        iris = [resolve_concept(st, n) for n in names]
        p = build_projection(st, before_year=before_year)
    except AnalysisError as exc:
        raise fail(str(exc)) from exc
    for name, iri in zip(names, iris, strict=True):
        if iri not in p.concept_index:
            when = f" before {before_year}" if before_year else ""
            raise fail(f"{name!r} ({iri}) is not a concept of the graph{when}")
    return p, iris


def _no_path(p: Projection, a: str, b: str, min_hops: int, max_hops: int) -> str:
    return (f"no path found from {p.label(a)} ({curie(a)}) to {p.label(b)} ({curie(b)}) "
            f"in {min_hops} to {max_hops} hops")


@app.command("paths")
def paths_command(
    source: Annotated[str, typer.Argument(help="Intervention: CURIE, IRI or label.")],
    target: Annotated[str, typer.Argument(help="Condition: CURIE, IRI or label.")],
    k: TopOpt = 10,
    max_hops: Annotated[int, typer.Option(min=1, max=6, help="Longest path.")] = 3,
    min_hops: Annotated[int, typer.Option(min=1, help="Shortest path (2: via a mechanism).")] = 2,
    co_mentions: Annotated[bool, typer.Option(
        "--co-mentions", help="Also step from a mechanism to a condition mentioned with it "
                              "in 2+ articles where no claim joins them (weaker hops).")] = False,
    fmt: FormatOpt = "table", write: WriteOpt = True, picture: PictureOpt = None,
    store: StoreOpt = None,
) -> None:
    """Ranked mechanism paths source → … → target, each hop with level and articles."""
    _check(fmt)
    with _opened(store, write) as st:
        p, (a, b) = _concepts(st, source, target)
        search = find_paths(p, a, b, k=k, max_hops=max_hops, min_hops=min_hops,
                            co_mentions=co_mentions)
        run = AnalysisRun("mechanism-paths/dwpc", {
            "source": a, "target": b, "k": k, "max_hops": max_hops, "min_hops": min_hops,
            "damping": 0.4, "co_mentions": co_mentions})
        _emit(fmt, lambda: paths_json(p, search), lambda: [paths_table(p, search)],
              ("paths", paths_rows),
              None if search.paths else _no_path(p, a, b, min_hops, max_hops))
        _finish(st, write, run, lambda: path_triples(run.iri, search.paths), picture,
                lambda: path_picture(p, search))


@app.command("discover")
def discover_command(
    concept: Annotated[str, typer.Argument(help="Concept A: CURIE, IRI or label.")],
    k: TopOpt = 10,
    before_year: Annotated[int | None, typer.Option(
        "--before-year", help="Use only articles published before this year.")] = None,
    target_role: Annotated[list[str] | None, typer.Option(
        "--target-role", help=f"Only targets of these roles ({', '.join(ROLE_ORDER)}).")] = None,
    fmt: FormatOpt = "table", write: WriteOpt = True, picture: PictureOpt = None,
    store: StoreOpt = None,
) -> None:
    """Hidden links (Swanson ABC): concepts never stated with A but linked through B's."""
    _check(fmt)
    roles = sorted(set(target_role or ()))
    if set(roles) - set(ROLE_ORDER):
        raise fail(f"--target-role must be one of {', '.join(ROLE_ORDER)}")
    with _opened(store, write) as st:
        p, (a,) = _concepts(st, concept, before_year=before_year)
        links = discover_links(p, a, k=k, roles=roles or None)
        run = AnalysisRun("hidden-links/abc", {"concept": a, "k": k, "before_year": before_year,
                                               "target_roles": roles})
        _emit(fmt, lambda: hidden_links_json(p, a, links),
              lambda: [hidden_links_table(p, a, links)], ("discover", discover_rows),
              None if links else f"no hidden links found from {p.label(a)} ({curie(a)})")
        _finish(st, write, run, lambda: hidden_link_triples(run.iri, links), picture,
                lambda: hidden_links_picture(p, a, links))


@app.command("conflicts")
def conflicts_command(fmt: FormatOpt = "table", write: WriteOpt = True,
                      store: StoreOpt = None) -> None:
    """Claims pointing opposite ways for the same subject and object."""
    _check(fmt)
    with _opened(store, write) as st:
        p = build_projection(st)
        found = find_conflicts(p)
        run = AnalysisRun("conflicts/opposite-directions", {})
        _emit(fmt, lambda: conflicts_json(p, found), lambda: [conflicts_table(p, found)],
              ("conflicts", conflicts_rows),
              None if found else "no conflicting claims found")
        _finish(st, write, run, lambda: conflict_triples(run.iri, found), None, str)


@app.command("communities")
def communities_command(
    seed: Annotated[int, typer.Option(help="Louvain random seed.")] = 7,
    k: TopOpt = 10, fmt: FormatOpt = "table", write: WriteOpt = True, store: StoreOpt = None,
) -> None:
    """Louvain communities of the concept graph, and central mechanisms by PageRank."""
    _check(fmt)
    with _opened(store, write) as st:
        p = build_projection(st)
        communities = find_communities(p, seed=seed)
        ranked = central_mechanisms(p, k=k, seed=seed)
        _emit(fmt, lambda: {**communities_json(p, communities), **central_json(p, ranked)},
              lambda: communities_table(p, communities, ranked),
              ("communities", communities_rows))
        if write:
            central = AnalysisRun("central-mechanisms/pagerank", {"k": k, "seed": seed})
            write_run(st, central, central_triples(central.iri, ranked))
        run = AnalysisRun("communities/louvain", {"seed": seed})
        _finish(st, write, run, lambda: community_triples(run.iri, communities), None, str)
