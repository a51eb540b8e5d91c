"""Shard planning: split inputs into deterministic units of work.

A shard is (input file, kind, first item, last item + 1). Its id is a hash of those, so the
same inputs and shard size always give the same shards, and a rerun finds the finished ones.
"""

from __future__ import annotations

import gzip
from collections.abc import Iterator
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from whimbrel.errors import InputNotFound, UnknownFormat
from whimbrel.records import stable_id

KINDS = ("jsonl", "parquet", "text", "warc")
_TEXT_SUFFIXES = {".txt", ".text", ".md"}
_WARC_SUFFIXES = (".warc", ".warc.gz")


@dataclass(frozen=True)
class Shard:
    id: str
    kind: str
    path: str  # a file; for kind "text", a folder whose sorted text files are the items
    start: int
    stop: int
    # The input's final shard: it also takes a WARC's "truncated tail" record, which
    # follows the last countable record.
    last: bool = False

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def kind_of(path: Path) -> str:
    name = path.name.lower()
    if path.is_dir():
        return "text"
    if name.endswith((".jsonl", ".jsonl.gz", ".ndjson")):
        return "jsonl"
    if name.endswith(".parquet"):
        return "parquet"
    if name.endswith(_WARC_SUFFIXES):
        return "warc"
    raise UnknownFormat(
        f"{path}: cannot tell the input kind from its name.",
        "give .jsonl, .parquet, .warc(.gz) files or a folder of .txt files.",
    )


def text_files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*") if p.is_file() and p.suffix in _TEXT_SUFFIXES)


def open_text(path: Path) -> Any:
    if path.name.endswith(".gz"):
        return gzip.open(path, "rt", encoding="utf-8", errors="replace")
    return path.open("r", encoding="utf-8", errors="replace")


def count_items(path: Path, kind: str) -> int:
    """How many items an input holds (one streaming pass; no item is kept)."""
    if kind == "jsonl":
        with open_text(path) as f:
            return sum(1 for _ in f)
    if kind == "parquet":
        import pyarrow.parquet as pq

        return int(pq.ParquetFile(path).metadata.num_rows)
    if kind == "text":
        return len(text_files(path))
    return count_warc_records(path)


def count_warc_records(path: Path) -> int:
    """The response and resource records of a WARC file, as ``ingest.warc.read_warc``
    numbers them (headers only, bodies are skipped); a damaged tail ends the count."""
    from warcio.archiveiterator import ArchiveIterator

    n = 0
    with path.open("rb") as f:
        try:
            for record in ArchiveIterator(f):
                if record.rec_type in ("response", "resource"):
                    n += 1
        except Exception:  # a truncated or corrupt tail: read_warc reports it as an item
            pass
    return n


def plan_shards(inputs: list[Path], shard_size: int) -> Iterator[Shard]:
    """Shards of at most ``shard_size`` items over every input, in input order."""
    for path in inputs:
        if not path.exists():
            raise InputNotFound(f"No such input: {path}.", "check the path.")
        kind = kind_of(path)
        n = count_items(path, kind)
        resolved = str(path.resolve())
        if n == 0 and kind == "warc":
            # No countable record, but reading it still reports why (empty, damaged).
            yield Shard(stable_id(resolved, kind, 0, 0), kind, resolved, 0, 0, last=True)
        for start in range(0, n, shard_size):
            stop = min(start + shard_size, n)
            shard_id = stable_id(resolved, kind, start, stop)
            yield Shard(shard_id, kind, resolved, start, stop, last=stop == n)
