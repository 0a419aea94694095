"""The front door: the top level lists every command without importing it, says its version,
and a command imports only what it needs (start-up is measured in ``make bench``)."""

from __future__ import annotations

import json
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
import typer
from typer._click import Context

from maplepath import cli
from maplepath.cli.groups import summary

from ..cli_helpers import fails, ok
from ..conftest import EXAMPLES

ROOT = Path(__file__).resolve().parents[2]


def test_version_is_the_package_version() -> None:
    version = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["version"]
    assert ok("--version").strip() == f"maplepath {version}"


@pytest.mark.parametrize("name", sorted(cli.COMMANDS))
def test_the_listed_summary_is_the_commands_own_first_sentence(name: str) -> None:
    root = typer.main.get_command(cli.app)
    cmd = root.get_command(Context(root), name)  # type: ignore[attr-defined]
    assert cmd is not None
    assert cli.COMMANDS[name].summary == summary(cmd.help)


def test_summary_is_one_sentence_on_one_line() -> None:
    text = "The CRS on a date,\n    line by line. Couples are scored both ways.\n\nExample: x"
    assert summary(text) == "The CRS on a date, line by line."
    assert summary("No full stop") == "No full stop"
    assert summary(None) == ""


def _imports(*args: str) -> set[str]:
    """The modules a real ``maplepath`` process has imported when the command ends."""
    code = (
        "import sys, json\n"
        "from maplepath import cli\n"
        f"sys.argv = ['maplepath', *{list(args)!r}]\n"
        "try:\n    cli.main()\n"
        "except SystemExit:\n    pass\n"
        "sys.stderr.write('\\n@@' + json.dumps(sorted(sys.modules)))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=False
    )
    return set(json.loads(done.stderr.rsplit("@@", 1)[1]))


HEAVY = ("matplotlib", "icalendar", "dask", "numpy", "rapidfuzz")


def test_help_imports_no_command_group_and_no_heavy_library() -> None:
    loaded = _imports("--help")
    ours = {m for m in loaded if m.startswith("maplepath.")}
    assert ours <= {"maplepath.cli", "maplepath.cli.groups"}, sorted(ours)
    assert not {m.split(".")[0] for m in loaded} & {*HEAVY, "pydantic", "yaml", "rich"}


def test_crs_imports_neither_the_planner_nor_the_draws_nor_charts() -> None:
    loaded = _imports("crs", str(EXAMPLES / "data_scientist_pgwp.yaml"), "--json")
    assert "maplepath.crs.scalar" in loaded
    assert not {m for m in loaded if m.startswith(("maplepath.planner", "maplepath.draws"))}
    assert not {m.split(".")[0] for m in loaded} & {*HEAVY, "rich"}  # YAML: the profile is


@pytest.mark.parametrize("when", ["9999-12-31", "9999-06-01", "0001-01-01", "2101-01-01"])
@pytest.mark.parametrize(
    "command",
    [
        ("assess", str(EXAMPLES / "data_scientist_pgwp.yaml")),
        ("pathways", str(EXAMPLES / "data_scientist_pgwp.yaml")),
        ("profile", "check", str(EXAMPLES / "data_scientist_pgwp.yaml")),
        ("plan", "trajectory", str(EXAMPLES / "data_scientist_pgwp.yaml")),
        ("rules", "show", "crs.core.age"),
    ],
    ids=lambda c: " ".join(c[:2]) if isinstance(c, tuple) else c,
)
def test_a_date_out_of_range_is_refused_by_name(command: tuple[str, ...], when: str) -> None:
    out = fails(*command, "--on", when)
    assert "--on" in out and "outside the dates maplepath works with" in out
