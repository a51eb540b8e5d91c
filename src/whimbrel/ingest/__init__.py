"""The ingest stage: readers turn inputs into Articles; clean.py strips page residue."""

from whimbrel.ingest.clean import clean_article, clean_text

__all__ = ["clean_article", "clean_text"]
