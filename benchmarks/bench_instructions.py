"""Instructions per fresh evaluation of every program (issue 13), counted by valgrind.

The time of ``programs_evaluate_all`` moves by 10-25% between runs and hosts of the same kind
(the pre-layout code timed 0.51 ms on one host and 0.64 ms on another); the number of
instructions the interpreter executes for the same work does not (within 0.2% between runs,
with the hash seed fixed). Two runs under callgrind, one that loads the example profiles and
evaluates them once (caches warm, as in ``programs_evaluate_all``) and one that then also
evaluates ``PASSES`` passes of fresh copies, differ by the work of those fresh evaluations.

Skipped, saying so, where valgrind is not installed (``make bench`` installs it as root).
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
ON = date(2026, 11, 21)
PASSES = 10


def probe(passes: int) -> None:
    """What runs under valgrind: the examples evaluated once, then ``passes`` fresh copies."""
    from maplepath import programs
    from maplepath.profile.load import read_profile

    profiles = [read_profile(p).profile for p in sorted((ROOT / "examples").glob("*.yaml"))]
    for p in profiles:
        programs.evaluate_all(p, ON)
    copies = [[p.model_copy(deep=True) for p in profiles] for _ in range(PASSES)]
    for batch in copies[:passes]:
        for p in batch:
            programs.evaluate_all(p, ON)


def _instructions(passes: int) -> int:
    callgrind = ["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null"]
    out = subprocess.run(
        [*callgrind, sys.executable, __file__, str(passes)],
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONHASHSEED": "0"},
        check=True,
    )
    found = re.search(r"Collected : (\d+)", out.stderr)
    if found is None:
        raise RuntimeError(f"callgrind printed no instruction count:\n{out.stderr[-2000:]}")
    return int(found.group(1))


def run() -> None:
    if shutil.which("valgrind") is None:
        skipped = "valgrind not installed (apt-get install valgrind)"
        print(json.dumps({"bench": "programs_instructions", "skipped": skipped}), flush=True)
        return
    from maplepath import programs

    examples = len(list((ROOT / "examples").glob("*.yaml")))
    base, full = _instructions(0), _instructions(PASSES)
    fresh = PASSES * examples
    fields = {
        "programs": len(programs.REGISTRY),
        "fresh_profiles": fresh,
        "k_instructions_per_profile": round((full - base) / fresh / 1000),
    }
    print(json.dumps({"bench": "programs_instructions", **fields}), flush=True)


if __name__ == "__main__":
    probe(int(sys.argv[1]) if len(sys.argv) > 1 else 0)
