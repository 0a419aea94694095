"""How ``maplepath draws odds`` shows the odds, and how it reads a trajectory file."""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import Any

from rich.console import Console

from maplepath.draws.odds import CAVEAT, DrawOdds, Odds
from maplepath.report.tables import WholeTable

_MARK = {
    "eligible": "[green]eligible[/]",
    "ineligible": "[red]ineligible[/]",
    "unknown": "[yellow]unknown[/]",
}


def read_trajectory(path: Path) -> list[tuple[date, int]]:
    """(month start, CRS) pairs from the JSON of ``maplepath plan trajectory --json``: a list of
    ``{"month": "YYYY-MM", "crs": int, ...}``. ValueError naming the entry at fault."""
    try:
        data: Any = json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as e:
        raise ValueError(f"{path}: not JSON ({e.msg} at line {e.lineno})") from None
    if not isinstance(data, list):
        raise ValueError(f"{path}: expected a list of {{'month': 'YYYY-MM', 'crs': N}}")
    out = []
    for i, item in enumerate(data):
        month = item.get("month") if isinstance(item, dict) else None
        score = item.get("crs") if isinstance(item, dict) else None
        try:
            start = date.fromisoformat(f"{month}-01") if isinstance(month, str) else None
        except ValueError:
            start = None
        if start is None or not isinstance(score, int) or isinstance(score, bool):
            raise ValueError(
                f"{path}: entry {i} needs 'month' (YYYY-MM) and 'crs' (a whole number)"
            )
        out.append((start, score))
    return out


def _label(d: DrawOdds) -> str:
    """``ee_category:french`` reads "french (category)"; program ids stay as they are."""
    cid = d.draw_type.removeprefix("ee_category:")
    return cid if cid == d.draw_type else f"{cid} (category)"


def _wait(d: DrawOdds) -> str:
    if not d.rounds:
        return "-" if d.last_round is None else f"none since {d.last_round}"
    days = d.expected_wait_days
    return "none in window" if days is None else f"~{days} days"


def _projection(d: DrawOdds) -> str:
    if d.drops_below_median is not None:
        month, crs = d.drops_below_median
        return f"falls below {month:%Y-%m} ({crs})"
    if d.clears_median is not None:
        month, crs = d.clears_median
        return f"reaches it {month:%Y-%m} ({crs})"
    return "-"


def _cutoffs(d: DrawOdds) -> str:
    if not d.cutoffs:
        return "-"
    median = d.median_cutoff
    return f"{median:g} ({min(d.cutoffs)}-{max(d.cutoffs)})"


def print_odds(console: Console, odds: Odds, profile_warnings: Sequence[str] = ()) -> None:
    console.print(
        f"CRS {odds.crs} on {odds.on}; {odds.rounds_in_window} rounds between "
        f"{odds.window_from} and {odds.on} (latest imported: {odds.latest_round})",
        highlight=False,
    )
    with_trajectory = any(d.trajectory_given for d in odds.draw_types)
    columns = ("kind of round", "you", "rounds", "≤ your CRS", "median cut-off (range)")
    table = WholeTable(
        *columns, "expected wait", title=f"Your odds over the last {odds.months} months"
    )
    if with_trajectory:
        table.add_column("projection vs median")
    quiet = [d for d in odds.draw_types if d.eligibility == "ineligible" and not d.rounds]
    for d in odds.draw_types:
        if d in quiet:
            continue
        share = "-" if d.share is None else f"{d.at_or_below} ({d.share:.0%})"
        row = [_label(d), _MARK[d.eligibility], str(d.rounds), share, _cutoffs(d), _wait(d)]
        if with_trajectory:
            row.append(_projection(d))
        table.add_row(*row)
    console.print(table)
    if quiet:
        names = ", ".join(_label(d) for d in quiet)
        console.print(f"  ineligible, and no round in the window: {names}", highlight=False)
    for d in odds.draw_types:
        if d.eligibility == "unknown":
            needs = f" (would be decided by: {', '.join(d.needs)})" if d.needs else ""
            console.print(f"  ? {_label(d)}: {d.reason}{needs}", highlight=False)
    for w in (*profile_warnings, *odds.warnings):
        console.print(f"warning: {w}", highlight=False)
    console.print(f"[dim]{CAVEAT}[/]")
