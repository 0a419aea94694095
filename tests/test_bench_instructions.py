"""The instruction-count benchmark (benchmarks/bench_instructions.py): its probe evaluates the
examples, and without valgrind the figure says it was skipped instead of failing ``make bench``."""

from __future__ import annotations

import json

import pytest

from .conftest import EXAMPLES, load_bench


def test_probe_evaluates_fresh_copies(monkeypatch: pytest.MonkeyPatch) -> None:
    bench = load_bench("bench_instructions")
    seen: list[object] = []
    from maplepath import programs

    real = programs.evaluate_all
    monkeypatch.setattr(programs, "evaluate_all", lambda p, on: seen.append(p) or real(p, on))
    bench.probe(1)
    examples = len(list(EXAMPLES.glob("*.yaml")))
    assert len(seen) == 2 * examples  # the warm-up, then one pass of copies
    assert all(a is not b for a, b in zip(seen[:examples], seen[examples:], strict=True))


def test_without_valgrind_the_figure_is_skipped(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    bench = load_bench("bench_instructions")
    monkeypatch.setattr(bench.shutil, "which", lambda name: None)
    bench.run()
    line = json.loads(capsys.readouterr().out)
    assert line["bench"] == "programs_instructions"
    assert "valgrind" in line["skipped"]
