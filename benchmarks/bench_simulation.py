"""Pool simulation and scenario sweeps (issue 7): figures as JSON lines.

Targets: 52 weekly rounds over a 250,000-candidate pool in at most 5 s in-process; a sweep of
100 scenarios over 1,000,000 candidates in-process and on a two-worker local Dask cluster,
with each worker's peak memory (its process's maximum resident set) and one chunk's peak
allocations, which bound what a worker holds at a time.
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
    runs = []
    for seed in range(3):
        t0 = time.perf_counter()
        sim = simulate.simulate(start, plans, pool_size=250_000, seed=seed)
        runs.append(time.perf_counter() - t0)
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
    restored = [scenarios.named(scenarios.JOB_OFFER_RESTORED)]
    t0 = time.perf_counter()
    simulate.simulate(start, plans, scenarios=restored, pool_size=250_000, seed=0)
    emit("simulation_52_rounds_with_a_scenario", s=round(time.perf_counter() - t0, 3))


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
    emit(
        "sweep_in_process",
        scenarios=count,
        profiles=total,
        chunks=len(chunks),
        chunk_rows=scale.CHUNK_ROWS,
        s=round(in_process, 2),
        profile_scores_per_s=int(total * count / in_process),
        chunk_peak_mb=round(chunk_peak / 2**20, 1),
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
