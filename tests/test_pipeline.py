"""End to end on the seed article: clean -> parse -> actors -> events."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.conftest import SEED
from whimbrel.ingest.readers import read_text_file
from whimbrel.pipeline import CodedArticle, Pipeline
from whimbrel.records import Article, Event

RESIDUE = ("Thanks for contacting us", "received your submission", "Share Selection")
BIO = ("Irina Tsukerman", "Scarab Rising", "Washington Outsider")


@pytest.fixture(scope="module")
def seed(pipeline: Pipeline) -> CodedArticle:
    article = read_text_file(SEED, published=dt.date(2022, 6, 6))
    return pipeline.code_one(article)


def _codes(actors: list) -> set[str | None]:  # type: ignore[type-arg]
    return {a.code for a in actors}


def _find(events: list[Event], etype: str, words: str) -> list[Event]:
    return [e for e in events if e.event_type == etype and words in e.evidence.sentence]


def test_residue_and_bio_are_not_coded(seed: CodedArticle) -> None:
    assert seed.error is None
    for phrase in RESIDUE + BIO:
        assert phrase not in seed.article.text
        assert all(phrase not in e.evidence.sentence for e in seed.events)
    assert "Irina Tsukerman" in seed.article.meta["bio"]


def test_boycott(seed: CodedArticle) -> None:
    boycotts = _find(seed.events, "PROTEST", "boycotting the summit")
    assert boycotts, [(e.event_type, e.evidence.trigger) for e in seed.events]
    assert {"CUB", "VEN", "NIC"} <= _codes(boycotts[0].source)


def test_corruption_list(seed: CodedArticle) -> None:
    listed = _find(seed.events, "SANCTION", "corruption list")
    assert listed, [(e.event_type, e.evidence.trigger) for e in seed.events]
    assert "USA" in _codes(listed[0].source)


# The events the seed article must give (issue 4): type, the trigger, words of its
# sentence, source codes and target codes that must be among the event's actors.
SEED_EVENTS = [
    ("PROTEST", "boycotting", "boycotting the summit", {"CUB", "VEN", "NIC"}, set()),
    ("REJECT", "excluded", "Biden excluded them", {"USA"}, {"CUB", "VEN", "NIC"}),
    ("CONCEDE", "lift", "lift energy sanctions", {"USA"}, {"VEN"}),
    ("SANCTION", "placed", "corruption list", {"USA"}, set()),
    ("ACCUSE", "accusing", "accusing him of human-rights abuses", {"USA"}, {"SLV"}),
    ("AID", "diverted", "diverted humanitarian aid", {"USA"}, set()),
    ("PROTEST", "mocked", "protesters mocked the veep", {"GTM"}, {"USA"}),
    ("REQUEST", "beg", "beg them to attend", {"USA"}, {"ARG", "BRA"}),
]


@pytest.mark.parametrize(
    ("etype", "trigger", "words", "sources", "targets"),
    SEED_EVENTS,
    ids=[f"{t}-{w}" for t, w, *_ in SEED_EVENTS],
)
def test_seed_event(
    seed: CodedArticle, etype: str, trigger: str, words: str, sources: set[str], targets: set[str]
) -> None:
    found = [e for e in _find(seed.events, etype, words) if e.evidence.trigger == trigger]
    assert found, [
        (e.event_type, e.evidence.trigger) for e in seed.events if words in e.evidence.sentence
    ]
    event = found[0]
    assert sources <= _codes(event.source), event.source
    assert targets <= _codes(event.target), event.target
    assert not event.negated


def test_evidence_offsets_point_into_the_article(seed: CodedArticle) -> None:
    text = seed.article.text
    for e in seed.events:
        ev = e.evidence
        assert text[ev.start : ev.end].strip() == ev.sentence.strip()
        if ev.trigger_start is not None and ev.trigger_end is not None:
            assert text[ev.trigger_start : ev.trigger_end] == ev.trigger
        for actor in [*e.source, *e.target]:
            if actor.start is not None and actor.end is not None:
                assert text[actor.start : actor.end] == actor.text


def test_one_bad_article_does_not_stop_the_others(
    pipeline: Pipeline, monkeypatch: pytest.MonkeyPatch
) -> None:
    original = pipeline.code_document

    def flaky(document):  # type: ignore[no-untyped-def]
        if "explode" in document.article.text:
            raise RuntimeError("simulated stage failure")
        return original(document)

    monkeypatch.setattr(pipeline, "code_document", flaky)
    arts = [
        Article.from_text(t)
        for t in ("Cuba is boycotting the summit.", "explode here", "Mexico is boycotting it.")
    ]
    out = list(pipeline.code(arts))
    assert [c.article.id for c in out] == [a.id for a in arts]
    assert out[1].error is not None and "simulated" in out[1].error.message
    assert out[0].error is None and out[2].error is None


def test_too_long_article_is_rejected_with_its_reason_and_kept() -> None:
    from whimbrel.settings import Settings

    small = Pipeline(Settings(max_chars=200))
    long_text = "Cuba is boycotting the summit. " * 20
    arts = [Article.from_text(long_text), Article.from_text("Mexico is boycotting the summit.")]
    out = list(small.code(arts))
    assert out[0].error is not None and out[0].error.reason == "too-long"
    assert "WHIMBREL_MAX_CHARS" in out[0].error.message
    assert out[0].article.text == long_text  # nothing accepted is lost
    assert out[1].error is None and out[1].events
