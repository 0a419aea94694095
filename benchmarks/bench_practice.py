"""The practice (issue 17): ``practice recheck`` of 40 clients in one process against one
``maplepath crs`` process (goal: less than 3x), both as a user runs them (fresh processes);
and, in one process, the dashboard, the recheck of every client and the web dashboard page
for 40 and 1,000 clients (seconds, and milliseconds per client)."""

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


def processes() -> None:
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


def _filled(folder: Path, n: int) -> Store:
    examples = sorted((ROOT / "examples").glob("*.yaml"))
    store = Store.init(folder)
    documents = [parse_document(p.read_text(), p.name) for p in examples]
    for i, document in enumerate(islice(cycle(documents), n)):
        store.add_client(f"client {i + 1}", document, "bench", file_no=f"B-{i + 1}")
    return store


def scale() -> None:
    from fastapi.testclient import TestClient

    from maplepath.practice.accounts import add_user
    from maplepath.practice.clients import dashboard, recheck_all
    from maplepath.web.app import create_app

    on = date.fromisoformat(ON)
    for n in (40, 1000):
        with tempfile.TemporaryDirectory() as tmp:
            store = _filled(Path(tmp) / "practice", n)
            dashboard(store, on)  # the rule book and the caches warm, as in a served app
            t0 = time.perf_counter()
            rows = dashboard(store, on)
            board = time.perf_counter() - t0
            t0 = time.perf_counter()
            rechecked = recheck_all(store, on, "bench")
            recheck = time.perf_counter() - t0
            add_user(store, "bench", "consultant", "a bench password", "bench")
            client = TestClient(create_app(practice=store.folder))
            client.get("/practice/signin")
            client.post(
                "/practice/signin",
                data={"csrf_token": client.cookies["maplepath_csrf"], "name": "bench",
                      "password": "a bench password"},
            )  # fmt: skip
            t0 = time.perf_counter()
            page = client.get(f"/practice?on={ON}")
            shown = time.perf_counter() - t0
            assert page.status_code == 200 and page.text.count("data-client=") == n
        assert len(rows) == len(rechecked) == n
        print(
            json.dumps(
                {
                    "bench": "practice_scale",
                    "clients": n,
                    "dashboard_s": round(board, 3),
                    "dashboard_ms_per_client": round(board / n * 1000, 2),
                    "recheck_all_s": round(recheck, 3),
                    "recheck_ms_per_client": round(recheck / n * 1000, 2),
                    "dashboard_page_s": round(shown, 3),
                    "on": ON,
                }
            ),
            flush=True,
        )


def run() -> None:
    processes()
    scale()


if __name__ == "__main__":
    run()
