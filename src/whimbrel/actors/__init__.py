"""The actors stage: find political actor mentions in a Document and code them.

``find_actors(document)`` is the stage's entry point; ``explain_actors`` returns the same
mentions with the reasons for each coding (used by ``whimbrel actors lookup``).
"""

from __future__ import annotations

import datetime as dt

from spacy.tokens import Doc

from whimbrel.actors.coref import BODY_HEADS, GROUP_HEADS, resolve_document
from whimbrel.actors.knowledge import KnowledgeBase, kb_for, load_kb
from whimbrel.actors.mentions import Unit, scan, units
from whimbrel.actors.resolve import Mention, code_unit, split_conjuncts
from whimbrel.nlp.document import Document
from whimbrel.records import Actor

_DESCRIBED = {"country", "nation", "kingdom", "republic"}

__all__ = ["Mention", "explain_actors", "find_actors", "kb_for", "load_kb", "to_actors"]


def _actor_like(doc: Doc, u: Unit) -> bool:
    head = doc[u.head]
    for m in u.matches:
        if m.start <= u.head < m.end and m.kinds() & {"agent", "entry"}:
            return True
    return head.ent_type_ == "PERSON"


def _is_person(doc: Doc, u: Unit) -> bool:
    return doc[u.head].ent_type_ == "PERSON" or any(
        m.start <= u.head < m.end and "entry" in m.kinds() for m in u.matches
    )


def _person_title(doc: Doc, a: Unit, b: Unit) -> bool:
    """An apposition of a person and a title: "Mexico's new president, Claudia Sheinbaum"."""
    return (_is_person(doc, a) and _actor_like(doc, b)) or (
        _is_person(doc, b) and _actor_like(doc, a)
    )


def _merge(doc: Doc, us: list[Unit]) -> list[Unit]:
    """Fold possessors, "of" phrases and appositions into the phrase they describe."""
    by_head = {u.head: u for u in us}
    gone: set[int] = set()
    for u in sorted(us, key=lambda u: u.head):
        tok = doc[u.head]
        target: Unit | None = None
        described = not u.matches and tok.lemma_.lower() in _DESCRIBED
        if tok.dep_ == "poss" and (u.matches or described):
            g = by_head.get(tok.head.i)
            target = g if g is not None and _actor_like(doc, g) else None
        elif (
            tok.dep_ == "pobj"
            and (
                tok.head.lower_ == "of"
                # "envoys from Morocco", "troops from Kyrgyzstan", "a delegation from Hamas"
                or (
                    tok.head.lower_ == "from"
                    and tok.head.head.pos_ in {"NOUN", "PROPN"}
                    # not "recalled its ambassador from Israel" (posted there)
                    and not any(c.dep_ == "poss" for c in tok.head.head.children)
                )
            )
            and u.matches
            and not _is_person(doc, u)
        ):
            g = by_head.get(tok.head.head.i)
            target = g if g is not None and _actor_like(doc, g) else None
        elif tok.dep_ == "appos":
            g = by_head.get(tok.head.i)
            if (
                g is not None
                # "Putin and Turkish President Recep Tayyip Erdogan": the parser hangs the
                # second name on the first across the coordination; not one person.
                and not any(c.dep_ == "cc" for c in tok.head.children if c.i < tok.i)
                and _person_title(doc, g, u)
                and max(g.end, u.end) - min(g.start, u.start) <= 14
            ):
                target = g
        if target is None or target.head in gone:
            continue
        lo, hi = min(target.start, u.start), max(target.end, u.end)
        target.tokens = set(range(lo, hi))
        target.matches.extend(u.matches)
        gone.add(u.head)
    return [u for u in us if u.head not in gone]


def _split_coordinated(doc: Doc, us: list[Unit]) -> list[Unit]:
    """Split a phrase the parser glued over "and"/"or" when names stand on both sides
    ("warrants for Netanyahu and Hamas leader Yahya Sinwar")."""
    out: list[Unit] = []
    for u in us:
        ccs = [t for t in sorted(u.tokens) if doc[t].dep_ == "cc" and u.start < t < u.end - 1]
        pieces = [u]
        for cc in ccs:
            last = pieces[-1]
            left = [m for m in last.matches if m.end <= cc]
            right = [m for m in last.matches if m.start > cc]
            if not left or not right or last.head < cc or doc[cc - 1].pos_ == "ADJ":
                continue
            lt = {t for t in last.tokens if t < cc}
            rt = {t for t in last.tokens if t > cc}
            pieces[-1:] = [
                Unit(head=max(m.end - 1 for m in left), tokens=lt, matches=left),
                Unit(head=last.head, tokens=rt, matches=right),
            ]
        out.extend(pieces)
    return out


def _description(doc: Doc, u: Unit) -> Mention | None:
    """ "the country", "the nation": resolved later to the nearest country."""
    head = doc[u.head]
    lemma = head.lemma_.lower()
    if u.matches or head.tag_ != "NN" or lemma not in _DESCRIBED | BODY_HEADS | GROUP_HEADS:
        return None
    if not any(c.lower_ in {"the", "this", "that"} for c in head.lefts):
        return None
    return Mention(
        start=u.start,
        end=u.end,
        head=u.head,
        kind="description",
        emit=False,
        why=[f"description {doc[u.start : u.end].text!r}"],
    )


_DASHES = {"-", "--", "—", "–"}
_MONTHS = {
    "jan",
    "feb",
    "mar",
    "apr",
    "may",
    "jun",
    "jul",
    "aug",
    "sep",
    "sept",
    "oct",
    "nov",
    "dec",
    "january",
    "february",
    "march",
    "april",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
}


def dateline_tokens(doc: Doc) -> set[int]:
    """Tokens of news datelines ("WASHINGTON (Reuters) -", "ACCRA, March 14 -") at the start
    of the text or of a line: where the story was filed, not an actor. Found once per doc
    (kept in ``doc.user_data``): the actors and events stages both ask."""
    cached: set[int] | None = doc.user_data.get(_DATELINE_KEY)
    if cached is None:
        cached = doc.user_data[_DATELINE_KEY] = _find_dateline(doc)
    return cached


_DATELINE_KEY = "whimbrel_dateline"


def _find_dateline(doc: Doc) -> set[int]:
    out: set[int] = set()
    starts = [0] + [t.i + 1 for t in doc if t.is_space and "\n" in t.text and t.i + 1 < len(doc)]
    for start in starts:
        first = doc[start] if start < len(doc) else None
        if first is None or not (first.is_alpha and first.text.isupper() and len(first.text) > 1):
            continue
        depth = 0
        for i in range(start + 1, min(start + 12, len(doc))):
            tok = doc[i]
            if tok.text in _DASHES:
                out.update(range(start, i + 1))
                break
            depth += tok.text == "("
            depth -= tok.text == ")"
            place_or_date = (
                tok.text.isupper()
                or tok.text in {",", ".", "(", ")"}
                or tok.like_num
                or tok.lower_.rstrip(".") in _MONTHS
            )
            if not (place_or_date or depth > 0 or tok.text == ")"):
                break  # running text ("US officials said NATO - ..."), not a dateline
    return out


def _drop_dateline(doc: Doc, us: list[Unit]) -> list[Unit]:
    skip = dateline_tokens(doc)
    if not skip:
        return us
    out = []
    for u in us:
        if u.head in skip:
            continue
        u.tokens -= skip
        u.matches = [m for m in u.matches if not any(t in skip for t in range(m.start, m.end))]
        if u.tokens:
            out.append(u)
    return out


def explain_actors(
    document: Document, kb: KnowledgeBase | None = None, day: dt.date | None = None
) -> list[Mention]:
    """Every coded mention with its reasons, in text order (including non-emitted ones)."""
    kb = kb or kb_for()
    doc = document.doc
    day = day or document.article.published or dt.date.today()
    us = _merge(doc, _split_coordinated(doc, _drop_dateline(doc, units(doc, scan(doc, kb)))))
    mentions: list[Mention] = []
    group = 0
    group_of: dict[int, int] = {}
    for u in us:
        head = doc[u.head]
        person_ent = head.ent_type_ == "PERSON" and head.pos_ == "PROPN" and head.is_alpha
        m = code_unit(doc, u, kb, day, person_ent=person_ent) or _description(doc, u)
        if m is None:
            continue
        parts = split_conjuncts(doc, u, m, kb)
        # Conjoined heads ("Mexico, Honduras, El Salvador and Guatemala") share a group.
        first = head
        while first.dep_ == "conj" and first.head.i != first.i:
            first = first.head
        if len(parts) > 1:
            group += 1
            for p in parts:
                p.group = group
        elif first.i != head.i or any(c.dep_ == "conj" for c in head.children):
            if first.i not in group_of:
                group += 1
                group_of[first.i] = group
            m.group = group_of[first.i]
        mentions.extend(parts)
    # A conjunct group of one is no group.
    sizes: dict[int, int] = {}
    for m in mentions:
        if m.group is not None:
            sizes[m.group] = sizes.get(m.group, 0) + 1
    for m in mentions:
        if m.group is not None and sizes[m.group] < 2:
            m.group = None
    resolved = resolve_document(doc, mentions)
    return sorted(resolved, key=lambda m: (m.start, m.end))


# People named only by what happens to them ("killed 12 people", "pardoned 50 convicts"):
# a victim or beneficiary in an event's roles, not a political actor of the article.
ROLE_ONLY_HEADS = {
    "people",
    "person",
    "prisoner",
    "detainee",
    "convict",
    "survivor",
    "passenger",
    "household",
    "thousand",
    "hundred",
    "ten",
    "crowd",
    "shopper",
    "consumer",
    "motorist",
}


_QUANTITY_WORDS = {"more", "fewer", "least", "most", "several", "many", "other", "some"}


def _role_only(doc: Doc, m: Mention) -> bool:
    """A bare victim word with the context's country ("at least 12 people"); not a phrase
    that says who they are ("young people", "222 political prisoners")."""
    head = doc[m.head]
    if not m.borrowed or head.lemma_.lower() not in ROLE_ONLY_HEADS:
        return False
    words = [
        t
        for t in doc[m.start : m.end]
        if t.pos_ in {"NOUN", "PROPN", "ADJ", "VERB"} and t.lower_ not in _QUANTITY_WORDS
    ]
    return words == [head]


def to_actors(
    document: Document, mentions: list[Mention], uncoded_agents: bool = False
) -> list[Actor]:
    """Emitted mentions as actors; with ``uncoded_agents``, also the actors named only by
    their role whose country the text does not give ("gunmen", "villagers": code None), for
    the events stage to fill from the event's place."""
    doc = document.doc
    out = []
    for m in mentions:
        wanted = m.code or (uncoded_agents and m.kind == "agent" and m.sector)
        if not m.emit or not wanted:
            continue
        if not uncoded_agents and _role_only(doc, m):
            continue
        span = doc[m.start : m.end]
        out.append(
            Actor(
                text=span.text,
                code=m.code,
                sector=m.sector,
                name=m.name,
                kb_id=m.kb_id,
                start=span.start_char,
                end=span.end_char,
            )
        )
    return out


def find_actors(
    document: Document, kb: KnowledgeBase | None = None, uncoded_agents: bool = False
) -> list[Actor]:
    """Coded actor mentions of the document, in text order (char offsets into its text).

    ``kb`` defaults to the shipped knowledge base plus the WHIMBREL_ACTORS files;
    ``uncoded_agents`` adds role-only actors without a country (see ``to_actors``).
    """
    return to_actors(document, explain_actors(document, kb), uncoded_agents)
