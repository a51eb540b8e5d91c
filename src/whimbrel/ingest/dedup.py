"""Article identity and duplicates: stable ids, exact hashes, MinHash LSH near-duplicates.

- ``article_id``: from the normalised URL when there is one (so a re-fetch of the same page
  is the same article), else from the text.
- ``content_hash``: the text folded (case, punctuation, whitespace): the same story with
  different line breaks or quotes is an exact duplicate.
- ``NearDuplicates``: MinHash over 5-word shingles in an LSH index (datasketch); a wire story
  syndicated with a different headline, byline or closing line is found as a near duplicate
  (estimated Jaccard similarity >= ``threshold``).
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable
from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from datasketch import MinHash, MinHashLSH

from whimbrel.records import stable_id

NUM_PERM = 128
SHINGLE = 5
MIN_WORDS = 30  # below this a text is too short for a meaningful near-duplicate test
_TRACKING = re.compile(
    r"^(utm_\w+|fbclid|gclid|mc_cid|mc_eid|ocid|cmpid|ref|src|smid|"
    r"partner|share|cmp|_ga|mkt_tok|igshid)$",
    re.IGNORECASE,
)
_WORDS = re.compile(r"\w+", re.UNICODE)
# datasketch >= 2 names its hashing scheme and wants it back when rebuilding from values.
_SCHEME: str | None = getattr(MinHash(num_perm=NUM_PERM), "scheme", None)


def normalize_url(url: str) -> str:
    """Lower-case scheme and host, no default port, fragment, tracking parameters, or
    trailing slash; sorted query; ``http`` and ``https`` are the same page."""
    parts = urlsplit(url.strip())
    scheme = parts.scheme.lower()
    if scheme == "http":
        scheme = "https"
    host = (parts.hostname or "").lower().rstrip(".")
    if host.startswith("www."):
        host = host[4:]
    port = parts.port
    netloc = host if port in (None, 80, 443) else f"{host}:{port}"
    path = re.sub(r"/{2,}", "/", parts.path or "/")
    if len(path) > 1:
        path = path.rstrip("/")
    query = urlencode(
        sorted(
            (k, v)
            for k, v in parse_qsl(parts.query, keep_blank_values=True)
            if not _TRACKING.match(k)
        )
    )
    return urlunsplit((scheme, netloc, path, query, ""))


def fold_text(text: str) -> str:
    return " ".join(_WORDS.findall(text.lower()))


def content_hash(text: str) -> str:
    return hashlib.sha1(fold_text(text).encode("utf-8")).hexdigest()


def article_id(*, url: str | None = None, text: str | None = None) -> str:
    """Stable id: normalised URL if any, else the folded text."""
    if url:
        try:
            if urlsplit(url).scheme.lower() in ("http", "https"):
                return stable_id("url", normalize_url(url))
        except ValueError:  # e.g. "http://[bad" from a data file: not a usable URL
            pass
    return stable_id("content", fold_text(text or ""))


def minhash(text: str) -> MinHash | None:
    """The MinHash of a text's word 5-shingles; None when the text is too short."""
    words = _WORDS.findall(text.lower())
    if len(words) < MIN_WORDS:
        return None
    m = MinHash(num_perm=NUM_PERM)
    m.update_batch(
        [" ".join(words[i : i + SHINGLE]).encode("utf-8") for i in range(len(words) - SHINGLE + 1)]
    )
    return m


def signature(m: MinHash) -> list[int]:
    return [int(v) for v in m.hashvalues]


def from_signature(values: Iterable[int]) -> MinHash:
    """A MinHash back from its stored signature (same datasketch hashing scheme)."""
    import numpy as np

    extra: dict[str, Any] = {"scheme": _SCHEME} if _SCHEME else {}
    return MinHash(num_perm=NUM_PERM, hashvalues=np.array(list(values), dtype=np.uint64), **extra)


class NearDuplicates:
    """An LSH index of article MinHashes: ``find`` the article a text duplicates."""

    def __init__(self, threshold: float = 0.8) -> None:
        self.threshold = threshold
        self.lsh = MinHashLSH(threshold=threshold, num_perm=NUM_PERM)
        self.hashes: dict[str, MinHash] = {}

    def __len__(self) -> int:
        return len(self.hashes)

    def add(self, key: str, m: MinHash) -> None:
        if key not in self.hashes:
            self.lsh.insert(key, m)
            self.hashes[key] = m

    def find(self, m: MinHash) -> tuple[str, float] | None:
        """The most similar indexed article at or above the threshold, with its similarity."""
        best: tuple[str, float] | None = None
        for key in self.lsh.query(m):
            sim = float(self.hashes[key].jaccard(m))
            if sim >= self.threshold and (best is None or sim > best[1]):
                best = (str(key), sim)
        return best
