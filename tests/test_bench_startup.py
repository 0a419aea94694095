"""The start-up benchmark (benchmarks/bench_startup.py) times commands as a user runs them:
with bytecode kept, even when the shell running ``make bench`` sets PYTHONDONTWRITEBYTECODE
(then every command would compile maplepath's modules again, which no user's does)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import load_bench


def test_commands_keep_their_bytecode(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("PYTHONDONTWRITEBYTECODE", "1")
    monkeypatch.setenv("PYTHONPYCACHEPREFIX", str(tmp_path / "pycache"))
    env = load_bench("bench_startup").environment(str(tmp_path / "data"))
    assert env["MAPLEPATH_DATA_DIR"] == str(tmp_path / "data")
    code = "import sys, maplepath.i18n; print(sys.dont_write_bytecode)"
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True)
    assert out.stdout.strip() == "False"
    # The module imported was compiled once and kept, as a user's interpreter keeps it.
    assert list((tmp_path / "pycache").rglob("i18n.cpython-*.pyc"))


def test_the_shell_setting_is_left_alone(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("PYTHONDONTWRITEBYTECODE", "1")
    load_bench("bench_startup").environment(str(tmp_path))
    assert os.environ["PYTHONDONTWRITEBYTECODE"] == "1"  # only the commands' copy changes


def test_instructions_over_the_bare_interpreter() -> None:
    over = load_bench("bench_startup")._over_bare(
        {"bare": 40_000_000, "help": 280_000_000, "crs_json": 1_145_500_000}
    )
    assert over == {
        "bare_m_instructions": 40.0,
        "help_m_over_bare": 240.0,
        "crs_json_m_over_bare": 1105.5,
    }


def test_without_valgrind_the_count_is_skipped(monkeypatch: pytest.MonkeyPatch) -> None:
    bench = load_bench("bench_startup")
    monkeypatch.setattr(bench.shutil, "which", lambda name: None)
    counted = {name: bench._instructions([sys.executable, "-c", "pass"], {}) for name in
               ("bare", "help", "crs_json")}  # fmt: skip
    assert counted == dict.fromkeys(counted)
    assert "valgrind" in str(bench._over_bare(counted)["skipped"])


@pytest.mark.skipif(
    not shutil.which("valgrind"), reason="valgrind not installed (make bench installs it)"
)
def test_callgrind_counts_a_command() -> None:
    count = load_bench("bench_startup")._instructions(
        [sys.executable, "-c", "pass"], dict(os.environ)
    )
    assert count is not None and count > 1_000_000  # an interpreter's start-up, at least
