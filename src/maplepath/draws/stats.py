"""What the rounds history says, per round type: how often, how many, at what score.

The shape is ``maplepath draws stats --json`` (DESIGN.md)::

    {"rounds": 435,
     "latest": {"date": "2026-08-07", "category": "ee_category:transport",
                "invitations": 300, "cutoff": 470},
     "categories": {"cec": {"rounds": 66, "invitations": ..., "last": "2026-...",
                            "cutoff": {"last_12_months": {"min", "median", "max"},
                                       "all_time": {"min", "median", "max"}},
                            "days_between_rounds": {"median": 14}}, ...}}

Counts and days between rounds are over all time; the cut-off score over each window. Windows
end on ``on``, by default the date of the latest round imported, so the answer depends only on
the data (the CLI may pass today's date). History is not a forecast: IRCC picks round types and
sizes each time (no STEM round has been held since 2024-04-11).
"""

from __future__ import annotations

import itertools
import statistics
from collections.abc import Iterable, Sequence
from datetime import date
from pathlib import Path
from typing import Any

from maplepath.draws import store
from maplepath.draws.rounds import Round

# (name, months back from ``on``; None = all time)
WINDOWS: tuple[tuple[str, int | None], ...] = (("last_12_months", 12), ("all_time", None))


def stats(
    category: str | None = None,
    windows: Sequence[tuple[str, int | None]] = WINDOWS,
    *,
    on: date | None = None,
    data_dir: Path | None = None,
) -> dict[str, Any]:
    """Summary of the imported rounds (of one category when given), JSON-ready."""
    return summarize(store.list_rounds(category, data_dir=data_dir), windows, on=on)


def summarize(
    rounds: Sequence[Round],
    windows: Sequence[tuple[str, int | None]] = WINDOWS,
    *,
    on: date | None = None,
) -> dict[str, Any]:
    """The same summary over rounds already in hand (oldest first)."""
    ordered = sorted(rounds, key=lambda r: r.order)
    on = on or (ordered[-1].date if ordered else None)
    ordered = [r for r in ordered if on is not None and r.date <= on]
    if not ordered or on is None:
        return {"rounds": 0, "latest": None, "categories": {}}
    latest = ordered[-1]
    by_category: dict[str, list[Round]] = {}
    for r in ordered:
        by_category.setdefault(r.category, []).append(r)
    return {
        "rounds": len(ordered),
        "latest": {
            "date": latest.date.isoformat(),
            "category": latest.category,
            "invitations": latest.invitations,
            "cutoff": latest.cutoff,
        },
        "categories": {
            cid: _category(rs, windows, on)
            for cid, rs in sorted(by_category.items(), key=lambda kv: (-len(kv[1]), kv[0]))
        },
    }


def _category(
    rounds: list[Round], windows: Sequence[tuple[str, int | None]], on: date
) -> dict[str, Any]:
    days = sorted({r.date for r in rounds})
    gaps = [(b - a).days for a, b in itertools.pairwise(days)]
    cutoff = {}
    for name, months in windows:
        start = None if months is None else months_before(on, months)
        cutoff[name] = _spread(r.cutoff for r in rounds if start is None or r.date > start)
    return {
        "rounds": len(rounds),
        "invitations": sum(r.invitations for r in rounds),
        "cutoff": cutoff,
        "days_between_rounds": {"median": _number(statistics.median(gaps)) if gaps else None},
        "last": days[-1].isoformat(),
    }


def _spread(values: Iterable[int | None]) -> dict[str, int | float | None]:
    known = [v for v in values if v is not None]
    if not known:
        return {"min": None, "median": None, "max": None}
    return {"min": min(known), "median": _number(statistics.median(known)), "max": max(known)}


def _number(x: float) -> int | float:
    return int(x) if float(x).is_integer() else float(x)


def months_before(on: date, months: int) -> date:
    """The same day ``months`` earlier (the month's last day when it has no such day)."""
    total = on.year * 12 + on.month - 1 - months
    year, month = divmod(total, 12)
    for day in (on.day, 30, 29, 28):
        try:
            return date(year, month + 1, day)
        except ValueError:
            continue
    raise AssertionError("unreachable")
