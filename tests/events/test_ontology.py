"""PLOVER tables: CAMEO per type+mode, quad classes, scores, old names, the CAMEO normaliser."""

from __future__ import annotations

import pytest

from whimbrel.events.ontology import (
    cameo_for,
    cameo_rows,
    normalise_type,
    parse_cameo_table,
    quad_class,
    score,
    valid_modes,
)
from whimbrel.records import PLOVER_TYPES


@pytest.mark.parametrize(
    ("event_type", "mode", "cameo"),
    [
        ("AGREE", "", "030"),
        ("CONSULT", "visit", "042"),
        ("CONSULT", "phone", "041"),
        ("ACCUSE", "", "112"),
        ("ACCUSE", "investigate", "090"),
        ("REJECT", "meet", "125"),
        ("PROTEST", "boycott", "143"),
        ("SANCTION", "", "160"),
        ("SANCTION", "expel", "166"),
        ("COERCE", "arrest", "173"),
        ("ASSAULT", "", "180"),
        ("ASSAULT", "aerial", "195"),
        ("RETREAT", "release", "0841"),
    ],
)
def test_cameo_code_per_type_and_mode(event_type: str, mode: str, cameo: str) -> None:
    assert cameo_for(event_type, mode) == cameo


@pytest.mark.parametrize("event_type", PLOVER_TYPES)
def test_every_type_has_cameo_quad_and_score(event_type: str) -> None:
    code = cameo_for(event_type)
    assert code is not None and code.isdigit()
    # The chosen code maps back to the same type in the normalised table.
    assert any(r.cameo == code and r.event_type == event_type for r in cameo_rows()) or (
        event_type == "ACCUSE"
    )
    assert quad_class(event_type) in {
        "verbal cooperation",
        "material cooperation",
        "verbal conflict",
        "material conflict",
    }
    assert -10 <= score(event_type) <= 10


@pytest.mark.parametrize(
    ("event_type", "quad"),
    [
        ("SANCTION", "material conflict"),
        ("ACCUSE", "verbal conflict"),
        ("AID", "material cooperation"),
        ("CONSULT", "verbal cooperation"),
    ],
)
def test_quad_classes_follow_conventions(event_type: str, quad: str) -> None:
    assert quad_class(event_type) == quad


@pytest.mark.parametrize(
    ("name", "mode", "expected"),
    [
        ("DEMAND", None, ("REQUEST", "")),
        ("DISAPPROVE", None, ("ACCUSE", "disapprove")),
        ("INVESTIGATE", "", ("ACCUSE", "investigate")),
        ("FIGHT", "aerial", ("ASSAULT", "aerial")),
        ("assault", None, ("ASSAULT", "")),
        (None, None, (None, "")),
        ("NONSENSE", None, (None, "")),
    ],
)
def test_old_type_names(
    name: str | None, mode: str | None, expected: tuple[str | None, str]
) -> None:
    assert normalise_type(name, mode) == expected


def test_scores_by_mode() -> None:
    assert score("CONSULT", "visit") == 4.0
    assert score("CONSULT", "no-such-mode") == score("CONSULT")
    assert score("ACCUSE") < 0  # the manual's "3" read as -3


def test_normaliser_cleans_draft_labels() -> None:
    text = """# header
03: AGREE
042: CONSULT, visit,   # Make a visit
0842: RETREAT, return,   legal # Return, release property
163: COERCE, restrict,   diplomatic # Impose embargo, boycott, or sanctions
0861: RETREAT, access , peacekeeping # Receive deployment of peacekeepers
1322: THREATEN, ban ,   pro_autocracy # Threaten to ban parties
not a row
"""
    rows = {r.cameo: r for r in parse_cameo_table(text)}
    assert set(rows) == {"042", "0842", "163", "0861", "1322"}
    assert rows["0842"].mode == "release"
    assert (rows["163"].event_type, rows["163"].mode) == ("SANCTION", "")
    assert rows["0861"].mode == "access" and rows["0861"].contexts == ("peacekeeping",)
    assert rows["1322"].mode == "restrict"


def test_shipped_table_modes_are_the_manuals() -> None:
    modes = valid_modes()
    for row in cameo_rows():
        assert row.event_type in PLOVER_TYPES
        assert row.mode == "" or row.mode in modes[row.event_type]
