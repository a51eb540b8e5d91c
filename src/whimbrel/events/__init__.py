"""The events stage: who did what to whom, from a Document with its actors."""

from whimbrel.events.extract import extract_events

__all__ = ["extract_events"]
