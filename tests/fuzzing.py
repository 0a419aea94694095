"""Generated hostile inputs for the CLI commands, and the invariant every run must keep.

Shared by the test suite (a few dozen inputs per command, in ``make test``) and the benchmark
(``make bench``: 2,000 per command, with counts). Each input is an example profile, mutated:
a value anywhere replaced by something hostile (NaN, infinities, huge or negative numbers,
dates at the ends of the calendar, wrong types, deep nesting, control characters), a key
dropped or invented, a list item repeated; written as YAML or JSON, or as raw bytes cut short
or flipped; run with an ``--on`` date that may itself be hostile.

The invariant (issue 14): the command exits 0 or 2, never with a traceback; on 2 it prints one
``error:`` message; it answers within 5 seconds.
"""

from __future__ import annotations

import copy
import json
import math
import re
import signal
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from maplepath.cli import app
from maplepath.rulebook.rulefile import load_yaml

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
COMMANDS: dict[str, tuple[str, ...]] = {
    "assess": ("assess",),
    "crs": ("crs",),
    "pathways": ("pathways",),
    "profile check": ("profile", "check"),
}
LIMIT_SECONDS = 5.0

_EXAMPLES: list[dict[str, Any]] = [
    # Read as the tool reads them: PyYAML's own loader would make `province: ON` true.
    load_yaml(p.read_text(encoding="utf-8"))
    for p in sorted(EXAMPLES.glob("*.yaml"))
]

HOSTILE_SCALARS = st.sampled_from(
    [
        math.nan,
        math.inf,
        -math.inf,
        -1,
        0,
        -1e308,
        1e308,
        2**63,
        -(2**63),
        10**30,
        0.5,
        "",
        " ",
        "\x00",
        "\u202e",
        "NaN",
        ".inf",
        "0001-01-01",
        "9999-12-31",
        "1900-01-01",
        "2100-12-31",
        "2026-02-30",
        "1995-4-12",
        "99999",
        "2123",
        "00000",
        "abcde",
        "ON",
        "CA",
        True,
        False,
        None,
        [],
        {},
        [None],
        {"": None},
        "🇨🇦" * 50,
        "x" * 5000,
    ]
).map(copy.deepcopy)  # fmt: skip (a fresh [] or {} each time: a mutation may change it)
ON_DATES = st.one_of(
    st.none(),
    st.dates(date(2014, 6, 1), date(2030, 12, 31)).map(str),
    st.dates(date(2014, 6, 1), date(2030, 12, 31)).map(str),
    st.sampled_from(
        [
            "2026-11-21",
            "2015-01-01",
            "2014-12-31",
            "1900-01-01",
            "2100-12-31",
            "0001-01-01",
            "9999-12-31",
            "2026-13-01",
            "tomorrow",
            "",
            "2026-11-21T00:00",
        ]
    ),
)


def _paths(node: Any, at: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    """Every path to a value in a parsed document."""
    yield at
    if isinstance(node, dict):
        for k, v in node.items():
            yield from _paths(v, (*at, k))
    elif isinstance(node, list):
        for i, v in enumerate(node):
            yield from _paths(v, (*at, i))


def _get(node: Any, path: tuple[Any, ...]) -> Any:
    for part in path:
        node = node[part]
    return node


def _nested(depth: int) -> Any:
    value: Any = 1
    for _ in range(depth):
        value = [value]
    return value


def _nudged(value: Any) -> st.SearchStrategy[Any]:
    """A value near ``value``: another date, a number scaled, a neighbouring code."""
    if isinstance(value, bool):
        return st.booleans()
    if isinstance(value, int | float):
        return st.sampled_from([0, 1, 2, 3, 5, 7, 9, 10, 12, 30, 40, 168, 1000, 25_000, value * 2])
    if isinstance(value, str) and _ISO.fullmatch(value):
        return st.dates(date(1940, 1, 1), date(2032, 12, 31)).map(str)
    if isinstance(value, str) and value.isdigit():
        return st.sampled_from(["21231", "21211", "21232", "2173", "72200", "00012", "10010"])
    return st.just(value)


_ISO = re.compile(r"\d{4}-\d{2}-\d{2}")


@st.composite
def mutated_document(draw: st.DrawFn) -> dict[str, Any]:
    doc = json.loads(json.dumps(draw(st.sampled_from(_EXAMPLES)), default=str))
    for _ in range(draw(st.integers(1, 4))):
        paths = [p for p in _paths(doc) if p]
        if not paths:
            break
        path = draw(st.sampled_from(paths))
        parent = _get(doc, path[:-1])
        how = draw(
            st.sampled_from(
                ["nudge", "nudge", "nudge", "replace", "drop", "invent", "repeat", "nest"]
            )
        )
        if how == "nudge":  # a plausible value of the same kind: the engine's own paths
            parent[path[-1]] = draw(_nudged(parent[path[-1]]))
        elif how == "replace":
            parent[path[-1]] = draw(HOSTILE_SCALARS)
        elif how == "drop":
            del parent[path[-1]]
        elif how == "invent" and isinstance(parent, dict):
            parent[draw(st.sampled_from(["hours", "x", "birthdate", "1", ""]))] = draw(
                HOSTILE_SCALARS
            )
        elif how == "repeat" and isinstance(parent, list):
            parent.extend([parent[path[-1]]] * draw(st.integers(1, 50)))
        elif how == "nest":
            parent[path[-1]] = _nested(draw(st.integers(1, 60)))
    return doc


@st.composite
def profile_file(draw: st.DrawFn) -> tuple[str, bytes]:
    """(file name, bytes) of a generated profile."""
    doc = draw(mutated_document())
    form = draw(st.sampled_from(["yaml", "yaml", "json", "cut", "flip"]))
    if form == "json":
        text = json.dumps(doc, default=str)  # NaN and Infinity as JSON writes them
        return "profile.json", text.encode()
    data = yaml.safe_dump(doc, allow_unicode=True).encode()
    if form == "cut":
        data = data[: draw(st.integers(0, len(data)))]
    elif form == "flip" and data:
        at = draw(st.integers(0, len(data) - 1))
        data = data[:at] + bytes([draw(st.integers(0, 255))]) + data[at + 1 :]
    return "profile.yaml", data


@dataclass
class Tally:
    """What a fuzz run saw, per command."""

    runs: dict[str, int] = field(default_factory=dict)
    exits: dict[str, dict[int, int]] = field(default_factory=dict)
    slowest: dict[str, float] = field(default_factory=dict)
    failures: list[str] = field(default_factory=list)

    def add(self, command: str, code: int, seconds: float) -> None:
        self.runs[command] = self.runs.get(command, 0) + 1
        codes = self.exits.setdefault(command, {})
        codes[code] = codes.get(code, 0) + 1
        self.slowest[command] = max(self.slowest.get(command, 0.0), seconds)


class Hang(Exception):
    pass


@contextmanager
def _deadline(seconds: float) -> Iterator[None]:
    def expire(signum: int, frame: Any) -> None:
        raise Hang(f"no answer within {seconds:g} s")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds * 2)  # a hang is stopped, at twice the limit
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


_RUNNER = CliRunner(env={"COLUMNS": "100"})


def run_once(
    command: str, folder: Path, name: str, data: bytes, on: str | None
) -> tuple[str | None, int, float]:
    """Run one generated input: what broke the invariant (or None), the exit code and the
    seconds taken. ``folder`` is scratch space."""
    path = folder / name
    path.write_bytes(data)
    args = [*COMMANDS[command], str(path), *(["--on", on] if on is not None else [])]
    where = f"{command} {' '.join(args[len(COMMANDS[command]) + 1 :])} on {data[:200]!r}"
    t0 = time.perf_counter()
    try:
        with _deadline(LIMIT_SECONDS):
            result = _RUNNER.invoke(app, args)
    except Hang as exc:
        return f"{where}: {exc}", -1, time.perf_counter() - t0
    seconds = time.perf_counter() - t0
    return _broken(where, result, seconds), result.exit_code, seconds


def _broken(where: str, result: Any, seconds: float) -> str | None:
    out = result.output
    if result.exit_code not in (0, 2):
        return f"{where}: exit {result.exit_code}: {result.exception!r}"
    if isinstance(result.exception, Exception) and not isinstance(result.exception, SystemExit):
        return f"{where}: {result.exception!r}"
    if "Traceback" in out:
        return f"{where}: a traceback"
    if result.exit_code == 2 and out.count("error:") != 1 and "Usage:" not in out:
        return f"{where}: exit 2 without one error: message: {out[:300]!r}"
    if seconds > LIMIT_SECONDS:
        return f"{where}: {seconds:.1f} s"
    return None


def fuzz(
    command: str,
    folder: Path,
    examples: int,
    seen: Callable[[str | None, int, float], None],
    derandomize: bool = False,
) -> None:
    """Run ``examples`` generated inputs through ``command``; ``seen(broken, code, seconds)``
    after each (the test asserts there, the benchmark counts)."""

    @settings(
        max_examples=examples,
        deadline=None,
        database=None,
        derandomize=derandomize,
        suppress_health_check=list(HealthCheck),
    )
    @given(file=profile_file(), on=ON_DATES)
    def one(file: tuple[str, bytes], on: str | None) -> None:
        seen(*run_once(command, folder, file[0], file[1], on))

    one()
