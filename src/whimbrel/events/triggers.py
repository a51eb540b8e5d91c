"""Trigger lexicon: lemmas that signal a PLOVER type, with the mode they usually carry.

The lexicon is a prior, not the decision: the trained classifier (``classify.py``) sees the
lexicon's type as one feature among the clause's others and decides type (or none). The
lexicon also supplies the mode when its type and the model's agree, and names which nouns
are nominal events ("Harris' trip to Guatemala").

The entries live in ``data/lexicon.csv`` (``lemma,pos,type,mode,origin``): ``core`` rows are
the first hand-picked triggers, ``extended`` rows the wider news vocabulary added later. Both
were written for whimbrel; a row names the type the word most often signals when it heads a
political event clause.
"""

from __future__ import annotations

import csv

from whimbrel.events.ontology import DATA, PLOVER_TYPES

LEXICON_PATH = DATA / "lexicon.csv"


def _load() -> dict[str, dict[str, tuple[str, str]]]:
    """pos -> lemma -> (type, mode), read once; the first row of a lemma wins."""
    out: dict[str, dict[str, tuple[str, str]]] = {"VERB": {}, "NOUN": {}}
    with LEXICON_PATH.open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            if row["pos"] not in out or row["type"] not in PLOVER_TYPES:
                continue
            lemma = row["lemma"].strip().lower()
            out[row["pos"]].setdefault(lemma, (row["type"], row["mode"].strip()))
    return out


_LEXICON = _load()
# lemma -> (event type, mode)
VERB_TRIGGERS: dict[str, tuple[str, str]] = _LEXICON["VERB"]
NOUN_TRIGGERS: dict[str, tuple[str, str]] = _LEXICON["NOUN"]

# Verbs of saying: "X said Y attacked Z" -> X is the reporter of Y's event.
SPEECH_VERBS: frozenset[str] = frozenset(
    {
        "say",
        "tell",
        "state",
        "report",
        "announce",
        "claim",
        "add",
        "note",
        "write",
        "declare",
        "insist",
        "confirm",
        "argue",
        "explain",
        "stress",
        "assert",
        "allege",
        "believe",
        "think",
    }
)

# A negated verb of taking part is itself a refusal: "are not sending their heads of state".
PARTICIPATION_VERBS: frozenset[str] = frozenset(
    {"send", "attend", "participate", "join", "come", "go", "meet", "travel", "show"}
)


def lexicon_entry(lemma: str, pos: str) -> tuple[str, str] | None:
    """The lexicon's (type, mode) for a lemma in its part of speech, if any."""
    lemma = lemma.lower()
    if pos in {"NOUN", "PROPN"}:
        return NOUN_TRIGGERS.get(lemma) or NOUN_TRIGGERS.get(lemma.rstrip("s"))
    return VERB_TRIGGERS.get(lemma)
