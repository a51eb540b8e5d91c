"""Drive a batch: plan shards, skip finished ones, run the rest on an engine, keep a manifest.

Engines: ``local`` (this process for one worker, else a process pool) and ``dask`` (a
distributed cluster at ``scheduler``, or a LocalCluster). Both submit at most two shards per
worker at a time, so the driver's memory does not grow with the input.
"""

from __future__ import annotations

import json
import multiprocessing
import os
import time
from collections.abc import Callable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from dataclasses import asdict, dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

from whimbrel import __version__
from whimbrel.batch.plan import Shard, plan_shards
from whimbrel.batch.work import code_shard, shard_done
from whimbrel.errors import InputError
from whimbrel.settings import Settings
from whimbrel.store.parquet import shard_counts

ENGINES = ("local", "dask")
# The LocalCluster's settings (docs/batch.md shows the same for a cluster of your own).
# - Dask's nanny starts workers with MALLOC_TRIM_THRESHOLD_=65536 and one BLAS/OpenMP
#   thread: for spaCy's many small allocations that costs about 9% and 3% of speed
#   (600 articles, local engine under the same variables). Inherit the environment instead.
# - A worker samples its task thread's stack every 10 ms (the profiler), measures memory
#   every 100 ms and the host every 500 ms, and every process checks its event loop every
#   20 ms. For shards that run for minutes none of that is read, and on a machine whose
#   cores all run workers it is taken from them: 1,000 articles on 2 cores, Dask ÷ local
#   0.89 with Dask's defaults, 0.96 with these.
LOCAL_CLUSTER_CONFIG: dict[str, Any] = {
    "distributed.nanny.pre-spawn-environ": {},
    "distributed.worker.profile.enabled": False,
    "distributed.worker.memory.monitor-interval": "1s",
    "distributed.admin.system-monitor.interval": "2s",
    "distributed.admin.tick.interval": "1s",
}
Progress = Callable[[dict[str, Any], int, int], None]  # (shard result, items done, total)


@dataclass
class BatchSummary:
    out_dir: str
    engine: str
    workers: int
    shards: int = 0
    shards_skipped: int = 0
    items: int = 0
    articles: int = 0
    failed: int = 0
    events: int = 0
    rejected: int = 0
    seconds: float = 0.0
    peak_mb_per_worker: float = 0.0
    results: list[dict[str, Any]] = field(default_factory=list)

    @property
    def rate(self) -> float:
        return self.articles / self.seconds if self.seconds else 0.0


def _write_manifest(out: Path, manifest: dict[str, Any]) -> None:
    tmp = out / ".manifest.json.tmp"
    tmp.write_text(json.dumps(manifest, indent=2, default=str))
    os.replace(tmp, out / "manifest.json")


def _local(
    shards: list[Shard],
    out: str,
    settings: Settings,
    workers: int,
    published: date | None,
    columns: dict[str, str] | None,
) -> Iterator[dict[str, Any]]:
    if workers == 1:
        for shard in shards:
            yield code_shard(shard, out, settings, published, columns)
        return
    # spawn: workers start clean (no forked threads or half-loaded models).
    ctx = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(max_workers=workers, mp_context=ctx) as pool:
        todo = iter(shards)
        running: set[Future[dict[str, Any]]] = set()
        while True:
            while len(running) < 2 * workers:
                nxt = next(todo, None)
                if nxt is None:
                    break
                running.add(pool.submit(code_shard, nxt, out, settings, published, columns))
            if not running:
                return
            done, running = wait(running, return_when=FIRST_COMPLETED)
            for fut in done:
                yield fut.result()


def local_cluster(workers: int) -> Any:
    """A LocalCluster of ``workers`` single-threaded processes on 127.0.0.1, with
    ``LOCAL_CLUSTER_CONFIG`` (the settings reach the worker processes through the nanny)."""
    import dask.config
    from distributed import LocalCluster

    with dask.config.set(LOCAL_CLUSTER_CONFIG):
        return LocalCluster(
            n_workers=workers,
            threads_per_worker=1,
            processes=True,
            dashboard_address=None,
            host="127.0.0.1",
        )


def _dask(
    shards: list[Shard],
    out: str,
    settings: Settings,
    workers: int,
    scheduler: str | None,
    published: date | None,
    columns: dict[str, str] | None,
) -> Iterator[dict[str, Any]]:
    from distributed import Client, as_completed

    cluster = None
    if scheduler:
        client = Client(scheduler)
    else:
        cluster = local_cluster(workers)
        client = Client(cluster)
    try:
        n_slots = 2 * max(1, len(client.scheduler_info().get("workers", {})) or workers)
        todo = iter(shards)

        def submit(shard: Shard) -> Any:
            return client.submit(
                code_shard,
                shard,
                out,
                settings,
                published,
                columns,
                key=f"shard-{shard.id}",
                pure=False,
            )

        first = [submit(s) for s in (next(todo, None) for _ in range(n_slots)) if s]
        queue = as_completed(first)
        for fut in queue:
            yield fut.result()
            fut.release()
            nxt = next(todo, None)
            if nxt is not None:
                queue.add(submit(nxt))
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


def run_batch(
    inputs: list[Path],
    out_dir: Path,
    *,
    engine: str = "local",
    workers: int = 1,
    scheduler: str | None = None,
    shard_size: int = 200,
    settings: Settings | None = None,
    published: date | None = None,
    columns: dict[str, str] | None = None,
    progress: Progress | None = None,
) -> BatchSummary:
    """Code every input into Parquet shards under ``out_dir``; resumes an earlier run."""
    if engine not in ENGINES:
        raise InputError(f"Unknown engine {engine!r}.", f"use one of: {', '.join(ENGINES)}.")
    if workers < 1 or shard_size < 1:
        raise InputError("--workers and --shard-size must be at least 1.", "give 1 or more.")
    settings = settings or Settings.from_env()
    out_dir.mkdir(parents=True, exist_ok=True)
    t0 = time.perf_counter()
    shards = list(plan_shards(inputs, shard_size))
    summary = BatchSummary(str(out_dir), engine, workers, shards=len(shards))
    total = sum(s.stop - s.start for s in shards)
    todo = [s for s in shards if not shard_done(out_dir, s.id)]
    summary.shards_skipped = len(shards) - len(todo)
    done_items = total - sum(s.stop - s.start for s in todo)
    manifest: dict[str, Any] = {
        "whimbrel": __version__,
        "model": settings.model,
        "engine": engine,
        "workers": workers,
        "shard_size": shard_size,
        "inputs": [str(p.resolve()) for p in inputs],
        "started": datetime.now(),
        "status": "running",
        "items": total,
        "shards": [s.to_dict() for s in shards],
        "completed": {},
    }
    old = out_dir / "manifest.json"
    if old.exists():
        manifest["completed"] = json.loads(old.read_text()).get("completed", {})
    for s in shards:
        # Finished by a run killed before it could note it in the manifest: count from disk.
        if s.id not in manifest["completed"] and shard_done(out_dir, s.id):
            manifest["completed"][s.id] = {
                "shard_id": s.id,
                "seconds": 0.0,
                "peak_mb": 0.0,
                "skipped": True,
                **shard_counts(out_dir, s.id),
            }
    _write_manifest(out_dir, manifest)
    sizes = {s.id: s.stop - s.start for s in shards}
    if engine == "local":
        results = _local(todo, str(out_dir), settings, workers, published, columns)
    else:
        results = _dask(todo, str(out_dir), settings, workers, scheduler, published, columns)
    for res in results:
        done_items += sizes[res["shard_id"]]
        summary.results.append(res)
        manifest["completed"][res["shard_id"]] = res
        _write_manifest(out_dir, manifest)
        if progress:
            progress(res, done_items, total)
    for res in manifest["completed"].values():
        summary.articles += res["articles"]
        summary.failed += res["failed"]
        summary.events += res["events"]
        summary.rejected += res["rejected"]
        summary.peak_mb_per_worker = max(summary.peak_mb_per_worker, res["peak_mb"])
    summary.items = total
    summary.seconds = time.perf_counter() - t0
    manifest.update(
        status="complete",
        finished=datetime.now(),
        summary={k: v for k, v in asdict(summary).items() if k != "results"},
    )
    _write_manifest(out_dir, manifest)
    return summary
