"""Marking spans in article text: pieces cover the text exactly, and everything is escaped."""

from __future__ import annotations

import re
from html import unescape

import pytest

from whimbrel.records import Actor, Event, Evidence
from whimbrel.web.highlight import Mark, event_marks, pieces, render

HOSTILE = 'Hi <script>alert(1)</script> <img src=x onerror="alert(2)"> <a href="javascript:x">y</a>'


def _text_of(html: str) -> str:
    return unescape(re.sub(r"<[^>]+>", "", html))


@pytest.mark.parametrize(
    ("text", "marks"),
    [
        ("abcdef", []),
        ("abcdef", [Mark(1, 3, "ev")]),
        ("abcdef", [Mark(0, 6, "ev"), Mark(2, 4, "trigger"), Mark(3, 5, "actor-src")]),
        ("abcdef", [Mark(4, 99, "ev"), Mark(-1, 2, "ev")]),  # out of range: ignored
        ("naïve 🙂 text", [Mark(6, 7, "ev")]),
        (HOSTILE, [Mark(3, 29, "ev"), Mark(10, 15, "trigger")]),
    ],
)
def test_pieces_cover_the_text_and_render_escapes(text: str, marks: list[Mark]) -> None:
    assert "".join(p.text for p in pieces(text, marks)) == text
    html = str(render(text, marks))
    assert _text_of(html) == text
    assert "<script" not in html and "<img" not in html and "<a " not in html


def test_overlapping_marks_combine_classes() -> None:
    ps = pieces("0123456789", [Mark(0, 6, "ev", "e1", "ev-e1"), Mark(4, 8, "ev", "e2", "ev-e2")])
    assert [(p.text, p.classes, p.events, p.anchor) for p in ps] == [
        ("0123", ["ev"], ["e1"], "ev-e1"),
        ("45", ["ev"], ["e1", "e2"], "ev-e2"),
        ("67", ["ev"], ["e2"], None),
        ("89", [], [], None),
    ]


def _event(eid: str, start: int, end: int, trig: tuple[int, int], src: tuple[int, int]) -> Event:
    return Event(
        id=eid,
        article_id="a",
        event_type="ACCUSE",
        source=[Actor(text="x", code="USA", start=src[0], end=src[1])],
        evidence=Evidence(
            sentence="s",
            start=start,
            end=end,
            trigger="t",
            trigger_start=trig[0],
            trigger_end=trig[1],
        ),
    )


def test_event_marks_focus_marks_only_its_actors_and_trigger() -> None:
    events = [_event("e1", 0, 10, (2, 4), (0, 1)), _event("e2", 11, 20, (13, 15), (11, 12))]
    marks = event_marks(events, focus="e2")
    classes = {(m.cls, m.event_id) for m in marks}
    assert ("ev", "e1") in classes and ("ev", "e2") in classes
    assert ("ev-focus", "e2") in classes and ("trigger", "e2") in classes
    assert ("trigger", "e1") not in classes and ("actor-src", "e1") not in classes
    html = str(render("x" * 25, marks))
    assert 'id="ev-e2"' in html and 'class="ev ev-focus actor-src"' in html
