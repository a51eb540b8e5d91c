"""Date expressions: find them in text and resolve them to a date with its granularity.

Our own rules cover what news text says most ("on Wednesday", "late Thursday", "last week",
"earlier this month", "two days later", "June 2021", "Sept. 11, 2001", "the 1990s") and the
cases where dateparser is wrong for news: the article's own weekday is the publication day,
"two days later" counts from the previous date mentioned (not from the publication date),
durations ("for four years") and ages ("66-year-old") are not dates. Anything else that spaCy
marks as a DATE goes to dateparser (``languages=['en']``, ``PREFER_DATES_FROM='past'``,
``RELATIVE_BASE`` = the publication date).

Granularity conventions (docs/dates-places.md): ``day`` is the date itself; ``month`` is stored
as the month's first day; ``year`` as 1 January. A week ("last week", "this week") has no
granularity of its own: it is stored as the month holding the week's Thursday (ISO 8601's
rule for which month a week belongs to). A decade ("the 1990s") is its first year.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

from dateparser.date import DateDataParser

from whimbrel.records import Granularity

MONTHS: dict[str, int] = {}
for _i, _name in enumerate(calendar.month_name):
    if _i:
        MONTHS[_name.lower()] = _i
        MONTHS[_name[:3].lower()] = _i
MONTHS["sept"] = 9
WEEKDAYS: dict[str, int] = {d.lower(): i for i, d in enumerate(calendar.day_name)}
NUMBERS: dict[str, int] = {
    "a": 1,
    "an": 1,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "a couple of": 2,
    "a few": 3,
    "several": 3,
    "couple of": 2,
}

_MONTH = r"(?P<month>January|February|March|April|May|June|July|August|September|October|November|December|Jan\.?|Feb\.?|Mar\.?|Apr\.?|Jun\.?|Jul\.?|Aug\.?|Sept\.?|Sep\.?|Oct\.?|Nov\.?|Dec\.?)"  # noqa: E501
_WEEKDAY = r"(?P<weekday>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_YEAR = r"(?P<year>(?:1[89]|20)\d{2})"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_PART = r"(?P<part>early|mid|late|the end of|the beginning of|the start of|the middle of)"
_NUM = r"(?P<num>\d+|a couple of|a few|several|an?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)"  # noqa: E501
_UNIT = r"(?P<unit>day|week|month|year|decade)s?"


@dataclass(frozen=True)
class Resolved:
    """A date expression resolved to the start of its period, with that period's size."""

    date: dt.date
    granularity: Granularity
    # True for "two days later"/"the next day": counted from the previous date mentioned.
    chained: bool = False
    # True for expressions that say "long ago" even without a date ("years ago").
    background: bool = False
    # True when the expression says when only vaguely ("years ago"): no date of its own.
    vague: bool = False


@dataclass(frozen=True)
class Context:
    """What an expression is resolved against."""

    published: dt.date
    anchor: Resolved  # the previous date mentioned (or the publication date)
    future: bool = False  # the sentence speaks of the future ("will meet on Tuesday")


def month_start(d: dt.date) -> dt.date:
    return d.replace(day=1)


def add_months(d: dt.date, months: int) -> dt.date:
    y, m = divmod(d.year * 12 + d.month - 1 + months, 12)
    return dt.date(y, m + 1, min(d.day, calendar.monthrange(y, m + 1)[1]))


def period_end(r: Resolved) -> dt.date:
    """The last day of the period an expression names."""
    if r.granularity == "year":
        return dt.date(r.date.year, 12, 31)
    if r.granularity == "month":
        return add_months(r.date, 1) - dt.timedelta(days=1)
    return r.date


def _week(monday: dt.date) -> Resolved:
    thursday = monday + dt.timedelta(days=3)
    return Resolved(month_start(thursday), "month")


def _monday(d: dt.date) -> dt.date:
    return d - dt.timedelta(days=d.weekday())


def _num(text: str) -> int:
    text = text.lower()
    return int(text) if text.isdigit() else NUMBERS.get(text, 1)


def _month_of(text: str) -> int:
    return MONTHS[text.lower().rstrip(".")]


def _pick_year(month: int, day: int | None, ctx: Context) -> int:
    """Year for a month (and day) given without one: the nearest past one, or the next
    future one when the sentence speaks of the future."""
    pub = ctx.published
    year = pub.year
    probe = dt.date(year, month, min(day or 1, calendar.monthrange(year, month)[1]))
    if ctx.future:
        if (probe < pub and day is not None) or (day is None and month < pub.month):
            year += 1
    elif probe > pub and (day is not None or month > pub.month):
        year -= 1
    return year


def _safe_date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


# -- handlers: (match, context) -> Resolved | None -------------------------------------------
Handler = Callable[[re.Match[str], Context], Resolved | None]


def _full_date(m: re.Match[str], ctx: Context) -> Resolved | None:
    d = _safe_date(int(m["year"]), _month_of(m["month"]), int(m["day"]))
    return Resolved(d, "day") if d else None


def _month_day(m: re.Match[str], ctx: Context) -> Resolved | None:
    month, day = _month_of(m["month"]), int(m["day"])
    d = _safe_date(_pick_year(month, day, ctx), month, day)
    return Resolved(d, "day") if d else None


def _month_year(m: re.Match[str], ctx: Context) -> Resolved | None:
    return Resolved(dt.date(int(m["year"]), _month_of(m["month"]), 1), "month")


def _month_only(m: re.Match[str], ctx: Context) -> Resolved | None:
    month = _month_of(m["month"])
    rel = (m["rel"] or "").lower()
    pub = ctx.published
    if rel == "last":
        year = pub.year if month < pub.month else pub.year - 1
    elif rel == "next":
        year = pub.year if month > pub.month else pub.year + 1
    elif rel == "this":
        year = pub.year
    else:
        year = _pick_year(month, None, ctx)
    return Resolved(dt.date(year, month, 1), "month")


def _year(m: re.Match[str], ctx: Context) -> Resolved | None:
    return Resolved(dt.date(int(m["year"]), 1, 1), "year")


def _decade(m: re.Match[str], ctx: Context) -> Resolved | None:
    return Resolved(dt.date(int(m["decade"]), 1, 1), "year", background=True)


_DAY_WORDS = {
    "today": 0,
    "tonight": 0,
    "this morning": 0,
    "this afternoon": 0,
    "this evening": 0,
    "earlier today": 0,
    "later today": 0,
    "yesterday": -1,
    "last night": -1,
    "tomorrow": 1,
    "overnight": -1,
}


def _day_word(m: re.Match[str], ctx: Context) -> Resolved | None:
    key = " ".join(m["word"].lower().split())
    if key.startswith("yesterday"):
        key = "yesterday"
    if key.startswith("tomorrow"):
        key = "tomorrow"
    return Resolved(ctx.published + dt.timedelta(days=_DAY_WORDS[key]), "day")


def _weekday(m: re.Match[str], ctx: Context) -> Resolved | None:
    target = WEEKDAYS[m["weekday"].lower()]
    rel = (m["rel"] or "").lower()
    pub = ctx.published
    back = (pub.weekday() - target) % 7  # days since the most recent such weekday
    ahead = (target - pub.weekday()) % 7
    if rel in {"last", "past", "previous"}:
        d = pub - dt.timedelta(days=back or 7)
    elif rel in {"next", "coming", "this coming"}:
        d = pub + dt.timedelta(days=ahead or 7)
    elif back == 0:
        d = pub  # the article's own weekday: the publication day
    elif ctx.future:
        d = pub + dt.timedelta(days=ahead)
    else:
        d = pub - dt.timedelta(days=back)
    return Resolved(d, "day")


def _weekend(m: re.Match[str], ctx: Context) -> Resolved | None:
    pub = ctx.published
    rel = (m["rel"] or "").lower()
    back = (pub.weekday() - 5) % 7  # days since the last Saturday (0 on a Saturday)
    if rel in {"next", "coming", "this coming"} or (ctx.future and rel != "last"):
        return Resolved(pub + dt.timedelta(days=(5 - pub.weekday()) % 7 or 7), "day")
    if rel == "last" and back < 2 and pub.weekday() in (5, 6):
        back += 7
    return Resolved(pub - dt.timedelta(days=back), "day")


def _this_period(m: re.Match[str], ctx: Context) -> Resolved | None:
    rel = " ".join(m["rel"].lower().split())
    unit = m["period"].lower()
    step = {"last": -1, "past": -1, "previous": -1, "next": 1, "coming": 1}.get(rel, 0)
    pub = ctx.published
    if unit == "week":
        return _week(_monday(pub) + dt.timedelta(days=7 * step))
    if unit == "month":
        return Resolved(add_months(month_start(pub), step), "month")
    return Resolved(dt.date(pub.year + step, 1, 1), "year")


def _shift(base: Resolved, n: int, unit: str) -> Resolved:
    if unit == "day":
        d, g = base.date + dt.timedelta(days=n), "day"
    elif unit == "week":
        d, g = base.date + dt.timedelta(days=7 * n), "day"
    elif unit == "month":
        d, g = month_start(add_months(base.date, n)), "month"
    elif unit == "decade":
        d, g = dt.date(base.date.year + 10 * n, 1, 1), "year"
    else:
        d, g = dt.date(base.date.year + n, 1, 1), "year"
    order = {"day": 0, "month": 1, "year": 2}
    if order[base.granularity] > order[g]:  # "two days later" after "in June 2021"
        g = base.granularity
        d = month_start(d) if g == "month" else dt.date(d.year, 1, 1)
    return Resolved(d, g)  # type: ignore[arg-type]


def _offset(m: re.Match[str], ctx: Context) -> Resolved | None:
    n = _num(m["num"]) if m["num"] else 1
    unit = m["unit"].lower()
    direction = m["dir"].lower()
    sign = -1 if direction in {"ago", "earlier", "before", "prior"} else 1
    if direction == "ago":
        base = Resolved(ctx.published, "day")
        r = _shift(base, -n, unit)
        return Resolved(r.date, r.granularity, background=unit in {"year", "decade"} and n > 1)
    r = _shift(ctx.anchor, sign * n, unit)
    return Resolved(r.date, r.granularity, chained=True)


def _vague_offset(m: re.Match[str], ctx: Context) -> Resolved | None:
    unit = m["unit"].lower()
    if m["dir"].lower() == "ago" and unit in {"year", "decade"}:
        # "years ago": long ago, no date of its own
        return Resolved(ctx.published, "day", background=True, vague=True)
    if m["dir"].lower() == "ago":
        return None
    r = _shift(ctx.anchor, 2 if m["dir"].lower() == "later" else -2, unit)
    return Resolved(r.date, r.granularity, chained=True)


def _next_unit(m: re.Match[str], ctx: Context) -> Resolved | None:
    which = m["which"].lower()
    unit = m["unit"].lower()
    if which in {"same"} or (which == "that"):
        return Resolved(ctx.anchor.date, ctx.anchor.granularity, chained=True)
    sign = -1 if which in {"previous", "preceding", "before"} else 1
    if unit in {"morning", "evening", "night", "afternoon"}:
        unit = "day"
    if unit == "week" and ctx.anchor.granularity == "day":  # a week: its Thursday's month
        w = _week(_monday(ctx.anchor.date) + dt.timedelta(days=7 * sign))
        return Resolved(w.date, w.granularity, chained=True)
    r = _shift(ctx.anchor, sign, unit)
    return Resolved(r.date, r.granularity, chained=True)


_HOLIDAYS = {
    "christmas day": (12, 25),
    "christmas eve": (12, 24),
    "christmas": (12, 25),
    "new year's day": (1, 1),
    "new year's eve": (12, 31),
    "boxing day": (12, 26),
    "valentine's day": (2, 14),
    "halloween": (10, 31),
    "may day": (5, 1),
    "independence day": (7, 4),
    "bastille day": (7, 14),
}


def _thanksgiving(year: int) -> int:
    """US Thanksgiving: the fourth Thursday of November (its day of the month)."""
    first = dt.date(year, 11, 1).weekday()
    return 1 + (3 - first) % 7 + 21


def _holiday(m: re.Match[str], ctx: Context) -> Resolved | None:
    key = " ".join(m["holiday"].lower().replace("’", "'").split())
    if key.startswith("thanksgiving"):
        year = int(m["hyear"]) if m["hyear"] else ctx.published.year
        d = dt.date(year, 11, _thanksgiving(year))
        if not m["hyear"] and d > ctx.published and not ctx.future:
            d = dt.date(year - 1, 11, _thanksgiving(year - 1))
        return Resolved(d, "day")
    month, day = _HOLIDAYS[key]
    year = int(m["hyear"]) if m["hyear"] else _pick_year(month, day, ctx)
    return Resolved(dt.date(year, month, day), "day")


def _iso(m: re.Match[str], ctx: Context) -> Resolved | None:
    d = _safe_date(int(m["y"]), int(m["m"]), int(m["d"]))
    return Resolved(d, "day") if d else None


_REL = r"(?:(?P<rel>last|this coming|this|next|past|previous|coming)\s+)"
PATTERNS: tuple[tuple[re.Pattern[str], Handler], ...] = tuple(
    (re.compile(p, re.IGNORECASE), h)
    for p, h in (
        (r"\b(?P<y>(?:19|20)\d{2})-(?P<m>[01]\d)-(?P<d>[0-3]\d)\b", _iso),
        (rf"\b(?:{_WEEKDAY},?\s+)?{_MONTH}\s+{_DAY},?\s+{_YEAR}\b", _full_date),
        (rf"\b(?:{_WEEKDAY},?\s+)?{_DAY}\s+(?:of\s+)?{_MONTH},?\s+{_YEAR}\b", _full_date),
        (rf"\b(?:{_PART}[-\s]+(?:of\s+)?)?{_MONTH},?\s+(?:of\s+)?{_YEAR}\b", _month_year),
        (rf"\b(?:{_WEEKDAY},?\s+)?{_MONTH}\s+{_DAY}\b(?!\s*(?:,\s*)?\d)", _month_day),
        (rf"\b(?:{_WEEKDAY},?\s+)?(?:the\s+)?{_DAY}\s+(?:of\s+)?{_MONTH}\b", _month_day),
        (rf"\b(?:{_PART}[-\s]+(?:of\s+)?)?{_REL}?{_MONTH}\b", _month_only),
        (r"\b(?:the\s+)?(?:early\s+|mid-|late\s+)?(?P<decade>(?:1[89]|20)\d0)'?s\b", _decade),
        (rf"\b(?:{_PART}[-\s]+(?:of\s+)?)?{_YEAR}\b(?![-–]\d|\s*%|,\d)", _year),
        (
            r"\b(?P<word>today|tonight|this\s+(?:morning|afternoon|evening)|(?:earlier|later)\s+"
            r"today|yesterday(?:\s+(?:morning|afternoon|evening))?|last\s+night|tomorrow"
            r"(?:\s+(?:morning|afternoon|evening|night))?|overnight)\b",
            _day_word,
        ),
        (
            rf"\b(?:(?:early|late)\s+)?(?:on\s+)?{_REL}?{_WEEKDAY}"
            r"(?:\s+(?:morning|afternoon|evening|night))?\b",
            _weekday,
        ),
        (rf"\b(?:(?:over|during|on)\s+)?(?:the\s+)?{_REL}?weekend\b", _weekend),
        (
            r"\b(?P<rel>last|this|next|past|previous|coming|earlier\s+this|later\s+this)\s+"
            r"(?P<period>week|month|year)\b",
            _this_period,
        ),
        (
            rf"\b{_NUM}\s+{_UNIT}\s+(?P<dir>ago|later|earlier|after|before|afterwards?|prior)\b",
            _offset,
        ),
        (rf"\b{_UNIT}\s+(?P<dir>ago|later|earlier)\b", _vague_offset),
        (
            r"\b(?:the|that)\s+(?P<which>next|following|previous|preceding|same)\s+"
            r"(?P<unit>day|week|month|year|morning|evening|night|afternoon)\b",
            _next_unit,
        ),
        (r"\bthe\s+(?P<unit>day|week|month|year)\s+(?P<which>before|after)\b", _next_unit),
        (r"\b(?P<which>that|the same)\s+(?P<unit>day|week|month)\b", _next_unit),
        (
            r"\b(?P<holiday>Christmas(?:\s+(?:Day|Eve))?|New\s+Year[’']s\s+(?:Day|Eve)|Boxing\s+Day|"
            r"Valentine[’']s\s+Day|Halloween|May\s+Day|Bastille\s+Day|Thanksgiving(?:\s+Day)?)(?:,?\s+(?P<hyear>(?:19|20)\d{2}))?\b",
            _holiday,
        ),
    )
)
# Words that must be capitalised to be a month or weekday ("may" is a modal verb).
_CASED = re.compile(r"^(?:may|march|sun|sat|wed|jan|jun|jul|aug|oct|nov|dec|sep|mar)\b")


@dataclass(frozen=True)
class Match:
    """One date expression found in a text: offsets, text and how to resolve it."""

    start: int
    end: int
    text: str
    handler: Handler
    match: re.Match[str]

    @property
    def kind(self) -> str:
        """The rule's name: "year", "weekday", "offset", ..."""
        return self.handler.__name__.lstrip("_")

    def resolve(self, ctx: Context) -> Resolved | None:
        return self.handler(self.match, ctx)


def _case_ok(m: re.Match[str]) -> bool:
    for group in ("month", "weekday"):
        value = m.groupdict().get(group)
        if value and not value[0].isupper():
            return False
    return True


# Every pattern needs a digit or one of these words: most sentences are ruled out at once.
_QUICK = re.compile(
    r"\d|jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|mon|tue|wed|thu|fri|sat|sun|"
    r"today|tonight|tomorrow|week|month|year|day|decade|night|christmas|halloween|thanksgiving",
    re.IGNORECASE,
)


def find_expressions(text: str) -> list[Match]:
    """Non-overlapping date expressions in ``text``, longest first, in text order."""
    if not _QUICK.search(text):
        return []
    every: list[tuple[int, int, Match]] = []
    for order, (pattern, handler) in enumerate(PATTERNS):
        for m in pattern.finditer(text):
            if _case_ok(m):
                start, end = m.span()
                every.append((start - end, order, Match(start, end, m.group(0), handler, m)))
    every.sort(key=lambda t: (t[0], t[1]))
    found: list[Match] = []
    for _, _, cand in every:
        if not any(cand.start < f.end and f.start < cand.end for f in found):
            found.append(cand)
    found.sort(key=lambda f: f.start)
    return found


# -- dateparser, for the rest ------------------------------------------------------------
_DURATION = re.compile(
    r"^\s*(?:the\s+)?(?:past|last|next|previous|recent|coming|first|final)?\s*"
    r"(?:\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten|several|few|many|some)?"
    r"\s*(?:more\s+)?(?:hours?|days?|weeks?|months?|years?|decades?|centuries)\s*$",
    re.IGNORECASE,
)
_NOT_A_DATE = re.compile(
    r"year-old|years old|annual|daily|weekly|monthly|yearly|recent|decades?$|centur|season",
    re.IGNORECASE,
)


@lru_cache(maxsize=256)
def _parser(published: dt.date) -> DateDataParser:
    base = dt.datetime(published.year, published.month, published.day)
    return DateDataParser(
        languages=["en"],
        settings={"PREFER_DATES_FROM": "past", "RELATIVE_BASE": base},
    )


def parse_with_dateparser(text: str, published: dt.date) -> Resolved | None:
    """dateparser for expressions our rules do not know; durations and ages are refused."""
    text = text.strip()
    if not text or _DURATION.match(text) or _NOT_A_DATE.search(text):
        return None
    if not re.search(r"\d", text) and not re.search(r"[A-Z]", text[1:] + text[:1].lower()):
        return None  # no digit and no proper name: too vague for dateparser ("the time")
    data = _parser(published).get_date_data(text)
    if data.date_obj is None:
        return None
    d = data.date_obj.date()
    period = data.period or "day"
    if period == "year":
        return Resolved(dt.date(d.year, 1, 1), "year")
    if period == "month":
        return Resolved(month_start(d), "month")
    if period == "week":
        return _week(_monday(d))
    return Resolved(d, "day")
