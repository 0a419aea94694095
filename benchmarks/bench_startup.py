"""Start-up (issue 13): what a command costs before it does anything, against a bare
interpreter measured in the same run. Targets: ``maplepath --help`` <= 0.20 s over
``python -c pass``; ``maplepath crs PROFILE --json`` <= 0.30 s over it.

Each command runs as a fresh process, as a user runs it, with the rule cache already built
(the first command after an install or an edit of the rules parses the YAML once; the cold
rule-book load is measured by ``rulebook_load``) and maplepath's bytecode compiled: Python keeps
what it compiles in ``__pycache__`` (a wheel install writes it at once), so only the first
command after an install or an edit compiles the sources. A shell that sets
``PYTHONDONTWRITEBYTECODE`` would make every run compile some forty modules again (about 30 ms
on the host of 2026-12-07), which no user pays: the benchmark's commands run without it. The
runs are interleaved so a busy host slows all three alike; the figure is the median of each.

Those seconds move by a quarter within minutes on one host (0.23-0.37 s for the same command on
2026-12-07), so ``startup_instructions`` also counts, under valgrind's callgrind with the hash
seed fixed, the instructions each command executes: the same from run to run and host to host.
It says ``skipped`` where valgrind is not installed (``make bench`` installs it as root).
"""

from __future__ import annotations

import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PROFILE = ROOT / "examples" / "data_scientist_pgwp.yaml"
RUNS = 21
TARGETS = {"help": 0.20, "crs_json": 0.30}


def _maplepath() -> str:
    beside = Path(sys.executable).with_name("maplepath")
    return str(beside) if beside.exists() else "maplepath"


def _time(cmd: list[str], env: dict[str, str]) -> float:
    t0 = time.perf_counter()
    subprocess.run(cmd, env=env, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - t0


def environment(data: str) -> dict[str, str]:
    """The commands' environment: this one, with its own data directory, 80 columns, and
    bytecode kept as Python keeps it by default (see the module's docstring)."""
    env = {**os.environ, "MAPLEPATH_DATA_DIR": data, "COLUMNS": "80"}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


def run() -> None:
    with tempfile.TemporaryDirectory() as data:
        env = environment(data)
        commands = {
            "bare": [sys.executable, "-c", "pass"],
            "help": [_maplepath(), "--help"],
            "crs_json": [_maplepath(), "crs", str(PROFILE), "--json", "--on", "2026-11-21"],
        }
        _time(commands["crs_json"], env)  # builds the rule cache and writes the bytecode
        samples: dict[str, list[float]] = {name: [] for name in commands}
        for _ in range(RUNS):
            for name, cmd in commands.items():
                samples[name].append(_time(cmd, env))
        counted = {name: _instructions(cmd, env) for name, cmd in commands.items()}
    bare = statistics.median(samples["bare"])
    print(json.dumps({"bench": "startup_bare_python", "median_s": round(bare, 4), "runs": RUNS}))
    for name, target in TARGETS.items():
        median = statistics.median(samples[name])
        print(
            json.dumps(
                {
                    "bench": f"startup_{name}",
                    "median_s": round(median, 4),
                    "over_bare_s": round(median - bare, 4),
                    "target_over_bare_s": target,
                    "meets_target": median - bare <= target,
                    "runs": RUNS,
                }
            ),
            flush=True,
        )
    print(json.dumps({"bench": "startup_instructions", **_over_bare(counted)}), flush=True)


def _instructions(cmd: list[str], env: dict[str, str]) -> int | None:
    """The instructions ``cmd`` executes (callgrind), or None without valgrind."""
    if shutil.which("valgrind") is None:
        return None
    callgrind = ["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null"]
    out = subprocess.run(
        [*callgrind, *cmd],
        capture_output=True,
        text=True,
        env={**env, "PYTHONHASHSEED": "0"},
        check=True,
    )
    found = re.search(r"Collected : (\d+)", out.stderr)
    if found is None:
        raise RuntimeError(f"callgrind printed no instruction count:\n{out.stderr[-2000:]}")
    return int(found.group(1))


def _over_bare(counted: dict[str, int | None]) -> dict[str, object]:
    """Millions of instructions of each command beyond the bare interpreter's."""
    bare = counted["bare"]
    if bare is None:
        return {"skipped": "valgrind not installed (apt-get install valgrind)"}
    fields: dict[str, object] = {"bare_m_instructions": round(bare / 1e6, 1)}
    for name in TARGETS:
        count = counted[name]
        assert count is not None  # valgrind counted the bare run, so it counts every run
        fields[f"{name}_m_over_bare"] = round((count - bare) / 1e6, 1)
    return fields


if __name__ == "__main__":
    run()
