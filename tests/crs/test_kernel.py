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


@needs_numba
def test_compiled_loop_equals_numpy_on_a_pool_with_booleans_and_bytes(path) -> None:  # type: ignore[no-untyped-def]
    pool = batch.synthetic_pool(50_000, seed=11)
    on = date(2026, 11, 21)
    path("numba")
    compiled = batch.score_columns(pool, on)
    path("numpy")
    assert np.array_equal(compiled, batch.score_columns(pool, on))


def test_the_path_is_chosen_by_size_or_forced(path) -> None:  # type: ignore[no-untyped-def]
    path("")
    assert not kernel.wanted(1_000)
    assert kernel.wanted(kernel.MIN_ROWS) == kernel.available()
    path("numpy")
    assert not kernel.wanted(10 * kernel.MIN_ROWS)
    path("numba")
    assert kernel.wanted(10) == kernel.available()
