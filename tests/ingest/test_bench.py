"""Benchmark-sized ingestion (``make bench`` / ``pytest -m bench``): the shared Guardian
sample (never committed) read as a CSV collection, then re-ingested, then syndicated."""

from __future__ import annotations

import csv
import time
from pathlib import Path

import pytest

from tests.conftest import SHARED
from whimbrel.ingest.run import IngestOptions, ingest
from whimbrel.store import Store
from whimbrel.store.ingest import IngestStore

GUARDIAN = SHARED / "corpus" / "guardian-sample.csv"


@pytest.mark.bench
@pytest.mark.skipif(not GUARDIAN.exists(), reason="the shared corpus is not on this machine")
def test_guardian_sample_ingest_throughput(tmp_path: Path) -> None:
    with Store(tmp_path / "bench.duckdb") as raw:
        store = IngestStore(raw)
        start = time.perf_counter()
        first = ingest([str(GUARDIAN)], store, IngestOptions())
        first_s = time.perf_counter() - start
        assert first.balanced and first.accepted >= 200
        start = time.perf_counter()
        again = ingest([str(GUARDIAN)], store, IngestOptions())
        again_s = time.perf_counter() - start
        assert again.accepted == 0 and again.duplicate == first.accepted + first.duplicate
        # Syndication: the same stories with a new first line and id are near duplicates.
        csv.field_size_limit(50_000_000)
        with GUARDIAN.open(encoding="utf-8", newline="") as fh:
            rows = list(csv.DictReader(fh))
        copy = tmp_path / "syndicated.csv"
        with copy.open("w", encoding="utf-8", newline="") as fh:
            writer = csv.writer(fh)
            writer.writerow(["id", "text"])
            for i, row in enumerate(rows):
                writer.writerow([f"wire-{i}", f"From our wire partners.\n{row['text']}"])
        start = time.perf_counter()
        synd = ingest([str(copy)], store, IngestOptions())
        synd_s = time.perf_counter() - start
    print(
        f"\nguardian sample: {first.offered} rows, first run {first_s:.2f}s "
        f"({first.offered / first_s:.0f} rows/s), rerun {again_s:.2f}s, "
        f"syndicated copies {synd_s:.2f}s: {dict(synd.reasons['duplicate'])}"
    )
    near = (
        synd.reasons["duplicate"]["near-duplicate"] + synd.reasons["duplicate"]["exact-duplicate"]
    )
    assert near >= 0.95 * (synd.offered - synd.rejected)
