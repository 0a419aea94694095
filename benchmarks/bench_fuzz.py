"""CLI fuzzing (issue 14): generated hostile profiles through assess, crs, pathways and
profile check, 2,000 per command (``MAPLEPATH_FUZZ_EXAMPLES`` to change it). Done means zero
tracebacks and zero hangs: every run exits 0 or 2 with one ``error:`` message, within 5 s.
The generator and the invariant are tests/fuzzing.py, which ``make test`` runs at 40 a command.
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests import fuzzing  # noqa: E402

EXAMPLES = int(os.environ.get("MAPLEPATH_FUZZ_EXAMPLES", "2000"))


def _fuzz(command: str, folder: Path, tally: fuzzing.Tally) -> None:
    def count(broken: str | None, code: int, seconds: float) -> None:
        tally.add(command, code, seconds)
        if broken is not None:
            tally.failures.append(broken)

    fuzzing.fuzz(command, folder, EXAMPLES, count)


def run() -> None:
    tally = fuzzing.Tally()
    with tempfile.TemporaryDirectory() as tmp:
        for command in fuzzing.COMMANDS:
            t0 = time.perf_counter()
            _fuzz(command, Path(tmp), tally)
            runs = tally.runs.get(command, 0)
            failures = [f for f in tally.failures if f.startswith(command + " ")]
            print(
                json.dumps(
                    {
                        "bench": "fuzz_cli",
                        "command": command,
                        "inputs": runs,
                        "exit_0": tally.exits.get(command, {}).get(0, 0),
                        "exit_2": tally.exits.get(command, {}).get(2, 0),
                        "failures": len(failures),
                        "first_failure": failures[0][:300] if failures else None,
                        "slowest_s": round(tally.slowest.get(command, 0.0), 3),
                        "seconds": round(time.perf_counter() - t0, 1),
                        "target_inputs": EXAMPLES,
                        "ok": not failures and runs >= EXAMPLES,
                    }
                ),
                flush=True,
            )


if __name__ == "__main__":
    run()
