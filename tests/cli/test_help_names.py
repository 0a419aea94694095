"""Help names what each value is (``--on DATE``, ``PROFILE``), not its Python type
(``--on <str>``, ``{profile}``): every argument and option of every command, as a user meets
them through ``maplepath``."""

from __future__ import annotations

import re
from typing import Any

import pytest
from typer.core import TyperArgument, TyperOption

from maplepath.cli.metavars import ARGUMENTS, OPTIONS

from ..cli_helpers import COMMANDS, fails, ok

NAME = re.compile(r"^(?:[A-Z][A-Z0-9_]*|[a-z]+(?:\|[a-z]+)+)$")  # PROFILE, or en|fr


def _values(cmd: Any) -> list[Any]:
    return [
        p
        for p in cmd.params
        if isinstance(p, TyperArgument) or (isinstance(p, TyperOption) and not p.is_flag)
    ]


@pytest.mark.parametrize(("path", "cmd"), COMMANDS, ids=[" ".join(p) for p, _ in COMMANDS])
def test_every_value_is_named_for_what_it_takes(path: tuple[str, ...], cmd: Any) -> None:
    for param in _values(cmd):
        where = f"maplepath {' '.join(path)} {param.opts[0]}"
        assert param.metavar is not None, f"{where}: name it in cli/metavars.py"
        assert NAME.match(param.metavar), f"{where}: {param.metavar!r}"
    out = ok(*path, "--help")
    usage = " ".join(out.split("\n\n", 1)[0].split())
    assert not re.search(r"[{\[][a-z_]+[}\]]", usage), usage  # {profile}, [prefix]
    typed = [line for line in out.splitlines() if re.match(r"\s+--[\w-]+ <", line)]
    assert typed == []  # --on <str>


def test_the_tables_hold_no_name_that_no_command_takes() -> None:
    options = {p.opts[0] for _, cmd in COMMANDS for p in _values(cmd)}
    arguments = {p.name for _, cmd in COMMANDS for p in _values(cmd)}
    assert set(OPTIONS) - options == set()
    assert set(ARGUMENTS) - arguments == set()


def test_usage_and_errors_say_the_names() -> None:
    assert "crs [OPTIONS] {PROFILE}\n" in ok("crs", "--help")
    assert "--on DATE" in ok("crs", "--help")
    assert "{CASE}" in ok("case", "init", "--help")
    assert "{DIR} {CLIENT_ID} {OUT_DIR}" in ok("practice", "export", "--help")
    assert "'PROFILE'" in fails("crs")
