"""`whimbrel eval events`: the PLOVER JSON reader, the scorer and the command."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from spacy.language import Language

from tests.conftest import DATA
from whimbrel.errors import GoldFileError
from whimbrel.eval.events import (
    EventReport,
    evaluate,
    format_report,
    load_gold,
    parse_gold,
    report_dict,
)

MINI = DATA / "events" / "mini-gold.json"


def test_reader_accepts_old_names_and_both_role_keys() -> None:
    records = {r.id: r for r in load_gold(MINI)}
    assert records["m3"].event == "ASSAULT"
    assert (records["m4"].event, records["m4"].mode) == ("ACCUSE", "disapprove")
    assert [a.code for a in records["m2"].source] == ["EUR"]
    assert [a.code for a in records["m2"].target] == ["RUS"]
    assert records["m5"].event is None and records["m6"].event is None


def test_reader_accepts_json_lines(tmp_path: Path) -> None:
    rows = json.loads(MINI.read_text(encoding="utf-8"))
    path = tmp_path / "gold.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in rows), encoding="utf-8")
    assert [r.id for r in load_gold(path)] == [r["id"] for r in rows]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("[{", "neither a JSON list"),
        ('[{"id": "x"}]', "has no text"),
        ('[{"text": "A.", "event": "DANCE"}]', "unknown event type"),
        ('[{"text": "A.", "event": "AID", "date": "06/06/2022"}]', "YYYY-MM-DD"),
        ('[{"text": "A.", "event": "AID", "source": "Cuba"}]', "list of objects"),
    ],
)
def test_malformed_gold_is_a_clear_error(tmp_path: Path, content: str, message: str) -> None:
    path = tmp_path / "bad.json"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(GoldFileError, match=message):
        load_gold(path)


def test_missing_gold_file(tmp_path: Path) -> None:
    with pytest.raises(GoldFileError, match="No gold file"):
        load_gold(tmp_path / "absent.json")


@pytest.fixture(scope="module")
def report(nlp: Language) -> EventReport:
    return evaluate(MINI, nlp)


def test_scores_the_mini_gold(report: EventReport) -> None:
    assert report.n == 6
    by_id = {o.record.id: o for o in report.outcomes}
    assert by_id["m1"].type_right and by_id["m1"].source_right and by_id["m1"].target_right
    assert by_id["m2"].type_right and by_id["m2"].source_right and by_id["m2"].target_right
    assert by_id["m3"].type_right  # FIGHT read as ASSAULT
    assert by_id["m5"].type_right and by_id["m6"].type_right  # no event given
    fp = report.no_event_false_positives()
    assert fp["texts"] == 2 and fp["any"] == 0.0
    confusion = report.confusion()
    assert confusion["COERCE"]["COERCE"] == 1 and confusion["none"]["none"] == 2
    p, r, f1, n = report.per_type()["SANCTION"]
    assert (p, r, f1, n) == (1.0, 1.0, 1.0, 1)


def test_calibration_bins_cover_every_top_event(report: EventReport) -> None:
    bins = report.calibration()
    assert sum(n for *_, n in bins) == sum(1 for o in report.outcomes if o.predicted)
    for lo, hi, acc, _ in bins:
        assert 0.0 <= lo <= hi <= 1.0 and 0.0 <= acc <= 1.0


def test_report_text_and_json(report: EventReport) -> None:
    text = format_report(report)
    for part in (
        "type accuracy",
        "full source-type-target",
        "actor accuracy",
        "false positives",
        "confusion",
        "calibration",
        "SANCTION",
    ):
        assert part in text
    data = json.loads(json.dumps(report_dict(report)))
    assert data["summary"]["texts"] == 6


def test_parse_gold_names_the_record() -> None:
    with pytest.raises(GoldFileError, match="record 2"):
        parse_gold([{"text": "Fine."}, {"event": "AID"}])


def test_eval_events_command(tmp_path: Path) -> None:
    run = subprocess.run(
        [sys.executable, "-m", "whimbrel", "eval", "events", str(MINI)],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        timeout=120,
    )
    assert run.returncode == 0, run.stderr
    assert "type accuracy (top event or none):" in run.stdout
    assert "calibration" in run.stdout
    bad = tmp_path / "bad.json"
    bad.write_text("[{", encoding="utf-8")
    run = subprocess.run(
        [sys.executable, "-m", "whimbrel", "eval", "events", str(bad)],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        timeout=120,
    )
    assert run.returncode == 2 and "W500" in run.stderr
