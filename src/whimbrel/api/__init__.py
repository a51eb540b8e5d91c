"""The REST API face: ``create_app`` builds the FastAPI app (API, dashboard, coding worker).

Imported lazily so that ``whimbrel.web`` can use ``whimbrel.api.context``/``routes`` without
an import cycle through ``whimbrel.api.app``.
"""

from __future__ import annotations

from typing import Any

__all__ = ["ServeConfig", "create_app"]


def __getattr__(name: str) -> Any:
    if name == "create_app":
        from whimbrel.api.app import create_app

        return create_app
    if name == "ServeConfig":
        from whimbrel.api.config import ServeConfig

        return ServeConfig
    raise AttributeError(name)
