"""The held-out gold sets stay well-formed (offsets, codes, sectors, types, counts)."""

from __future__ import annotations

import importlib.util

import pytest

from tests.conftest import DATA

spec = importlib.util.spec_from_file_location("validate_gold", DATA / "validate_gold.py")
assert spec and spec.loader
validate_gold = importlib.util.module_from_spec(spec)
spec.loader.exec_module(validate_gold)


@pytest.mark.parametrize("check", ["check_actors", "check_events"])
def test_gold_file_is_valid(check: str) -> None:
    errors, _counts = getattr(validate_gold, check)()
    assert errors == []
