"""Trigger lexicon: verb and noun lemmas that signal each PLOVER type (first coder)."""

from __future__ import annotations

# lemma -> (event type, mode). Verbs unless noted; nouns are matched as nominal events.
VERB_TRIGGERS: dict[str, tuple[str, str]] = {
    "agree": ("AGREE", ""), "promise": ("AGREE", ""), "pledge": ("AGREE", ""),
    "offer": ("AGREE", ""), "vow": ("AGREE", ""),
    "meet": ("CONSULT", "multilateral"), "visit": ("CONSULT", "visit"),
    "host": ("CONSULT", "visit"), "call": ("CONSULT", "phone"), "negotiate": ("CONSULT", ""),
    "praise": ("SUPPORT", ""), "endorse": ("SUPPORT", ""), "back": ("SUPPORT", ""),
    "recognize": ("SUPPORT", ""), "sign": ("SUPPORT", ""), "ratify": ("SUPPORT", ""),
    "pardon": ("CONCEDE", ""), "apologize": ("CONCEDE", ""), "ease": ("CONCEDE", ""),
    "lift": ("CONCEDE", ""), "normalize": ("CONCEDE", ""),
    "cooperate": ("COOPERATE", ""), "coordinate": ("COOPERATE", ""),
    "aid": ("AID", ""), "donate": ("AID", ""), "send": ("AID", ""), "divert": ("AID", ""),
    "release": ("RETREAT", "release"), "withdraw": ("RETREAT", "withdraw"),
    "resign": ("RETREAT", "resign"),
    "beg": ("REQUEST", "meet"), "urge": ("REQUEST", ""), "demand": ("REQUEST", ""),
    "ask": ("REQUEST", ""), "appeal": ("REQUEST", ""),
    "accuse": ("ACCUSE", "allege"), "criticize": ("ACCUSE", "disapprove"),
    "condemn": ("ACCUSE", "disapprove"), "blame": ("ACCUSE", "disapprove"),
    "investigate": ("ACCUSE", "investigate"), "harass": ("ACCUSE", "disapprove"),
    "delegitimize": ("ACCUSE", "disapprove"), "hound": ("ACCUSE", "disapprove"),
    "persecute": ("ACCUSE", "disapprove"), "interfere": ("ACCUSE", "disapprove"),
    "mock": ("PROTEST", "demo"),
    "reject": ("REJECT", ""), "refuse": ("REJECT", ""), "decline": ("REJECT", ""),
    "exclude": ("REJECT", "meet"), "veto": ("REJECT", ""),
    "threaten": ("THREATEN", ""), "warn": ("THREATEN", ""),
    "protest": ("PROTEST", "demo"), "boycott": ("PROTEST", "boycott"),
    "strike": ("ASSAULT", ""), "march": ("PROTEST", "demo"), "riot": ("PROTEST", "riot"),
    "sanction": ("SANCTION", ""), "expel": ("SANCTION", "expel"), "place": ("SANCTION", ""),
    "deploy": ("MOBILIZE", "troops"), "mobilize": ("MOBILIZE", "troops"),
    "arrest": ("COERCE", "arrest"), "detain": ("COERCE", "arrest"),
    "deport": ("COERCE", "deport"), "ban": ("COERCE", "restrict"), "seize": ("COERCE", "seize"),
    "censor": ("COERCE", "censor"),
    "attack": ("ASSAULT", ""), "bomb": ("ASSAULT", "aerial"), "shell": ("ASSAULT", ""),
    "kill": ("ASSAULT", ""), "assassinate": ("ASSAULT", "targeted"), "shoot": ("ASSAULT", ""),
    "invade": ("ASSAULT", ""), "abduct": ("ASSAULT", "abduct"), "torture": ("ASSAULT", "torture"),
}

NOUN_TRIGGERS: dict[str, tuple[str, str]] = {
    "trip": ("CONSULT", "visit"), "visit": ("CONSULT", "visit"), "meeting": ("CONSULT", ""),
    "talks": ("CONSULT", ""), "persecution": ("ACCUSE", "disapprove"),
    "sanctions": ("SANCTION", ""), "protest": ("PROTEST", "demo"),
    "attack": ("ASSAULT", ""), "bombing": ("ASSAULT", "aerial"), "arrest": ("COERCE", "arrest"),
}
