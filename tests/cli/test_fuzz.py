"""The CLI commands under generated hostile profiles (tests/fuzzing.py): exit 0 or 2, one
``error:`` message, no traceback, under 5 s. ``make bench`` runs 2,000 inputs per command;
here a few dozen each, so that a regression shows in ``make test``."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest

from .. import fuzzing

EXAMPLES_PER_COMMAND = 40


@pytest.mark.parametrize("command", sorted(fuzzing.COMMANDS))
def test_a_command_keeps_the_invariant_on_generated_profiles(command: str) -> None:
    seen: list[int] = []

    def check(broken: str | None, code: int, seconds: float) -> None:
        seen.append(code)
        assert broken is None, broken

    with tempfile.TemporaryDirectory() as tmp:
        fuzzing.fuzz(command, Path(tmp), EXAMPLES_PER_COMMAND, check, derandomize=True)
    assert len(seen) >= EXAMPLES_PER_COMMAND
    assert 2 in seen  # the generator does reach refusals (a generator that cannot fail...)


def test_the_invariant_catches_a_traceback() -> None:
    class Result:
        exit_code, exception, output = 1, ValueError("boom"), "Traceback (most recent call last)"

    assert fuzzing._broken("x", Result(), 0.1)
