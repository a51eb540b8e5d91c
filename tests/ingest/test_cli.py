"""`whimbrel ingest` through the real console entry point, as a user runs it."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import duckdb
from typer.testing import CliRunner, Result

from tests.ingest.conftest import STORY_A, STORY_B, Server, make_hostile_folder

ROOT = Path(__file__).resolve().parents[2]


def whimbrel(*args: str, cwd: Path, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "whimbrel", *args],
        input=stdin,
        capture_output=True,
        text=True,
        cwd=cwd,
        timeout=180,
    )


def in_process(*args: str, cwd: Path) -> Result:
    """The same Typer app inside this process (no 3-5 s interpreter start per call)."""
    from whimbrel.cli.main import app

    old = os.getcwd()
    os.chdir(cwd)
    try:
        return CliRunner().invoke(app, list(args))
    finally:
        os.chdir(old)


def test_hostile_folder_balanced_and_rerun_adds_nothing(tmp_path: Path) -> None:
    make_hostile_folder(tmp_path / "in")
    first = whimbrel("ingest", "in", "--db", "w.duckdb", "--no-code", "--json", cwd=tmp_path)
    assert first.returncode == 0, first.stderr
    s = json.loads(first.stdout)
    assert s["accepted"] + s["duplicate"] + s["skipped"] + s["rejected"] == s["offered"]
    assert s["accepted"] >= 4 and s["duplicate"] >= 6 and s["rejected"] >= 15
    second = whimbrel("ingest", "in", "--db", "w.duckdb", "--no-code", cwd=tmp_path)
    assert second.returncode == 0
    assert "nothing new" in second.stderr
    assert "already-stored" in second.stderr
    with duckdb.connect(str(tmp_path / "w.duckdb"), read_only=True) as con:
        assert con.execute("SELECT count(*) FROM articles WHERE status = 'queued'").fetchone() == (
            s["accepted"],
        )


def test_quiet_prints_nothing(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(STORY_A, encoding="utf-8")
    proc = in_process("ingest", "a.txt", "--db", "w.duckdb", "--no-code", "--quiet", cwd=tmp_path)
    assert proc.exit_code == 0 and proc.output == ""
    with duckdb.connect(str(tmp_path / "w.duckdb"), read_only=True) as con:
        assert con.execute("SELECT count(*) FROM articles").fetchone() == (1,)


def test_column_options_and_stdin(tmp_path: Path) -> None:
    (tmp_path / "t.csv").write_text(
        "key,story,when\nk1," + json.dumps(STORY_A) + ",2024-02-03\n", encoding="utf-8"
    )
    proc = in_process(
        "ingest",
        "t.csv",
        "--text-col",
        "story",
        "--id-col",
        "key",
        "--date-col",
        "when",
        "--db",
        "w.duckdb",
        "--no-code",
        "--json",
        cwd=tmp_path,
    )
    assert json.loads(proc.stdout)["accepted"] == 1, proc.output
    piped = whimbrel(
        "ingest", "-", "--db", "w.duckdb", "--no-code", "--json", cwd=tmp_path, stdin=STORY_B
    )
    assert json.loads(piped.stdout)["accepted"] == 1
    with duckdb.connect(str(tmp_path / "w.duckdb"), read_only=True) as con:
        rows = con.execute("SELECT id, published, source FROM articles ORDER BY id").fetchall()
    assert rows[1][0] == "k1" and str(rows[1][1]) == "2024-02-03"
    assert rows[0][2] == "stdin"


def test_urls_need_allow_private_for_local_servers(tmp_path: Path, http_server: Server) -> None:
    url = f"{http_server.base}/news/a.html"
    refused = in_process("ingest", url, "--db", "w.duckdb", "--no-code", "--json", cwd=tmp_path)
    assert json.loads(refused.stdout)["reasons"]["rejected"] == {"refused": 1}
    allowed = in_process(
        "ingest",
        url,
        f"{http_server.base}/feed.xml",
        "--allow-private",
        "--db",
        "w.duckdb",
        "--no-code",
        "--json",
        "--timeout",
        "2",
        cwd=tmp_path,
    )
    s = json.loads(allowed.stdout)
    assert s["accepted"] == 3 and s["duplicate"] == 2  # a.html again, its syndicated copy


def test_bad_option_is_a_clear_error(tmp_path: Path) -> None:
    proc = whimbrel("ingest", "x", "--stdin-format", "pdf", "--db", "w.duckdb", cwd=tmp_path)
    assert proc.returncode == 2 and "W104" in proc.stderr and "Try:" in proc.stderr


def test_ingest_codes_the_seed_article(tmp_path: Path) -> None:
    seed = ROOT / "examples" / "seed-article.txt"
    proc = whimbrel(
        "ingest", str(seed), "--db", "w.duckdb", "--date", "2022-06-06", "--json", cwd=tmp_path
    )
    assert proc.returncode == 0, proc.stderr
    s = json.loads(proc.stdout)
    assert s["accepted"] == 1 and s["coded"] == 1 and s["events"] > 0
    with duckdb.connect(str(tmp_path / "w.duckdb"), read_only=True) as con:
        status, text, meta, published = con.execute(
            "SELECT status, text, meta, published FROM articles"
        ).fetchone()  # type: ignore[misc]
    assert status == "done" and str(published) == "2022-06-06"
    assert "Share Selection" not in text and "Irina Tsukerman" not in text
    assert json.loads(meta)["bio"].startswith("Irina Tsukerman")
