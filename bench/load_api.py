"""Bounded load run of `whimbrel serve` on loopback (issue 8: API load).

Starts the real server (a subprocess: uvicorn + the coding worker) over a fresh database,
then, with at most ``--concurrency`` requests in flight:
  1. submits ``--submissions`` distinct articles (default 200; built from the seed article's
     paragraphs) and keeps every receipt;
  2. sends ``--queries`` event queries (default 2,000; a mix of filters and formats) while the
     worker is still coding;
  3. waits (bounded) until every receipt's article is ``done``, and counts any that is not.
It stops by itself and always stops the server. Prints a JSON summary; with ``--write`` it
also replaces the "API load" block of docs/performance.md.

    python bench/load_api.py [--submissions 200] [--queries 2000] [--concurrency 8] [--write]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import httpx

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "examples" / "seed-article.txt"
MARK_BEGIN = "<!-- api-load:begin -->"
MARK_END = "<!-- api-load:end -->"
QUERIES = (
    "",
    "actor=USA",
    "type=REJECT",
    "quad_class=verbal+conflict",
    "text=Biden",
    "sector=GOV",
    "min_confidence=0.6",
    "since=2022-03-01&until=2022-05-31",
    "source=CUB",
    "format=csv",
    "format=jsonl",
    "format=geojson",
    "limit=20",
    "negated=false&hypothetical=false",
)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def articles(n: int) -> list[dict[str, Any]]:
    """``n`` distinct articles: rotating windows of the seed's paragraphs, one date each."""
    paras = [p.strip() for p in SEED.read_text().splitlines() if len(p.strip()) > 80]
    out = []
    for i in range(n):
        k = 2 + i % 4
        start = (i * 3) % len(paras)
        chosen = [paras[(start + j) % len(paras)] for j in range(k)]
        out.append(
            {
                "text": "\n".join(chosen) + f"\nThis is load-test report {i}.",
                "title": f"load {i}",
                "date": (dt.date(2022, 1, 1) + dt.timedelta(days=i)).isoformat(),
            }
        )
    return out


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def start_server(db: Path, port: int) -> subprocess.Popen[bytes]:
    env = {**os.environ, "WHIMBREL_TOKEN": ""}
    return subprocess.Popen(
        [
            sys.executable,
            "-m",
            "whimbrel",
            "serve",
            "--db",
            str(db),
            "--port",
            str(port),
            "--rate",
            "100000",
            "--burst",
            "1000",
        ],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def wait_ready(base: str, timeout: float = 120.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            if httpx.get(base + "/api/health", timeout=2).json().get("worker") == "ready":
                return
        except (httpx.HTTPError, ValueError):
            pass
        time.sleep(0.2)
    raise RuntimeError(f"server at {base} not ready after {timeout:.0f} s")


def run(
    submissions: int = 200, queries: int = 2000, concurrency: int = 8, done_timeout: float = 900.0
) -> dict[str, Any]:
    with tempfile.TemporaryDirectory() as tmp:
        port = free_port()
        base = f"http://127.0.0.1:{port}"
        server = start_server(Path(tmp) / "load.duckdb", port)
        try:
            load = round(os.getloadavg()[0], 2)
            t0 = time.perf_counter()
            wait_ready(base)
            startup = time.perf_counter() - t0
            return _load(base, submissions, queries, concurrency, done_timeout) | {
                "startup_s": round(startup, 2),
                "loadavg_before": load,
            }
        finally:
            server.terminate()
            try:
                server.wait(30)
            except subprocess.TimeoutExpired:
                server.kill()


def _load(
    base: str, submissions: int, queries: int, concurrency: int, done_timeout: float
) -> dict[str, Any]:
    limits = httpx.Limits(max_connections=concurrency)
    with httpx.Client(base_url=base, timeout=60, limits=limits) as client:
        retries = 0

        def submit(body: dict[str, Any]) -> tuple[str, float]:
            nonlocal retries
            while True:
                t = time.perf_counter()
                r = client.post("/api/articles", json=body)
                if r.status_code == 429:  # honour the rate limit, lose nothing
                    retries += 1
                    time.sleep(float(r.headers.get("retry-after", "1")))
                    continue
                r.raise_for_status()
                return str(r.json()["id"]), time.perf_counter() - t

        def query(i: int) -> tuple[int, float]:
            t = time.perf_counter()
            r = client.get(f"/api/events?{QUERIES[i % len(QUERIES)]}")
            return r.status_code, time.perf_counter() - t

        t_sub = time.perf_counter()
        with ThreadPoolExecutor(concurrency) as pool:
            receipts = list(pool.map(submit, articles(submissions)))
        sub_wall = time.perf_counter() - t_sub
        t_q = time.perf_counter()
        with ThreadPoolExecutor(concurrency) as pool:
            answers = list(pool.map(query, range(queries)))
        q_wall = time.perf_counter() - t_q
        backlog = client.get("/api/health").json()["articles"]

        ids = [rid for rid, _ in receipts]
        deadline = time.monotonic() + done_timeout
        pending = set(ids)
        statuses: dict[str, str] = {}
        while pending and time.monotonic() < deadline:
            for rid in list(pending):
                statuses[rid] = client.get(f"/api/articles/{rid}").json()["status"]
                if statuses[rid] in ("done", "failed"):
                    pending.discard(rid)
            if pending:
                time.sleep(0.5)
        all_done_s = time.perf_counter() - t_sub
        # the same query mix once the queue is empty: latency without the coding worker busy
        with ThreadPoolExecutor(concurrency) as pool:
            idle = list(pool.map(query, range(max(1, queries // 4))))
        events = client.get("/api/events?limit=1").json()
        n_events = client.get("/api/timeline").json()

    q_lat = [s for _, s in answers]
    s_lat = [s for _, s in receipts]
    failed = [r for r in ids if statuses.get(r) == "failed"]
    return {
        "submissions": submissions,
        "distinct_receipts": len(set(ids)),
        "rate_limit_retries": retries,
        "submit_p50_ms": round(statistics.median(s_lat) * 1000, 1),
        "submit_p95_ms": round(pct(s_lat, 0.95) * 1000, 1),
        "submit_wall_s": round(sub_wall, 2),
        "queries": queries,
        "query_errors": sum(1 for code, _ in answers if code != 200),
        "query_p50_ms": round(statistics.median(q_lat) * 1000, 1),
        "query_p95_ms": round(pct(q_lat, 0.95) * 1000, 1),
        "query_p99_ms": round(pct(q_lat, 0.99) * 1000, 1),
        "query_wall_s": round(q_wall, 2),
        "idle_queries": len(idle),
        "idle_query_errors": sum(1 for code, _ in idle if code != 200),
        "idle_query_p50_ms": round(statistics.median(s for _, s in idle) * 1000, 1),
        "idle_query_p95_ms": round(pct([s for _, s in idle], 0.95) * 1000, 1),
        "queue_after_queries": backlog,
        "done": sum(1 for r in ids if statuses.get(r) == "done"),
        "failed": len(failed),
        "lost": len(pending),
        "all_coded_after_s": round(all_done_s, 1),
        "events_stored": sum(p["count"] for p in n_events["periods"]) + n_events["undated"],
        "first_event_seen": bool(events["events"]),
        "concurrency": concurrency,
    }


def write_doc(result: dict[str, Any]) -> None:
    perf = ROOT / "docs" / "performance.md"
    text = perf.read_text() if perf.exists() else "# Performance\n"
    cpu = f"{os.cpu_count()} cores, {platform.machine()}, Python {platform.python_version()}"
    block = "\n".join(
        [
            MARK_BEGIN,
            f"Measured {dt.date.today().isoformat()} by `python bench/load_api.py --write` on "
            f"{cpu}; one `whimbrel serve` on 127.0.0.1 (the server process, its coding child "
            "process and the load generator share the machine), at most "
            f"{result['concurrency']} requests in flight; load average before the run "
            f"{result['loadavg_before']} (other work on the machine counts too).",
            "",
            "| what | result |",
            "| --- | --- |",
            f"| submissions (distinct receipts) | {result['submissions']} "
            f"({result['distinct_receipts']}) |",
            f"| submission latency p50 / p95 | {result['submit_p50_ms']} ms / "
            f"{result['submit_p95_ms']} ms |",
            f"| event queries (errors) | {result['queries']:,} ({result['query_errors']}) |",
            f"| **event query latency p50 / p95 / p99** | {result['query_p50_ms']} ms / "
            f"**{result['query_p95_ms']} ms** / {result['query_p99_ms']} ms |",
            "| queue after the queries (still coding meanwhile) | "
            + ", ".join(f"{n} {k}" for k, n in result["queue_after_queries"].items())
            + " |",
            f"| the same mix once the queue is empty: {result['idle_queries']} queries, p50 / p95 |"
            f" {result['idle_query_p50_ms']} ms / {result['idle_query_p95_ms']} ms |",
            f"| receipts coded `done` / failed / lost | {result['done']} / {result['failed']} / "
            f"{result['lost']} |",
            f"| all {result['submissions']} coded after | {result['all_coded_after_s']} s |",
            f"| events stored | {result['events_stored']} |",
            MARK_END,
        ]
    )
    if MARK_BEGIN in text:
        head, rest = text.split(MARK_BEGIN, 1)
        text = head + block + rest.split(MARK_END, 1)[1]
    else:
        text = text.rstrip("\n") + (
            "\n\n## API load\n\n"
            "A bounded load run against a live server: every receipt must reach `done` "
            "(nothing lost) while event queries are answered. The query mix cycles through "
            f"{len(QUERIES)} filters/formats of `GET /api/events` (see `QUERIES` in "
            "bench/load_api.py).\n\n" + block + "\n"
        )
    perf.write_text(text)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--submissions", type=int, default=200)
    parser.add_argument("--queries", type=int, default=2000)
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument(
        "--timeout", type=float, default=900.0, help="seconds to wait for every article to be coded"
    )
    parser.add_argument("--write", action="store_true", help="update docs/performance.md")
    args = parser.parse_args()
    result = run(args.submissions, args.queries, args.concurrency, args.timeout)
    print(json.dumps(result, indent=2))
    if args.write:
        write_doc(result)
    if result["lost"] or result["failed"] or result["query_errors"] or result["idle_query_errors"]:
        sys.exit(1)


if __name__ == "__main__":
    main()
