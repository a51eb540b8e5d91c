"""The NLP stage: load the spaCy pipeline once and parse articles in batches."""

from whimbrel.nlp.document import Document
from whimbrel.nlp.loader import load_pipeline, parse

__all__ = ["Document", "load_pipeline", "parse"]
