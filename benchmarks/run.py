"""`make bench`: performance figures as JSON lines (one object per measurement).

Targets (issue 2): rule book load < 150 ms for the whole tree; profile parse + derive < 1 ms
mean per example profile.
"""

from __future__ import annotations

import json
import statistics
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path

from maplepath import facts, rulebook
from maplepath.profile_load import read_profile

ROOT = Path(__file__).resolve().parents[1]
ON = date(2026, 11, 21)


def emit(name: str, **fields: object) -> None:
    print(json.dumps({"bench": name, **fields}), flush=True)


def timed(fn: Callable[[], object], repeat: int) -> list[float]:
    out = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        out.append(time.perf_counter() - t0)
    return out


def bench_rulebook_load() -> None:
    def load() -> None:
        rulebook.RuleBook().ids()

    samples = timed(load, 30)
    book = rulebook.default()
    emit(
        "rulebook_load",
        files=len(book.ids()),
        mean_ms=round(statistics.mean(samples) * 1e3, 2),
        max_ms=round(max(samples) * 1e3, 2),
        target_ms=150,
        ok=max(samples) * 1e3 < 150,
    )


def bench_profiles() -> None:
    rulebook.default().ids()  # load once, as a running process would
    for path in sorted((ROOT / "examples").glob("*.yaml")):

        def run(p: Path = path) -> None:
            facts.derive(read_profile(p).profile, ON)

        run()
        samples = timed(run, 300)
        mean_ms = statistics.mean(samples) * 1e3
        emit(
            "profile_parse_derive",
            profile=path.name,
            mean_ms=round(mean_ms, 3),
            p95_ms=round(sorted(samples)[int(len(samples) * 0.95)] * 1e3, 3),
            target_ms=1.0,
            ok=mean_ms < 1.0,
        )


if __name__ == "__main__":
    bench_rulebook_load()
    bench_profiles()
