"""The trained classifier: shipped as JSON, loaded with numpy, rebuilt deterministically."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from spacy.language import Language

from whimbrel.errors import ModelError, TrainedModelMissing
from whimbrel.events.classify import MODEL_PATH, NONE, EventModel, actor_kind, load_model
from whimbrel.events.train import TRAIN_DIR, fit, read_examples, train, trigger_token
from whimbrel.records import PLOVER_TYPES


def test_shipped_model_is_json_with_every_type() -> None:
    data = json.loads(MODEL_PATH.read_text(encoding="utf-8"))
    assert data["format"] == "whimbrel-event-model/2"
    model = load_model()
    assert set(model.labels) == {*PLOVER_TYPES, NONE}
    assert int(str(model.meta["examples"])) >= 16 * 60


@pytest.mark.parametrize(
    ("text", "trigger", "expected"),
    [
        ("Japan sent tonnes of food and medicine to flood victims in Pakistan.", "sent", "AID"),
        (
            "Thousands of teachers marched through Nairobi to demand higher pay.",
            "marched",
            "PROTEST",
        ),
        ("Police in Minsk detained dozens of opposition supporters.", "detained", "COERCE"),
        ("The central bank left interest rates unchanged on Thursday.", "left", NONE),
    ],
)
def test_model_types_clauses(nlp: Language, text: str, trigger: str, expected: str) -> None:
    model = load_model()
    doc = nlp(text)
    tok = next(t for t in doc if t.text == trigger)
    probs = model.predict(tok)
    assert abs(sum(probs.values()) - 1.0) < 1e-6
    assert max(probs, key=lambda k: probs[k]) == expected


@pytest.mark.parametrize("content", ["", "{not json", '{"format": "other"}'])
def test_missing_or_corrupt_model_is_a_clear_error(tmp_path: Path, content: str) -> None:
    path = tmp_path / "model.json"
    if content:
        path.write_text(content, encoding="utf-8")
    with pytest.raises(TrainedModelMissing, match="whimbrel train"):
        load_model(path)


def _subset(tmp_path: Path) -> Path:
    """Three of the repository's labelled files (a quick, real training set)."""
    folder = tmp_path / "train"
    folder.mkdir()
    for name in ("coerce.jsonl", "protest.jsonl", "none-a.jsonl"):
        (folder / name).write_text((TRAIN_DIR / name).read_text(encoding="utf-8"), encoding="utf-8")
    return folder


def test_training_is_deterministic_and_round_trips(nlp: Language, tmp_path: Path) -> None:
    folder = _subset(tmp_path)
    a, b = tmp_path / "a.json", tmp_path / "b.json"
    train(nlp, folder, a)
    train(nlp, folder, b)
    assert a.read_bytes() == b.read_bytes()
    model = load_model(a)
    assert set(model.labels) == {"COERCE", "PROTEST", NONE}
    again = EventModel.from_json(json.loads(json.dumps(model.to_json())))
    doc = nlp("Riot police detained forty protesters outside parliament.")
    tok = next(t for t in doc if t.text == "detained")
    assert again.predict(tok) == pytest.approx(model.predict(tok))
    assert max(model.predict(tok).items(), key=lambda kv: kv[1])[0] == "COERCE"


def test_bad_training_lines_are_rejected_not_fatal(nlp: Language, tmp_path: Path) -> None:
    folder = _subset(tmp_path)
    (folder / "broken.jsonl").write_text(
        '{"id": "x1", "text": "no closing brace"\n'
        '{"id": "x2", "text": "Police arrested him.", "event": "NOT_A_TYPE", "trigger": "x"}\n'
        '{"id": "x3", "text": "Police arrested him.", "event": "COERCE", "trigger": "seized"}\n',
        encoding="utf-8",
    )
    report = train(nlp, folder, tmp_path / "m.json")
    reasons = sorted(r.reason for r in report.rejected)
    assert reasons == ["bad-line", "bad-line", "trigger-not-found"]
    assert load_model(tmp_path / "m.json").labels


def test_trigger_token_is_the_phrase_head(nlp: Language) -> None:
    doc = nlp("Kenya offered to send 1,000 police officers to Haiti.")
    tok = trigger_token(doc, "offered to send")
    assert tok is not None and tok.text == "offered"
    assert trigger_token(doc, "absent words") is None


def test_examples_read_from_the_repository() -> None:
    examples, rejected = read_examples(sorted(TRAIN_DIR.glob("*.jsonl")))
    assert not rejected
    types = {e.event for e in examples}
    assert set(PLOVER_TYPES) <= types and None in types


def test_fit_reports_counts(nlp: Language, tmp_path: Path) -> None:
    folder = _subset(tmp_path)
    coerce, _ = read_examples([folder / "coerce.jsonl"])
    none, _ = read_examples([folder / "none-a.jsonl"])
    model, report = fit(coerce[:15] + none[:15], nlp)
    assert report.examples == 30 and report.instances >= 30
    assert report.by_type == {"COERCE": 15, NONE: 15}
    assert set(model.labels) == {"COERCE", NONE}
    with pytest.raises(ModelError, match="two labels"):
        fit(coerce[:15], nlp)


def test_train_command_writes_a_model(tmp_path: Path) -> None:
    import subprocess
    import sys

    folder = _subset(tmp_path)
    out = tmp_path / "cli-model.json"
    run = subprocess.run(
        [sys.executable, "-m", "whimbrel", "train", "--data", str(folder), "--out", str(out)],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        timeout=300,
    )
    assert run.returncode == 0, run.stderr
    assert "trained on" in run.stdout and "COERCE" in run.stdout
    assert set(load_model(out).labels) == {"COERCE", "PROTEST", NONE}


@pytest.mark.parametrize(
    ("text", "word", "kind"),
    [
        ("Militiamen killed 20 villagers.", "Militiamen", "UAF"),
        ("Floods killed 20 villagers.", "Floods", None),
        ("Russian troops crossed the border.", "troops", "MIL"),
        ("Ukraine shelled the town.", "Ukraine", "country"),
        ("Hezbollah fired rockets.", "Hezbollah", "named"),
        ("The Ukrainian navy struck a ship.", "navy", "MIL"),
    ],
)
def test_actor_kind_says_who_acts(nlp: Language, text: str, word: str, kind: str | None) -> None:
    """The classifier's "who acts" feature: "militiamen killed" is violence, "floods" not."""
    token = next(t for t in nlp(text) if t.text == word)
    assert actor_kind(token) == kind
