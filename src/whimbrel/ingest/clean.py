"""Text-level cleaning for pasted or scraped articles: page residue out, byline and bio kept
as metadata.

Works line by line (a line is a paragraph of pasted text). A line is removed when it is:

- page furniture matched whole (``RESIDUE``): "Thanks for contacting us...", "Share
  Selection", newsletter and cookie prompts, "Read more", share bars, paywall and comment
  prompts, navigation, advert markers, timestamps and reading times, photo credits, wire
  credits ("Reporting by ...; Editing by ..."), copyright notices;
- a bar of interface words only ("Facebook Twitter LinkedIn Email", "Print Email Share");
- a headline in a block of links after a heading such as "Related Articles", "Most Read",
  "More from Asia" (headline-like: short, no closing punctuation);
- the byline before the text ("By Jane Smith, Chief Political Correspondent"): kept in meta;
- an author bio among the last lines ("Jane Doe is a senior fellow at ..."): kept in meta.

The labelled set in ``tests/data/cleaning`` measures it (``whimbrel eval cleaning``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from whimbrel.records import Article

_Q = "['’]"  # straight or curly apostrophe

# (reason, pattern): each pattern must match the whole stripped line, case-insensitively.
RESIDUE: tuple[tuple[str, str], ...] = (
    (
        "residue",
        rf"thanks? (you )?for contacting us[.!]?( we({_Q}ve| have) received your "
        r"submission[.!]?)?",
    ),
    ("residue", rf"we({_Q}ve| have) received your submission[.!]?"),
    ("share", r"share (this )?(selection|article|story|page|post)[.:]?"),
    ("share", r"share (on|via|to|with) [\w .+]{1,30}"),
    ("share", r"share this:?"),
    ("share", r"click to (share|email|print)[^.]{0,80}(\(opens in new window\))?"),
    ("share", r"copy (the )?link( to clipboard)?"),
    ("share", r"(reuse|republish) this (content|article)"),
    (
        "newsletter",
        r"(sign up|subscribe|register) (for|to) [\w\s'’&:-]{0,60}"
        r"(newsletters?|briefing|bulletin|digest|updates|alerts|email)\b.*",
    ),
    ("newsletter", r"sign (up|in)( now| here| today)?[.!]?"),
    ("newsletter", r"(get|receive) .{0,80}(delivered to|straight to|in) your inbox.*"),
    ("newsletter", r"enter your e-?mail( address)?( here)?[.:]?"),
    ("newsletter", r"thank you for (signing up|subscribing)[.!]?.*"),
    ("newsletter", r"by (signing up|subscribing|clicking)[, ].{0,160}(terms|privacy).*"),
    (
        "cookie",
        r"(we use cookies|this (web)?site uses cookies|by continuing to (use|browse))"
        r".{0,300}",
    ),
    (
        "cookie",
        r"(accept|reject|allow)( all)?( cookies)?|cookie (settings|preferences|"
        r"policy)|manage (preferences|cookies|consent)",
    ),
    (
        "read-more",
        r"(read more|read next|read the (full|original) (story|article)|"
        r"continue reading)( the main story)?[.:!]?( .{0,120})?",
    ),
    ("read-more", r"(related|see also|also read|watch|listen)\s*:\s+.{1,140}"),
    ("read-more", r"(explore|more) (more )?on (these|this) topics?"),
    (
        "advert",
        r"(advertisement|advertising|ad|sponsored( content)?|paid (post|content)|"
        r"partner content|promoted( stories| content)?)",
    ),
    ("advert", r"(story|article) continues (below|after)( (the )?(advertisement|ad))?"),
    ("paywall", r"subscribe( now)?( to continue reading| for full access)?[.!]?"),
    ("paywall", r"you (have|{_Q}ve) reached your (limit|maximum) of (free )?articles.*"),
    ("paywall", r"already (a subscriber|have an account)\??( (log|sign) in[.!]?)?"),
    ("paywall", r"support (our|independent) journalism.{0,120}"),
    (
        "comments",
        r"(\d+ )?comments?|join the (conversation|discussion)|(leave|add|post|"
        r"show|view) (a |the )?comments?",
    ),
    (
        "navigation",
        r"skip to (main )?(content|navigation)|menu|search|home|sections|close|"
        r"(log|sign) (in|out)|open (the )?menu|back to top",
    ),
    ("navigation", r"(download|get) (our|the) app.{0,60}"),
    ("navigation", r"(click|tap) here.{0,160}"),
    ("navigation", r"(follow us|follow (him|her|them|the author)) on .{0,80}"),
    ("contact", r"(contact|email|e-mail) (the author|us|the reporter)( at)? .{0,80}"),
    ("contact", r"have a (news )?tip\??.{0,120}"),
    (
        "timestamp",
        r"(published|updated|posted|last updated|first published)( on| at)?:? "
        r".{0,60}",
    ),
    ("timestamp", r"\d{1,3} ?(min|mins|minutes?)( read| listen)?"),
    ("timestamp", r"listen to this (article|story).{0,30}"),
    ("timestamp", r"this (article|story) is more than \d+ (days?|months?|years?) old"),
    (
        "timestamp",
        r"(mon|tue|wed|thu|fri|sat|sun)?[a-z]*,? ?(jan|feb|mar|apr|may|jun|jul|aug|"
        r"sep|oct|nov|dec)[a-z]*\.? \d{1,2},? \d{4}"
        r"( \d{1,2}[:.]\d{2} ?([ap]\.?m\.?)?( [a-z]{2,4})?)?",
    ),
    (
        "timestamp",
        r"\d{1,2} (jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]* \d{4}"
        r"( \d{1,2}[:.]\d{2}( [a-z]{2,4})?)?",
    ),
    (
        "photo-credit",
        r"\(?(photo|image|picture|photograph|video|illustration)s?( credit)?"
        r"\s*(:|/|by\b).{0,160}",
    ),
    ("photo-credit", r"(file photo|credit|source|courtesy)\s*:.{0,300}"),
    (
        "photo-credit",
        r"\(?.{0,80}\b(getty images|afp via getty|shutterstock|alamy)\)?\.?",
    ),
    (  # "REUTERS/Alaa Al-Marjani", "Scott Olson/AP": an agency and a name, nothing else
        "photo-credit",
        r"\(?.{0,60}(?-i:REUTERS|Reuters|AFP|AP|EPA)/"
        r"(?-i:[A-Z][\w.'’-]*(?: [A-Z][\w.'’-]*){0,3})(/file photo)?\)?\.?|"
        r"\(?[\w .'’-]{2,60}/(?-i:AP|AFP|EPA|Reuters|REUTERS)\)?\.?",
    ),
    ("credit", r"\(?(additional )?(reporting|writing|editing|research) by .{0,200}\)?"),
    ("credit", r".{0,120} contributed (to )?(this )?(report|story|reporting)[.)]?"),
    ("credit", r"our standards: the thomson reuters trust principles\.?"),
    (
        "credit",
        r"this (article|story) (was|is) (originally )?(first )?(published|"
        r"republished|reproduced) .{0,200}",
    ),
    ("credit", r"the views expressed .{0,160}"),
    ("photo-credit", r".{0,300}\((photo|image|picture|photograph)s?( by|:) [^()]{1,80}\)"),
    ("photo-credit", r"image (source|caption)\s*[:,]?.{0,120}"),
    ("credit", r"_{3,}|-{3,}|\*{3,}"),
    ("credit", r".{0,120}\b(writers?|reporters?|correspondents?) .{0,120} contributed[.]?"),
    ("cookie", r"we (value|respect|care about) your privacy[.!]?"),
    ("cookie", r"we and our partners .{0,300}(cookies|personal data).{0,300}"),
    ("newsletter", r".{0,80}\bsubscribe to our .{0,60}newsletter.{0,40}"),
    ("paywall", r"to (continue|keep) reading.{0,80}(subscribe|log in|sign in|register).{0,40}"),
    ("comments", r".{0,40}\b(leave|post|add) a comment.{0,40}"),
    ("advert", r"ad feedback|report (this )?ad"),
    ("copyright", r"(copyright|©|\(c\)) .{0,300}"),
    ("copyright", r".{0,120}all rights reserved\b.{0,200}"),
    (
        "section",
        r"(opinion|analysis|explainer|commentary|editorial|live|breaking( news)?|"
        r"exclusive|world|politics|news)",
    ),
)
RESIDUE_PATTERNS: tuple[str, ...] = tuple(p for _, p in RESIDUE)
_RESIDUE = [(reason, re.compile(rf"^\s*(?:{p})\s*$", re.IGNORECASE)) for reason, p in RESIDUE]

# A bar of interface words, e.g. "Facebook Twitter LinkedIn Email", "Print | Email | Share".
_UI_WORDS = frozenset(
    [
        "share",
        "tweet",
        "email",
        "e-mail",
        "print",
        "facebook",
        "twitter",
        "x",
        "linkedin",
        "whatsapp",
        "reddit",
        "pinterest",
        "telegram",
        "messenger",
        "copy",
        "link",
        "save",
        "bookmark",
        "comment",
        "comments",
        "flipboard",
        "pocket",
        "more",
        "sms",
        "mail",
        "gift",
        "article",
    ]
)
_UI_SPLIT = re.compile(r"[\s|/·•,]+")

# Headings of link blocks ("Related Articles" then headlines).
_LINK_HEADING = re.compile(
    r"^\s*(related( articles| stories| content| coverage| topics)?|recommended( for you| "
    r"stories)?|most (read|popular|viewed|shared)|trending( now| stories)?|more (from|in|on) "
    r"[\w .&'’-]{1,40}|more (stories|news|headlines)|you (may|might) (also )?like|"
    r"read next|top stories|latest (news|stories)|explore more on these topics|topics|tags|"
    r"in other news)\s*:?\s*$",
    re.IGNORECASE,
)
_SENTENCE_END = re.compile(r"[.!?]['\"’”)]?\s*$")

_NAME = r"(?:[A-Z][\w.'’-]+\s){1,3}[A-Z][\w.'’-]+"
_BYLINE = re.compile(
    rf"^\s*by\s+{_NAME}(\s*(,|and|&)\s*{_NAME})*(\s*,\s*[\w .'’-]{{2,60}})?\s*$|"
    r"^\s*by\s+[A-Z][A-Z .'’-]{2,60}(\s+and\s+[A-Z][A-Z .'’-]{2,60})?\s*$",
    re.IGNORECASE,
)
_BIO_START = re.compile(
    rf"^\s*[—–-]?\s*(?!(?:The|A|An|This|That|These|Those|It|Its|Their|His|Her|Our)\s)"
    rf"(?P<name>{_NAME})\s(?:is|was|has been|has|writes|covers|reports|"
    r"teaches|works|served)\b"
)
_BIO_CUES = re.compile(
    r"\b(fellow|professor|correspondent|reporter|journalist|writer|editor|columnist|analyst|"
    r"author|lawyer|researcher|contributor|director|lecturer|scholar|consultant|freelance|"
    r"based in|has covered|has reported|has written|contributing|staff writer|adviser|"
    r"advisor|former member|ceo)\b",
    re.IGNORECASE,
)
_NEWS_CUES = re.compile(r"\b(said|says|told|according to|announced)\b", re.IGNORECASE)


@dataclass
class CleanResult:
    text: str
    removed: list[tuple[str, str]] = field(default_factory=list)  # (line, reason)
    bio: str | None = None
    byline: str | None = None


def residue_reason(line: str) -> str | None:
    """Why ``line`` is page residue, or None if it may be article text."""
    stripped = line.strip()
    if not stripped or len(stripped) > 1000:  # residue is short; long lines are text
        return None
    for reason, pattern in _RESIDUE:
        if pattern.match(stripped):
            return reason
    words = [w for w in _UI_SPLIT.split(stripped.lower().rstrip(":")) if w]
    if words and len(words) <= 8 and all(w in _UI_WORDS for w in words):
        return "share"
    return None


def is_residue(line: str) -> bool:
    return residue_reason(line) is not None


def _headline_like(line: str) -> bool:
    return not _SENTENCE_END.search(line) and len(line.split()) <= 16


def _is_bio(line: str, byline_name: str | None) -> bool:
    if len(line) > 600:
        return False
    m = _BIO_START.match(line)
    if not m:
        return False
    if byline_name and m.group("name").lower() == byline_name.lower():
        return True
    return bool(_BIO_CUES.search(line)) and not _NEWS_CUES.search(line)


def _byline_name(byline: str) -> str | None:
    m = re.match(rf"^\s*by\s+({_NAME})", byline, re.IGNORECASE)
    return m.group(1) if m else None


def clean_text(raw: str) -> CleanResult:
    """Drop residue lines and link blocks, lift a byline and a trailing author bio out."""
    lines = [ln.strip() for ln in raw.replace("\r\n", "\n").replace("\r", "\n").split("\n")]
    kept: list[str] = []
    result = CleanResult(text="")
    in_links = False
    for line in lines:
        if not line:
            continue
        if _LINK_HEADING.match(line):
            in_links = True
            result.removed.append((line, "related"))
            continue
        if in_links:
            if _headline_like(line) and not residue_reason(line):
                result.removed.append((line, "related"))
                continue
            in_links = False
        reason = residue_reason(line)
        if reason:
            result.removed.append((line, reason))
        elif not kept and result.byline is None and _BYLINE.match(line):
            result.byline = line
            result.removed.append((line, "byline"))
        else:
            kept.append(line)
    # The bio is one of the last three kept paragraphs (residue already gone), never the first.
    name = _byline_name(result.byline) if result.byline else None
    for idx in range(len(kept) - 1, max(len(kept) - 4, 0), -1):
        if _is_bio(kept[idx], name):
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
