"""`whimbrel code`: every input and output format, storage, and user mistakes."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from tests.cli.conftest import Runner
from tests.conftest import SEED

SHORT = "Cuba, Venezuela and Nicaragua are boycotting the summit in Los Angeles.\n"


@pytest.fixture()
def short_file(tmp_path: Path) -> Path:
    path = tmp_path / "short.txt"
    path.write_text(SHORT)
    return path


def test_jsonl_output_is_the_contract(whimbrel: Runner) -> None:
    r = whimbrel("code", str(SEED), "--date", "2022-06-06", "--format", "jsonl")
    assert r.returncode == 0, r.stderr
    events = [json.loads(line) for line in r.stdout.splitlines()]
    assert events, "the seed article gives events"
    text = SEED.read_text()
    for e in events:
        assert e["date"] == "2022-06-06" or e["date"] is not None
        ev = e["evidence"]
        assert ev["trigger"] in ev["sentence"]
        assert "Thanks for contacting us" not in ev["sentence"]
        assert "Irina Tsukerman" not in ev["sentence"]
        assert ev["sentence"].strip() in text


@pytest.mark.parametrize("fmt", ["json", "csv", "table"])
def test_other_formats_hold_the_same_events(whimbrel: Runner, short_file: Path, fmt: str) -> None:
    r = whimbrel("code", str(short_file), "--format", fmt)
    assert r.returncode == 0, r.stderr
    if fmt == "json":
        events = json.loads(r.stdout)
        assert any(e["event_type"] == "PROTEST" for e in events)
    elif fmt == "csv":
        rows = list(csv.DictReader(io.StringIO(r.stdout)))
        assert any(row["event_type"] == "PROTEST" and "CUB" in row["source_codes"] for row in rows)
    else:
        assert "PROTEST" in r.stdout and "boycotting" in r.stdout


def test_stdin(whimbrel: Runner) -> None:
    r = whimbrel("code", "-", "--format", "jsonl", stdin=SHORT)
    assert r.returncode == 0, r.stderr
    assert any(json.loads(x)["event_type"] == "PROTEST" for x in r.stdout.splitlines())


def test_jsonl_input_keeps_ids_and_skips_bad_lines(whimbrel: Runner, tmp_path: Path) -> None:
    path = tmp_path / "in.jsonl"
    path.write_text(
        json.dumps({"id": "art-1", "text": SHORT, "date": "2022-06-01"})
        + "\n"
        + "{not json\n"
        + json.dumps({"id": "art-2", "title": "no text"})
        + "\n"
        + json.dumps({"id": "art-3", "text": SHORT, "date": "June first"})
        + "\n"
    )
    r = whimbrel(
        "code", str(path), "--input-format", "jsonl", "--format", "jsonl", "--db", "x.duckdb"
    )
    assert r.returncode == 0, r.stderr
    events = [json.loads(x) for x in r.stdout.splitlines()]
    assert {e["article_id"] for e in events} == {"art-1"}
    assert all(e["date"] == "2022-06-01" for e in events)
    assert r.stderr.count("skipped") == 3
    assert "W105" in r.stderr and "W103" in r.stderr
    stats = json.loads(whimbrel("stats", "--db", "x.duckdb", "--json").stdout)
    assert stats["rejects"] == 3 and stats["articles"] == 1


def test_coding_again_replaces_not_duplicates(whimbrel: Runner, short_file: Path) -> None:
    for _ in range(2):
        r = whimbrel("code", str(short_file), "--db", "w.duckdb", "--format", "jsonl")
        assert r.returncode == 0, r.stderr
    n_printed = len(r.stdout.splitlines())
    stats = json.loads(whimbrel("stats", "--db", "w.duckdb", "--json").stdout)
    assert stats["articles"] == 1 and stats["events"] == n_printed > 0


@pytest.mark.parametrize(
    ("args", "code", "hint"),
    [
        (["code", "missing.txt"], "W101", "check the path"),
        (["code", "latin1.txt"], "W102", "iconv"),
        (["code", "binary.bin"], "W102", "binary"),
        (["code", "empty.txt"], "W106", "article text"),
        (["code", "short.txt", "--format", "xml"], "W104", "table, jsonl, json, csv"),
        (["code", "short.txt", "--input-format", "xml"], "W104", "text, jsonl"),
        (["code", "short.txt", "--date", "06/06/2022"], "W103", "2022-06-06"),
        (["events", "--db", "nothing.duckdb"], "W101", "whimbrel code"),
        (["events", "--db", "w.duckdb", "--since", "yesterday"], "W103", "YYYY-MM-DD"),
    ],
)
def test_user_mistakes_give_one_line_and_exit_2(
    whimbrel: Runner, short_file: Path, tmp_path: Path, args: list[str], code: str, hint: str
) -> None:
    (tmp_path / "latin1.txt").write_bytes("Le président a visité Asunción.".encode("latin-1"))
    (tmp_path / "binary.bin").write_bytes(bytes(range(256)) * 4)
    (tmp_path / "empty.txt").write_text("  \n\n")
    if "w.duckdb" in args:
        assert whimbrel("code", str(short_file), "--db", "w.duckdb").returncode == 0
    r = whimbrel(*args)
    assert r.returncode == 2
    lines = r.stderr.strip().splitlines()
    assert len(lines) == 1, r.stderr
    assert lines[0].startswith(f"error: [{code}]") and hint in lines[0]
    assert "Traceback" not in r.stderr


@pytest.mark.parametrize("via", ["option", "env"])
def test_user_actor_file_codes_new_actor(
    whimbrel: Runner, tmp_path: Path, via: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A user's YAML adds an actor the packaged knowledge base does not know."""
    kb = tmp_path / "mine.yaml"
    kb.write_text(
        "- name: Ruritania Liberation Front\n  aliases: [RLF]\n  code: DEU\n  sector: REB\n"
    )
    text = tmp_path / "a.txt"
    text.write_text("The Ruritania Liberation Front attacked a police station in Berlin.\n")
    args = ["code", str(text), "--date", "2024-03-01", "--format", "jsonl"]
    if via == "option":
        args += ["--actors", str(kb)]
    else:
        monkeypatch.setenv("WHIMBREL_ACTORS", str(kb))
    r = whimbrel(*args)
    assert r.returncode == 0, r.stderr
    sources = [a for line in r.stdout.splitlines() for a in json.loads(line)["source"]]
    assert any(a["code"] == "DEU" and a["sector"] == "REB" for a in sources), r.stdout


def test_bad_user_actor_file_is_a_clear_error(whimbrel: Runner, short_file: Path) -> None:
    r = whimbrel("code", str(short_file), "--actors", str(short_file.parent / "missing.yaml"))
    assert r.returncode != 0
    assert "Traceback" not in r.stderr
    assert "missing.yaml" in r.stderr


def test_cli_reports_a_bad_setting_without_traceback(
    whimbrel: Runner, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("WHIMBREL_BATCH_SIZE", "lots")
    r = whimbrel("code", "-", stdin="Cuba condemned the United States.\n")
    assert r.returncode != 0
    assert "[W108]" in r.stderr and "Traceback" not in r.stderr
