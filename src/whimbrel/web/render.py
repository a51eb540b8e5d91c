"""The Jinja environment (autoescape always on) and the shared page renderer."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined

HERE = Path(__file__).resolve().parent
STATIC_DIR = HERE / "static"

# Autoescape on for every template, whatever its name: article text is untrusted.
env = Environment(
    loader=FileSystemLoader(HERE / "templates"),
    autoescape=True,
    undefined=StrictUndefined,
    trim_blocks=True,
    lstrip_blocks=True,
)


def render(template: str, **context: Any) -> str:
    context.setdefault("token_required", False)
    return env.get_template(template).render(**context)


def render_error(status: int, code: str, message: str) -> str:
    return render("error.html", status=status, code=code, message=message, title="error")
