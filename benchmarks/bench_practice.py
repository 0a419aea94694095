"""The practice (issue 17): ``practice recheck`` of 40 clients in one process against one
``maplepath crs`` process (goal: less than 3x), both as a user runs them (fresh processes)."""

from __future__ import annotations

import json
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date
from itertools import cycle, islice
from pathlib import Path

from maplepath.practice import Store
from maplepath.profile.load import parse_document

ROOT = Path(__file__).resolve().parents[1]
CLIENTS = 40
ON = "2026-11-21"
MAPLEPATH = [str(Path(sys.executable).with_name("maplepath"))]  # the installed command


def _seconds(args: list[str], runs: int) -> float:
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        subprocess.run([*MAPLEPATH, *args], check=True, capture_output=True, cwd=ROOT)
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def run() -> None:
    examples = sorted((ROOT / "examples").glob("*.yaml"))
    with tempfile.TemporaryDirectory() as tmp:
        store = Store.init(Path(tmp) / "practice")
        for i, path in enumerate(islice(cycle(examples), CLIENTS)):
            store.add_client(
                f"client {i + 1}", parse_document(path.read_text(), path.name), "bench"
            )
        one = _seconds(["crs", str(examples[0]), "--on", ON, "--json"], 5)
        folder = str(store.folder)
        first = _seconds(["practice", "recheck", folder, "--on", ON, "--json"], 1)
        again = _seconds(["practice", "recheck", folder, "--on", ON, "--json"], 3)
        rows = store.clients()
    ratio = again / one
    print(
        json.dumps(
            {
                "bench": "practice_recheck",
                "clients": len(rows),
                "crs_process_s": round(one, 3),
                "recheck_first_s": round(first, 3),
                "recheck_s": round(again, 3),
                "ratio": round(ratio, 2),
                "target_ratio": 3.0,
                "ok": ratio < 3.0,
                "on": ON,
                "today": date.today().isoformat(),
            }
        ),
        flush=True,
    )


if __name__ == "__main__":
    run()
