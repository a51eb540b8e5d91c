"""Check the two held-out gold sets: actors-gold.jsonl and events-gold.json.

Run: python tests/data/validate_gold.py   (exit status 0 when both files pass)

Checks fields, exact substrings and offsets, 3-letter upper-case codes, the 25 PLOVER sectors,
the 16 event types and their manual modes, unique ids, valid dates, and the minimum counts.
Standard library only.
"""

from __future__ import annotations

import collections
import datetime
import json
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ACTORS = HERE / "actors-gold.jsonl"
EVENTS = HERE / "events-gold.json"

SECTORS = {
    *("COP", "GOV", "JUD", "LEG", "MIL", "PRM", "PTY", "REB", "SPY", "UAF", "UNK", "AGR"),
    *("BUS", "CRM", "CVL", "EDU", "ELI", "JRN", "LAB", "MED", "REF", "OPP", "PRE", "REL"),
    "SOC",
}
CODE_RE = re.compile(r"^[A-Z]{3}$")
_REQ_REJ = {"", "assist", "change", "yield", "meet"}
MODES: dict[str, set[str]] = {
    "AGREE": {""},
    "CONSULT": {"", "visit", "third-party", "multilateral", "phone"},
    "SUPPORT": {""},
    "CONCEDE": {""},
    "COOPERATE": {""},
    "AID": {""},
    "RETREAT": {"", "withdraw", "release", "disarm", "ceasefire", "access", "resign"},
    "REQUEST": _REQ_REJ,
    "ACCUSE": {"", "disapprove", "investigate", "allege"},
    "REJECT": _REQ_REJ,
    "THREATEN": {"", "restrict", "arrest", "relations", "expel", "territory", "violence"},
    "PROTEST": {"", "demo", "riot", "strike", "hunger", "boycott", "obstruct", "vandalize"},
    "SANCTION": {"", "convict", "expel", "withdraw", "discontinue"},
    "MOBILIZE": {"", "troops", "weapons", "police", "militia"},
    "COERCE": {
        "",
        "seize",
        "restrict",
        "censor",
        "curfew",
        "martial-law",
        "arrest",
        "deport",
        "withhold",
        "misinformation",
        "cyber",
    },
    "ASSAULT": {
        "",
        "abduct",
        "beat",
        "torture",
        "sexual",
        "targeted",
        "destroy",
        "primitive",
        "firearms",
        "explosives",
        "suicide-attack",
        "aerial",
        "drone",
        "heavy-weapons",
        "crowd-control",
        "unconventional",
    },
}
TYPES = list(MODES)
NEEDS_RECIPIENT = {"COOPERATE", "AID", "SANCTION"}  # manual: "Requires recipient: Yes"

MIN_ACTOR_LINES, MIN_MENTIONS = 130, 320
MIN_EVENTS, MIN_PER_TYPE, MIN_NULL = 420, 22, 60

EVENT_KEYS = {
    "id",
    "text",
    "date",
    "event",
    "mode",
    "source",
    "target",
    "trigger",
    "negated",
    "hypothetical",
}


def _date_ok(s: object) -> bool:
    if not isinstance(s, str) or not re.fullmatch(r"\d{4}-\d{2}-\d{2}", s):
        return False
    try:
        datetime.date.fromisoformat(s)
    except ValueError:
        return False
    return True


def _code_sector(where: str, code: object, sector: object, errs: list[str]) -> None:
    if not isinstance(code, str) or not CODE_RE.match(code):
        errs.append(f"{where}: bad code {code!r}")
    if sector not in SECTORS:
        errs.append(f"{where}: bad sector {sector!r}")


def check_actors(path: Path = ACTORS) -> tuple[list[str], dict]:
    errs: list[str] = []
    ids: set[str] = set()
    n_lines = n_mentions = 0
    sectors: collections.Counter = collections.Counter()
    for lineno, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not raw.strip():
            errs.append(f"actors line {lineno}: blank line")
            continue
        try:
            rec = json.loads(raw)
        except json.JSONDecodeError as exc:
            errs.append(f"actors line {lineno}: invalid JSON ({exc})")
            continue
        n_lines += 1
        where = f"actors {rec.get('id', lineno)}"
        if set(rec) != {"id", "text", "date", "mentions"}:
            errs.append(f"{where}: keys {sorted(rec)}")
            continue
        rid, text = rec["id"], rec["text"]
        if not isinstance(rid, str) or not re.fullmatch(r"ag-\d{3,}", rid):
            errs.append(f"{where}: bad id")
        if rid in ids:
            errs.append(f"{where}: duplicate id")
        ids.add(rid)
        if not isinstance(text, str) or not text.strip():
            errs.append(f"{where}: empty text")
            continue
        if not _date_ok(rec["date"]):
            errs.append(f"{where}: bad date {rec['date']!r}")
        if not isinstance(rec["mentions"], list):
            errs.append(f"{where}: mentions is not a list")
            continue
        prev_end = -1
        for i, m in enumerate(rec["mentions"]):
            mw = f"{where} mention {i}"
            if set(m) != {"text", "start", "end", "code", "sector"}:
                errs.append(f"{mw}: keys {sorted(m)}")
                continue
            s, e = m["start"], m["end"]
            if not (isinstance(s, int) and isinstance(e, int) and 0 <= s < e <= len(text)):
                errs.append(f"{mw}: bad offsets {s}-{e}")
                continue
            if text[s:e] != m["text"]:
                errs.append(f"{mw}: text[{s}:{e}]={text[s:e]!r} != {m['text']!r}")
            if m["text"] != m["text"].strip():
                errs.append(f"{mw}: span has outer whitespace")
            if s < prev_end:
                errs.append(f"{mw}: overlaps or precedes the previous mention")
            prev_end = e
            _code_sector(mw, m["code"], m["sector"], errs)
            sectors[m["sector"]] += 1
            n_mentions += 1
    if n_lines < MIN_ACTOR_LINES:
        errs.append(f"actors: {n_lines} lines < {MIN_ACTOR_LINES}")
    if n_mentions < MIN_MENTIONS:
        errs.append(f"actors: {n_mentions} mentions < {MIN_MENTIONS}")
    return errs, {"lines": n_lines, "mentions": n_mentions, "sectors": dict(sectors)}


def check_events(path: Path = EVENTS) -> tuple[list[str], dict]:
    errs: list[str] = []
    data = json.loads(path.read_text(encoding="utf-8"))
    if not isinstance(data, list):
        return ["events: top level is not a JSON list"], {}
    ids: set[str] = set()
    texts: set[str] = set()
    counts: collections.Counter = collections.Counter()
    for i, rec in enumerate(data):
        where = f"events {rec.get('id', i) if isinstance(rec, dict) else i}"
        if not isinstance(rec, dict) or set(rec) != EVENT_KEYS:
            errs.append(f"{where}: keys {sorted(rec) if isinstance(rec, dict) else type(rec)}")
            continue
        rid, text, ev = rec["id"], rec["text"], rec["event"]
        if not isinstance(rid, str) or not re.fullmatch(r"eg-\d{4,}", rid):
            errs.append(f"{where}: bad id")
        if rid in ids:
            errs.append(f"{where}: duplicate id")
        ids.add(rid)
        if not isinstance(text, str) or not text.strip():
            errs.append(f"{where}: empty text")
            continue
        if text in texts:
            errs.append(f"{where}: duplicate text")
        texts.add(text)
        if not _date_ok(rec["date"]):
            errs.append(f"{where}: bad date {rec['date']!r}")
        if ev is not None and ev not in MODES:
            errs.append(f"{where}: bad event {ev!r}")
            continue
        counts[ev] += 1
        mode = rec["mode"]
        if not isinstance(mode, str):
            errs.append(f"{where}: mode must be a string")
        elif ev is None and mode:
            errs.append(f"{where}: mode {mode!r} on a null event")
        elif ev is not None and mode not in MODES[ev]:
            errs.append(f"{where}: mode {mode!r} not a manual mode of {ev}")
        for flag in ("negated", "hypothetical"):
            if not isinstance(rec[flag], bool):
                errs.append(f"{where}: {flag} must be a bool")
        trig = rec["trigger"]
        if not isinstance(trig, str) or trig not in text:
            errs.append(f"{where}: trigger {trig!r} is not a substring of the text")
        elif ev is not None and not trig.strip():
            errs.append(f"{where}: empty trigger on a coded event")
        for role in ("source", "target"):
            actors = rec[role]
            if not isinstance(actors, list):
                errs.append(f"{where}: {role} is not a list")
                continue
            if ev is None and actors:
                errs.append(f"{where}: null event with {role} actors")
            for j, a in enumerate(actors):
                aw = f"{where} {role}[{j}]"
                if not isinstance(a, dict) or set(a) != {"actorText", "code", "sector"}:
                    errs.append(f"{aw}: keys")
                    continue
                if not a["actorText"] or a["actorText"] not in text:
                    errs.append(f"{aw}: actorText {a['actorText']!r} not in text")
                _code_sector(aw, a["code"], a["sector"], errs)
        if ev is not None and not rec["source"] and not rec["target"]:
            errs.append(f"{where}: coded event without any actor")
        if ev in NEEDS_RECIPIENT and not rec["target"]:
            errs.append(f"{where}: {ev} requires a recipient")
    if len(data) < MIN_EVENTS:
        errs.append(f"events: {len(data)} records < {MIN_EVENTS}")
    for t in TYPES:
        if counts[t] < MIN_PER_TYPE:
            errs.append(f"events: {t} has {counts[t]} < {MIN_PER_TYPE}")
    if counts[None] < MIN_NULL:
        errs.append(f"events: {counts[None]} null events < {MIN_NULL}")
    summary = {"records": len(data), "per_type": {str(k): v for k, v in counts.items()}}
    return errs, summary


def main() -> int:
    a_errs, a_sum = check_actors()
    e_errs, e_sum = check_events()
    print(f"actors: {a_sum.get('lines')} lines, {a_sum.get('mentions')} mentions")
    print(f"events: {e_sum.get('records')} records")
    for t in [*TYPES, "None"]:
        print(f"  {t:10s} {e_sum.get('per_type', {}).get(t, 0)}")
    for err in a_errs + e_errs:
        print("ERROR", err)
    print("OK" if not (a_errs or e_errs) else f"FAILED: {len(a_errs) + len(e_errs)} error(s)")
    return 1 if (a_errs or e_errs) else 0


if __name__ == "__main__":
    sys.exit(main())
