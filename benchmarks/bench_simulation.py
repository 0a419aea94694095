"""Pool simulation and scenario sweeps (issue 7): figures as JSON lines.

Targets: 52 weekly rounds over a 250,000-candidate pool in at most 5 s in-process (issue 7);
over a 1,000,000-candidate pool in at most 2 s on one core (issue 18: the process is pinned to
one CPU for it); a 10,000,000-candidate pool's peak allocations per candidate (the reservoir is
made and scored chunk by chunk, never held as columns); a sweep of 100 scenarios over
1,000,000 candidates in-process (each scenario rescoring only the CRS sections it changes,
against a full rescoring per scenario) and on a two-worker local Dask cluster, with each
worker's peak memory (its process's maximum resident set) and one chunk's peak allocations,
which bound what a worker holds at a time.
"""

from __future__ import annotations

import json
import os
import resource
import time
import tracemalloc
from datetime import date
from pathlib import Path
from typing import Any

from maplepath.draws import scale, scenarios, simulate
from maplepath.draws.rounds import parse_rounds
from maplepath.draws.scenarios import ARRANGED_EMPLOYMENT, Scenario

ROOT = Path(__file__).resolve().parents[1]
ROUNDS = ROOT.parent / "shared" / "data" / "express_entry" / "ee_rounds_123_en.json"
ON = date(2026, 8, 3)


def emit(name: str, **fields: object) -> None:
    print(json.dumps({"bench": name, **fields}), flush=True)


def sweep_scenarios(count: int = 100) -> list[Scenario]:
    """``count`` what-ifs: job-offer points (other skilled jobs) from 0 up, NOC 00 at 200."""
    return [
        Scenario(
            f"job-offer-other-{2 * k}",
            overrides=((ARRANGED_EMPLOYMENT, {"major_group_00": 200, "other": 2 * k}),),
        )
        for k in range(count)
    ]


def bench_simulation() -> None:
    if not ROUNDS.exists():
        emit("simulation_52_rounds", skipped=f"reference data not found at {ROUNDS}")
        return
    start = simulate.starting_round(parse_rounds(ROUNDS.read_bytes()))
    plans = [simulate.Plan("general", 3000)] * 52
    simulate.simulate(start, plans[:1], pool_size=10_000)  # tables compiled, imports done
    sim, runs = _three_seeds(start, plans, 250_000)
    best = min(runs)
    emit(
        "simulation_52_rounds",
        pool=sim.pool_size,
        reservoir=sim.reservoir,
        weekly_entrants=sim.weekly_entrants,
        best_s=round(best, 3),
        median_s=round(sorted(runs)[1], 3),
        target_s=5.0,
        ok=best <= 5.0,
    )
    one_core(lambda: _million(start, plans))
    _ten_million(start, plans)
    restored = [scenarios.named(scenarios.JOB_OFFER_RESTORED)]
    t0 = time.perf_counter()
    simulate.simulate(start, plans, scenarios=restored, pool_size=250_000, seed=0)
    emit("simulation_52_rounds_with_a_scenario", s=round(time.perf_counter() - t0, 3))


def one_core(fn: Any) -> None:
    """Run ``fn`` with this process pinned to one CPU (where the system allows it)."""
    before = os.sched_getaffinity(0) if hasattr(os, "sched_getaffinity") else None
    try:
        if before:
            os.sched_setaffinity(0, {min(before)})
        fn()
    finally:
        if before:
            os.sched_setaffinity(0, before)


def _three_seeds(
    start: Any, plans: list[simulate.Plan], pool_size: int
) -> tuple[simulate.Simulation, list[float]]:
    """The simulation with seeds 0-2: the last one, and each run's seconds."""
    runs = []
    for seed in range(3):
        t0 = time.perf_counter()
        sim = simulate.simulate(start, plans, pool_size=pool_size, seed=seed)
        runs.append(time.perf_counter() - t0)
    return sim, runs


def _million(start: Any, plans: list[simulate.Plan]) -> None:
    sim, runs = _three_seeds(start, plans, 1_000_000)
    best = min(runs)
    simulated = sim.pool_size + sim.weekly_entrants * 52
    emit(
        "simulation_52_rounds_1m_one_core",
        pool=sim.pool_size,
        simulated_candidates=simulated,
        best_s=round(best, 3),
        median_s=round(sorted(runs)[1], 3),
        us_per_pool_candidate=round(best / sim.pool_size * 1e6, 2),
        target_s=2.0,
        ok=best <= 2.0,
        cpus=len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else None,
    )


def _ten_million(start: Any, plans: list[simulate.Plan]) -> None:
    tracemalloc.start()
    t0 = time.perf_counter()
    sim = simulate.simulate(start, plans, pool_size=10_000_000, seed=0)
    elapsed = time.perf_counter() - t0
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    simulated = sim.pool_size + sim.weekly_entrants * 52
    emit(
        "simulation_52_rounds_10m_memory",
        pool=sim.pool_size,
        reservoir=sim.reservoir,
        simulated_candidates=simulated,
        s=round(elapsed, 1),
        peak_alloc_mb=round(peak / 2**20, 1),
        bytes_per_pool_candidate=round(peak / sim.pool_size, 1),
        bytes_per_simulated_candidate=round(peak / simulated, 1),
        peak_rss_mb=round(_peak_rss_mb(), 1),
    )


def _full_rescoring(chunk: scale.Chunk, chosen: list[Scenario]) -> Any:
    """One chunk's histograms the old way, every scenario scored in full (for comparison)."""
    import numpy as np

    from maplepath.crs import batch
    from maplepath.draws import pool

    cols = pool.chunk_columns(chunk.seed, chunk.index, chunk.size)
    keep = ~cols["nomination"].astype(bool)
    out = np.zeros((len(chosen), scale.MAX_SCORE + 1), dtype=np.int64)
    for i, s in enumerate(chosen):
        scores = batch.score_columns(cols, ON, s.rule_scenarios, s.book())
        out[i] = np.bincount(scores[keep], minlength=scale.MAX_SCORE + 1)
    return out


def _peak_rss_mb() -> float:
    """This process's peak resident memory. VmHWM, not ru_maxrss: on Linux ru_maxrss keeps the
    peak of the process that forked a worker (the nanny), so it never shows the worker's own."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def bench_sweep(total: int = 1_000_000, count: int = 100) -> None:
    chosen = sweep_scenarios(count)
    chunks = scale.chunks(total, seed=0)
    tracemalloc.start()
    scale.histogram_chunk(chunks[0], ON, chosen)  # also compiles every scenario's tables
    _, chunk_peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    t0 = time.perf_counter()
    here = scale.sweep(chosen, total, ON, seed=0)
    in_process = time.perf_counter() - t0
    t0 = time.perf_counter()
    full = sum(_full_rescoring(c, chosen) for c in chunks)
    full_s = time.perf_counter() - t0
    emit(
        "sweep_in_process",
        scenarios=count,
        profiles=total,
        chunks=len(chunks),
        chunk_rows=scale.CHUNK_ROWS,
        s=round(in_process, 2),
        profile_scores_per_s=int(total * count / in_process),
        chunk_peak_mb=round(chunk_peak / 2**20, 1),
        full_rescoring_s=round(full_s, 2),
        sections_speedup=round(full_s / in_process, 2),
        same_as_full=bool((here.histograms == full).all()),
    )
    with scale.cluster("local") as client:
        client.run(lambda: None)
        before: dict[str, Any] = client.run(_peak_rss_mb)
        t0 = time.perf_counter()
        there = scale.sweep(chosen, total, ON, seed=0, client=client)
        distributed = time.perf_counter() - t0
        after: dict[str, Any] = client.run(_peak_rss_mb)
    emit(
        "sweep_dask_local_2_workers",
        scenarios=count,
        profiles=total,
        s=round(distributed, 2),
        speedup=round(in_process / distributed, 2),
        same_result=bool((here.histograms == there.histograms).all()),
        worker_peak_rss_mb=sorted(round(v, 1) for v in after.values()),
        worker_rss_before_mb=sorted(round(v, 1) for v in before.values()),
        cores=os.cpu_count(),
    )


def run() -> None:
    bench_simulation()
    bench_sweep()


if __name__ == "__main__":
    run()
