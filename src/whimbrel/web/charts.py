"""Server-rendered SVG charts: events over time by quad class, and the actor network.

Plain SVG with presentation attributes (no inline style, no script), so the pages need no
charting library, work offline, pass the Content-Security-Policy and are tested as XML.
"""

from __future__ import annotations

import math
from typing import Any

from markupsafe import Markup, escape

QUAD_COLOURS = {
    "verbal cooperation": "#7fbf7b",
    "material cooperation": "#1b7837",
    "verbal conflict": "#f4a582",
    "material conflict": "#b2182b",
}
COOPERATION = "#1b7837"
CONFLICT = "#b2182b"


def _e(value: object) -> str:
    return str(escape(str(value)))


def timeline_svg(periods: list[dict[str, Any]], width: int = 720, height: int = 240) -> Markup:
    """Stacked bars: one per period, one segment per quad class (count of events)."""
    left, bottom, top = 36, 40, 14
    plot_h = height - bottom - top
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart timeline" role="img" '
        f'width="{width}" height="{height}" viewBox="0 0 {width} {height}">',
        "<title>Events over time by quad class</title>",
    ]
    if not periods:
        parts.append(
            f'<text x="{width // 2}" y="{height // 2}" text-anchor="middle" fill="#555">'
            "No dated events for these filters.</text></svg>"
        )
        return Markup("".join(parts))
    peak = max(p["count"] for p in periods) or 1
    slot = (width - left - 10) / len(periods)
    bar_w = max(2.0, min(40.0, slot * 0.8))
    parts.append(
        f'<line x1="{left}" y1="{top + plot_h}" x2="{width - 5}" y2="{top + plot_h}" '
        'stroke="#888"/>'
        f'<text x="{left - 4}" y="{top + 8}" text-anchor="end" font-size="11">{peak}</text>'
        f'<text x="{left - 4}" y="{top + plot_h}" text-anchor="end" font-size="11">0</text>'
    )
    for i, p in enumerate(periods):
        x = left + i * slot + (slot - bar_w) / 2
        y = top + plot_h
        for quad, colour in QUAD_COLOURS.items():
            n = p["by_quad_class"].get(quad, 0)
            if not n:
                continue
            h = plot_h * n / peak
            y -= h
            parts.append(
                f'<rect class="bar" data-period="{_e(p["period"])}" data-quad="{_e(quad)}" '
                f'data-count="{n}" x="{x:.1f}" y="{y:.1f}" width="{bar_w:.1f}" '
                f'height="{h:.1f}" fill="{colour}"><title>{_e(p["period"])}: {n} {_e(quad)}'
                "</title></rect>"
            )
    for i in sorted({0, len(periods) - 1}):
        x = left + i * slot + slot / 2
        parts.append(
            f'<text x="{x:.1f}" y="{top + plot_h + 16}" text-anchor="middle" font-size="11">'
            f"{_e(periods[i]['period'])}</text>"
        )
    lx = left
    for quad, colour in QUAD_COLOURS.items():
        parts.append(
            f'<rect x="{lx}" y="{height - 14}" width="10" height="10" fill="{colour}"/>'
            f'<text x="{lx + 14}" y="{height - 5}" font-size="11">{_e(quad)}</text>'
        )
        lx += 14 + 7 * len(quad) + 16
    parts.append("</svg>")
    return Markup("".join(parts))


def network_svg(dyads: list[dict[str, Any]], size: int = 460) -> Markup:
    """Actors on a circle; an edge per dyad, green when its mean score is cooperative (>= 0),
    red when conflictual; its width grows with the event count."""
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart network" role="img" '
        f'width="{size}" height="{size}" viewBox="0 0 {size} {size}">',
        "<title>Actor network: green = cooperation, red = conflict, width = events</title>",
        '<defs><marker id="arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="9" '
        'markerHeight="9" markerUnits="userSpaceOnUse" orient="auto-start-reverse">'
        '<path d="M 0 0 L 10 5 L 0 10 z" fill="#666"/></marker></defs>',
    ]
    nodes = sorted({d["source"] for d in dyads} | {d["target"] for d in dyads})
    if not nodes:
        parts.append(
            f'<text x="{size // 2}" y="{size // 2}" text-anchor="middle" fill="#555">'
            "No dyads for these filters.</text></svg>"
        )
        return Markup("".join(parts))
    c, r = size / 2, size / 2 - 40
    pos = {
        n: (
            c + r * math.cos(2 * math.pi * i / len(nodes) - math.pi / 2),
            c + r * math.sin(2 * math.pi * i / len(nodes) - math.pi / 2),
        )
        for i, n in enumerate(nodes)
    }
    peak = max(d["count"] for d in dyads)
    for d in dyads:
        (x1, y1), (x2, y2) = pos[d["source"]], pos[d["target"]]
        if d["source"] == d["target"]:
            continue
        coop = (d.get("mean_score") or 0) >= 0
        width = 1 + 7 * d["count"] / peak
        # Stop short of the node circle so the arrow head shows.
        length = math.hypot(x2 - x1, y2 - y1) or 1
        x2s, y2s = x2 - (x2 - x1) * 16 / length, y2 - (y2 - y1) * 16 / length
        parts.append(
            f'<line class="edge {"coop" if coop else "conflict"}" '
            f'data-source="{_e(d["source"])}" data-target="{_e(d["target"])}" '
            f'data-count="{d["count"]}" x1="{x1:.1f}" y1="{y1:.1f}" x2="{x2s:.1f}" '
            f'y2="{y2s:.1f}" stroke="{COOPERATION if coop else CONFLICT}" '
            f'stroke-width="{width:.1f}" stroke-opacity="0.75" marker-end="url(#arrow)">'
            f"<title>{_e(d['source'])} → {_e(d['target'])}: {d['count']} events, mean score "
            f"{_e(d.get('mean_score'))}</title></line>"
        )
    for n, (x, y) in pos.items():
        parts.append(
            f'<a href="/events?actor={_e(n)}"><circle class="node" data-code="{_e(n)}" '
            f'cx="{x:.1f}" cy="{y:.1f}" r="14" fill="#fff" stroke="#333"/>'
            f'<text x="{x:.1f}" y="{y + 4:.1f}" text-anchor="middle" font-size="10">{_e(n)}'
            "</text></a>"
        )
    parts.append("</svg>")
    return Markup("".join(parts))


def map_svg(places: list[dict[str, Any]], width: int = 720, height: int = 360) -> Markup:
    """Event places on a plain longitude/latitude grid (no basemap: nothing to download);
    circle area grows with the event count, colour = mean score as in the network."""
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart map" role="img" '
        f'width="{width}" height="{height}" viewBox="0 0 {width} {height}">',
        "<title>Event places: area = events, green = cooperation, red = conflict</title>",
        f'<rect x="0" y="0" width="{width}" height="{height}" fill="#eef4f8"/>',
    ]

    def xy(lat: float, lon: float) -> tuple[float, float]:
        return (lon + 180) / 360 * width, (90 - lat) / 180 * height

    for lon in range(-180, 181, 30):
        x, _ = xy(0, lon)
        parts.append(f'<line x1="{x:.1f}" y1="0" x2="{x:.1f}" y2="{height}" stroke="#d0dbe3"/>')
    for lat in range(-90, 91, 30):
        _, y = xy(lat, 0)
        parts.append(f'<line x1="0" y1="{y:.1f}" x2="{width}" y2="{y:.1f}" stroke="#d0dbe3"/>')
    if not places:
        parts.append(
            f'<text x="{width // 2}" y="{height // 2}" text-anchor="middle" fill="#555">'
            "No located events for these filters.</text></svg>"
        )
        return Markup("".join(parts))
    peak = max(p["count"] for p in places)
    for rank, p in enumerate(sorted(places, key=lambda p: -p["count"])):
        x, y = xy(p["lat"], p["lon"])
        r = 3 + 12 * math.sqrt(p["count"] / peak)
        colour = COOPERATION if (p.get("mean_score") or 0) >= 0 else CONFLICT
        parts.append(
            f'<circle class="place" data-name="{_e(p["name"])}" data-count="{p["count"]}" '
            f'cx="{x:.1f}" cy="{y:.1f}" r="{r:.1f}" fill="{colour}" fill-opacity="0.6" '
            f'stroke="#333" stroke-width="0.5"><title>{_e(p["name"])} ({_e(p["country"])}): '
            f"{p['count']} events</title></circle>"
        )
        if rank < 8:
            parts.append(
                f'<text x="{x + r + 2:.1f}" y="{y + 4:.1f}" font-size="10">{_e(p["name"])}</text>'
            )
    parts.append("</svg>")
    return Markup("".join(parts))
