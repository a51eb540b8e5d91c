"""Text-level cleaning for pasted or scraped articles: page residue out, bio kept as meta."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from whimbrel.records import Article

# Whole lines that are page furniture, not article text. Matched case-insensitively against
# the stripped line.
RESIDUE_PATTERNS: tuple[str, ...] = (
    r"thanks? (you )?for contacting us\.?( we(’|')ve received your submission\.?)?",
    r"we(’|')ve received your submission\.?",
    r"share (this )?(selection|article|story|on \w+)",
    r"(sign up|subscribe) (for|to) (our|the) [\w\s]*newsletters?\.?.*",
    r"read more:?.*",
    r"(advertisement|sponsored content|related articles?|most popular)",
    r"(we use cookies|this (web)?site uses cookies|accept (all )?cookies).*",
    r"(photo|image|picture)( credit)?:? .{0,80}(getty|reuters|ap|afp|shutterstock).*",
    r"(click|tap) here.*",
    r"(follow us on|share on) (twitter|facebook|x|linkedin).*",
    r"(copyright|©) .{0,80}",
    r"(print|email|tweet|share)( (print|email|tweet|share))*",
)
_RESIDUE = [re.compile(rf"^\s*{p}\s*$", re.IGNORECASE) for p in RESIDUE_PATTERNS]

# An author bio: "<Name Name> is a/an/the ..." as one of the last paragraphs.
_BIO = re.compile(
    r"^(?:[A-Z][\w.'’-]+\s){1,3}[A-Z][\w.'’-]+\s(?:is|was|writes|has been)\s"
    r"(?:a|an|the|currently|formerly|senior|editor|professor|author)\b",
)
_BYLINE = re.compile(r"^\s*by\s+[A-Z][\w.'’-]+(\s+[A-Z][\w.'’-]+){0,3}\s*$", re.IGNORECASE)


@dataclass
class CleanResult:
    text: str
    removed: list[tuple[str, str]] = field(default_factory=list)  # (line, reason)
    bio: str | None = None
    byline: str | None = None


def is_residue(line: str) -> bool:
    return any(p.match(line) for p in _RESIDUE)


def clean_text(raw: str) -> CleanResult:
    """Drop residue lines, lift a byline and a trailing author bio out of the text."""
    lines = [ln.strip() for ln in raw.replace("\r\n", "\n").replace("\r", "\n").split("\n")]
    kept: list[str] = []
    result = CleanResult(text="")
    for line in lines:
        if not line:
            continue
        if is_residue(line):
            result.removed.append((line, "residue"))
        elif _BYLINE.match(line) and not kept and result.byline is None:
            result.byline = line
            result.removed.append((line, "byline"))
        else:
            kept.append(line)
    # The bio is one of the last two kept paragraphs (residue already gone).
    for idx in range(len(kept) - 1, max(len(kept) - 3, -1), -1):
        if len(kept[idx]) < 600 and _BIO.match(kept[idx]) and idx > 0:
            result.bio = kept.pop(idx)
            result.removed.append((result.bio, "bio"))
            break
    result.text = "\n".join(kept)
    return result


def clean_article(article: Article) -> Article:
    """The article with cleaned text; what was removed is kept in ``meta``."""
    cleaned = clean_text(article.text)
    meta = dict(article.meta)
    if cleaned.bio:
        meta["bio"] = cleaned.bio
    if cleaned.byline:
        meta["byline"] = cleaned.byline
    if cleaned.removed:
        meta["removed_lines"] = [{"line": ln, "reason": r} for ln, r in cleaned.removed]
    return article.model_copy(update={"text": cleaned.text, "meta": meta})
