"""Mark spans of an article's text (evidence, actors, trigger, a shared passage) as HTML.

``render`` cuts the text at every span boundary and wraps each piece in one ``<span>`` whose
classes are those of every span covering it; the text itself is escaped, so the element's
``textContent`` is exactly the article text (the share button's offsets rely on it).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from itertools import pairwise

from markupsafe import Markup, escape

from whimbrel.records import Event


@dataclass(frozen=True)
class Mark:
    start: int
    end: int
    cls: str
    event_id: str | None = None
    anchor: str | None = None  # an element id for the first piece of this mark


@dataclass
class Piece:
    text: str
    classes: list[str] = field(default_factory=list)
    events: list[str] = field(default_factory=list)
    anchor: str | None = None


def pieces(text: str, marks: list[Mark]) -> list[Piece]:
    """The text split at every mark boundary, each piece with the marks covering it."""
    n = len(text)
    good = [m for m in marks if 0 <= m.start < m.end <= n]
    cuts = sorted({0, n, *(m.start for m in good), *(m.end for m in good)})
    out: list[Piece] = []
    anchored: set[str] = set()
    for a, b in pairwise(cuts):
        piece = Piece(text[a:b])
        for m in good:
            if m.start <= a and b <= m.end:
                if m.cls not in piece.classes:
                    piece.classes.append(m.cls)
                if m.event_id and m.event_id not in piece.events:
                    piece.events.append(m.event_id)
                if m.anchor and m.anchor not in anchored and piece.anchor is None:
                    piece.anchor = m.anchor
                    anchored.add(m.anchor)
        out.append(piece)
    return out


def render(text: str, marks: list[Mark]) -> Markup:
    html: list[str] = []
    for p in pieces(text, marks):
        if not p.classes:
            html.append(str(escape(p.text)))
            continue
        attrs = f' class="{escape(" ".join(p.classes))}"'
        if p.events:
            attrs += f' data-events="{escape(" ".join(p.events))}"'
        if p.anchor:
            attrs += f' id="{escape(p.anchor)}"'
        html.append(f"<span{attrs}>{escape(p.text)}</span>")
    return Markup("".join(html))


def event_marks(events: list[Event], focus: str | None = None) -> list[Mark]:
    """Evidence of every event; actors and trigger of the focused one (or of all if none)."""
    marks: list[Mark] = []
    for e in events:
        ev = e.evidence
        marks.append(Mark(ev.start, ev.end, "ev", e.id, f"ev-{e.id}"))
        if focus is not None and e.id != focus:
            continue
        if focus == e.id:
            marks.append(Mark(ev.start, ev.end, "ev-focus", e.id))
        if ev.trigger_start is not None and ev.trigger_end is not None:
            marks.append(Mark(ev.trigger_start, ev.trigger_end, "trigger", e.id))
        for cls, actors in (("actor-src", e.source), ("actor-tgt", e.target)):
            for a in actors:
                if a.start is not None and a.end is not None:
                    marks.append(Mark(a.start, a.end, cls, e.id))
    return marks
