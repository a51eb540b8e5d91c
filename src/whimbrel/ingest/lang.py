"""A small offline language detector: script first, then stop-word ratios.

No model download, no dependency: each language below is recognised by its commonest
function words (lists written for whimbrel from general knowledge of these languages; they
are the words any frequency list starts with). Non-Latin scripts are named by script
(Cyrillic -> ``ru``, Arabic -> ``ar``, ...), which is enough to tell "not English".
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter

STOPWORDS: dict[str, frozenset[str]] = {
    lang: frozenset(words.split())
    for lang, words in {
        "en": "the of and to in is that for it was on with as by at from his her they be "
        "this have has are an which said not were but their who been would its after",
        "es": "el la de que y en los se del las un por con una para es al lo como más pero "
        "sus le ha este ya o fue muy sin sobre también entre cuando",
        "fr": "le la les de des et un une du en est que pour dans qui au par sur pas plus "
        "ne ce il elle sont avec été ont aux cette mais leur",
        "de": "der die das und ist nicht ein eine zu den von mit sich des auf für im dem "
        "auch es an als wird bei hat sie er aus nach wie",
        "pt": "o a os as de que e do da em um uma para com não por mais dos das no na se ao "
        "foi pelo pela são também como seu sua",
        "it": "il lo la i gli le di che e un una per non con del della è in si sono al dei "
        "nel alla anche come più ha ma",
        "nl": "de het een en van in is dat op te voor met zijn niet die aan er ook als bij "
        "door werd naar maar om hij wordt",
        "sv": "och att det som en på är av för med till den har de inte om ett var jag men "
        "från vid kan också efter",
        "id": "yang dan di ini itu dengan untuk tidak dari dalam akan pada juga ke karena "
        "oleh ada bisa mereka sudah telah",
        "tr": "ve bir bu da de için ile çok daha olarak gibi en ama ne kadar sonra olan her "
        "değil var",
        "pl": "i w nie na się z do że to jest o jak po ale co za od przez już tak jego jej są",
    }.items()
}

_SCRIPTS = (
    ("CYRILLIC", "ru"),
    ("ARABIC", "ar"),
    ("HEBREW", "he"),
    ("GREEK", "el"),
    ("DEVANAGARI", "hi"),
    ("HANGUL", "ko"),
    ("HIRAGANA", "ja"),
    ("KATAKANA", "ja"),
    ("CJK", "zh"),
    ("THAI", "th"),
)
_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)


def _script_language(text: str) -> str | None:
    counts: Counter[str] = Counter()
    letters = 0
    for ch in text[:5000]:
        if not ch.isalpha():
            continue
        letters += 1
        if ch < "\u0370":  # Latin (and IPA): no script of ours below Greek
            continue
        name = unicodedata.name(ch, "")
        for script, lang in _SCRIPTS:
            if name.startswith(script):
                counts[lang] += 1
                break
    if not letters or not counts:
        return None
    lang, n = counts.most_common(1)[0]
    if counts.get("ja"):  # Japanese mixes kana and CJK ideographs
        lang, n = "ja", counts["ja"] + counts.get("zh", 0)
    return lang if n / letters > 0.5 else None


def detect_language(text: str, *, min_hits: int = 3) -> str | None:
    """ISO 639-1 code of ``text``'s language, or None when too short to tell."""
    by_script = _script_language(text)
    if by_script:
        return by_script
    words = [w.lower() for w in _WORD.findall(text[:20000])]
    if not words:
        return None
    scores = {lang: sum(1 for w in words if w in stop) for lang, stop in STOPWORDS.items()}
    best = max(scores, key=lambda k: scores[k])
    if scores[best] < min_hits:
        return None
    return best
