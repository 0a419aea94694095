"""Running ``maplepath`` in-process for the CLI tests: success prints, bad input exits 2."""

from __future__ import annotations

from typing import Any

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
