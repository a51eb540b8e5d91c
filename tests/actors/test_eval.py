"""The actors scorer and the CLI faces: `whimbrel eval actors`, `whimbrel actors lookup`."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest

from tests.cli.conftest import Runner, whimbrel  # noqa: F401 - fixture
from tests.conftest import DATA, SEED
from whimbrel.actors import find_actors
from whimbrel.errors import GoldFileError
from whimbrel.eval.actors import score_actors
from whimbrel.nlp import parse
from whimbrel.records import Article

DEV = DATA / "actors" / "dev-gold.jsonl"


def test_scorer_on_the_dev_file(nlp) -> None:
    report = score_actors(DEV, nlp).as_dict()
    # 6 gold mentions. The coder finds the 5 actors ("12 people" is not one) and nothing else:
    # "in Honduras" is a place.
    assert report["gold_mentions"] == 6
    assert report["predicted_mentions"] == 5
    assert report["code_recall"] == round(5 / 6, 4)
    assert report["code_precision"] == 1.0
    assert report["code_sector_precision"] == 1.0
    assert any(m["gold"] and "12 people" in m["gold"] for m in report["misses"])


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("not json\n", "is not JSON"),
        ('{"text": "x"}\n', "lacks text or mentions"),
        ('{"text": "x", "mentions": [{"start": 0}]}\n', "lacks start, end or code"),
    ],
)
def test_malformed_gold_is_an_error(nlp, tmp_path: Path, content: str, message: str) -> None:
    path = tmp_path / "gold.jsonl"
    path.write_text(content)
    with pytest.raises(GoldFileError, match=message):
        score_actors(path, nlp)


def test_actor_work_is_fast_on_a_long_article(nlp, kb) -> None:
    text = SEED.read_text(encoding="utf-8")
    document = next(parse([Article.from_text(text)], nlp))
    find_actors(document, kb)
    start = time.perf_counter()
    for _ in range(5):
        find_actors(document, kb)
    per_article = (time.perf_counter() - start) / 5
    assert len(text) > 4000
    assert per_article < 0.1, per_article


def test_cli_lookup_explains(whimbrel: Runner) -> None:  # noqa: F811
    r = whimbrel("actors", "lookup", "El Salvador's President Nayib Bukele", "--date", "2022-06-06")
    assert r.returncode == 0, r.stderr
    assert "SLV GOV" in r.stdout and "because" in r.stdout and "2019-06-01" in r.stdout


def test_cli_lookup_with_user_file_warns(whimbrel: Runner) -> None:  # noqa: F811
    user = DATA / "actors" / "user-actors.yaml"
    r = whimbrel("actors", "lookup", "The RLF struck again.", "--actors", str(user))
    assert r.returncode == 0, r.stderr
    assert "DEU REB" in r.stdout and "warning:" in r.stderr


def test_cli_lookup_bad_date(whimbrel: Runner) -> None:  # noqa: F811
    r = whimbrel("actors", "lookup", "Washington", "--date", "June 6")
    assert r.returncode == 2 and "W103" in r.stderr


def test_cli_eval_actors(whimbrel: Runner) -> None:  # noqa: F811
    r = whimbrel("eval", "actors", str(DEV), "--json")
    assert r.returncode == 0, r.stderr
    report = json.loads(r.stdout)
    assert report["code_precision"] == 1.0
