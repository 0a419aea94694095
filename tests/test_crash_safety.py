"""Real crashes and real races: ``kill -9`` of the tool in the middle of its writes, and two
processes writing at once. After any of them every file is whole: a snapshot reads back, the
rounds database has all of IRCC's rounds or none, the rules cache is used or rebuilt.

The kill times are spread over each command's run (seeded, so a failure can be replayed); the
snapshot writer is also killed in a loop of large writes, where most kills land mid-write.
"""

from __future__ import annotations

import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from maplepath.draws import store
from maplepath.planner import snapshot

from .conftest import EXAMPLES
from .draws import REFERENCE_ROUNDS, reference_file

MAPLEPATH = str(Path(sys.executable).parent / "maplepath")
KILLS = 10


def _env(data: Path) -> dict[str, str]:
    return {**os.environ, "MAPLEPATH_DATA_DIR": str(data), "COLUMNS": "100"}


def _killed(args: list[str], env: dict[str, str], after: float) -> None:
    """Start ``args``, SIGKILL it ``after`` seconds later (if it still runs)."""
    proc = subprocess.Popen(args, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    time.sleep(after)
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=30)


def _case(tmp_path: Path) -> Path:
    folder = tmp_path / "case"
    subprocess.run([MAPLEPATH, "case", "init", str(folder)], check=True, capture_output=True)
    (folder / "profile.yaml").write_bytes((EXAMPLES / "data_scientist_pgwp.yaml").read_bytes())
    return folder


def test_kill_9_during_case_assess_never_leaves_half_a_snapshot(tmp_path: Path) -> None:
    folder, env, rng = _case(tmp_path), _env(tmp_path / "data"), random.Random(14)
    args = [MAPLEPATH, "case", "assess", str(folder), "--on", "2026-11-22"]
    subprocess.run(args, env=env, check=True, capture_output=True)  # warm the rules cache
    for _ in range(KILLS):
        _killed(args, env, rng.uniform(0.15, 0.6))
    snapshots = [p for p in (folder / "assessments").iterdir() if not p.name.startswith(".")]
    assert snapshots
    for path in snapshots:
        assert snapshot.load(path).data["assessed_on"] == "2026-11-22", path


def test_kill_9_in_a_loop_of_large_writes_leaves_only_whole_files(tmp_path: Path) -> None:
    # 4 MB per file: most kills land while a file is being written.
    script = (
        "import sys, itertools\n"
        "from pathlib import Path\n"
        "from maplepath.datadir import write_new\n"
        "data = b'{\"x\": \"' + b'a' * 4_000_000 + b'\"}'\n"
        "for run in itertools.count():\n"
        "    write_new(Path(sys.argv[1]), (f'{n:04d}.json' for n in itertools.count()), data)\n"
    )
    folder, rng = tmp_path / "out", random.Random(9)
    for _ in range(KILLS):
        _killed(
            [sys.executable, "-c", script, str(folder)], dict(os.environ), rng.uniform(0.1, 0.5)
        )
    whole = [p for p in folder.iterdir() if not p.name.startswith(".")]
    assert whole, "no write finished: the test proves nothing"
    for path in whole:
        assert len(json.loads(path.read_bytes())["x"]) == 4_000_000, path
    # What a kill leaves is a hidden temporary file, never a published name.
    assert all(p.name.startswith(".new.") for p in folder.iterdir() if p not in whole)


def test_kill_9_during_draws_update_leaves_all_rounds_or_none(tmp_path: Path) -> None:
    source, rng = reference_file(), random.Random(3)
    for i in range(KILLS):
        data = tmp_path / f"data{i}"
        args = [MAPLEPATH, "draws", "update", "--from", str(source)]
        _killed(args, _env(data), rng.uniform(0.2, 0.7))
        if not store.db_path(data).exists():
            continue
        with sqlite3.connect(store.db_path(data)) as db:
            assert db.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        assert len(store.list_rounds(data_dir=data)) in (0, REFERENCE_ROUNDS)
        # The next update completes what the killed one did not.
        done = subprocess.run(args, env=_env(data), capture_output=True, text=True, timeout=60)
        assert done.returncode == 0, done.stderr
        assert len(store.list_rounds(data_dir=data)) == REFERENCE_ROUNDS


def test_kill_9_while_the_rules_cache_is_written_then_the_next_run_works(
    tmp_path: Path,
) -> None:
    rng = random.Random(5)
    for i in range(KILLS):
        env = _env(tmp_path / f"data{i}")  # no cache yet: the run parses and writes it
        _killed([MAPLEPATH, "rules", "list"], env, rng.uniform(0.1, 0.5))
        done = subprocess.run(
            [MAPLEPATH, "crs", str(EXAMPLES / "data_scientist_pgwp.yaml"), "--on", "2026-11-21"],
            env=env,
            capture_output=True,
            text=True,
            timeout=60,
        )
        assert done.returncode == 0, done.stderr
        assert "CRS on 2026-11-21: 478 points" in done.stdout
        for cached in (tmp_path / f"data{i}" / "cache").glob("rules-*.json"):
            json.loads(cached.read_bytes())  # whole: written under a temporary name, renamed


def _together(args: list[list[str]], env: dict[str, str]) -> list[subprocess.CompletedProcess[str]]:
    procs = [
        subprocess.Popen(a, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        for a in args
    ]
    out = []
    for a, p in zip(args, procs, strict=True):
        stdout, stderr = p.communicate(timeout=60)
        out.append(subprocess.CompletedProcess(a, p.returncode, stdout, stderr))
    return out


def test_two_processes_saving_one_case_on_one_date_keep_both(tmp_path: Path) -> None:
    folder, env = _case(tmp_path), _env(tmp_path / "data")
    args = [MAPLEPATH, "case", "assess", str(folder), "--on", "2026-11-22"]
    subprocess.run(args, env=env, check=True, capture_output=True)  # warm the rules cache
    runs = _together([args, args, args], env)
    assert all(r.returncode == 0 for r in runs), [r.stderr for r in runs]
    names = sorted(p.name for p in (folder / "assessments").iterdir())
    assert names == [f"2026-11-22_00{n}.json" for n in range(1, 5)]


@pytest.mark.parametrize("writers", [2, 3])
def test_concurrent_draws_updates_both_succeed(tmp_path: Path, writers: int) -> None:
    env = _env(tmp_path / "data")
    args = [MAPLEPATH, "draws", "update", "--from", str(reference_file())]
    runs = _together([args] * writers, env)
    assert all(r.returncode == 0 for r in runs), [r.stderr for r in runs]
    assert len(store.list_rounds(data_dir=tmp_path / "data")) == REFERENCE_ROUNDS
    with sqlite3.connect(store.db_path(tmp_path / "data")) as db:
        assert db.execute("SELECT COUNT(*) FROM imports").fetchone() == (writers,)
