"""Scoring synthetic candidates in chunks, in this process or on a Dask cluster.

The work is cut into chunks of at most ``CHUNK_ROWS`` candidates. A chunk is *made where it is
scored*, from its seed (``pool.chunk_columns(seed, index, size)``): no candidate arrays travel
to a worker, and a worker never holds more than one chunk's columns (about 40 bytes a row)
plus its compact result. Results are exact integers (scores, flags, histograms), so the same
seed gives the same answer in-process and on any cluster; tests check it.

``cluster(address)`` gives a client: ``None`` runs in-process, ``"local"`` starts a two-process
``LocalCluster`` for the duration, anything else is a scheduler address
(``tcp://host:8786``). An unreachable scheduler is a clear ``ScaleError``.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from typing import Any, TypeVar

import numpy as np
import numpy.typing as npt

from maplepath.crs import batch
from maplepath.draws import pool
from maplepath.draws.scenarios import Scenario
from maplepath.i18n import say

CHUNK_ROWS = 1 << 16  # 65,536 candidates: ~3 MB of columns per chunk on a worker
MAX_SCORE = 1200
CONNECT_TIMEOUT_S = 10
# Dask's nanny starts workers with MALLOC_TRIM_THRESHOLD_=65536, which also pins glibc's mmap
# threshold at 128 KiB: every chunk-sized numpy array is then mmapped and zeroed afresh, and
# scoring runs 2-3x slower (measured). Workers we start keep arrays up to 16 MiB on the heap
# and return free memory above 64 MiB; set the same variables on a cluster you run yourself.
WORKER_ENV = {
    "distributed.nanny.pre-spawn-environ.MALLOC_MMAP_THRESHOLD_": 16 * 2**20,
    "distributed.nanny.pre-spawn-environ.MALLOC_TRIM_THRESHOLD_": 64 * 2**20,
}
Progress = Callable[[int, int], None]  # (chunks done, chunks in all)
T = TypeVar("T")


class ScaleError(ValueError):
    """A Dask scheduler that cannot be reached, or a cluster that failed."""


@dataclass(frozen=True)
class Chunk:
    seed: int
    index: int
    size: int


def chunks(total: int, seed: int, rows: int = CHUNK_ROWS) -> list[Chunk]:
    """``total`` candidates as chunks of at most ``rows``."""
    if total < 0 or rows < 1:
        raise ValueError(f"cannot cut {total} candidates into chunks of {rows}")
    return [Chunk(seed, i, min(rows, total - i * rows)) for i in range(math.ceil(total / rows))]


@dataclass(frozen=True)
class Summary:
    """What a simulation needs of each candidate: a score per scenario, and flags."""

    scores: npt.NDArray[np.int16]  # (scenarios, rows)
    flags: npt.NDArray[np.uint16]  # (rows,)


def summarise_chunk(chunk: Chunk, on: date, scenarios: Sequence[Scenario]) -> Summary:
    """Make chunk ``chunk`` and score it under every scenario on ``on``."""
    cols = pool.chunk_columns(chunk.seed, chunk.index, chunk.size)
    scores = batch.score_scenarios(cols, on, [(s.rule_scenarios, s.book()) for s in scenarios])
    return Summary(scores, pool.flags(cols))


def histogram_chunk(chunk: Chunk, on: date, scenarios: Sequence[Scenario]) -> npt.NDArray[np.int64]:
    """Make chunk ``chunk``; per scenario, how many candidates without a provincial nomination
    have each score 0..1200. Nominees (600 more points) are left out: PNP rounds invite them,
    and ``synthetic_pool`` makes them far more common (1.5%) than IRCC's pool (0.2%)."""
    cols = pool.chunk_columns(chunk.seed, chunk.index, chunk.size)
    keep = ~cols["nomination"].astype(bool)
    out = np.zeros((len(scenarios), MAX_SCORE + 1), dtype=np.int64)
    # Each scenario rescores only the CRS sections its rules change (crs.sections).
    scores = batch.score_scenarios(cols, on, [(s.rule_scenarios, s.book()) for s in scenarios])
    for i, row in enumerate(scores):
        out[i] = np.bincount(row[keep], minlength=MAX_SCORE + 1)
    return out


def run(
    fn: Callable[..., T],
    work: Sequence[Chunk],
    *args: Any,
    client: Any = None,
    progress: Progress | None = None,
) -> list[T]:
    """``fn(chunk, *args)`` for every chunk, in order: here, or on ``client``'s cluster."""
    total = len(work)
    if client is None:
        results = []
        for i, chunk in enumerate(work):
            results.append(fn(chunk, *args))
            if progress:
                progress(i + 1, total)
        return results
    futures = client.map(fn, work, *[[a] * total for a in args], pure=False)
    try:
        for done, _ in enumerate(_distributed().as_completed(futures), 1):
            if progress:
                progress(done, total)
        gathered: list[T] = client.gather(futures)
    except OSError as e:
        raise ScaleError(say("the Dask cluster failed: %(error)s", error=e)) from e
    finally:
        client.cancel(futures)
    return gathered


def summarise(
    total: int,
    seed: int,
    on: date,
    scenarios: Sequence[Scenario],
    *,
    client: Any = None,
    progress: Progress | None = None,
    rows: int = CHUNK_ROWS,
) -> Summary:
    """``total`` reservoir candidates, summarised chunk by chunk and joined in order. In
    process each chunk's summary is written into the result as it is made (the candidates'
    columns are never all held at once, nor the chunks' summaries twice)."""
    work = chunks(total, seed, rows)
    if client is not None:
        parts = run(summarise_chunk, work, on, tuple(scenarios), client=client, progress=progress)
        return Summary(
            np.concatenate([p.scores for p in parts], axis=1),
            np.concatenate([p.flags for p in parts]),
        )
    out = Summary(
        np.empty((len(scenarios), total), dtype=np.int16), np.empty(total, dtype=np.uint16)
    )
    at = 0
    for i, chunk in enumerate(work):
        part = summarise_chunk(chunk, on, tuple(scenarios))
        out.scores[:, at : at + chunk.size] = part.scores
        out.flags[at : at + chunk.size] = part.flags
        at += chunk.size
        if progress:
            progress(i + 1, len(work))
    return out


@dataclass(frozen=True)
class Sweep:
    """Score histograms of the same candidates under each scenario."""

    scenarios: tuple[Scenario, ...]
    histograms: npt.NDArray[np.int64]  # (scenarios, 1201)

    def cutoff(self, scenario: int, invited: int) -> int:
        """The lowest score among the ``invited`` highest (ties all counted in)."""
        above = np.cumsum(self.histograms[scenario][::-1])
        return MAX_SCORE - int(np.searchsorted(above, invited))

    def cutoff_share(self, scenario: int, share: float) -> int:
        """The lowest score among the top ``share`` (0-1) of the candidates."""
        if not 0 < share <= 1:
            raise ValueError(say("the share invited must be in (0, 1], not %(share)s", share=share))
        return self.cutoff(
            scenario, max(1, math.ceil(share * int(self.histograms[scenario].sum())))
        )

    def mean(self, scenario: int) -> float:
        h = self.histograms[scenario]
        return float((h * np.arange(MAX_SCORE + 1)).sum() / h.sum())


def sweep(
    scenarios: Sequence[Scenario],
    total: int,
    on: date,
    seed: int = 0,
    *,
    client: Any = None,
    progress: Progress | None = None,
    rows: int = CHUNK_ROWS,
) -> Sweep:
    """Score ``total`` synthetic candidates under every scenario; only histograms come back."""
    parts = run(histogram_chunk, chunks(total, seed, rows), on, tuple(scenarios),
                client=client, progress=progress)  # fmt: skip
    hist = np.sum(parts, axis=0) if parts else np.zeros((len(scenarios), MAX_SCORE + 1), np.int64)
    return Sweep(tuple(scenarios), hist)


def _distributed() -> Any:
    """dask.distributed, imported on first use (it is slow to import, and untyped)."""
    import importlib

    return importlib.import_module("dask.distributed")


@contextmanager
def cluster(address: str | None, timeout: float = CONNECT_TIMEOUT_S) -> Iterator[Any]:
    """A Dask client for ``address`` ("local": a two-worker LocalCluster), or None."""
    if address is None:
        yield None
        return
    dist = _distributed()
    if address == "local":
        import dask

        with (
            dask.config.set(WORKER_ENV),
            dist.LocalCluster(
                n_workers=2,
                processes=True,
                threads_per_worker=1,
                host="127.0.0.1",
                dashboard_address=None,
            ) as local,
            dist.Client(local) as client,
        ):
            yield client
        return
    try:
        client = dist.Client(address, timeout=timeout)
    except (OSError, TimeoutError, ValueError) as e:
        raise ScaleError(
            say(
                "cannot reach the Dask scheduler at %(address)s within %(seconds)s s (%(error)s); "
                "start one (dask scheduler) or use --dask local",
                address=repr(address),
                seconds=format(timeout, "g"),
                error=e,
            )
        ) from None
    try:
        yield client
    finally:
        client.close()
