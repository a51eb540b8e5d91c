"""Batch: shards on both engines, every input kind, resume after SIGKILL, idempotent load."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from io import BytesIO
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from whimbrel.batch import plan_shards, run_batch
from whimbrel.pipeline import Pipeline
from whimbrel.records import Article, Rejected
from whimbrel.store import Store
from whimbrel.store.parquet import load_dir

SENTENCES = [
    "Cuba, Venezuela and Nicaragua are boycotting the summit.",
    "Police arrested 40 protesters in Caracas on Monday.",
    "Mexico and Guatemala agreed to cooperate on border security.",
    "Russian troops shelled the Ukrainian city of Kharkiv.",
]


def _texts(n: int) -> list[str]:
    return [f"{SENTENCES[i % 4]} Report number {i}." for i in range(n)]


def _jsonl(path: Path, n: int, bad_lines: int = 0) -> Path:
    lines = [
        json.dumps({"id": f"a{i}", "text": t, "date": "2022-06-06"})
        for i, t in enumerate(_texts(n))
    ]
    for k in range(bad_lines):
        lines.insert(3 + k * 5, "{not json")
    path.write_text("\n".join(lines) + "\n")
    return path


def _parquet_ids(out: Path, table: str, column: str = "id") -> list[str]:
    ids: list[str] = []
    for f in sorted((out / table).glob("*.parquet")):
        ids.extend(pq.read_table(f, columns=[column]).column(column).to_pylist())
    return ids


@pytest.mark.parametrize(("engine", "workers"), [("local", 1), ("local", 2), ("dask", 1)])
def test_engines_code_like_the_pipeline(
    tmp_path: Path, pipeline: Pipeline, engine: str, workers: int
) -> None:
    src = _jsonl(tmp_path / "in.jsonl", 12, bad_lines=2)
    out = tmp_path / "out"
    summary = run_batch([src], out, engine=engine, workers=workers, shard_size=4)
    assert summary.items == 14 and summary.articles == 12 and summary.rejected == 2
    assert sorted(_parquet_ids(out, "articles")) == sorted(f"a{i}" for i in range(12))
    expected = {
        e.id
        for c in pipeline.code(Article.from_text(t, id=f"a{i}") for i, t in enumerate(_texts(12)))
        for e in c.events
    }
    assert set(_parquet_ids(out, "events")) == expected
    manifest = json.loads((out / "manifest.json").read_text())
    assert manifest["status"] == "complete" and len(manifest["completed"]) == summary.shards
    assert 0 < summary.peak_mb_per_worker < 1500


def test_rerun_skips_finished_shards_and_load_is_idempotent(tmp_path: Path) -> None:
    src = _jsonl(tmp_path / "in.jsonl", 10)
    out = tmp_path / "out"
    first = run_batch([src], out, shard_size=3)
    victim = sorted((out / "articles").glob("*.parquet"))[0]
    victim.unlink()  # as if the run had died while writing this shard
    second = run_batch([src], out, shard_size=3)
    assert second.shards_skipped == first.shards - 1 and len(second.results) == 1
    assert second.articles == 10
    with Store(tmp_path / "w.duckdb") as store:
        assert load_dir(store, out)["articles"] == 10
        assert load_dir(store, out)["skipped"] == first.shards
        assert store.stats()["articles"] == 10


def test_sigkill_mid_run_then_rerun_codes_each_article_once(tmp_path: Path) -> None:
    n = 240
    src = _jsonl(tmp_path / "in.jsonl", n)
    out = tmp_path / "out"
    cmd = [
        sys.executable,
        "-m",
        "whimbrel",
        "batch",
        str(src),
        "--out",
        str(out),
        "--shard-size",
        "6",
        "--quiet",
    ]
    proc = subprocess.Popen(cmd, start_new_session=True, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline and len(list((out / "articles").glob("*.parquet"))) < 3:
        time.sleep(0.05)
    os.killpg(proc.pid, signal.SIGKILL)
    proc.wait()
    done_before = len(list((out / "articles").glob("*.parquet")))
    assert 3 <= done_before < n // 6, "the kill must land part-way through the run"
    rerun = subprocess.run(cmd, capture_output=True, text=True, timeout=300)
    assert rerun.returncode == 0, rerun.stderr
    ids = _parquet_ids(out, "articles")
    assert sorted(ids) == sorted(f"a{i}" for i in range(n))  # none lost, none twice
    with Store(tmp_path / "w.duckdb") as store:
        load_dir(store, out)
        assert store.stats()["articles"] == n


def test_input_kinds(tmp_path: Path) -> None:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    folder = tmp_path / "texts"
    folder.mkdir()
    for i, t in enumerate(_texts(3)):
        (folder / f"{i}.txt").write_text(t)
    (folder / "bad.txt").write_bytes(bytes(range(256)) * 2)  # binary, not text
    parquet = tmp_path / "in.parquet"
    pq.write_table(
        pa.table({"id": ["p0", "p1"], "body": _texts(2), "date": ["2022-06-01", "oops"]}), parquet
    )
    warc = tmp_path / "in.warc.gz"
    with warc.open("wb") as f:
        writer = WARCWriter(f, gzip=True)
        for i, t in enumerate(_texts(2)):
            html = (
                f"<html><head><title>T{i}</title></head><body><article><p>{t}</p>"
                f"<p>{t} More reporting follows in this paragraph of text.</p>"
                "</article></body></html>"
            ).encode()
            writer.write_record(
                writer.create_warc_record(
                    f"https://news.example/{i}",
                    "response",
                    payload=BytesIO(html),
                    http_headers=StatusAndHeaders(
                        "200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.1"
                    ),
                )
            )
    out = tmp_path / "out"
    summary = run_batch([folder, parquet, warc], out, shard_size=2)
    kinds = sorted({s.kind for s in plan_shards([folder, parquet, warc], 2)})
    assert kinds == ["parquet", "text", "warc"]
    assert summary.articles == 3 + 1 + 2 and summary.rejected == 2  # bad.txt, bad date
    reasons = [
        r
        for f in (out / "rejects").glob("*.parquet")
        for r in pq.read_table(f).column("reason").to_pylist()
    ]
    assert sorted(reasons) == ["W102", "W103"]


@pytest.mark.parametrize(
    ("kwargs", "match"),
    [
        ({"engine": "spark"}, "Unknown engine"),
        ({"workers": 0}, "at least 1"),
    ],
)
def test_bad_options(tmp_path: Path, kwargs: dict[str, object], match: str) -> None:
    from whimbrel.errors import InputError

    with pytest.raises(InputError, match=match):
        run_batch([_jsonl(tmp_path / "x.jsonl", 1)], tmp_path / "o", **kwargs)  # type: ignore[arg-type]


def _warc_file(path: Path, n: int, gzip: bool) -> Path:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with path.open("wb") as f:
        writer = WARCWriter(f, gzip=gzip)
        for i, t in enumerate(_texts(n)):
            status = "404 Not Found" if i == 1 else "200 OK"
            html = (
                f"<html><head><title>T{i}</title></head><body><article><p>{t}</p>"
                f"<p>{t} More reporting follows in this paragraph of text.</p>"
                "</article></body></html>"
            ).encode()
            writer.write_record(
                writer.create_warc_record(
                    f"https://news.example/{i}",
                    "response",
                    payload=BytesIO(html),
                    http_headers=StatusAndHeaders(
                        status, [("Content-Type", "text/html")], protocol="HTTP/1.1"
                    ),
                )
            )
    return path


@pytest.mark.parametrize("gzip", [False, True])
@pytest.mark.parametrize("truncate", [False, True])
@pytest.mark.parametrize("shard_size", [1, 2, 10])
def test_warc_shards_give_what_the_ingest_reader_gives(
    tmp_path: Path, gzip: bool, truncate: bool, shard_size: int
) -> None:
    """Sharding a WARC neither loses nor repeats a record, a 404 or a damaged tail."""
    from whimbrel.batch.plan import Shard
    from whimbrel.batch.read import read_shard
    from whimbrel.ingest.warc import read_warc

    warc = _warc_file(tmp_path / ("in.warc.gz" if gzip else "in.warc"), 5, gzip)
    if truncate:
        warc.write_bytes(warc.read_bytes()[:-120])

    def key(item: Article | Rejected) -> str:
        return f"{item.item}:{item.reason}" if isinstance(item, Rejected) else item.id

    expected = [key(i) for i in read_warc(warc)]
    shards: list[Shard] = list(plan_shards([warc], shard_size))
    got = [key(i) for s in shards for i in read_shard(s)]
    assert got == expected
    assert len(expected) == 5  # every record is an item: 3 or 4 pages, the 404, a cut tail
    assert sum(k.endswith(":http-404") for k in expected) == 1
    assert any(k.endswith(":truncated") for k in expected) == truncate


def _worker_settings() -> dict[str, object]:
    import dask.config

    return {
        "profile": dask.config.get("distributed.worker.profile.enabled"),
        "memory_monitor": dask.config.get("distributed.worker.memory.monitor-interval"),
        "tick": dask.config.get("distributed.admin.tick.interval"),
        "malloc_trim": os.environ.get("MALLOC_TRIM_THRESHOLD_"),
    }


def test_local_cluster_workers_get_the_cluster_settings() -> None:
    """The LocalCluster's workers run without Dask's profiler and fast monitors, and with
    the caller's environment (not the nanny's MALLOC_TRIM_THRESHOLD_): docs/batch.md."""
    from distributed import Client

    from whimbrel.batch.run import local_cluster

    with local_cluster(1) as cluster, Client(cluster) as client:
        seen = list(client.run(_worker_settings).values())
    assert seen == [
        {
            "profile": False,
            "memory_monitor": "1s",
            "tick": "1s",
            "malloc_trim": os.environ.get("MALLOC_TRIM_THRESHOLD_"),
        }
    ]
