"""The dashboard face: server-rendered pages (Jinja, autoescaped), SVG charts, one small JS."""

from whimbrel.web.render import STATIC_DIR, render_error

__all__ = ["STATIC_DIR", "render_error"]
