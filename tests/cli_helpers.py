"""Running ``maplepath`` in-process for the CLI tests: success prints, bad input exits 2."""

from __future__ import annotations

from typing import Any

import typer
from typer._click import Context
from typer.testing import CliRunner

from maplepath.cli import app

runner = CliRunner(env={"COLUMNS": "200"})


def run(*args: str) -> Any:
    return runner.invoke(app, list(args))


def ok(*args: str) -> str:
    result = run(*args)
    assert result.exit_code == 0, result.output
    return result.output


def fails(*args: str) -> str:
    result = run(*args)
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    return result.output


def commands(group: Any, prefix: tuple[str, ...] = ()) -> list[tuple[tuple[str, ...], Any]]:
    """Every command under ``group`` with its path (``("practice", "user", "add")``), loaded as
    ``maplepath`` loads it when run."""
    out = []
    ctx = Context(group)
    for name in group.list_commands(ctx):
        cmd = group.get_command(ctx, name)
        if hasattr(cmd, "list_commands"):
            out += commands(cmd, (*prefix, name))
        else:
            out.append(((*prefix, name), cmd))
    return out


COMMANDS = commands(typer.main.get_command(app))
