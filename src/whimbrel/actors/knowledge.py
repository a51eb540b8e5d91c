"""The actor knowledge base: shipped data files (``kb/``) plus users' YAML/CSV files.

Loaded once per process per set of user files (``load_kb``). Lookups go by a normalised
phrase key (lower case, single spaces, straight apostrophes); each key maps to one or more
``Hit`` templates: a country name/adjective/demonym/metonym, a KB entry (person,
organisation, armed group) or an agent noun (sector).
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from whimbrel.errors import KnowledgeBaseFileError

KB_DIR = Path(__file__).resolve().parent / "kb"
SECTORS = frozenset(
    [
        "COP",
        "GOV",
        "JUD",
        "LEG",
        "MIL",
        "PRM",
        "PTY",
        "REB",
        "SPY",
        "UAF",
        "UNK",
        "AGR",
        "BUS",
        "CRM",
        "CVL",
        "EDU",
        "ELI",
        "JRN",
        "LAB",
        "MED",
        "REF",
        "OPP",
        "PRE",
        "REL",
        "SOC",
    ]
)
TRANSNATIONAL = frozenset({"IGO", "UNO", "EUR", "NGO", "ISM", "IMG", "MNC"})
# The ``Hit`` kinds that name a country, in the order a phrase is read as one.
COUNTRY_KINDS = ("name", "metonym", "adjective", "demonym")
_CODE_RE = re.compile(r"^[A-Z]{3}$")


_PLAIN = re.compile(r"^[a-z0-9.\-' ]+$")


def norm(text: str) -> str:
    """The lookup key of a phrase: lower case, single spaces, straight apostrophes."""
    if _PLAIN.match(text) and "  " not in text and text == text.strip():
        return text
    text = text.replace("’", "'").replace("‘", "'").replace("–", "-").replace("—", "-")
    return " ".join(text.lower().split())


@dataclass(frozen=True)
class Role:
    code: str | None
    sector: str | None
    start: dt.date | None = None
    end: dt.date | None = None

    def covers(self, day: dt.date) -> bool:
        return (self.start is None or self.start <= day) and (self.end is None or day <= self.end)


@dataclass
class Entry:
    """A person, organisation or armed group with its coding, possibly dated."""

    id: str
    kind: str  # person | org | group
    names: list[str]
    roles: list[Role]
    default: Role | None
    source: str
    gender: str | None = None
    number: str = "sg"

    def current(self, day: dt.date) -> bool:
        """Whether a dated role covers ``day``."""
        return any(r.covers(day) for r in self.roles)

    def role_on(self, day: dt.date) -> tuple[Role | None, str]:
        """The role in force on ``day`` and why it was chosen."""
        current = [r for r in self.roles if r.covers(day)]
        if current:
            best = max(current, key=lambda r: r.start or dt.date.min)
            span = f"{best.start or '…'} to {best.end or 'now'}"
            return best, f"role {best.code} {best.sector} from {span} covers {day}"
        if self.default is not None:
            code = self.default.code or next((r.code for r in self.roles if r.code), None)
            return Role(code, self.default.sector), f"no dated role on {day}: default"
        if self.roles:
            past = [r for r in self.roles if r.end is not None and r.end < day]
            base = max(past, key=lambda r: r.end or dt.date.min) if past else self.roles[0]
            return Role(base.code, "ELI"), f"no role in force on {day}: former office-holder"
        return None, "no coding"


@dataclass(frozen=True)
class Agent:
    sector: str
    role: str | None = None
    weak: bool = False
    code: str | None = None


@dataclass(frozen=True)
class Hit:
    """What a phrase means: ``kind`` is name|adjective|demonym|metonym|entry|agent."""

    kind: str
    code: str | None = None
    entry: int | None = None  # index into KnowledgeBase.entries
    agent: Agent | None = None
    cased: str | None = None  # original spelling, for short names that must match case


@dataclass
class KnowledgeBase:
    # Shipped entries stay raw JSON rows until first used (``entry``): loading is faster.
    entries: list[Entry | dict[str, Any]] = field(default_factory=list)
    index: dict[str, list[Hit]] = field(default_factory=dict)
    first_words: set[str] = field(default_factory=set)
    max_words: int = 1
    warnings: list[str] = field(default_factory=list)
    files: tuple[str, ...] = ()

    def add(self, name: str, hit: Hit) -> None:
        key = norm(name)
        if not key:
            return
        self._add_key(key, hit)
        if key.startswith("the ") and hit.kind != "agent":
            rest = name.split(None, 1)[1] if " " in name else ""
            short = len(rest) <= 4 and " " not in rest
            self._add_key(key[4:], replace(hit, cased=rest if short else None))

    def _add_key(self, key: str, hit: Hit) -> None:
        bucket = self.index.setdefault(key, [])
        if hit not in bucket:
            bucket.append(hit)
        words = key.count(" ") + 1
        self.first_words.add(key.split(" ", 1)[0])
        if words > self.max_words:
            self.max_words = words

    def add_entry(self, entry: Entry | dict[str, Any]) -> int:
        self.entries.append(entry)
        idx = len(self.entries) - 1
        names = entry.names if isinstance(entry, Entry) else entry["names"]
        for name in names:
            short = len(name) <= 4 and " " not in name
            self.add(name, Hit("entry", entry=idx, cased=name if short else None))
        return idx

    def entry(self, idx: int) -> Entry:
        e = self.entries[idx]
        if isinstance(e, dict):
            e = _entry_from_json(e)
            self.entries[idx] = e
        return e

    def lookup(self, key: str) -> list[Hit]:
        return self.index.get(key, [])


def _date(value: Any) -> dt.date | None:
    if value in (None, "", "-"):
        return None
    if isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value))


def parse_role(text: str) -> Role:
    """``"USA GOV 2021-01-20 2025-01-19"`` (dates optional, ``-`` = open)."""
    parts = str(text).split()
    if not parts:
        raise ValueError("empty role")
    code = parts[0] if parts[0] not in {"-", "None"} else None
    sector = parts[1] if len(parts) > 1 and parts[1] != "-" else None
    start = _date(parts[2]) if len(parts) > 2 else None
    end = _date(parts[3]) if len(parts) > 3 else None
    _check_coding(code, sector)
    return Role(code, sector, start, end)


def _check_coding(code: str | None, sector: str | None) -> None:
    if code is not None and not _CODE_RE.match(code):
        raise ValueError(f"code {code!r} is not three capital letters (ISO3 or IGO/UNO/...)")
    if sector is not None and sector not in SECTORS:
        raise ValueError(f"sector {sector!r} is not one of PLOVER's 25 sectors")


def _entry_from_json(row: dict[str, Any]) -> Entry:
    default = row.get("default")
    return Entry(
        id=row["id"],
        kind=row["kind"],
        names=row["names"],
        roles=[
            Role(r["code"], r["sector"], _date(r.get("start")), _date(r.get("end")))
            for r in row.get("roles", [])
        ],
        default=Role(default["code"], default["sector"]) if default else None,
        source=row.get("source", ""),
        gender=row.get("gender"),
        number=row.get("number", "sg"),
    )


def _load_shipped(kb: KnowledgeBase) -> None:
    with (KB_DIR / "countries.jsonl").open(encoding="utf-8") as f:
        countries = [json.loads(line) for line in f]
    # Cased spellings (pycountry, hand-written) before the lower-case Phoenix aliases, so that
    # a name two countries share is first the one it names today: "South Sudan" is SSD
    # (Phoenix, dated before 2011, lists it under SDN).
    for cased_pass in (True, False):
        for c in countries:
            for field_name, kind in (
                ("names", "name"),
                ("adjectives", "adjective"),
                ("demonyms", "demonym"),
                ("metonyms", "metonym"),
                ("regions", "region"),
                ("places", "place"),
            ):
                for name in c.get(field_name, []):
                    if (name != name.lower()) != cased_pass:
                        continue
                    short = len(name) <= 4 and " " not in name
                    kb.add(name, Hit(kind, code=c["code"], cased=name if short else None))
    with (KB_DIR / "agents.csv").open(encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f):
            agent = Agent(
                sector=row["sector"],
                role=row["role"] or None,
                weak=row["weak"] == "yes",
                code=row["code"] or None,
            )
            kb.add(row["name"], Hit("agent", agent=agent))
    with (KB_DIR / "actors.jsonl").open(encoding="utf-8") as f:
        for line in f:
            kb.add_entry(json.loads(line))


def _user_rows(path: Path) -> list[dict[str, Any]]:
    """Rows of a user file (YAML list, or CSV with one row per role), merged by name."""
    if not path.is_file():
        raise KnowledgeBaseFileError(
            f"The actor file {str(path)!r} does not exist.",
            "check the path given to --actors or WHIMBREL_ACTORS.",
        )
    suffix = path.suffix.lower()
    try:
        if suffix in {".yaml", ".yml"}:
            data = yaml.safe_load(path.read_text(encoding="utf-8")) or []
            if isinstance(data, dict):
                data = data.get("actors", [])
            if not isinstance(data, list):
                raise ValueError("the top level must be a list of actors (or actors: [...])")
            return [dict(d) for d in data]
        if suffix == ".csv":
            merged: dict[str, dict[str, Any]] = {}
            with path.open(encoding="utf-8", newline="") as f:
                for row in csv.DictReader(f):
                    name = (row.get("name") or "").strip()
                    if not name:
                        raise ValueError("a row has no 'name'")
                    d = merged.setdefault(name, {"name": name, "roles": []})
                    for opt in ("kind", "gender", "number"):
                        if row.get(opt):
                            d[opt] = row[opt].strip()
                    if row.get("aliases"):
                        d["aliases"] = [a.strip() for a in row["aliases"].split("|") if a.strip()]
                    coding = f"{row.get('code') or '-'} {row.get('sector') or '-'}"
                    if row.get("start") or row.get("end"):
                        d["roles"].append(
                            f"{coding} {row.get('start') or '-'} {row.get('end') or '-'}"
                        )
                    else:
                        d["default"] = coding
            return list(merged.values())
    except (yaml.YAMLError, ValueError, UnicodeDecodeError, csv.Error) as e:
        raise KnowledgeBaseFileError(
            f"The actor file {str(path)!r} cannot be read: {e}.",
            "see docs/actors.md for the YAML and CSV formats.",
        ) from e
    raise KnowledgeBaseFileError(
        f"The actor file {str(path)!r} is neither YAML nor CSV.",
        "name it .yaml, .yml or .csv.",
    )


def _describe(kb: KnowledgeBase, hits: list[Hit]) -> str:
    parts = []
    for h in hits:
        if h.kind == "entry" and h.entry is not None:
            e = kb.entry(h.entry)
            role = e.default or (e.roles[-1] if e.roles else None)
            coding = f"{role.code} {role.sector}" if role else "uncoded"
            parts.append(f"{e.id} ({coding})")
        elif h.kind == "agent" and h.agent:
            parts.append(f"agent {h.agent.sector}")
        else:
            parts.append(f"{h.kind} of {h.code}")
    return ", ".join(parts)


def _add_user_file(kb: KnowledgeBase, path: Path, claimed: dict[str, str]) -> None:
    for n, row in enumerate(_user_rows(path), start=1):
        where = f"{path.name} entry {n}"
        try:
            name = str(row["name"]).strip()
            kind = str(row.get("kind", "person" if row.get("gender") else "org"))
            names = [name, *[str(a) for a in row.get("aliases", []) or []]]
            if kind in {"country", "agent"}:
                code, sector = row.get("code"), row.get("sector")
                _check_coding(code, sector)
                for alias in names:
                    key = norm(alias)
                    old = kb.index.get(key, [])
                    if old:
                        kb.warnings.append(
                            f"{where}: {alias!r} was {_describe(kb, old)} in the shipped "
                            f"knowledge base; your file overrides it."
                        )
                    if kind == "country":
                        kb.index[key] = [Hit("name", code=code)]
                    else:
                        kb.index[key] = [Hit("agent", agent=Agent(sector or "UNK", code=code))]
                    kb.first_words.add(key.split(" ")[0])
                    kb.max_words = max(kb.max_words, len(key.split(" ")))
                continue
            roles = [parse_role(r) for r in row.get("roles", []) or []]
            default = None
            if row.get("default"):
                default = parse_role(row["default"])
            elif row.get("code") or row.get("sector"):
                _check_coding(row.get("code"), row.get("sector"))
                default = Role(row.get("code"), row.get("sector"))
            if default is None and not roles:
                raise ValueError("it has no code/sector, default or roles")
        except (KeyError, ValueError, TypeError) as e:
            raise KnowledgeBaseFileError(
                f"The actor file {str(path)!r} has a bad entry {n}: {e}.",
                "each entry needs a name and a code/sector (or roles 'CODE SECTOR START END').",
            ) from e
        entry = Entry(
            id=f"user:{path.name}:{norm(name)}",
            kind=kind if kind in {"person", "org", "group"} else "org",
            names=names,
            roles=roles,
            default=default,
            source=str(path),
            gender=row.get("gender"),
            number=str(row.get("number", "sg")),
        )
        for alias in names:
            key = norm(alias)
            if key in claimed and claimed[key] != str(path):
                kb.warnings.append(
                    f"{where}: {alias!r} is also defined in {claimed[key]}; the later file wins."
                )
            old = [h for h in kb.index.get(key, []) if h.kind in {"entry", "name", "metonym"}]
            if old and key not in claimed:
                kb.warnings.append(
                    f"{where}: {alias!r} was {_describe(kb, old)} in the shipped knowledge "
                    f"base; your file overrides it."
                )
            claimed[key] = str(path)
            kb.index[key] = [h for h in kb.index.get(key, []) if h.kind == "agent"]
        kb.add_entry(entry)


@lru_cache(maxsize=8)
def load_kb(files: tuple[str, ...] = ()) -> KnowledgeBase:
    """The shipped knowledge base with the user files layered over it (later files win).

    Cached per tuple of files: load once per process. Conflicts with the shipped data or
    between user files are listed in ``KnowledgeBase.warnings`` (data, never printed).
    """
    kb = KnowledgeBase(files=files)
    _load_shipped(kb)
    claimed: dict[str, str] = {}
    for f in files:
        _add_user_file(kb, Path(f), claimed)
    return kb


def kb_for(files: Iterable[str] | None = None) -> KnowledgeBase:
    """``load_kb`` over the given user files (default: the WHIMBREL_ACTORS setting)."""
    if files is None:
        from whimbrel.settings import Settings

        files = Settings.from_env().actor_files
    return load_kb(tuple(str(f) for f in files))
