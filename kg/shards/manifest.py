"""The manifest of a shard folder: what each shard holds and its sha256, the totals, the
pipeline that made them and the records it rejected, so a loader can refuse a damaged shard
before it touches the store."""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from kg.atomic import atomic_write
from kg.build_report import Rejection
from kg.errors import KGError

__all__ = ["FORMAT", "MANIFEST", "Manifest", "ShardEntry", "ShardError", "file_sha256",
           "read_manifest", "verify_shards", "write_manifest"]

MANIFEST = "manifest.json"
FORMAT = "evidence-kg-shards/1"
"""Changes when the folder layout or the manifest's fields change meaning."""


class ShardError(KGError, ValueError):
    """A shard folder cannot be trusted: no manifest, a missing shard, a sha256 mismatch."""


@dataclass(frozen=True, slots=True)
class ShardEntry:
    """One shard file: how many records and which graphs it holds, its quads and checksum."""

    file: str
    records: int
    graphs: tuple[str, ...]
    quads: int
    sha256: str


@dataclass(frozen=True, slots=True)
class Manifest:
    """Everything a loader (or a person) needs to know about a shard folder."""

    software_version: str
    pipeline_fingerprint: str
    generated_at: str
    shards: tuple[ShardEntry, ...]
    files: int = 0
    records_read: int = 0
    rejected: tuple[Rejection, ...] = ()
    notices: tuple[Rejection, ...] = ()
    format: str = field(default=FORMAT)

    def totals(self) -> dict[str, int]:
        """Sums over the shards (shared nodes repeat across shards, so a store holds fewer)."""
        return {"shards": len(self.shards), "files": self.files,
                "records_read": self.records_read,
                "records_stored": sum(s.records for s in self.shards),
                "records_rejected": len(self.rejected),
                "graphs": sum(len(s.graphs) for s in self.shards),
                "quads": sum(s.quads for s in self.shards)}

    def to_json(self) -> dict[str, Any]:
        return {**asdict(self), "totals": self.totals()}


def file_sha256(path: Path) -> str:
    """The sha256 of a file's bytes, read in blocks (shards can be large)."""
    digest = hashlib.sha256()
    with path.open("rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def write_manifest(folder: Path, manifest: Manifest) -> Path:
    """Written last and atomically: a folder with a manifest holds every shard it lists."""
    text = json.dumps(manifest.to_json(), indent=1, ensure_ascii=False) + "\n"
    path = folder / MANIFEST
    atomic_write(path, lambda out: out.write(text.encode("utf-8")))
    return path


def read_manifest(folder: Path) -> Manifest:
    """The manifest of a shard folder; ShardError when there is none or it cannot be read."""
    path = folder / MANIFEST
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return _manifest(data)
    except FileNotFoundError as exc:
        raise ShardError(f"no {MANIFEST} in {folder}: not a shard folder (write one with "
                         "`ekg build --dask ADDRESS PATH… -o FOLDER`)") from exc
    except (OSError, ValueError, TypeError, KeyError) as exc:
        raise ShardError(f"cannot read {path}: {exc}") from exc


def _manifest(data: dict[str, Any]) -> Manifest:
    if data.get("format") != FORMAT:
        raise ValueError(f"unknown manifest format {data.get('format')!r} (expected {FORMAT})")
    shards = tuple(ShardEntry(s["file"], int(s["records"]), tuple(s["graphs"]), int(s["quads"]),
                              s["sha256"]) for s in data["shards"])
    return Manifest(data["software_version"], data["pipeline_fingerprint"], data["generated_at"],
                    shards, int(data["files"]), int(data["records_read"]),
                    tuple(Rejection(**r) for r in data["rejected"]),
                    tuple(Rejection(**r) for r in data["notices"]))


def verify_shards(folder: Path, entries: tuple[ShardEntry, ...]) -> list[Path]:
    """The shard files of ``entries``, each checked against its sha256 before anything is
    loaded; ShardError lists every missing or damaged shard."""
    problems: list[str] = []
    for entry in entries:
        path = folder / entry.file
        if Path(entry.file).name != entry.file:
            problems.append(f"{entry.file}: a shard must lie in the manifest's folder")
        elif not path.is_file():
            problems.append(f"{path}: missing")
        elif (actual := file_sha256(path)) != entry.sha256:
            problems.append(f"{path}: sha256 {actual} does not match the manifest's "
                            f"{entry.sha256} (damaged or changed after the build)")
    if problems:
        raise ShardError("refusing to load: " + "; ".join(problems))
    return [folder / e.file for e in entries]
