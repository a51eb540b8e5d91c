"""``/docs``: Swagger UI served from the installed ``swagger-ui-bundle-v2`` package, offline.

FastAPI's default page loads Swagger UI from a CDN and starts it with an inline script; this
page loads the same UI from ``/static/swagger/`` and starts it from ``/static/docs-init.js``,
so it works without a network and under the app's Content-Security-Policy.
"""

from __future__ import annotations

from pathlib import Path

import swagger_ui_bundle
from fastapi import APIRouter
from fastapi.responses import HTMLResponse

SWAGGER_DIR = Path(swagger_ui_bundle.swagger_ui_path)

router = APIRouter(include_in_schema=False)

_PAGE = """<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>whimbrel API</title>
<link rel="icon" href="/static/favicon.svg" type="image/svg+xml">
<link rel="stylesheet" href="/static/swagger/swagger-ui.css">
</head>
<body>
<div id="swagger-ui"></div>
<script src="/static/swagger/swagger-ui-bundle.js"></script>
<script src="/static/docs-init.js"></script>
</body>
</html>
"""


@router.get("/docs", response_class=HTMLResponse)
def swagger_page() -> HTMLResponse:
    return HTMLResponse(_PAGE)
