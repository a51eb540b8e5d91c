"""Shared helpers for benchmarks: the Guardian sample and child-process measurement."""

from __future__ import annotations

import csv
import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GUARDIAN = ROOT.parent / "shared" / "corpus" / "guardian-sample.csv"


def guardian_texts(n: int | None = None) -> list[str] | None:
    """The sample's texts, repeated up to ``n``; None (with a message) if absent."""
    if not GUARDIAN.exists():
        print(f"skip: {GUARDIAN} is absent (it lives in ../shared, outside the repo)")
        return None
    csv.field_size_limit(sys.maxsize)
    with GUARDIAN.open(newline="", encoding="utf-8") as f:
        texts = [row["text"] for row in csv.DictReader(f) if row.get("text", "").strip()]
    if n is None:
        return texts
    out: list[str] = []
    while len(out) < n:
        out.extend(texts[: n - len(out)])
    return out


def run_child(code: str, *args: str) -> dict[str, float]:
    """Run a measurement in a fresh interpreter; it prints one JSON line last."""
    proc = subprocess.run(
        [sys.executable, "-c", code, *args], capture_output=True, text=True, check=False
    )
    if proc.returncode != 0:
        raise RuntimeError(f"benchmark child failed:\n{proc.stderr}")
    return json.loads(proc.stdout.strip().splitlines()[-1])  # type: ignore[no-any-return]
