"""The worker side: code one shard and write its Parquet files.

Runs inside a pool process or a Dask worker. The pipeline (spaCy model, knowledge base,
classifier) loads once per worker process and is reused for every shard it is given.
"""

from __future__ import annotations

import resource
import time
from dataclasses import asdict, dataclass
from datetime import date
from pathlib import Path
from typing import Any

from whimbrel.batch.plan import Shard
from whimbrel.batch.read import read_shard
from whimbrel.pipeline import Pipeline
from whimbrel.records import Article, Event, Rejected
from whimbrel.settings import Settings
from whimbrel.store.parquet import write_shard

_PIPELINES: dict[Settings, Pipeline] = {}


def worker_pipeline(settings: Settings) -> Pipeline:
    """This process's pipeline for these settings (loaded on first use)."""
    key = settings
    if key not in _PIPELINES:
        _PIPELINES[key] = Pipeline(settings)
    return _PIPELINES[key]


@dataclass
class ShardResult:
    shard_id: str
    articles: int = 0
    failed: int = 0
    events: int = 0
    rejected: int = 0
    seconds: float = 0.0
    peak_mb: float = 0.0
    skipped: bool = False  # already done by an earlier run

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def shard_done(out_dir: Path, shard_id: str) -> bool:
    return (out_dir / "articles" / f"{shard_id}.parquet").exists()


def code_shard(
    shard: Shard,
    out_dir: str,
    settings: Settings,
    published: date | None = None,
    columns: dict[str, str] | None = None,
) -> dict[str, Any]:
    """Code every article of the shard and write it; a finished shard is not redone."""
    out = Path(out_dir)
    result = ShardResult(shard.id)
    if shard_done(out, shard.id):
        result.skipped = True
        return result.to_dict()
    t0 = time.perf_counter()
    pipeline = worker_pipeline(settings)
    rejects: list[Rejected] = []
    coded: list[tuple[Article, list[Event], str, str | None]] = []

    def articles() -> Any:
        for item in read_shard(shard, published, columns):
            if isinstance(item, Rejected):
                rejects.append(item)
            else:
                yield item

    for c in pipeline.code(articles()):
        if c.error:
            rejects.append(c.error)
            coded.append((c.article, [], "failed", c.error.message))
            result.failed += 1
        else:
            coded.append((c.article, c.events, "done", None))
            result.events += len(c.events)
    result.articles = len(coded)
    result.rejected = len(rejects)
    write_shard(out, shard.id, coded, rejects)
    result.seconds = time.perf_counter() - t0
    result.peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return result.to_dict()
