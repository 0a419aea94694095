"""A synthetic pool shaped like IRCC's published one: bands, chunks, eligibility flags."""

from __future__ import annotations

import itertools

import numpy as np
import pytest

from maplepath.draws import pool
from maplepath.draws.pool import FLAG_BITS, LEAF_BANDS, band_range

# The pool IRCC published with round 434 (2026-08-07), as of 2026-08-03.
PUBLISHED = {
    "601-1200": 500, "501-600": 19705, "451-500": 73099, "491-500": 12939, "481-490": 12890,
    "471-480": 16368, "461-470": 16057, "451-460": 14845, "401-450": 60905, "441-450": 13595,
    "431-440": 13267, "421-430": 11942, "411-420": 11326, "401-410": 10775, "351-400": 50107,
    "301-350": 17101, "0-300": 7683, "total": 229100,
}  # fmt: skip


def test_leaf_bands_cover_0_to_1200_once() -> None:
    covered = sorted(band_range(b) for b in LEAF_BANDS)
    assert covered[0][0] == 0 and covered[-1][1] == 1200
    assert all(a[1] + 1 == b[0] for a, b in itertools.pairwise(covered))
    assert sum(PUBLISHED[b] for b in LEAF_BANDS) == PUBLISHED["total"]


def test_targets_scale_the_published_counts_to_the_pool_size() -> None:
    assert pool.targets(PUBLISHED) == {b: PUBLISHED[b] for b in LEAF_BANDS}
    scaled = pool.targets(PUBLISHED, 10_000)
    assert sum(scaled.values()) == 10_000
    for b in LEAF_BANDS:
        assert abs(scaled[b] - PUBLISHED[b] * 10_000 / 229_100) < 1
    with pytest.raises(ValueError, match="not published"):
        pool.targets(dict.fromkeys(PUBLISHED, 0))


def test_a_chunk_is_the_same_wherever_it_is_made_and_chunks_differ() -> None:
    a, b = pool.chunk_columns(3, 0, 500), pool.chunk_columns(3, 0, 500)
    assert all(np.array_equal(a[k], b[k]) for k in a)
    assert not np.array_equal(a["age"], pool.chunk_columns(3, 1, 500)["age"])


def test_calibration_fills_every_band_with_scores_in_it() -> None:
    rng = np.random.default_rng(0)
    scores = rng.integers(0, 1201, 50_000)
    wanted = pool.targets(PUBLISHED, 5_000)
    rows, fills = pool.calibrate(scores, wanted, rng)
    assert len(rows) == 5_000 and len(set(rows.tolist())) == 5_000  # enough: no duplicates
    for band in LEAF_BANDS:
        lo, hi = band_range(band)
        picked = scores[rows]
        assert ((picked >= lo) & (picked <= hi)).sum() == wanted[band]
    assert all(f.duplicated == 0 and f.moved_to is None for f in fills)


def test_an_underpopulated_band_is_drawn_twice_and_an_empty_one_moves_and_both_are_reported() -> (
    None
):
    rng = np.random.default_rng(0)
    scores = np.array([305] * 3 + [700] * 50 + [520] * 50)  # few 301-350, no 0-300
    wanted = dict.fromkeys(LEAF_BANDS, 0) | {"301-350": 10, "0-300": 4, "601-1200": 5}
    rows, fills = pool.calibrate(scores, wanted, rng)
    by_band = {f.band: f for f in fills}
    assert by_band["0-300"].moved_to == "301-350"
    assert (by_band["301-350"].available, by_band["301-350"].duplicated) == (3, 11)
    assert (scores[rows] == 305).sum() == 14 and (scores[rows] == 700).sum() == 5


def test_entrants_follow_the_published_band_weights() -> None:
    rng = np.random.default_rng(1)
    scores = rng.integers(0, 1201, 100_000)
    wanted = pool.targets(PUBLISHED)
    new = pool.entrants(scores, wanted, 20_000, rng)
    share = ((scores[new] >= 351) & (scores[new] <= 400)).mean()
    assert abs(share - PUBLISHED["351-400"] / PUBLISHED["total"]) < 0.01


def test_flags_follow_the_documented_assumptions() -> None:
    cols = pool.chunk_columns(0, 0, 20_000)
    flags = pool.flags(cols)
    first = np.minimum.reduce([cols[f"first_{a}"] for a in "lrws"])
    cec = pool.eligible(flags, "cec")
    np.testing.assert_array_equal(cec, (cols["canadian_years"] >= 1) & (first >= 7))
    np.testing.assert_array_equal(pool.eligible(flags, "pnp"), cols["nomination"])
    stem = pool.eligible(flags, "ee_category:stem")
    assert abs(stem.mean() - pool.OCCUPATION_SHARES["ee_category:stem"]) < 0.02
    physicians = pool.eligible(flags, "ee_category:physicians")
    assert not (physicians & (cols["canadian_years"] == 0)).any()  # Canadian work needed
    assert pool.eligible(flags, "general").all()
    assert 0.05 < pool.eligible(flags, "ee_category:french").mean() < 0.15
    assert max(FLAG_BITS.values()) < 16
    with pytest.raises(ValueError, match="no simulated round type"):
        pool.eligible(flags, "unknown")
