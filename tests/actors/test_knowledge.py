"""The knowledge base: shipped data, dated roles, user files layered over it."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.actors.conftest import Code, coded
from tests.conftest import DATA, ROOT, SHARED
from whimbrel.actors.knowledge import KB_DIR, KnowledgeBase, load_kb, norm, parse_role
from whimbrel.errors import KnowledgeBaseFileError

FIXTURES = DATA / "actors"


def _entry(kb: KnowledgeBase, name: str):
    hit = next(h for h in kb.lookup(norm(name)) if h.kind == "entry")
    assert hit.entry is not None
    return kb.entry(hit.entry)


@pytest.mark.parametrize(
    ("name", "day", "expected"),
    [
        ("Joe Biden", "2020-12-31", ("USA", "ELI")),
        ("Joe Biden", "2022-06-06", ("USA", "GOV")),
        ("Donald Trump", "2022-06-06", ("USA", "ELI")),
        ("Donald Trump", "2025-06-01", ("USA", "GOV")),
        ("Mark Rutte", "2025-01-10", ("IGO", "GOV")),
        ("Mark Rutte", "2020-01-10", ("NLD", "GOV")),
        ("Hezbollah", "2022-06-06", ("LBN", "REB")),
    ],
)
def test_roles_by_date(kb: KnowledgeBase, name: str, day: str, expected: tuple) -> None:
    role, why = _entry(kb, name).role_on(dt.date.fromisoformat(day))
    assert role is not None and (role.code, role.sector) == expected, why


def test_every_country_has_names_and_a_seat(kb: KnowledgeBase) -> None:
    rows = [json.loads(x) for x in (KB_DIR / "countries.jsonl").read_text().splitlines()]
    countries = [r for r in rows if r["code"] and r["iso3"] == r["code"]]
    assert len(countries) >= 190
    assert all(r["names"] and r["metonyms"] for r in countries if r["code"] != "PSE")
    for word, code in [
        ("Salvadoran", "SLV"),
        ("Emirati", "ARE"),
        ("British", "GBR"),
        ("Kosovar", "KOS"),
        ("Beijing", "CHN"),
        ("Kremlin", "RUS"),
    ]:
        assert any(h.code == code for h in kb.lookup(norm(word))), word


@pytest.mark.parametrize(
    ("text", "role"),
    [
        (
            "USA GOV 2021-01-20 2025-01-19",
            ("USA", "GOV", dt.date(2021, 1, 20), dt.date(2025, 1, 19)),
        ),
        ("SLV ELI", ("SLV", "ELI", None, None)),
        ("AFG GOV 2021-08-15 -", ("AFG", "GOV", dt.date(2021, 8, 15), None)),
    ],
)
def test_parse_role(text: str, role: tuple) -> None:
    r = parse_role(text)
    assert (r.code, r.sector, r.start, r.end) == role


@pytest.mark.parametrize("bad", ["usa GOV", "USA BOSS", "USA GOV 2021-13-01"])
def test_parse_role_rejects_bad_codings(bad: str) -> None:
    with pytest.raises(ValueError):
        parse_role(bad)


def test_user_yaml_overrides_and_reports_conflicts(code: Code) -> None:
    kb = load_kb((str(FIXTURES / "user-actors.yaml"),))
    assert any("Bukele" in w and "overrides" in w for w in kb.warnings)
    actors = code("The RLF attacked. Yankeeland protested.", "2022-06-06", knowledge=kb)
    assert coded(actors, "RLF") == {("DEU", "REB")}
    assert coded(actors, "Yankeeland") == {("USA", "GOV")}
    older = code("Nayib Bukele spoke.", "2011-01-01", knowledge=kb)
    assert coded(older, "Bukele") == {("SLV", "PTY")}


def test_user_csv_rows_merge_into_dated_roles(code: Code) -> None:
    kb = load_kb((str(FIXTURES / "user-actors.csv"),))
    assert coded(code("Maria Testova spoke.", "2021-05-05", knowledge=kb), "Testova") == {
        ("PER", "GOV")
    }
    assert coded(code("Maria Testova spoke.", "2024-05-05", knowledge=kb), "Testova") == {
        ("PER", "ELI")
    }


def test_two_user_files_defining_one_name_warn(tmp_path: Path) -> None:
    a = FIXTURES / "user-actors.yaml"
    b = tmp_path / "mine.yaml"
    b.write_text("- {name: RLF, code: FRA, sector: REB}\n")
    kb = load_kb((str(a), str(b)))
    assert any("also defined" in w for w in kb.warnings)


@pytest.mark.parametrize("name", ["bad-actors.yaml", "missing.yaml", "README.md"])
def test_bad_user_files_raise_a_kb_error(name: str) -> None:
    with pytest.raises(KnowledgeBaseFileError) as e:
        load_kb((str(FIXTURES / name),))
    assert e.value.code == "W301" and "Try:" in str(e.value)


def test_settings_files_are_used_by_default(monkeypatch: pytest.MonkeyPatch) -> None:
    from whimbrel.actors.knowledge import kb_for

    monkeypatch.setenv("WHIMBREL_ACTORS", str(FIXTURES / "user-actors.yaml"))
    assert kb_for().files == (str(FIXTURES / "user-actors.yaml"),)


@pytest.mark.skipif(not (SHARED / "ontology").is_dir(), reason="needs ../shared/ontology")
def test_build_script_reproduces_the_shipped_files(tmp_path: Path) -> None:
    subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "build_actor_kb.py"), "--out", str(tmp_path)],
        check=True,
        capture_output=True,
        timeout=120,
    )
    for name in ("actors.jsonl", "countries.jsonl", "agents.csv"):
        assert (tmp_path / name).read_bytes() == (KB_DIR / name).read_bytes(), name
