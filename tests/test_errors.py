"""errors.py: stable, unique codes, and messages that carry a fix."""

from __future__ import annotations

import inspect

import pytest

from whimbrel import errors

ALL = [
    cls
    for _, cls in inspect.getmembers(errors, inspect.isclass)
    if issubclass(cls, errors.WhimbrelError)
]


def test_codes_are_unique() -> None:
    codes = [cls.code for cls in ALL]
    assert len(codes) == len(set(codes))


@pytest.mark.parametrize("cls", ALL, ids=lambda c: c.__name__)
def test_message_format(cls: type[errors.WhimbrelError]) -> None:
    err = cls("Something is wrong.", "do this instead.")
    assert str(err) == f"[{cls.code}] Something is wrong. Try: do this instead."


@pytest.mark.parametrize("cls", ALL, ids=lambda c: c.__name__)
def test_every_error_is_drawn_in_the_tree(cls: type[errors.WhimbrelError]) -> None:
    assert cls.__name__ in (errors.__doc__ or "")
