"""PLOVER tables: quad class and score per type (and mode), and a CAMEO code per type+mode.

Data files beside this module (``data/``):

- ``plover_scores.csv``: the manual's score table, with the quad class of each type.
- ``cameo2plover.csv``: ``CAMEO2PLOVER-2021.txt`` normalised (modes the manual lists, contexts
  as a list, SANCTION for CAMEO 163). Rebuild it with ``python -m whimbrel.events.ontology
  PATH/TO/CAMEO2PLOVER-2021.txt`` (``write_cameo_table``).
"""

from __future__ import annotations

import csv
import re
import sys
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

from whimbrel.records import PLOVER_TYPES

DATA = Path(str(resources.files("whimbrel.events"))) / "data"

# Older PLOVER names (0.5-0.7) and how they read now: (type, mode).
OLD_NAMES: dict[str, tuple[str, str]] = {
    "DEMAND": ("REQUEST", ""),
    "DISAPPROVE": ("ACCUSE", "disapprove"),
    "INVESTIGATE": ("ACCUSE", "investigate"),
    "FIGHT": ("ASSAULT", ""),
}

# Draft labels in CAMEO2PLOVER-2021.txt that are not modes of the manual, read as these.
_MODE_ALIASES: dict[str, str] = {
    "return": "release",
    "assassinate": "targeted",
    "ban": "restrict",
    "political": "restrict",
    "ease": "",  # "21.09.17: 'ease' is no longer a mode"
}
# Where the draft table disagrees with docs/coding-conventions.md: CAMEO 163 "Impose
# embargo, boycott, or sanctions" is SANCTION here; 1712 "Destroy property" is ASSAULT destroy.
_OVERRIDES: dict[str, tuple[str, str]] = {"163": ("SANCTION", ""), "1712": ("ASSAULT", "destroy")}
# Type roots where the most general row is not the type's root, and modes whose CAMEO code
# the draft table files under another mode (aerial weapons: 195; strikes: 143).
_DEFAULT_CAMEO: dict[str, str] = {"ACCUSE": "112", "ASSAULT": "180"}
_MODE_CAMEO: dict[tuple[str, str], str] = {
    ("ASSAULT", "aerial"): "195",
    ("ASSAULT", "drone"): "195",
    ("PROTEST", "strike"): "143",
    ("RETREAT", "resign"): "0831",
    ("THREATEN", "arrest"): "137",
    ("SANCTION", "convict"): "116",
    ("ACCUSE", "allege"): "112",
}

_LINE = re.compile(r"^(\d{3,4}):\s*([A-Z]+)\s*,([^,#]*),?([^#]*)#?\s*(.*)$")


@dataclass(frozen=True)
class CameoRow:
    cameo: str
    event_type: str
    mode: str
    contexts: tuple[str, ...]
    description: str


def valid_modes() -> dict[str, set[str]]:
    """Modes the manual lists, per type (from the score table)."""
    modes: dict[str, set[str]] = {t: set() for t in PLOVER_TYPES}
    for (event_type, mode), _ in _scores().items():
        if mode:
            modes[event_type].add(mode)
    return modes


def parse_cameo_table(text: str) -> list[CameoRow]:
    """Normalise the draft CAMEO-to-PLOVER table: one row per CAMEO code of 3-4 digits."""
    modes = valid_modes()
    rows: dict[str, CameoRow] = {}
    for raw in text.splitlines():
        m = _LINE.match(raw.strip())
        if not m:
            continue
        cameo, event_type, mode, context, description = (g.strip() for g in m.groups())
        mode = _MODE_ALIASES.get(mode.lower(), mode.lower())
        if cameo in _OVERRIDES:
            event_type, mode = _OVERRIDES[cameo]
        if event_type not in modes:
            continue
        if mode not in modes[event_type]:
            mode = ""
        contexts = tuple(c.strip() for c in context.split(";") if c.strip())
        rows.setdefault(cameo, CameoRow(cameo, event_type, mode, contexts, description))
    return sorted(rows.values(), key=lambda r: (r.cameo.ljust(4, "0"), r.cameo))


def write_cameo_table(source: Path, dest: Path | None = None) -> Path:
    """Write the normalised table as CSV (with its provenance header) and return its path."""
    dest = dest or DATA / "cameo2plover.csv"
    rows = parse_cameo_table(source.read_text(encoding="utf-8"))
    with dest.open("w", encoding="utf-8", newline="") as f:
        f.write(
            "# CAMEO codes -> PLOVER type and mode, normalised from CAMEO2PLOVER-2021.txt (PLOVER\n"
            "# manual draft 0.8, P. Schrodt, Open Event Data Alliance, MIT) by\n"
            "# whimbrel.events.ontology.write_cameo_table: modes outside the manual's lists\n"
            "# emptied or aliased, 163 read as SANCTION (docs/coding-conventions.md).\n"
        )
        writer = csv.writer(f)
        writer.writerow(["cameo", "type", "mode", "contexts", "description"])
        for r in rows:
            writer.writerow([r.cameo, r.event_type, r.mode, ";".join(r.contexts), r.description])
    return dest


def _read_csv(name: str) -> list[dict[str, str]]:
    with (DATA / name).open(encoding="utf-8") as f:
        return list(csv.DictReader(line for line in f if not line.startswith("#")))


@lru_cache(maxsize=1)
def _scores() -> dict[tuple[str, str], tuple[str, float]]:
    return {
        (r["type"], r["mode"]): (r["quad_class"], float(r["score"]))
        for r in _read_csv("plover_scores.csv")
    }


@lru_cache(maxsize=1)
def cameo_rows() -> list[CameoRow]:
    """The shipped normalised CAMEO table."""
    return [
        CameoRow(
            r["cameo"],
            r["type"],
            r["mode"],
            tuple(filter(None, r["contexts"].split(";"))),
            r["description"],
        )
        for r in _read_csv("cameo2plover.csv")
    ]


@lru_cache(maxsize=256)
def cameo_for(event_type: str, mode: str = "") -> str | None:
    """The most general CAMEO code for a type and mode (falls back to the type's root)."""
    if (event_type, mode) in _MODE_CAMEO:
        return _MODE_CAMEO[event_type, mode]
    rows = [r for r in cameo_rows() if r.event_type == event_type]
    exact = [r for r in rows if r.mode == (mode or "")] if mode else []
    if not exact and event_type in _DEFAULT_CAMEO:
        return _DEFAULT_CAMEO[event_type]
    pool = exact or [r for r in rows if r.mode == ""] or rows
    if not pool:
        return None
    return min(pool, key=lambda r: (len(r.cameo), r.cameo)).cameo


def quad_class(event_type: str) -> str:
    return _scores()[(event_type, "")][0]


def score(event_type: str, mode: str = "") -> float:
    """The manual's score for the type+mode, else for the type."""
    table = _scores()
    return table.get((event_type, mode or ""), table[(event_type, "")])[1]


def normalise_type(name: str | None, mode: str | None = None) -> tuple[str | None, str]:
    """Read a type name from any PLOVER version: (current type or None, mode)."""
    if not name:
        return None, mode or ""
    upper = name.strip().upper()
    if upper in OLD_NAMES:
        new, new_mode = OLD_NAMES[upper]
        return new, mode or new_mode
    return (upper if upper in PLOVER_TYPES else None), (mode or "")


if __name__ == "__main__":  # pragma: no cover - maintenance entry point
    write_cameo_table(Path(sys.argv[1]))
