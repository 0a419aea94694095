"""The pool scorer equals the scalar score, row by row, on arbitrary candidates and dates."""

from __future__ import annotations

from datetime import date
from typing import get_type_hints

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from maplepath.crs import batch
from maplepath.crs import scalar as crs
from maplepath.crs import tables as crs_tables
from maplepath.crs.inputs import CrsInputs

CLB = st.integers(0, 12)
BOOL = st.booleans()
RANGES = {
    "age": st.integers(0, 120),
    "education": st.integers(0, 7),
    "canadian_years": st.integers(0, 5),
    "foreign_years": st.integers(0, 3),
    "spouse_education": st.integers(0, 7),
    "spouse_canadian_years": st.integers(0, 5),
    "canadian_education": st.integers(0, 2),
    "job_offer": st.integers(0, 2),
}
inputs = st.builds(
    CrsInputs,
    **{
        name: RANGES.get(name, BOOL if kind is bool else CLB)
        for name, kind in get_type_hints(CrsInputs).items()
    },
)
dates = st.dates(date(2015, 1, 1), date(2027, 12, 31))


def scalar_total(i: CrsInputs, on: date) -> int:
    """The scalar path's total, the better order of official languages included."""
    return crs._best(i, crs._scalar(crs_tables.tables(on)))[3]


def as_columns(rows: list[CrsInputs]) -> dict[str, np.ndarray]:
    return {name: np.array([r._asdict()[name] for r in rows]) for name in batch.COLUMNS}


@settings(max_examples=300, deadline=None)
@given(st.lists(inputs, min_size=1, max_size=40), dates)
def test_batch_equals_scalar_on_arbitrary_candidates(rows: list[CrsInputs], on: date) -> None:
    got = batch.score_columns(as_columns(rows), on, chunk=7)  # small chunks exercise the seams
    assert got.dtype == np.int16
    assert got.tolist() == [scalar_total(r, on) for r in rows]


def test_batch_equals_scalar_on_a_synthetic_pool() -> None:
    pool = batch.synthetic_pool(2_000, seed=7)
    on = date(2026, 11, 21)
    got = batch.score_columns(pool, on)
    rows = [
        CrsInputs(**{k: type(getattr(CrsInputs(), k))(pool[k][j]) for k in batch.COLUMNS})
        for j in range(2_000)
    ]
    assert got.tolist() == [scalar_total(r, on) for r in rows]


def test_synthetic_pools_are_reproducible_and_plausible() -> None:
    a, b = batch.synthetic_pool(50_000, seed=1), batch.synthetic_pool(50_000, seed=1)
    assert all(np.array_equal(a[k], b[k]) for k in batch.COLUMNS)
    scores = batch.score_columns(a, date(2026, 11, 21))
    # Real pools (IRCC's published distributions) centre in the 400s with a tail above 500.
    assert 380 <= float(np.median(scores)) <= 480
    assert 0.01 <= float(np.mean(scores > 500)) <= 0.25
    assert not np.array_equal(a["age"], batch.synthetic_pool(50_000, seed=2)["age"])


def test_missing_or_ragged_columns_are_clear_errors() -> None:
    pool = batch.synthetic_pool(10, seed=0)
    with pytest.raises(ValueError, match="missing columns: age"):
        batch.score_columns({k: v for k, v in pool.items() if k != "age"}, date(2026, 1, 1))
    pool["age"] = pool["age"][:5]
    with pytest.raises(ValueError, match="same length"):
        batch.score_columns(pool, date(2026, 1, 1))


def test_values_outside_a_columns_range_are_refused_not_clipped() -> None:
    pool = batch.synthetic_pool(10, seed=0)
    pool["first_l"] = pool["first_l"].astype(np.int16)
    pool["first_l"][3] = 13
    with pytest.raises(ValueError, match=r"column first_l has values outside 0\.\.12"):
        batch.score_columns(pool, date(2026, 1, 1))
