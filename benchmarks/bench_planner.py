"""Planner benchmarks (issue 6): a 36-month trajectory per example profile, target <= 50 ms.

Each run gets a freshly validated profile, as a command does, so no memo keyed on the profile
object carries over from the previous run. Programs are evaluated at every month point.
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
TARGET_MS = 50.0


def run() -> None:
    rulebook.default().ids()
    for path in sorted((ROOT / "examples").glob("*.yaml")):
        doc = load_yaml(path.read_text(encoding="utf-8"))
        trajectory(validate_profile(doc).profile, ON, 36)  # warm the rule book's memo
        samples = []
        events = 0
        for _ in range(15):
            profile = validate_profile(doc).profile
            t0 = time.perf_counter()
            t = trajectory(profile, ON, 36)
            samples.append(time.perf_counter() - t0)
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
                    "target_ms": TARGET_MS,
                    "ok": median <= TARGET_MS,
                }
            ),
            flush=True,
        )


if __name__ == "__main__":
    run()
