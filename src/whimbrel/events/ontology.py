"""PLOVER tables: quad class, score and a default CAMEO code per event type."""

from __future__ import annotations

from typing import NamedTuple


class TypeInfo(NamedTuple):
    quad_class: str
    score: float
    cameo: str


# Scores from the PLOVER manual's cooperation–conflict scale; CAMEO: the root code that
# CAMEO2PLOVER-2021.txt maps to the type. SANCTION sits in material conflict (docs).
PLOVER: dict[str, TypeInfo] = {
    "AGREE": TypeInfo("verbal cooperation", 4.0, "030"),
    "CONSULT": TypeInfo("verbal cooperation", 2.5, "040"),
    "SUPPORT": TypeInfo("verbal cooperation", 3.5, "050"),
    "CONCEDE": TypeInfo("verbal cooperation", 5.0, "080"),
    "COOPERATE": TypeInfo("material cooperation", 6.0, "060"),
    "AID": TypeInfo("material cooperation", 10.0, "070"),
    "RETREAT": TypeInfo("material cooperation", 5.0, "080"),
    "REQUEST": TypeInfo("verbal conflict", -1.0, "100"),
    "ACCUSE": TypeInfo("verbal conflict", -2.0, "110"),
    "REJECT": TypeInfo("verbal conflict", -4.0, "120"),
    "THREATEN": TypeInfo("verbal conflict", -6.0, "130"),
    "PROTEST": TypeInfo("material conflict", -6.5, "140"),
    "SANCTION": TypeInfo("material conflict", -7.0, "160"),
    "MOBILIZE": TypeInfo("material conflict", -7.2, "150"),
    "COERCE": TypeInfo("material conflict", -7.5, "170"),
    "ASSAULT": TypeInfo("material conflict", -9.0, "180"),
}
