"""Chunked scoring, in-process and on a Dask cluster: the same seed, the same answer."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from typing import Any

import numpy as np
import pytest

from maplepath.draws import pool, scale, scenarios, simulate
from maplepath.draws.rounds import parse_rounds
from maplepath.draws.scale import Chunk, ScaleError

from . import reference_file

ON = date(2026, 8, 3)
CHOSEN = (scenarios.named("baseline"), scenarios.named("job-offer-restored"))


@pytest.fixture(scope="module")
def client() -> Iterator[Any]:
    import dask
    from dask.distributed import Client, LocalCluster

    with (
        dask.config.set(scale.WORKER_ENV),
        LocalCluster(
            n_workers=2,
            processes=True,
            threads_per_worker=1,
            host="127.0.0.1",
            dashboard_address=None,
        ) as cluster,
        Client(cluster) as c,
    ):
        yield c


def test_chunks_cover_the_total_in_bounded_slices() -> None:
    parts = scale.chunks(10, seed=5, rows=4)
    assert parts == [Chunk(5, 0, 4), Chunk(5, 1, 4), Chunk(5, 2, 2)]
    assert scale.chunks(0, seed=5) == []
    with pytest.raises(ValueError):
        scale.chunks(10, seed=5, rows=0)


def test_in_process_summaries_do_not_depend_on_the_order_of_chunks() -> None:
    whole = scale.summarise(3000, 1, ON, CHOSEN, rows=1000)
    part = scale.summarise_chunk(Chunk(1, 2, 1000), ON, CHOSEN)
    np.testing.assert_array_equal(whole.scores[:, 2000:], part.scores)
    np.testing.assert_array_equal(whole.flags[2000:], part.flags)


def test_the_distributed_summary_equals_the_in_process_one(client: Any) -> None:
    seen: list[tuple[int, int]] = []
    here = scale.summarise(20_000, 7, ON, CHOSEN, rows=4096)
    there = scale.summarise(
        20_000, 7, ON, CHOSEN, rows=4096, client=client, progress=lambda d, t: seen.append((d, t))
    )
    np.testing.assert_array_equal(here.scores, there.scores)
    np.testing.assert_array_equal(here.flags, there.flags)
    assert seen[-1] == (5, 5) and len(seen) == 5


def test_the_distributed_sweep_equals_the_in_process_one(client: Any) -> None:
    sweep_here = scale.sweep(CHOSEN, 30_000, ON, seed=2, rows=8192)
    sweep_there = scale.sweep(CHOSEN, 30_000, ON, seed=2, rows=8192, client=client)
    np.testing.assert_array_equal(sweep_here.histograms, sweep_there.histograms)
    nominees = sum(
        int(pool.chunk_columns(2, c.index, c.size)["nomination"].sum())
        for c in scale.chunks(30_000, 2, 8192)
    )
    assert 0 < nominees < 1000  # left out of the sweep: PNP rounds invite them
    assert sweep_here.histograms.sum(axis=1).tolist() == [30_000 - nominees] * 2
    # Restored job-offer points only raise scores: the top 300 need at least as much.
    assert sweep_here.cutoff(1, 300) >= sweep_here.cutoff(0, 300)
    assert sweep_here.mean(1) > sweep_here.mean(0)


def test_a_simulation_on_the_cluster_equals_the_one_in_process(client: Any) -> None:
    start = simulate.starting_round(parse_rounds(reference_file().read_bytes()))
    plans = [simulate.Plan("general", 300)] * 3
    here = simulate.simulate(start, plans, scenarios=CHOSEN[1:], pool_size=8000, seed=1)
    there = simulate.simulate(
        start, plans, scenarios=CHOSEN[1:], pool_size=8000, seed=1, client=client
    )
    assert here.to_json() == there.to_json()


def test_an_unreachable_scheduler_is_a_clear_error() -> None:
    expected = r"cannot reach the Dask scheduler at 'tcp://127\.0\.0\.1:9'"
    with pytest.raises(ScaleError, match=expected), scale.cluster("tcp://127.0.0.1:9", timeout=1):
        pass


def test_no_address_runs_in_process() -> None:
    with scale.cluster(None) as c:
        assert c is None


def test_the_sweep_cutoff_counts_ties_in() -> None:
    hist = np.zeros((1, 1201), dtype=np.int64)
    hist[0, [500, 450, 400]] = [2, 3, 10]
    sweep = scale.Sweep((scenarios.named("baseline"),), hist)
    assert [sweep.cutoff(0, k) for k in (1, 2, 3, 5, 6)] == [500, 500, 450, 450, 400]
    assert sweep.cutoff_share(0, 0.2) == 450  # the top 3 of 15
    assert sweep.cutoff_share(0, 0.01) == 500  # at least one candidate
    with pytest.raises(ValueError, match="share"):
        sweep.cutoff_share(0, 0)
