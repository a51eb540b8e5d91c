"""whimbrel: turn news into political event data (PLOVER/CAMEO) with evidence."""

from whimbrel.records import Actor, Article, Event, Evidence, Location, Rejected

__version__ = "0.1.0"

__all__ = ["Actor", "Article", "Event", "Evidence", "Location", "Rejected", "__version__"]
