"""`make bench`: performance figures as JSON lines (one object per measurement).

Targets (issue 2): rule book load < 150 ms for the whole tree; profile validation + derived
facts < 1 ms mean per example profile. Reading the file and parsing its YAML is reported
separately: PyYAML (with libyaml) alone takes 0.3-0.7 ms on these files.
"""

from __future__ import annotations

import json
import statistics
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path

from maplepath import facts, rulebook
from maplepath.profile_load import read_profile, validate_profile
from maplepath.rulefile import load_yaml

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


def _stats(samples: list[float]) -> dict[str, float]:
    ordered = sorted(samples)
    return {
        "mean_ms": round(statistics.mean(samples) * 1e3, 3),
        "median_ms": round(statistics.median(samples) * 1e3, 3),
        "p95_ms": round(ordered[int(len(ordered) * 0.95)] * 1e3, 3),
    }


def bench_profiles() -> None:
    """Per example: the library's work on a parsed document (validate + derive: the 1 ms
    target), and the whole file path including reading and YAML parsing, reported beside it."""
    rulebook.default().ids()  # load once, as a running process would
    for path in sorted((ROOT / "examples").glob("*.yaml")):
        doc = load_yaml(path.read_text(encoding="utf-8"))

        def from_document(d: object = doc) -> None:
            facts.derive(validate_profile(d).profile, ON)

        def from_file(p: Path = path) -> None:
            facts.derive(read_profile(p).profile, ON)

        from_document()
        core = _stats(timed(from_document, 500))
        whole = _stats(timed(from_file, 300))
        emit(
            "profile_validate_derive",
            profile=path.name,
            **core,
            target_ms=1.0,
            ok=core["mean_ms"] < 1.0,
        )
        emit("profile_file_read_parse_derive", profile=path.name, **whole)


if __name__ == "__main__":
    bench_rulebook_load()
    bench_profiles()
