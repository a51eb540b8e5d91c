"""The trigger lexicon (``events/data/lexicon.csv``): a well-formed data file, and lookups."""

from __future__ import annotations

import csv
from collections import Counter

import pytest

from whimbrel.events.ontology import valid_modes
from whimbrel.events.triggers import (
    LEXICON_PATH,
    NOUN_TRIGGERS,
    SPEECH_VERBS,
    VERB_TRIGGERS,
    lexicon_entry,
)
from whimbrel.records import PLOVER_TYPES


def rows() -> list[dict[str, str]]:
    with LEXICON_PATH.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def test_lexicon_rows_are_valid() -> None:
    modes = valid_modes()
    problems = []
    for n, row in enumerate(rows(), 2):
        if row["pos"] not in {"VERB", "NOUN"}:
            problems.append((n, "pos", row["pos"]))
        if row["type"] not in PLOVER_TYPES:
            problems.append((n, "type", row["type"]))
        elif row["mode"] and row["mode"] not in modes[row["type"]]:
            problems.append((n, "mode", row["mode"]))
        if row["origin"] not in {"core", "extended"}:
            problems.append((n, "origin", row["origin"]))
        lemma = row["lemma"]
        if not lemma or lemma != lemma.strip().lower() or " " in lemma:
            problems.append((n, "lemma", lemma))
    assert problems == []


def test_lexicon_has_no_duplicate_entries() -> None:
    counts = Counter((row["lemma"], row["pos"]) for row in rows())
    assert [k for k, n in counts.items() if n > 1] == []


def test_every_type_has_verbs_and_nouns() -> None:
    verb_types = Counter(t for t, _ in VERB_TRIGGERS.values())
    noun_types = Counter(t for t, _ in NOUN_TRIGGERS.values())
    assert set(verb_types) == set(PLOVER_TYPES)
    assert set(noun_types) == set(PLOVER_TYPES)


def test_speech_verbs_are_not_triggers() -> None:
    # "said" reports an event; it is never one (reported speech keeps it as the reporter).
    # "allege" both reports and accuses ("alleged that the police tortured ..."): ACCUSE.
    assert SPEECH_VERBS & set(VERB_TRIGGERS) == {"allege"}


@pytest.mark.parametrize(
    ("lemma", "pos", "expected"),
    [
        ("boycott", "NOUN", ("PROTEST", "boycott")),
        ("visit", "VERB", ("CONSULT", "visit")),
        ("torch", "VERB", ("ASSAULT", "primitive")),
        ("shell", "VERB", ("ASSAULT", "heavy-weapons")),
        ("indict", "VERB", ("ACCUSE", "allege")),
        ("airstrike", "NOUN", ("ASSAULT", "aerial")),
        ("airstrikes", "NOUN", ("ASSAULT", "aerial")),  # a plural the lemmatiser left alone
        ("Visit", "VERB", ("CONSULT", "visit")),  # case does not matter
        ("table", "NOUN", None),
    ],
)
def test_lookup(lemma: str, pos: str, expected: tuple[str, str] | None) -> None:
    assert lexicon_entry(lemma, pos) == expected
