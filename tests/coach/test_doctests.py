"""The examples in the engine's docstrings are true (they document how answers are read)."""

from __future__ import annotations

import doctest
import importlib
import pkgutil

import pytest

import bot.coach

MODULES = sorted(m.name for m in pkgutil.iter_modules(bot.coach.__path__, "bot.coach."))


@pytest.mark.parametrize("name", MODULES)
def test_the_docstring_examples_hold(name: str) -> None:
    assert doctest.testmod(importlib.import_module(name)).failed == 0
