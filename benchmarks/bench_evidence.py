"""Evidence benchmarks (issue 6, parts 2, 6, 7): reading a case's evidence folder, confirming
its facts, the consistency review and the checklist, per case folder.

Each run reads the folder afresh, as ``maplepath case review`` does. The first review of a
process pays for the NOC search index (job titles against the NOC claimed); it is reported
separately as ``cold_ms``.
"""

from __future__ import annotations

import json
import statistics
import time
from datetime import date
from pathlib import Path

from maplepath.planner import assumptions, checklist, consistency
from maplepath.planner.evidence import load_documents
from maplepath.profile.load import load_profile
from maplepath.rulebook import book as rulebook

ROOT = Path(__file__).resolve().parents[1]
ON = date(2026, 11, 22)
CASES = (
    ROOT / "examples" / "cases" / "priya",
    ROOT / "examples" / "cases" / "wei",
    ROOT / "tests" / "fixtures" / "cases" / "clean",
    ROOT / "tests" / "fixtures" / "cases" / "planted",
)
PROGRAMS = ["fsw", "cec", "gts_b", "bc_pnp_tech"]


def _once(case: Path) -> tuple[int, int]:
    profile = load_profile(case / "profile.yaml")
    docs = load_documents(case, profile)
    assumptions.confirm(profile, docs, ON)
    found = consistency.review(profile, docs, ON)
    checklist.checklist(profile, docs, PROGRAMS, ON)
    return len(docs), len(found)


def run() -> None:
    rulebook.default().ids()
    t0 = time.perf_counter()
    _once(CASES[0])
    cold = (time.perf_counter() - t0) * 1e3
    for case in CASES:
        samples = []
        for _ in range(20):
            t0 = time.perf_counter()
            docs, findings = _once(case)
            samples.append(time.perf_counter() - t0)
        print(
            json.dumps(
                {
                    "bench": "evidence_case",
                    "case": case.name,
                    "documents": docs,
                    "findings": findings,
                    "median_ms": round(statistics.median(samples) * 1e3, 2),
                    "max_ms": round(max(samples) * 1e3, 2),
                    "cold_ms": round(cold, 1) if case == CASES[0] else None,
                }
            ),
            flush=True,
        )


if __name__ == "__main__":
    run()
