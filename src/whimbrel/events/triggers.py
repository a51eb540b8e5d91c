"""Trigger lexicon: lemmas that signal a PLOVER type, with the mode they usually carry.

The lexicon is a prior, not the decision: the trained classifier (``classify.py``) sees the
lexicon's type as one feature among the clause's others and decides type (or none). The
lexicon also supplies the mode when its type and the model's agree, and names which nouns
are nominal events ("Harris' trip to Guatemala").
"""

from __future__ import annotations

# lemma -> (event type, mode)
VERB_TRIGGERS: dict[str, tuple[str, str]] = {
    # AGREE
    "agree": ("AGREE", ""), "promise": ("AGREE", ""), "pledge": ("AGREE", ""),
    "offer": ("AGREE", ""), "vow": ("AGREE", ""), "commit": ("AGREE", ""),
    "volunteer": ("AGREE", ""),
    # CONSULT
    "meet": ("CONSULT", ""), "visit": ("CONSULT", "visit"), "host": ("CONSULT", "visit"),
    "phone": ("CONSULT", "phone"), "negotiate": ("CONSULT", ""), "discuss": ("CONSULT", ""),
    "confer": ("CONSULT", ""), "mediate": ("CONSULT", "third-party"), "travel": ("CONSULT", "visit"),
    # SUPPORT
    "praise": ("SUPPORT", ""), "endorse": ("SUPPORT", ""), "back": ("SUPPORT", ""),
    "recognize": ("SUPPORT", ""), "recognise": ("SUPPORT", ""), "sign": ("SUPPORT", ""),
    "ratify": ("SUPPORT", ""), "welcome": ("SUPPORT", ""), "congratulate": ("SUPPORT", ""),
    "defend": ("SUPPORT", ""), "commend": ("SUPPORT", ""), "applaud": ("SUPPORT", ""),
    # CONCEDE
    "pardon": ("CONCEDE", ""), "apologize": ("CONCEDE", ""), "apologise": ("CONCEDE", ""),
    "ease": ("CONCEDE", ""), "lift": ("CONCEDE", ""), "normalize": ("CONCEDE", ""),
    "relax": ("CONCEDE", ""), "amnesty": ("CONCEDE", ""), "concede": ("CONCEDE", ""),
    "suspend": ("CONCEDE", ""), "appease": ("CONCEDE", ""),
    # COOPERATE
    "cooperate": ("COOPERATE", ""), "coordinate": ("COOPERATE", ""),
    "share": ("COOPERATE", ""), "extradite": ("COOPERATE", ""), "train": ("COOPERATE", ""),
    "partner": ("COOPERATE", ""), "collaborate": ("COOPERATE", ""),
    # AID
    "aid": ("AID", ""), "donate": ("AID", ""), "send": ("AID", ""), "divert": ("AID", ""),
    "provide": ("AID", ""), "deliver": ("AID", ""), "supply": ("AID", ""),
    "grant": ("AID", ""), "fund": ("AID", ""), "airlift": ("AID", ""), "rescue": ("AID", ""),
    # RETREAT
    "release": ("RETREAT", "release"), "withdraw": ("RETREAT", "withdraw"),
    "resign": ("RETREAT", "resign"), "free": ("RETREAT", "release"),
    "disarm": ("RETREAT", "disarm"), "surrender": ("RETREAT", "disarm"),
    "evacuate": ("RETREAT", "withdraw"), "pull": ("RETREAT", "withdraw"),
    # REQUEST
    "beg": ("REQUEST", "meet"), "urge": ("REQUEST", ""), "demand": ("REQUEST", ""),
    "ask": ("REQUEST", ""), "appeal": ("REQUEST", ""), "call": ("REQUEST", ""),
    "request": ("REQUEST", ""), "press": ("REQUEST", ""), "plead": ("REQUEST", ""),
    "invite": ("REQUEST", "meet"), "petition": ("REQUEST", ""),
    # ACCUSE
    "accuse": ("ACCUSE", "allege"), "criticize": ("ACCUSE", "disapprove"),
    "criticise": ("ACCUSE", "disapprove"), "condemn": ("ACCUSE", "disapprove"),
    "blame": ("ACCUSE", "disapprove"), "investigate": ("ACCUSE", "investigate"),
    "harass": ("ACCUSE", "disapprove"), "delegitimize": ("ACCUSE", "disapprove"),
    "hound": ("ACCUSE", "disapprove"), "persecute": ("ACCUSE", "disapprove"),
    "interfere": ("ACCUSE", "disapprove"), "denounce": ("ACCUSE", "disapprove"),
    "slam": ("ACCUSE", "disapprove"), "sue": ("ACCUSE", "allege"), "allege": ("ACCUSE", "allege"),
    "probe": ("ACCUSE", "investigate"), "rebuke": ("ACCUSE", "disapprove"),
    "deplore": ("ACCUSE", "disapprove"), "decry": ("ACCUSE", "disapprove"),
    # REJECT
    "reject": ("REJECT", ""), "refuse": ("REJECT", ""), "decline": ("REJECT", ""),
    "exclude": ("REJECT", "meet"), "veto": ("REJECT", ""), "rebuff": ("REJECT", ""),
    "snub": ("REJECT", "meet"), "dismiss": ("REJECT", ""), "deny": ("REJECT", ""),
    "defy": ("REJECT", "yield"),
    # THREATEN
    "threaten": ("THREATEN", ""), "warn": ("THREATEN", ""), "vow_": ("THREATEN", ""),
    # PROTEST
    "protest": ("PROTEST", "demo"), "boycott": ("PROTEST", "boycott"),
    "march": ("PROTEST", "demo"), "riot": ("PROTEST", "riot"), "rally": ("PROTEST", "demo"),
    "demonstrate": ("PROTEST", "demo"), "mock": ("PROTEST", "demo"),
    "picket": ("PROTEST", "strike"), "blockade": ("PROTEST", "obstruct"),
    # SANCTION
    "sanction": ("SANCTION", ""), "expel": ("SANCTION", "expel"), "place": ("SANCTION", ""),
    "impose": ("SANCTION", ""), "blacklist": ("SANCTION", ""), "sever": ("SANCTION", "withdraw"),
    "recall": ("SANCTION", "withdraw"), "convict": ("SANCTION", "convict"),
    "sentence": ("SANCTION", "convict"), "cut": ("SANCTION", "discontinue"),
    "freeze": ("SANCTION", ""), "embargo": ("SANCTION", ""),
    # MOBILIZE
    "deploy": ("MOBILIZE", "troops"), "mobilize": ("MOBILIZE", "troops"),
    "mobilise": ("MOBILIZE", "troops"), "mass": ("MOBILIZE", "troops"),
    "station": ("MOBILIZE", "troops"), "reinforce": ("MOBILIZE", "troops"),
    # COERCE
    "arrest": ("COERCE", "arrest"), "detain": ("COERCE", "arrest"),
    "deport": ("COERCE", "deport"), "ban": ("COERCE", "restrict"), "seize": ("COERCE", "seize"),
    "censor": ("COERCE", "censor"), "jail": ("COERCE", "arrest"), "raid": ("COERCE", "seize"),
    "confiscate": ("COERCE", "seize"), "block": ("COERCE", "restrict"),
    "charge": ("COERCE", "arrest"), "imprison": ("COERCE", "arrest"),
    # ASSAULT
    "attack": ("ASSAULT", ""), "bomb": ("ASSAULT", "aerial"), "shell": ("ASSAULT", "heavy-weapons"),
    "kill": ("ASSAULT", ""), "assassinate": ("ASSAULT", "targeted"),
    "shoot": ("ASSAULT", "firearms"), "invade": ("ASSAULT", ""), "abduct": ("ASSAULT", "abduct"),
    "kidnap": ("ASSAULT", "abduct"), "torture": ("ASSAULT", "torture"),
    "strike": ("ASSAULT", ""), "beat": ("ASSAULT", "beat"), "massacre": ("ASSAULT", ""),
    "ambush": ("ASSAULT", "firearms"), "fire": ("ASSAULT", "firearms"),
}

NOUN_TRIGGERS: dict[str, tuple[str, str]] = {
    "trip": ("CONSULT", "visit"), "visit": ("CONSULT", "visit"), "meeting": ("CONSULT", ""),
    "talk": ("CONSULT", ""), "summit": ("CONSULT", "multilateral"),
    "persecution": ("ACCUSE", "disapprove"), "accusation": ("ACCUSE", "allege"),
    "criticism": ("ACCUSE", "disapprove"), "investigation": ("ACCUSE", "investigate"),
    "sanction": ("SANCTION", ""), "protest": ("PROTEST", "demo"),
    "boycott": ("PROTEST", "boycott"), "demonstration": ("PROTEST", "demo"),
    "attack": ("ASSAULT", ""), "bombing": ("ASSAULT", "aerial"), "airstrike": ("ASSAULT", "aerial"),
    "arrest": ("COERCE", "arrest"), "invasion": ("ASSAULT", ""),
    "threat": ("THREATEN", ""), "aid": ("AID", ""), "agreement": ("AGREE", ""),
    "deployment": ("MOBILIZE", "troops"), "withdrawal": ("RETREAT", "withdraw"),
}

# Verbs of saying: "X said Y attacked Z" -> X is the reporter of Y's event.
SPEECH_VERBS: frozenset[str] = frozenset(
    {"say", "tell", "state", "report", "announce", "claim", "add", "note", "write", "declare",
     "insist", "confirm", "argue", "explain", "stress", "assert", "allege", "believe", "think"}
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
