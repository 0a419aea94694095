"""docs/api.md's curl examples run as written against a real server: uvicorn on a free loopback
port (a subprocess, ended in teardown), each ```sh block run by bash with the documented port
8765 replaced by the server's. A block with ``curl -f`` must succeed and print JSON; the one
without ``-f`` (the error example) must print a problem with its documented status. Every
operation of the API has an example."""

from __future__ import annotations

import json
import os
import re
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from maplepath.web import api

ROOT = Path(__file__).resolve().parents[2]
DOC = ROOT / "docs" / "api.md"
DOCUMENTED = "http://127.0.0.1:8765"
BLOCK = re.compile(r"^```sh\n(.*?)^```", re.DOTALL | re.MULTILINE)
BLOCKS = BLOCK.findall(DOC.read_text(encoding="utf-8"))


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    """``uvicorn --factory maplepath.web.app:create_app`` on a free port: its base URL. The data
    directory is the tests' private one (conftest), so no rounds are imported."""
    port = _free_port()
    command = [sys.executable, "-m", "uvicorn", "--factory", "maplepath.web.app:create_app"]
    command += ["--host", "127.0.0.1", "--port", str(port), "--log-level", "warning"]
    proc = subprocess.Popen(
        command,
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        start_new_session=True,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            if proc.poll() is not None:
                err = proc.stderr.read().decode(errors="replace") if proc.stderr else ""
                pytest.fail(f"uvicorn exited ({proc.returncode}): {err[-2000:]}")
            try:
                if httpx.get(base + "/healthz", timeout=1).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            if time.monotonic() > deadline:
                pytest.fail("uvicorn did not answer /healthz within 30 s")
            time.sleep(0.1)
        yield base
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGTERM)
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)
                proc.wait(timeout=10)
        if proc.stderr:
            proc.stderr.close()


def _fails_on_error(block: str) -> bool:
    return bool(re.search(r"curl\s+-\w*f", block))


def test_the_document_has_its_examples() -> None:
    assert len(BLOCKS) >= 10
    for block in BLOCKS:
        assert block.lstrip().startswith("curl "), block
        assert DOCUMENTED in block, block
    assert sum(not _fails_on_error(b) for b in BLOCKS) == 1  # the error example


def test_every_operation_has_an_example() -> None:
    paths = set(re.findall(r"127\.0\.0\.1:8765(/[^\s'?]*)", " ".join(BLOCKS)))
    for route in api.router.routes:
        path = getattr(route, "path", "")
        pattern = re.sub(r"\\\{[^}]+\\\}", "[^/]+", re.escape(path))
        assert any(re.fullmatch(pattern, p) for p in paths), f"no example of {path} in docs/api.md"


def _name(block: str) -> str:
    url = block.split()[2].strip("'").removeprefix(DOCUMENTED + "/api/v1/")
    header = " (fr)" if "Accept-Language" in block else ""
    return url.split("?")[0] + header + ("" if _fails_on_error(block) else " (error)")


@pytest.mark.parametrize("block", BLOCKS, ids=_name)
def test_each_example_runs_as_written(server: str, block: str) -> None:
    script = block.replace(DOCUMENTED, server)
    r = subprocess.run(
        ["bash", "-e", "-o", "pipefail", "-c", script],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert r.returncode == 0, f"exit {r.returncode}: {r.stderr}\n{r.stdout[:1000]}"
    answer = json.loads(r.stdout)
    if _fails_on_error(block):
        assert not (isinstance(answer, dict) and "status" in answer and "type" in answer)
    else:
        assert answer["status"] == 422, answer
        assert answer["type"].endswith("/invalid-request")
        assert {e["path"] for e in answer["errors"]} == {
            "profile.birth_date",
            "profile.education.0.level",
        }
