"""The compiled batch loop (numba, an optional extra) equals the numpy path row by row."""

from __future__ import annotations

from datetime import date

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from maplepath.crs import batch, kernel
from maplepath.crs.inputs import CrsInputs

from .test_batch import as_columns, dates, inputs, scalar_total

needs_numba = pytest.mark.skipif(
    not kernel.available(), reason="numba is not installed (pip install -e '.[fast]')"
)


@pytest.fixture
def path(monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    def use(which: str) -> None:
        monkeypatch.setenv("MAPLEPATH_BATCH_KERNEL", which)

    return use


@needs_numba
@settings(max_examples=200, deadline=None)
@given(st.lists(inputs, min_size=1, max_size=40), dates)
def test_compiled_loop_equals_the_scalar_path(rows: list[CrsInputs], on: date) -> None:
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("MAPLEPATH_BATCH_KERNEL", "numba")
        got = batch.score_columns(as_columns(rows), on)
    assert got.dtype == np.int16
    assert got.tolist() == [scalar_total(r, on) for r in rows]


ON = date(2026, 11, 21)


def numba_then_numpy(path, pool: dict[str, np.ndarray]) -> tuple[np.ndarray, np.ndarray]:  # type: ignore[no-untyped-def]
    """The pool's totals with the compiled path asked for, then with numpy forced."""
    path("numba")
    asked = batch.score_columns(pool, ON)
    path("numpy")
    return asked, batch.score_columns(pool, ON)


@needs_numba
def test_compiled_loop_equals_numpy_on_a_pool_with_booleans_and_bytes(path) -> None:  # type: ignore[no-untyped-def]
    compiled, numpy_path = numba_then_numpy(path, batch.synthetic_pool(50_000, seed=11))
    assert np.array_equal(compiled, numpy_path)


def test_the_path_is_chosen_by_size_or_forced(path) -> None:  # type: ignore[no-untyped-def]
    path("")
    assert not kernel.wanted(1_000)
    assert kernel.wanted(kernel.MIN_ROWS) == kernel.available()
    path("numpy")
    assert not kernel.wanted(10 * kernel.MIN_ROWS)
    path("numba")
    assert kernel.wanted(10) == kernel.available()


@needs_numba
def test_the_compiled_loop_runs_on_a_thread_safe_layer_from_several_threads(path) -> None:  # type: ignore[no-untyped-def]
    # The loop itself runs (not the numpy fallback), on OpenMP or TBB: sweeps may score from
    # several threads at once, which numba's workqueue layer would abort on.
    from concurrent.futures import ThreadPoolExecutor

    import numba

    from maplepath.crs import sections
    from maplepath.crs import tables as crs_tables

    pool = batch.synthetic_pool(20_000, seed=5)
    t = crs_tables.tables(ON, (), None)
    with ThreadPoolExecutor(4) as ex:
        runs = list(ex.map(lambda _: kernel.score(pool, t, sections.flat(t)), range(8)))
    assert numba.threading_layer() in ("omp", "tbb")
    path("numpy")
    expected = batch.score_columns(pool, ON)
    for got in runs:
        assert got is not None and np.array_equal(got, expected)


def test_without_a_thread_safe_layer_the_numpy_path_scores(path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(kernel, "_compiled", lambda: None)
    fallback, numpy_path = numba_then_numpy(path, batch.synthetic_pool(5_000, seed=3))
    assert np.array_equal(fallback, numpy_path)
