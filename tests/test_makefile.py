"""The README's two commands: `make demo` installs only what the demo runs, `make test` the rest."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def _dry_run(target: str, tmp_path: Path) -> str:
    if shutil.which("make") is None:
        pytest.skip("needs GNU make")
    venv = tmp_path / "venv"  # a venv that does not exist: every install step is listed
    done = subprocess.run(
        ["make", "-n", target, f"VENV={venv}"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    return done.stdout


def test_demo_installs_the_tool_without_the_test_tools(tmp_path: Path) -> None:
    out = _dry_run("demo", tmp_path)
    assert "pip install -q -e .\n" in out
    assert "[test" not in out
    assert "maplepath assess examples/" in out and "maplepath assess me.yaml" in out


def test_test_installs_the_test_tools(tmp_path: Path) -> None:
    assert "pip install -q -e '.[test,fast]'" in _dry_run("test", tmp_path)
