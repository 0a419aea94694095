"""The start-up benchmark (benchmarks/bench_startup.py) times commands as a user runs them:
with bytecode kept, even when the shell running ``make bench`` sets PYTHONDONTWRITEBYTECODE
(then every command would compile maplepath's modules again, which no user's does)."""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest

BENCH = Path(__file__).resolve().parents[1] / "benchmarks" / "bench_startup.py"


def _module() -> ModuleType:
    spec = importlib.util.spec_from_file_location("bench_startup", BENCH)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_commands_keep_their_bytecode(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("PYTHONDONTWRITEBYTECODE", "1")
    monkeypatch.setenv("PYTHONPYCACHEPREFIX", str(tmp_path / "pycache"))
    env = _module().environment(str(tmp_path / "data"))
    assert env["MAPLEPATH_DATA_DIR"] == str(tmp_path / "data")
    code = "import sys, maplepath.i18n; print(sys.dont_write_bytecode)"
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True)
    assert out.stdout.strip() == "False"
    # The module imported was compiled once and kept, as a user's interpreter keeps it.
    assert list((tmp_path / "pycache").rglob("i18n.cpython-*.pyc"))


def test_the_shell_setting_is_left_alone(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("PYTHONDONTWRITEBYTECODE", "1")
    _module().environment(str(tmp_path))
    assert os.environ["PYTHONDONTWRITEBYTECODE"] == "1"  # only the commands' copy changes
