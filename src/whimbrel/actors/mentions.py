"""Mention detection: knowledge-base phrases in the text, grouped into noun-phrase units.

1. ``scan`` finds knowledge-base phrases by their normalised text over token windows
   (longest first, left to right), with lemma fallbacks for plural agent nouns and case
   rules for short names ("US" is a country, "us" is not).
2. ``units`` groups tokens into noun phrases around their syntactic heads, merging
   possessors, "of" phrases and appositions into the phrase they describe ("El Salvador's
   President Nayib Bukele", "the government of Mexico", "Mexico's new president, Claudia
   Sheinbaum"). spaCy's entity labels are used only as hints: the small model calls
   "Alejandro Giammattei" an ORG and "MS-13" a PERSON.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import NamedTuple

from spacy.tokens import Doc, Span, Token

from whimbrel.actors.knowledge import Hit, KnowledgeBase, norm

_LEFT_DEPS = {
    "det",
    "amod",
    "compound",
    "nmod",
    "nummod",
    "quantmod",
    "npadvmod",
    "advmod",
    "punct",
    "predet",
    "nn",
    "flat",
    "case",
    "dep",
    "poss",
}
_NOMINAL = {"NOUN", "PROPN", "NUM", "X"}
_NOT_HEAD_DEPS = {"compound", "flat", "nmod", "amod", "case"}
_NAME_KINDS = {"name", "adjective", "demonym", "metonym", "entry"}
_OPAQUE_ENTS = {"ORG", "FAC", "WORK_OF_ART", "PRODUCT", "EVENT", "LAW", "PERSON"}


@dataclass
class Match:
    """A knowledge-base phrase found in the document (token indices, end exclusive)."""

    start: int
    end: int
    hits: list[Hit]

    def kinds(self) -> set[str]:
        return {h.kind for h in self.hits}


@dataclass
class Unit:
    """A noun phrase around ``head``: the candidate span of one actor mention."""

    head: int
    tokens: set[int]
    matches: list[Match] = field(default_factory=list)
    possessor: Unit | None = None  # merged possessor/of-phrase/apposition units
    parts: list[Unit] = field(default_factory=list)

    @property
    def start(self) -> int:
        return min(self.tokens)

    @property
    def end(self) -> int:
        return max(self.tokens) + 1


def _case_ok(hit: Hit, text: str) -> bool:
    """Short names match only in their own case: 'US' but not 'us', 'WHO' not 'who'."""
    if hit.kind == "agent":
        return True
    if hit.cased is not None:
        if any(ch.isupper() for ch in hit.cased):
            return text == hit.cased or (text.isupper() and text.upper() == hit.cased.upper())
        return text.isupper()
    return text[:1].isupper() or text[:1].isdigit()


def scan(doc: Doc, kb: KnowledgeBase, window: int = 8) -> list[Match]:
    """Knowledge-base phrases in ``doc``, longest first, without overlaps."""
    found: list[Match] = []
    n = len(doc)
    limit = min(window, kb.max_words)
    i = 0
    text = doc.text
    # Token attributes read once, in one pass: a spaCy Token is a new object on every doc[i].
    texts: list[str] = []
    lowers: list[str] = []
    tags: list[str] = []
    lemmas: list[str] = []
    puncts: list[bool] = []
    starts: list[int] = []
    ends: list[int] = []
    for t in doc:
        texts.append(t.text)
        lowers.append(t.lower_.replace("’", "'"))
        tags.append(t.tag_)
        lemmas.append(t.lemma_)
        puncts.append(t.is_punct)
        starts.append(t.idx)
        ends.append(t.idx + len(t.text))
    toks = _TokenView(texts, lowers, tags, lemmas)
    opaque = [ent for ent in doc.ents if ent.label_ in _OPAQUE_ENTS]

    def span_text(a: int, b: int) -> str:
        return text[starts[a] : ends[b - 1]]

    while i < n:
        if (
            lowers[i] not in kb.first_words
            and not puncts[i]
            # A plural agent whose singular is in the KB ("navies", "juntas").
            and not (tags[i] in _PLURAL_TAGS and lemmas[i].lower() in kb.first_words)
        ):
            # Possessive clitics and lemmas are tried only through a first word in the KB.
            i += 1
            continue
        best = _longest(toks, kb, i, limit, span_text)
        if best is not None and lowers[i] == "the" and i + 1 < n:
            # "the UN refugee agency": a longer name may start after the article.
            later = _longest(toks, kb, i + 1, limit, span_text)
            if later is not None and later.end > best.end:
                best = later
        if best is None:
            i += 1
            continue
        if not _inside_opaque_name(doc, best, kb, opaque):
            found.append(best)
        i = best.end
    return found


class _TokenView(NamedTuple):
    texts: list[str]
    lowers: list[str]  # lower case, straight apostrophes
    tags: list[str]
    lemmas: list[str]


_PLURAL_TAGS = {"NNS", "NNPS"}


def _longest(
    toks: _TokenView,
    kb: KnowledgeBase,
    i: int,
    limit: int,
    span_text: Callable[[int, int], str],
) -> Match | None:
    """The longest knowledge-base phrase starting at token ``i``."""
    n = len(toks.texts)
    best: Match | None = None
    for j in range(min(n, i + limit), i, -1):
        key = norm(span_text(i, j))
        hits = kb.lookup(key)
        if not hits and toks.tags[j - 1] in _PLURAL_TAGS:
            lemma = toks.lemmas[j - 1]
            if lemma.lower() != toks.texts[j - 1].lower():
                stem = norm(span_text(i, j - 1) + " " + lemma) if j - 1 > i else lemma.lower()
                hits = [h for h in kb.lookup(stem) if h.kind in {"agent", "demonym"}]
        if not hits:
            continue
        first_text = toks.texts[i]
        if j - i == 1:
            hits = [h for h in hits if _case_ok(h, first_text)]
        else:
            hits = [
                h
                for h in hits
                if h.kind == "agent"
                or _case_ok(h, first_text)
                or (toks.lowers[i] == "the" and _case_ok(h, toks.texts[i + 1]))
            ]
        if hits:
            best = Match(i, j, hits)
            break
    return best


# Heads of a proper name that make it a body of the country it names ("the Zimbabwe Electoral
# Commission", "the New Zealand Defence Force"), not a title ("The Washington Outsider").
_INSTITUTION_HEADS = {
    "commission",
    "agency",
    "force",
    "conference",
    "council",
    "bureau",
    "office",
    "service",
    "department",
    "front",
    "guard",
    "assembly",
    "committee",
    "board",
    "federation",
    "movement",
    "alliance",
    "coalition",
    "command",
    "directorate",
}


def _inside_opaque_name(doc: Doc, m: Match, kb: KnowledgeBase, opaque: list[Span]) -> bool:
    """A country inside a longer proper name that is not an actor ("The Washington Outsider",
    "Summit of the Americas"); agents and KB entries are never dropped here."""
    if not m.kinds() <= {"name", "adjective", "metonym", "demonym", "place"}:
        return False
    for ent in opaque:  # the doc's entities of _OPAQUE_ENTS kinds
        if ent.start <= m.start and m.end <= ent.end and (ent.end - ent.start) > (m.end - m.start):
            root = doc[ent.end - 1]
            if kb.lookup(norm(ent.text)):
                return False
            is_agent = any(h.kind == "agent" for h in kb.lookup(root.lower_)) or any(
                h.kind == "agent" for h in kb.lookup(root.lemma_.lower())
            )
            institution = root.lemma_.lower() in _INSTITUTION_HEADS
            if root.pos_ == "PROPN" and not (is_agent or institution) and root.i >= m.end:
                return True
    return False


def _is_head(tok: Token) -> bool:
    # Demonyms used as nouns ("the Guatemalans") are sometimes tagged ADJ.
    adj_noun = tok.pos_ == "ADJ" and tok.dep_ in {"nsubj", "dobj", "pobj", "conj", "appos"}
    if tok.pos_ not in _NOMINAL and tok.tag_ not in {"NNP", "NNPS"} and not adj_noun:
        return False
    first = tok
    while first.dep_ == "conj" and first.head.i != first.i:
        first = first.head  # "business and tourist relations": conjoined modifiers
    return not (
        first.dep_ in _NOT_HEAD_DEPS
        and first.head.i != first.i
        and (first.head.pos_ in _NOMINAL | {"PROPN"})
    )


def _collect(tok: Token, out: set[int]) -> None:
    for child in tok.lefts:
        if child.dep_ in _LEFT_DEPS and child.dep_ != "poss":
            for t in child.subtree:
                out.add(t.i)
    for child in tok.rights:
        if child.dep_ in {"case", "flat", "compound"} or (
            child.dep_ == "punct" and child.text in {"-", "–"}
        ):
            out.add(child.i)
        if child.dep_ == "nummod":
            out.add(child.i)


def units(doc: Doc, matches: list[Match]) -> list[Unit]:
    """Noun-phrase units of the document with the KB matches they contain, text order."""
    by_head: dict[int, Unit] = {}
    owner: dict[int, Unit] = {}
    for tok in doc:
        if not _is_head(tok):
            continue
        toks = {tok.i}
        _collect(tok, toks)
        u = Unit(head=tok.i, tokens=toks)
        by_head[tok.i] = u
    # A token belongs to the smallest unit containing it (nested possessors stay separate).
    for u in sorted(by_head.values(), key=lambda u: len(u.tokens), reverse=True):
        for t in u.tokens:
            owner[t] = u
    for m in matches:
        # The match belongs to the unit of its syntactic root ("heads of state" -> "heads").
        root = next(
            (
                t
                for t in range(m.start, m.end)
                if not m.start <= doc[t].head.i < m.end or doc[t].head.i == t
            ),
            m.end - 1,
        )
        found = by_head.get(root) or owner.get(root) or owner.get(m.end - 1)
        if found is not None:
            u = found
            u.tokens.update(range(m.start, m.end))
        else:
            u = Unit(head=m.end - 1, tokens=set(range(m.start, m.end)))
            by_head[m.end - 1] = u
            for t in u.tokens:
                owner[t] = u
        u.matches.append(m)
    return sorted(by_head.values(), key=lambda u: u.start)
