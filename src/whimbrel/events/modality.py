"""Modality: negation, hypotheticals and opinions, reported speech, figurative language.

These rules run after the classifier has typed a clause. They follow
docs/coding-conventions.md: a negated event did not happen (flagged ``negated``) unless the
refusal is itself the event (REJECT); offers and promises stay AGREE, threats THREATEN
(flagged ``hypothetical`` when conditional or future); "should"/"would" opinions are no
event; words of attack with no physical violence about are ACCUSE.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Token

from whimbrel.events.triggers import PARTICIPATION_VERBS, SPEECH_VERBS

_MODALS = {"would", "should", "could", "might", "may", "must", "ought", "can"}
_OPINION_MODALS = {"should", "ought", "must", "could", "might"}
_FUTURE = {"will", "shall", "'ll", "wo"}
_NEG_WORDS = {"not", "n't", "never", "no"}
_FAILURE_VERBS = {"fail", "refuse", "decline"}
_CONDITIONAL_MARKS = {"if", "unless", "once", "should"}
# Words that place an "attack" in the physical world.
_VIOLENCE = frozenset(
    {
        "kill",
        "wound",
        "injure",
        "dead",
        "death",
        "bomb",
        "missile",
        "rocket",
        "shell",
        "drone",
        "gun",
        "gunman",
        "gunfire",
        "troop",
        "soldier",
        "force",
        "military",
        "army",
        "artillery",
        "tank",
        "police",
        "village",
        "civilian",
        "airstrike",
        "strike",
        "explosive",
        "fighter",
        "militant",
        "rebel",
        "weapon",
        "fire",
        "casualty",
        "base",
        "convoy",
        "town",
        "city",
        "checkpoint",
        "raid",
        "injury",
        "hospital",
        "knife",
        "grenade",
        "insurgent",
        "militia",
        "jet",
        "warplane",
        "navy",
        "ship",
        "vessel",
        "border",
        "positions",
        "position",
        "camp",
    }
)
_FIGURATIVE_ASSAULT = {
    "attack",
    "hit",
    "assault",
    "target",
    "strike",
    "blast",
    "slam",
    "fire",
    "bash",
    "lash",
    "harass",
    "shoot",
}
# Idioms that are never events ("a slap in the face", "shot themselves in the foot").
_IDIOM_NOUNS = {"slap", "face", "foot", "blow"}


# Nouns whose infinitive names an intention, not a deed: "a member's attempt to smuggle in
# terrorists to assassinate a former president", "a plot to kill", "a bid to topple".
_INTENTION_NOUNS = {"attempt", "plan", "plot", "bid", "effort", "intention", "scheme", "conspiracy"}


def is_intended(verb: Token) -> bool:
    """An infinitive (chain) under a noun of intention: planned or attempted, not done."""
    node = verb
    for _ in range(4):
        if not any(c.dep_ == "aux" and c.lower_ == "to" for c in node.children):
            return False
        if node.dep_ not in {"acl", "advcl", "xcomp", "relcl"}:
            return False
        node = node.head
        if node.pos_ == "NOUN":
            return node.lemma_.lower() in _INTENTION_NOUNS
    return False


@dataclass(frozen=True)
class Modality:
    negated: bool = False
    hypothetical: bool = False
    opinion: bool = False
    refusal: bool = False  # a negated participation: the refusal is the event (REJECT)


def _aux_words(verb: Token) -> list[Token]:
    words = [c for c in verb.children if c.dep_ in {"aux", "auxpass", "neg"}]
    # "has to", "tried to", "is ready to": look up control chains for modals and negation.
    head = verb
    for _ in range(3):
        if head.dep_ not in {"xcomp", "conj"} or head.head.i == head.i:
            break
        head = head.head
        words.extend(c for c in head.children if c.dep_ in {"aux", "auxpass", "neg"})
    return words


def is_negated(verb: Token) -> bool:
    """Negated itself, or complement of a negated/failure verb ("failed to attend")."""
    if any(c.dep_ == "neg" or c.lower_ in {"never"} for c in verb.children):
        return True
    head = verb.head
    if verb.dep_ == "xcomp" and head.i != verb.i:
        return head.lemma_.lower() == "fail" or any(c.dep_ == "neg" for c in head.children)
    return False


def modality(trigger: Token, event_type: str) -> Modality:
    """Read the trigger's clause for negation, hypotheticals, opinions and refusals."""
    words = _aux_words(trigger) if trigger.pos_ in {"VERB", "AUX"} else []
    lowers = {w.lower_ for w in words}
    negated = trigger.pos_ in {"VERB", "AUX"} and is_negated(trigger)
    refusal = negated and trigger.lemma_.lower() in PARTICIPATION_VERBS
    conditional = any(
        c.dep_ == "advcl" and any(m.lower_ in _CONDITIONAL_MARKS for m in c.children)
        for c in trigger.children
    )
    hypothetical = bool(lowers & (_MODALS | _FUTURE)) or conditional
    if trigger.pos_ in {"VERB", "AUX"} and is_intended(trigger):
        hypothetical = True
    # Offers, promises and threats are about the future by nature; that is their event.
    opinion = bool(lowers & _OPINION_MODALS) and event_type not in {"AGREE", "THREATEN"}
    if "would" in lowers and not conditional and _is_opinion_would(trigger):
        opinion = True
    return Modality(
        negated=negated and not refusal, hypothetical=hypothetical, opinion=opinion, refusal=refusal
    )


def _is_opinion_would(trigger: Token) -> bool:
    """ "which would much rather deal with Iran": preference, not an offer."""
    return any(c.lower_ in {"rather", "prefer", "like", "love"} for c in trigger.children) or (
        trigger.lemma_.lower() in {"be", "have", "seem"}
    )


def reporter_tokens(trigger: Token) -> list[Token]:
    """The speaker of a reported event: subject of the verb of saying that governs it."""
    node = trigger
    for _ in range(4):
        head = node.head
        if head.i == node.i:
            return []
        if node.dep_ in {"ccomp", "parataxis", "xcomp", "advcl"} and (
            head.lemma_.lower() in SPEECH_VERBS
        ):
            return [c for c in head.children if c.dep_ in {"nsubj", "nsubjpass"}]
        node = head
    # "..., the foreign ministry said.": the saying verb is the root with our clause inside.
    root = trigger.sent.root
    if (
        root.i != trigger.i
        and root.lemma_.lower() in SPEECH_VERBS
        and trigger.i in {t.i for t in root.subtree}
    ):
        return [c for c in root.children if c.dep_ == "nsubj"]
    return []


def is_figurative_assault(trigger: Token) -> bool:
    """Words of attack with nothing physical in the sentence: "attacked ... countries"."""
    if trigger.lemma_.lower() not in _FIGURATIVE_ASSAULT:
        return False
    lemmas = {t.lemma_.lower() for t in trigger.sent}
    return not (lemmas & _VIOLENCE)


def is_idiom(trigger: Token) -> bool:
    """Part of a fixed figure of speech that reports no event."""
    if trigger.lemma_.lower() in _IDIOM_NOUNS:
        return True
    return any(
        c.dep_ == "prep"
        and any(p.lemma_.lower() in _IDIOM_NOUNS for p in c.children)
        and trigger.lemma_.lower() in {"slap", "shoot", "deal"}
        for c in trigger.children
    )


def is_speech(trigger: Token) -> bool:
    return trigger.lemma_.lower() in SPEECH_VERBS


def failure_verb(token: Token) -> bool:
    return token.lemma_.lower() in _FAILURE_VERBS


def has_negation_word(token: Token) -> bool:
    return any(c.lower_ in _NEG_WORDS for c in token.children)


_QUOTES = {'"', "“", "”"}


def in_quotation(token: Token) -> bool:
    """Inside a quotation in its sentence (slogans, "Go home"), not a reported clause."""
    opened = False
    for t in token.sent:
        if t.i >= token.i:
            break
        if t.text in _QUOTES:
            opened = t.text != "”" and not opened
    return opened
