"""The instruction-count benchmark (benchmarks/bench_instructions.py): its probe evaluates the
examples, and without valgrind the figure says it was skipped instead of failing ``make bench``."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path
from types import ModuleType

import pytest

BENCH = Path(__file__).resolve().parents[1] / "benchmarks" / "bench_instructions.py"


def _module() -> ModuleType:
    spec = importlib.util.spec_from_file_location("bench_instructions", BENCH)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_probe_evaluates_fresh_copies(monkeypatch: pytest.MonkeyPatch) -> None:
    bench = _module()
    seen: list[object] = []
    from maplepath import programs

    real = programs.evaluate_all
    monkeypatch.setattr(programs, "evaluate_all", lambda p, on: seen.append(p) or real(p, on))
    bench.probe(1)
    examples = len(list((BENCH.parents[1] / "examples").glob("*.yaml")))
    assert len(seen) == 2 * examples  # the warm-up, then one pass of copies
    assert all(a is not b for a, b in zip(seen[:examples], seen[examples:], strict=True))


def test_without_valgrind_the_figure_is_skipped(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    bench = _module()
    monkeypatch.setattr(bench.shutil, "which", lambda name: None)
    bench.run()
    line = json.loads(capsys.readouterr().out)
    assert line["bench"] == "programs_instructions"
    assert "valgrind" in line["skipped"]
