"""`whimbrel serve` as a user runs it: the real server in a subprocess, on loopback."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from bench.load_api import run


def test_serve_refuses_to_listen_beyond_loopback_without_token() -> None:
    env = {k: v for k, v in os.environ.items() if k != "WHIMBREL_TOKEN"}
    r = subprocess.run(
        [sys.executable, "-m", "whimbrel", "serve", "--host", "0.0.0.0", "--db", "x.duckdb"],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )
    assert r.returncode == 2
    assert "[W600]" in r.stderr and "WHIMBREL_TOKEN" in r.stderr


@pytest.mark.slow
def test_small_load_run_loses_nothing() -> None:
    """The real `whimbrel serve` (coding in its child process) through bench/load_api.py."""
    result = run(submissions=12, queries=120, concurrency=4, done_timeout=120)
    assert result["distinct_receipts"] == 12
    assert result["done"] == 12 and result["failed"] == 0 and result["lost"] == 0
    assert result["query_errors"] == 0
    assert result["events_stored"] > 0
