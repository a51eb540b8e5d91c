"""Parquet shards for bulk exchange: written by batch workers, loaded into DuckDB.

A shard directory holds ``articles/``, ``events/``, ``event_actors/`` and ``rejects/``
Parquet files named ``<shard_id>.parquet``. Each file is written to a temporary name and
renamed, so a file that exists is complete.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from datetime import datetime
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from whimbrel.records import Article, Event, Rejected
from whimbrel.store.db import _EVENT_COLUMNS, Store, _actor_rows, _event_row, article_row

TABLES = ("articles", "events", "event_actors", "rejects")

_ARTICLE_SCHEMA = pa.schema(
    [
        ("id", pa.string()),
        ("url", pa.string()),
        ("source", pa.string()),
        ("title", pa.string()),
        ("author", pa.string()),
        ("published", pa.date32()),
        ("language", pa.string()),
        ("text", pa.string()),
        ("meta", pa.string()),
        ("status", pa.string()),
        ("error", pa.string()),
        ("n_events", pa.int32()),
        ("coded_at", pa.timestamp("us")),
    ]
)
_EVENT_TYPES: dict[str, pa.DataType] = {
    "score": pa.float64(),
    "negated": pa.bool_(),
    "hypothetical": pa.bool_(),
    "historical": pa.bool_(),
    "date": pa.date32(),
    "date_fallback": pa.bool_(),
    "loc_lat": pa.float64(),
    "loc_lon": pa.float64(),
    "ev_start": pa.int32(),
    "ev_end": pa.int32(),
    "trigger_start": pa.int32(),
    "trigger_end": pa.int32(),
    "confidence": pa.float64(),
}
_EVENT_SCHEMA = pa.schema([(c, _EVENT_TYPES.get(c, pa.string())) for c in _EVENT_COLUMNS])
_ACTOR_SCHEMA = pa.schema(
    [
        ("event_id", pa.string()),
        ("article_id", pa.string()),
        ("role", pa.string()),
        ("position", pa.int32()),
        ("text", pa.string()),
        ("code", pa.string()),
        ("sector", pa.string()),
        ("name", pa.string()),
        ("kb_id", pa.string()),
        ("span_start", pa.int32()),
        ("span_end", pa.int32()),
    ]
)
_REJECT_SCHEMA = pa.schema(
    [
        ("source", pa.string()),
        ("item", pa.string()),
        ("reason", pa.string()),
        ("message", pa.string()),
        ("rejected_at", pa.timestamp("us")),
    ]
)


def _table(rows: list[tuple[Any, ...]], schema: pa.Schema) -> pa.Table:
    columns: list[Any] = list(zip(*rows, strict=True)) if rows else [[] for _ in schema]
    return pa.table(
        {f.name: pa.array(list(col), type=f.type) for f, col in zip(schema, columns, strict=True)}
    )


def _atomic_write(table: pa.Table, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    pq.write_table(table, tmp, compression="zstd")
    os.replace(tmp, path)


def write_shard(
    out_dir: Path,
    shard_id: str,
    coded: Iterable[tuple[Article, list[Event], str, str | None]],
    rejects: Iterable[Rejected],
) -> dict[str, int]:
    """Write one shard's four tables; ``coded`` yields (article, events, status, error)."""
    now = datetime.now()
    articles: list[tuple[Any, ...]] = []
    events: list[tuple[Any, ...]] = []
    actors: list[tuple[Any, ...]] = []
    for article, evs, status, error in coded:
        articles.append((*article_row(article), status, error, len(evs), now))
        events.extend(_event_row(e) for e in evs)
        actors.extend(r for e in evs for r in _actor_rows(e))
    reject_rows = [(r.source, r.item, r.reason, r.message, r.at) for r in rejects]
    tables = {
        "articles": _table(articles, _ARTICLE_SCHEMA),
        "events": _table(events, _EVENT_SCHEMA),
        "event_actors": _table(actors, _ACTOR_SCHEMA),
        "rejects": _table(reject_rows, _REJECT_SCHEMA),
    }
    # Articles last: its presence marks the shard as complete for `load_dir`.
    for name in ("events", "event_actors", "rejects", "articles"):
        _atomic_write(tables[name], out_dir / name / f"{shard_id}.parquet")
    return {name: t.num_rows for name, t in tables.items()}


def shard_ids(out_dir: Path) -> list[str]:
    """Complete shards in a directory (those whose articles file exists)."""
    return sorted(p.stem for p in (out_dir / "articles").glob("*.parquet"))


def load_dir(store: Store, out_dir: Path) -> dict[str, int]:
    """Import every complete shard of ``out_dir`` not loaded before; idempotent."""
    counts = {"shards": 0, "skipped": 0, "articles": 0, "events": 0, "rejects": 0}
    with store.transaction() as con:
        con.execute(
            "CREATE TABLE IF NOT EXISTS loaded_shards (dir VARCHAR, shard VARCHAR, "
            "loaded_at TIMESTAMP DEFAULT current_timestamp, PRIMARY KEY (dir, shard))"
        )
    key = str(out_dir.resolve())
    for shard in shard_ids(out_dir):
        paths = {t: str(out_dir / t / f"{shard}.parquet") for t in TABLES}
        with store.transaction() as con:
            seen = con.execute(
                "SELECT 1 FROM loaded_shards WHERE dir = ? AND shard = ?", [key, shard]
            ).fetchone()
            if seen:
                counts["skipped"] += 1
                continue
            ids = "SELECT id FROM read_parquet(?)"
            con.execute(
                f"DELETE FROM event_actors WHERE article_id IN ({ids})", [paths["articles"]]
            )
            con.execute(f"DELETE FROM events WHERE article_id IN ({ids})", [paths["articles"]])
            con.execute(
                "INSERT OR REPLACE INTO articles (id, url, source, title, author, published, "
                "language, text, meta, status, error, n_events, coded_at) "
                "SELECT id, url, source, title, author, published, language, text, meta, "
                "status, error, n_events, coded_at FROM read_parquet(?)",
                [paths["articles"]],
            )
            cols = ", ".join(_EVENT_COLUMNS)
            con.execute(
                f"INSERT OR REPLACE INTO events ({cols}) SELECT {cols} FROM read_parquet(?)",
                [paths["events"]],
            )
            acols = ", ".join(f.name for f in _ACTOR_SCHEMA)
            con.execute(
                f"INSERT INTO event_actors ({acols}) SELECT {acols} FROM read_parquet(?)",
                [paths["event_actors"]],
            )
            con.execute(
                "INSERT INTO rejects (source, item, reason, message, rejected_at) "
                "SELECT * FROM read_parquet(?)",
                [paths["rejects"]],
            )
            con.execute("INSERT INTO loaded_shards (dir, shard) VALUES (?, ?)", [key, shard])
            for table in ("articles", "events", "rejects"):
                n = con.execute("SELECT count(*) FROM read_parquet(?)", [paths[table]]).fetchone()
                counts[table] += n[0] if n else 0
            counts["shards"] += 1
    return counts


def shard_counts(out_dir: Path, shard_id: str) -> dict[str, int]:
    """Row counts of a complete shard, read from its Parquet files."""
    meta = {t: pq.ParquetFile(out_dir / t / f"{shard_id}.parquet") for t in TABLES}
    statuses = meta["articles"].read(columns=["status"]).column("status").to_pylist()
    return {
        "articles": meta["articles"].metadata.num_rows,
        "failed": sum(1 for s in statuses if s == "failed"),
        "events": meta["events"].metadata.num_rows,
        "rejected": meta["rejects"].metadata.num_rows,
    }
