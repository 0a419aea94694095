"""The timing loop of ``make bench`` (benchmarks/run.py) charges a function with its own work
only: the garbage its set-up left is collected before the first sample."""

from __future__ import annotations

import gc
import weakref

from .conftest import load_bench


class _Node:
    other: _Node | None = None


def test_set_up_garbage_is_collected_before_timing() -> None:
    timed = load_bench("run").timed
    seen: list[bool] = []
    gc.disable()  # no automatic collection may free the cycle: only ``timed`` can
    try:
        a, b = _Node(), _Node()
        a.other, b.other = b, a  # a reference cycle: only a collection frees it
        alive = weakref.ref(a)
        del a, b
        assert alive() is not None
        samples = timed(lambda: seen.append(alive() is None), 3)
    finally:
        gc.enable()
    assert seen == [True, True, True]
    assert len(samples) == 3 and all(s >= 0 for s in samples)


def test_the_collector_stays_on_while_timing() -> None:
    timed = load_bench("run").timed
    states: list[bool] = []
    timed(lambda: states.append(gc.isenabled()), 2)
    assert states == [True, True]
