"""The HTTP API under load (issue text): a bounded run on loopback (a fixed request count and a
time limit, so it stops by itself) of POST /api/v1/assess with the example profiles, by 1, 8 and
32 concurrent clients against uvicorn with 1 and 2 workers: throughput, p50/p95/p99 latency and
errors (any answer but a 200), and the ratio of the engine's own throughput (in process, one
thread, the same profiles) to the API's (goal: HTTP costs at most 2x the engine, 0 errors).

The server is a real ``uvicorn`` subprocess in its own process group, always ended (SIGTERM,
then SIGKILL) when a configuration is done. The load generator runs in this process (kept-alive
connections written with asyncio streams), so on this 2-core machine it competes with the
workers for the CPU: the figures are what one machine serving and asking at once gets, a floor
for a separate client.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import signal
import socket
import statistics
import subprocess
import sys
import time
from datetime import date
from pathlib import Path
from typing import Any

import httpx

from maplepath.assess import assess
from maplepath.profile.load import parse_document, validate_profile
from maplepath.report import answers

ROOT = Path(__file__).resolve().parents[1]
ON_TEXT = "2026-11-21"
ON = date.fromisoformat(ON_TEXT)
REQUESTS = 1000  # per configuration
TIME_LIMIT_S = 20.0  # per configuration: whatever is unanswered by then is not sent
CLIENTS = (1, 8, 32)
WORKERS = (1, 2)
WARMUP = 24  # requests before measuring (every worker loads its rule book on its first one)
GOAL_RATIO = 2.0


def emit(name: str, **fields: object) -> None:
    print(json.dumps({"bench": name, **fields}), flush=True)


def _documents() -> list[tuple[str, dict[str, Any]]]:
    """Each example profile as the API takes it: the YAML document as JSON (dates as text)."""
    out = []
    for path in sorted((ROOT / "examples").glob("*.yaml")):
        doc = parse_document(path.read_text(encoding="utf-8"), path.name)
        out.append((path.name, json.loads(json.dumps(doc, default=str))))
    return out


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _start(workers: int) -> tuple[subprocess.Popen[bytes], str]:
    port = _free_port()
    command = [sys.executable, "-m", "uvicorn", "--factory", "maplepath.web.app:create_app"]
    command += ["--host", "127.0.0.1", "--port", str(port), "--workers", str(workers)]
    command += ["--log-level", "warning", "--no-access-log"]
    server = subprocess.Popen(
        command,
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        start_new_session=True,  # its own process group: the workers are ended with it
    )
    return server, f"http://127.0.0.1:{port}"


def _wait_healthy(server: subprocess.Popen[bytes], base: str, timeout_s: float = 30.0) -> None:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if server.poll() is not None:
            err = server.stderr.read().decode(errors="replace") if server.stderr else ""
            raise RuntimeError(f"uvicorn exited ({server.returncode}): {err[-2000:]}")
        try:
            if httpx.get(base + "/healthz", timeout=1.0).status_code == 200:
                return
        except httpx.TransportError:
            pass
        time.sleep(0.1)
    raise RuntimeError(f"uvicorn did not answer /healthz within {timeout_s} s")


def _stop(server: subprocess.Popen[bytes]) -> None:
    if server.poll() is None:
        try:
            os.killpg(server.pid, signal.SIGTERM)
            server.wait(timeout=10)
        except (ProcessLookupError, subprocess.TimeoutExpired):
            pass
    if server.poll() is None:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(server.pid, signal.SIGKILL)
        server.wait(timeout=10)
    if server.stderr:
        server.stderr.close()


def _percentile(ordered: list[float], q: float) -> float:
    return ordered[min(len(ordered) - 1, int(len(ordered) * q))]


async def _post(
    reader: asyncio.StreamReader, writer: asyncio.StreamWriter, request: bytes
) -> tuple[str, bytes]:
    """One request on a kept-alive connection: the status and the body (Content-Length)."""
    writer.write(request)
    await writer.drain()
    head = await reader.readuntil(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    length = next(
        int(v) for k, _, v in (ln.partition(": ") for ln in lines) if k.lower() == "content-length"
    )
    return lines[0].split(" ")[1], await reader.readexactly(length)


def _request(port: int, body: bytes) -> bytes:
    head = (
        f"POST /api/v1/assess HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n"
        f"Content-Type: application/json\r\nContent-Length: {len(body)}\r\n\r\n"
    )
    return head.encode() + body


async def _load(
    base: str, bodies: list[dict[str, Any]], clients: int, requests: int, limit_s: float
) -> dict[str, Any]:
    """``requests`` POSTs shared by ``clients`` concurrent clients, stopped at ``limit_s``.

    Each client is one kept-alive HTTP/1.1 connection written by hand (asyncio streams) with
    its request bytes made beforehand: httpx costs about 0.3 ms a request in this process,
    on the same two cores as the server, and that is the client's cost, not the API's.
    (Every answer's status is checked; a broken connection counts as an error.)"""
    port = int(base.rsplit(":", 1)[1])
    encoded = [_request(port, json.dumps(b).encode()) for b in bodies]
    latencies: list[float] = []
    errors: dict[str, int] = {}
    next_index = 0
    start = time.perf_counter()
    deadline = start + limit_s

    async def one_client() -> None:
        nonlocal next_index
        reader, writer = await asyncio.open_connection("127.0.0.1", port)
        try:
            while next_index < requests and time.perf_counter() < deadline:
                request = encoded[next_index % len(encoded)]
                next_index += 1
                t0 = time.perf_counter()
                try:
                    status, _ = await _post(reader, writer, request)
                except (OSError, asyncio.IncompleteReadError, StopIteration) as exc:
                    status = type(exc).__name__
                    writer.close()
                    reader, writer = await asyncio.open_connection("127.0.0.1", port)
                latencies.append(time.perf_counter() - t0)
                if status != "200":
                    errors[status] = errors.get(status, 0) + 1
        finally:
            writer.close()

    await asyncio.gather(*(one_client() for _ in range(clients)))
    elapsed = time.perf_counter() - start
    ordered = sorted(latencies)
    done = len(latencies)
    return {
        "requests": done,
        "planned": requests,
        "stopped_by_time_limit": done < requests,
        "seconds": round(elapsed, 3),
        "rps": round(done / elapsed, 1) if elapsed else 0.0,
        "p50_ms": round(_percentile(ordered, 0.50) * 1e3, 2) if done else None,
        "p95_ms": round(_percentile(ordered, 0.95) * 1e3, 2) if done else None,
        "p99_ms": round(_percentile(ordered, 0.99) * 1e3, 2) if done else None,
        "errors": sum(errors.values()),
        "errors_by_status": errors,
    }


def _engine(docs: list[dict[str, Any]], seconds: float = 3.0) -> dict[str, float]:
    """The engine in process, one thread, on the same profiles: ``assess()`` on a profile
    validated anew for each call (as each API request is: nothing is reused between them),
    and the whole of what the API does without HTTP (validate, assess, the JSON bytes)."""
    validated = [validate_profile(d, "profile", date.today()) for d in docs]
    for v in validated:
        assess(v.profile, ON)  # the rule book and the compiled tables, as a running worker has
    core: list[float] = []
    whole: list[float] = []
    stop = time.perf_counter() + seconds
    i = 0
    while time.perf_counter() < stop or i < 2 * len(docs):
        doc = docs[i % len(docs)]
        t0 = time.perf_counter()
        loaded = validate_profile(doc, "profile", date.today())
        t1 = time.perf_counter()
        result = assess(loaded.profile, ON)
        t2 = time.perf_counter()
        result.warnings[:0] = list(loaded.warnings)
        answers.dumps(result.to_json()).encode()
        t3 = time.perf_counter()
        core.append(t2 - t1)
        whole.append(t3 - t0)
        i += 1
    return {
        "calls": len(core),
        "assess_rps": round(len(core) / sum(core), 1),
        "assess_median_ms": round(statistics.median(core) * 1e3, 3),
        "full_rps": round(len(whole) / sum(whole), 1),
        "full_median_ms": round(statistics.median(whole) * 1e3, 3),
    }


def run() -> None:
    named = _documents()
    docs = [d for _, d in named]
    bodies = [{"profile": d, "on": ON_TEXT} for d in docs]
    engine = _engine(docs)
    emit("api_engine_baseline", profiles=[n for n, _ in named], **engine)

    results: dict[tuple[int, int], dict[str, Any]] = {}
    for workers in WORKERS:
        server, base = _start(workers)
        try:
            _wait_healthy(server, base)
            asyncio.run(_load(base, bodies, max(8, workers * 4), WARMUP, TIME_LIMIT_S))
            for clients in CLIENTS:
                found = asyncio.run(_load(base, bodies, clients, REQUESTS, TIME_LIMIT_S))
                results[(workers, clients)] = found
                emit(
                    "api_assess_load",
                    workers=workers,
                    clients=clients,
                    **found,
                    ratio_engine_to_api=round(engine["assess_rps"] / found["rps"], 2)
                    if found["rps"]
                    else None,
                    ok=found["errors"] == 0 and not found["stopped_by_time_limit"],
                )
        finally:
            _stop(server)

    single = results[(1, 1)]
    best_key = max(results, key=lambda k: results[k]["rps"])
    best = results[best_key]
    ratio_single = engine["assess_rps"] / single["rps"] if single["rps"] else float("inf")
    ratio_best = engine["assess_rps"] / best["rps"] if best["rps"] else float("inf")
    total_errors = sum(r["errors"] for r in results.values())
    emit(
        "api_vs_engine",
        engine_assess_rps=engine["assess_rps"],
        engine_full_rps=engine["full_rps"],
        api_rps_1_worker_1_client=single["rps"],
        ratio_1_worker_1_client=round(ratio_single, 2),
        ratio_full_1_worker_1_client=round(engine["full_rps"] / single["rps"], 2)
        if single["rps"]
        else None,
        best={"workers": best_key[0], "clients": best_key[1], "rps": best["rps"]},
        ratio_best=round(ratio_best, 2),
        goal_ratio=GOAL_RATIO,
        errors=total_errors,
        ok=ratio_single <= GOAL_RATIO and total_errors == 0,
        best_ok=ratio_best <= GOAL_RATIO and total_errors == 0,
    )
    fuzz()


FUZZ_EXAMPLES = 300  # per operation; make test runs 40


def fuzz() -> None:
    """schemathesis over the whole schema, and the API-total property, with more examples
    than make test has time for: the outcome and the number of requests each ran."""
    env = {**os.environ, "MAPLEPATH_FUZZ_EXAMPLES": str(FUZZ_EXAMPLES)}
    t0 = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-m", "pytest", "-p", "no:logging", "-p", "no:cacheprovider",
         "tests/web/test_api_fuzz.py"],
        cwd=ROOT, env=env, capture_output=True, text=True, check=False,
    )  # fmt: skip
    said = [ln for ln in done.stdout.splitlines() if " passed" in ln or " failed" in ln]
    last = said[-1].strip("= ") if said else done.stdout[-300:]
    emit(
        "api_fuzz",
        examples_per_operation=FUZZ_EXAMPLES,
        tests=last,
        seconds=round(time.perf_counter() - t0, 1),
        ok=done.returncode == 0,
    )


if __name__ == "__main__":
    run()
