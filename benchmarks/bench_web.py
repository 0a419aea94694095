"""The web app (issue 15): server-side time of the results page for each example profile
uploaded, and of the questionnaire (goal: p95 <= 50 ms on a typical profile), and the weight
of each page with everything it loads (goal <= 200 KB)."""

from __future__ import annotations

import json
import re
import statistics
import time
import warnings
from pathlib import Path

with warnings.catch_warnings():  # Starlette's test client asks for httpx2 (not used yet)
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

from maplepath.web.app import create_app

ROOT = Path(__file__).resolve().parents[1]
TARGET_MS, TARGET_KB = 50.0, 200.0


def _weight(client: TestClient, html: str) -> int:
    """The page and what it links to on this server (stylesheets, scripts, images)."""
    total = len(html.encode())
    for ref in set(re.findall(r'(?:href|src)="(/static/[^"]+)"', html)):
        total += len(client.get(ref).content)
    return total


def run() -> None:
    client = TestClient(create_app())
    form = client.get("/assess")
    token = client.cookies["maplepath_csrf"]
    samples = []
    for _ in range(30):
        t0 = time.perf_counter()
        client.get("/assess")
        samples.append(time.perf_counter() - t0)
    print(
        json.dumps(
            {
                "bench": "web_questionnaire",
                "median_ms": round(statistics.median(samples) * 1e3, 2),
                "p95_ms": round(sorted(samples)[int(len(samples) * 0.95)] * 1e3, 2),
                "page_kb": round(_weight(client, form.text) / 1024, 1),
                "target_kb": TARGET_KB,
            }
        ),
        flush=True,
    )
    for path in sorted((ROOT / "examples").glob("*.yaml")):
        data = {"csrf_token": token, "on": "2026-11-21"}
        files = {"profile": (path.name, path.read_bytes())}
        page = client.post("/assess", data=data, files=files)
        assert page.status_code == 200, page.text[:300]
        samples = []
        for _ in range(40):
            t0 = time.perf_counter()
            client.post("/assess", data=data, files=files)
            samples.append(time.perf_counter() - t0)
        p95 = sorted(samples)[int(len(samples) * 0.95)] * 1e3
        kb = _weight(client, page.text) / 1024
        print(
            json.dumps(
                {
                    "bench": "web_results_page",
                    "profile": path.name,
                    "median_ms": round(statistics.median(samples) * 1e3, 2),
                    "p95_ms": round(p95, 2),
                    "target_ms": TARGET_MS,
                    "page_kb": round(kb, 1),
                    "target_kb": TARGET_KB,
                    "ok": p95 <= TARGET_MS and kb <= TARGET_KB,
                }
            ),
            flush=True,
        )


if __name__ == "__main__":
    run()
