"""Roles from syntax: which actor mentions are an event's source and target.

Source = who acts (subject or passive agent, inherited through control, raising,
coordination and relative clauses; the possessor of a nominal event); target = whom it is
done to (object, passive subject, prepositional complement). Actors are the actors stage's
mentions, matched to tokens by character offsets only.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from spacy.tokens import Span, Token

from whimbrel.records import Actor

_SUBJ = {"nsubj", "csubj", "expl"}
_PASS_SUBJ = {"nsubjpass", "csubjpass"}
_OBJ = {"dobj", "obj", "dative", "oprd"}
# Prepositions whose complement is a target ("sanctions on Venezuela", "trip to Guatemala").
_TARGET_PREPS = {
    "to", "on", "against", "with", "from", "into", "toward", "towards", "at", "of", "over",
    "for", "in", "upon",
}
# Modifiers that belong to an actor's noun phrase (apposition included).
_NP_DEPS = {"compound", "amod", "poss", "det", "nmod", "appos", "flat", "nummod", "case",
            "quantmod", "npadvmod"}
# Verbs whose object is the subject of their complement: "urged Iran to stop".
_OBJECT_CONTROL = {"urge", "ask", "beg", "force", "order", "persuade", "press", "tell",
                   "help", "encourage", "invite", "allow", "compel", "push", "call"}
_PLURAL_PRONOUNS = {"they", "them", "their", "theirs", "themselves"}
_SINGULAR_PRONOUNS = {"he", "him", "his", "she", "her", "hers", "it", "its", "himself",
                      "herself"}


@dataclass
class Roles:
    source: list[Actor] = field(default_factory=list)
    target: list[Actor] = field(default_factory=list)
    source_tokens: list[Token] = field(default_factory=list)
    passive: bool = False


def conjuncts(token: Token) -> list[Token]:
    return [token, *token.conjuncts]


def is_passive(verb: Token) -> bool:
    return any(c.dep_ in _PASS_SUBJ or c.dep_ == "auxpass" for c in verb.children)


def subject_tokens(verb: Token, depth: int = 0) -> list[Token]:
    """The acting tokens of a verb, following passives, control, coordination, relatives."""
    if depth > 6:
        return []
    for child in verb.children:
        if child.dep_ == "agent":
            return [t for p in child.children if p.dep_ == "pobj" for t in conjuncts(p)]
    if not is_passive(verb):
        for child in verb.children:
            if child.dep_ in _SUBJ and child.dep_ != "expl":
                return conjuncts(child)
    elif any(c.dep_ in _PASS_SUBJ for c in verb.children):
        return []  # a passive without an agent has no stated source
    head = verb.head
    if head is verb:
        return []
    if verb.dep_ == "xcomp":
        if head.lemma_.lower() in _OBJECT_CONTROL:
            objs = [c for c in head.children if c.dep_ in _OBJ]
            if objs:
                return conjuncts(objs[0])
        return subject_tokens(head, depth + 1)
    if verb.dep_ == "conj":
        return subject_tokens(head, depth + 1)
    if verb.dep_ == "relcl":
        return conjuncts(head) if head.pos_ in {"NOUN", "PROPN", "PRON"} else []
    if verb.dep_ in {"advcl", "acl", "pcomp"}:
        if verb.dep_ == "acl" and head.pos_ in {"NOUN", "PROPN"} and verb.tag_ != "VBN":
            return [head]
        return subject_tokens(head, depth + 1)
    return []


def object_tokens(verb: Token) -> list[Token]:
    """What the verb is done to: objects, passive subjects, prepositional complements."""
    found: list[Token] = []
    passive = is_passive(verb)
    for child in verb.children:
        if child.dep_ in _OBJ or (passive and child.dep_ in _PASS_SUBJ):
            found.extend(conjuncts(child))
    for child in verb.children:
        if child.dep_ == "prep" and child.lower_ in _TARGET_PREPS:
            found.extend(t for p in child.children if p.dep_ == "pobj" for t in conjuncts(p))
    # "beg them to attend", "tried to delegitimize Bukele": complements of control verbs.
    if not found:
        for child in verb.children:
            if child.dep_ == "xcomp":
                found.extend(t for c in child.children if c.dep_ in _OBJ for t in conjuncts(c))
    # "relcl": "the countries that Biden excluded" -> the modified noun is the object.
    if not found and verb.dep_ == "relcl":
        if not any(c.dep_ in _OBJ for c in verb.children) and verb.head.pos_ in {"NOUN", "PROPN"}:
            subj = subject_tokens(verb)
            if subj and verb.head not in subj:
                found.append(verb.head)
    return found


def nominal_roles(noun: Token) -> tuple[list[Token], list[Token]]:
    """Source and target tokens of a nominal event: possessor / "by", and its complements."""
    source: list[Token] = []
    target: list[Token] = []
    for child in noun.children:
        if child.dep_ == "poss":
            source.extend(conjuncts(child))
        elif child.dep_ in {"compound", "amod"} and child.pos_ in {"PROPN", "ADJ"}:
            source.append(child)
        elif child.dep_ == "prep" and child.lower_ == "by":
            source.extend(t for p in child.children if p.dep_ == "pobj" for t in conjuncts(p))
        elif child.dep_ == "prep" and child.lower_ in _TARGET_PREPS:
            target.extend(t for p in child.children if p.dep_ == "pobj" for t in conjuncts(p))
    if not source and noun.dep_ in {"dobj", "obj"}:
        # "held talks with Iran", "staged a protest": the verb's subject acts.
        source = subject_tokens(noun.head)
        if not target:
            target = [t for t in object_tokens(noun.head) if t is not noun]
    return source, target


def _np_tokens(token: Token) -> list[Token]:
    """The token's noun phrase (modifiers, apposition, "of" complements), no clauses."""
    out = [token]
    stack = [token]
    while stack:
        tok = stack.pop()
        for child in tok.children:
            if child.dep_ in _NP_DEPS or (child.dep_ == "prep" and child.lower_ == "of") or (
                child.dep_ == "pobj" and tok.dep_ == "prep"
            ):
                out.append(child)
                stack.append(child)
    return out


def _covering(token: Token, actors: list[Actor]) -> list[Actor]:
    lo, hi = token.idx, token.idx + len(token.text)
    return [a for a in actors if (a.start or 0) < hi and lo < (a.end or 0)]


def _resolve_pronoun(token: Token, actors: list[Actor], exclude: list[Actor]) -> list[Actor]:
    """Nearest earlier actor mention(s) a pronoun can refer to (plural: a coordinated group)."""
    before = [a for a in actors if (a.end or 0) <= token.idx and a not in exclude]
    if not before:
        return []
    doc = token.doc
    if token.lower_ in _PLURAL_PRONOUNS:
        for actor in reversed(before):
            tok = doc.char_span(actor.start or 0, actor.end or 0, alignment_mode="expand")
            if tok is None:
                continue
            group = [t for c in conjuncts(tok.root.head if tok.root.dep_ == "conj" else tok.root)
                     for t in [c]]
            mates = [a for g in group for a in _covering(g, before)]
            if len(mates) > 1:
                return list(dict.fromkeys(mates))
            if (a_tok := tok.root).tag_ in {"NNS", "NNPS"}:
                return _covering(a_tok, before)[:1]
        return [before[-1]]
    return [before[-1]]


def actors_for(tokens: Iterable[Token], actors: list[Actor],
               exclude: list[Actor] | None = None) -> list[Actor]:
    """Actor mentions for role tokens: the mention covering the token, else one inside its
    noun phrase, else (for a pronoun) its antecedent."""
    exclude = exclude or []
    chosen: list[Actor] = []
    for tok in tokens:
        found = _covering(tok, actors)
        if not found:
            inner = [a for t in _np_tokens(tok) for a in _covering(t, actors)]
            found = inner[:1]
        if not found and (tok.pos_ == "PRON" or tok.tag_ == "PRP$"):
            found = _resolve_pronoun(tok, actors, exclude + chosen)
        if not found:
            # "their respective governments": a possessive pronoun inside the phrase.
            poss = [c for c in tok.children if c.dep_ == "poss" and c.pos_ == "PRON"]
            if poss:
                found = _resolve_pronoun(poss[0], actors, exclude + chosen)
        for actor in found:
            if actor not in chosen and actor not in exclude:
                chosen.append(actor)
    return chosen


def verb_roles(verb: Token, actors: list[Actor]) -> Roles:
    subj = subject_tokens(verb)
    source = actors_for(subj, actors)
    target = actors_for(object_tokens(verb), actors, exclude=source)
    return Roles(source, target, subj, is_passive(verb))


def noun_roles(noun: Token, actors: list[Actor]) -> Roles:
    src_toks, tgt_toks = nominal_roles(noun)
    source = actors_for(src_toks, actors)
    target = actors_for(tgt_toks, actors, exclude=source)
    return Roles(source, target, src_toks, False)


def sentence_of(token: Token) -> Span:
    return token.sent
