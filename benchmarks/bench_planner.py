"""Planner benchmarks: a 36-month trajectory per example profile, target <= 10 ms (issue 19;
issue 6 asked for 50).

Each run gets a freshly validated profile, as a command does, so no memo keyed on the profile
object carries over from the previous run. Programs are evaluated at every month point, except
those whose verdict is settled (ineligible for a reason the passing of time cannot remove). The
machine is shared: the process's own CPU time is shown beside the wall time.
"""

from __future__ import annotations

import json
import statistics
import time
from datetime import date
from pathlib import Path

from maplepath.planner.trajectory import trajectory
from maplepath.profile.load import validate_profile
from maplepath.rulebook import book as rulebook
from maplepath.rulebook.rulefile import load_yaml

ROOT = Path(__file__).resolve().parents[1]
ON = date(2026, 11, 22)
TARGET_MS = 10.0


def run() -> None:
    rulebook.default().ids()
    for path in sorted((ROOT / "examples").glob("*.yaml")):
        doc = load_yaml(path.read_text(encoding="utf-8"))
        trajectory(validate_profile(doc).profile, ON, 36)  # warm the rule book's memo
        samples, cpu = [], []
        events = 0
        for _ in range(25):
            profile = validate_profile(doc).profile
            t0, c0 = time.perf_counter(), time.process_time()
            t = trajectory(profile, ON, 36)
            samples.append(time.perf_counter() - t0)
            cpu.append(time.process_time() - c0)
            events = len(t.events)
        median = statistics.median(samples) * 1e3
        print(
            json.dumps(
                {
                    "bench": "plan_trajectory_36_months",
                    "profile": path.name,
                    "events": events,
                    "median_ms": round(median, 2),
                    "max_ms": round(max(samples) * 1e3, 2),
                    "best_ms": round(min(samples) * 1e3, 2),
                    "cpu_median_ms": round(statistics.median(cpu) * 1e3, 2),
                    "target_ms": TARGET_MS,
                    "ok": median <= TARGET_MS,
                }
            ),
            flush=True,
        )


if __name__ == "__main__":
    run()
