"""The SVG charts parse as XML and encode the data: bar heights, edge colours and widths."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest

from whimbrel.web.charts import CONFLICT, COOPERATION, map_svg, network_svg, timeline_svg

NS = {"s": "http://www.w3.org/2000/svg"}


def _period(period: str, **by_quad: int) -> dict[str, object]:
    quads = {k.replace("_", " "): v for k, v in by_quad.items()}
    return {"period": period, "count": sum(quads.values()), "by_quad_class": quads}


def test_timeline_bars_are_proportional_and_stacked() -> None:
    periods = [
        _period("2022-06-01", verbal_cooperation=2, material_conflict=4),
        _period("2022-07-01", verbal_conflict=1),
    ]
    root = ET.fromstring(str(timeline_svg(periods)))
    bars = root.findall(".//s:rect[@class='bar']", NS)
    assert [(b.get("data-period"), b.get("data-quad"), b.get("data-count")) for b in bars] == [
        ("2022-06-01", "verbal cooperation", "2"),
        ("2022-06-01", "material conflict", "4"),
        ("2022-07-01", "verbal conflict", "1"),
    ]
    heights = [float(b.get("height", 0)) for b in bars]
    assert heights[1] == pytest.approx(2 * heights[0]) and heights[0] == pytest.approx(
        2 * heights[2]
    )


@pytest.mark.parametrize("chart", [timeline_svg([]), network_svg([])])
def test_empty_charts_say_so(chart: object) -> None:
    root = ET.fromstring(str(chart))
    assert "No " in "".join(root.itertext())


def test_network_edges_colour_and_width() -> None:
    dyads = [
        {"source": "USA", "target": "CUB", "count": 4, "mean_score": -5.0},
        {"source": "MEX", "target": "USA", "count": 1, "mean_score": 3.0},
        {"source": "<x>", "target": "USA", "count": 2, "mean_score": 0.0},
    ]
    svg = str(network_svg(dyads))
    root = ET.fromstring(svg)
    edges = {(e.get("data-source"), e.get("data-target")): e for e in root.findall(".//s:line", NS)}
    assert edges[("USA", "CUB")].get("stroke") == CONFLICT
    assert edges[("MEX", "USA")].get("stroke") == COOPERATION
    assert edges[("<x>", "USA")].get("stroke") == COOPERATION  # 0 counts as cooperation
    widths = [
        float(edges[k].get("stroke-width", 0))
        for k in (("MEX", "USA"), ("<x>", "USA"), ("USA", "CUB"))
    ]
    assert widths == sorted(widths) and widths[0] < widths[-1]
    assert len(root.findall(".//s:circle", NS)) == 4
    assert "<x>" not in svg and "&lt;x&gt;" in svg


def test_map_places_points_by_coordinates() -> None:
    places = [
        {
            "name": "Havana",
            "country": "CUB",
            "lat": 23.1,
            "lon": -82.4,
            "count": 4,
            "mean_score": -2.0,
        },
        {"name": "Quito", "country": "ECU", "lat": 0.0, "lon": 0.0, "count": 1, "mean_score": 1},
    ]
    root = ET.fromstring(str(map_svg(places, width=360, height=180)))
    circles = {c.get("data-name"): c for c in root.findall(".//s:circle", NS)}
    assert float(circles["Quito"].get("cx", 0)) == pytest.approx(180)
    assert float(circles["Quito"].get("cy", 0)) == pytest.approx(90)
    assert (
        float(circles["Havana"].get("cx", 0)) < 180 and float(circles["Havana"].get("cy", 0)) < 90
    )
    assert float(circles["Havana"].get("r", 0)) > float(circles["Quito"].get("r", 0))
    assert circles["Havana"].get("fill") == CONFLICT and circles["Quito"].get("fill") == COOPERATION
