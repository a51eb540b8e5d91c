"""Dates: resolve each event's date (and granularity) from its sentence and the article's
publication date; mark background events historical."""

from whimbrel.dates.expressions import Resolved, find_expressions
from whimbrel.dates.resolve import DateMention, resolve_dates, timeline

__all__ = ["DateMention", "Resolved", "find_expressions", "resolve_dates", "timeline"]
