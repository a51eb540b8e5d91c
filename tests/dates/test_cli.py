"""`whimbrel eval dates|places FILE`, run as a user would, and gold-file checking."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import DATA
from whimbrel.errors import GoldFileError
from whimbrel.eval.dates import read_gold

DATE_FIELDS = ("published", "text", "trigger", "date", "granularity")


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "whimbrel", *args], capture_output=True, text=True, timeout=120
    )


@pytest.mark.parametrize(
    ("kind", "gold", "key"),
    [("dates", "dates-gold.jsonl", "accuracy"), ("places", "places-gold.jsonl", "within_25km")],
)
def test_eval_command(tmp_path: Path, kind: str, gold: str, key: str) -> None:
    small = tmp_path / gold
    small.write_text("".join((DATA / gold).read_text().splitlines(keepends=True)[:3]))
    r = _run("eval", kind, str(small), "--json")
    assert r.returncode == 0, r.stderr
    report = json.loads(r.stdout)
    assert report["total"] == 3 and key in report


def test_bad_gold_file_exits_with_its_error(tmp_path: Path) -> None:
    bad = tmp_path / "bad.jsonl"
    bad.write_text("not json\n")
    r = _run("eval", "dates", str(bad))
    assert r.returncode == 2
    assert "[W500]" in r.stderr and "bad.jsonl:1 is not JSON" in r.stderr


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("not json", "is not JSON"),
        ('{"text": "Police marched.", "trigger": "marched"}', "lacks published"),
        (
            '{"published": "2022-01-01", "text": "x", "trigger": "y", "date": "2022-01-01", '
            '"granularity": "day"}',
            "is not in the text",
        ),
    ],
)
def test_bad_gold_lines(tmp_path: Path, line: str, message: str) -> None:
    bad = tmp_path / "bad.jsonl"
    bad.write_text(
        '{"published": "2022-01-01", "text": "x", "trigger": "x", "date": '
        '"2022-01-01", "granularity": "day"}\n' + line + "\n"
    )
    with pytest.raises(GoldFileError, match=message) as err:
        read_gold(bad, DATE_FIELDS)
    assert "bad.jsonl:2" in str(err.value)


def test_missing_gold_file(tmp_path: Path) -> None:
    with pytest.raises(GoldFileError, match="No gold file"):
        read_gold(tmp_path / "nope.jsonl", DATE_FIELDS)
