"""How ``maplepath draws odds`` shows the odds, and how it reads a trajectory file."""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import Any

from rich.console import Console

from maplepath.draws.odds import CAVEAT, DrawOdds, Odds
from maplepath.i18n import say, word
from maplepath.report import words
from maplepath.report.tables import WholeTable

_STYLE = {"eligible": "green", "ineligible": "red", "unknown": "yellow"}


def read_trajectory(path: Path) -> list[tuple[date, int]]:
    """(month start, CRS) pairs from the JSON of ``maplepath plan trajectory --json``: a list of
    ``{"month": "YYYY-MM", "crs": int, ...}``. ValueError naming the entry at fault."""
    try:
        data: Any = json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as e:
        message = say(
            "%(path)s: not JSON (%(error)s at line %(line)s)", path=path, error=e.msg, line=e.lineno
        )
        raise ValueError(message) from None
    if not isinstance(data, list):
        raise ValueError(
            say("%(path)s: expected a list of {'month': 'YYYY-MM', 'crs': N}", path=path)
        )
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
                say(
                    "%(path)s: entry %(i)s needs 'month' (YYYY-MM) and 'crs' (a whole number)",
                    path=path,
                    i=i,
                )
            )
        out.append((start, score))
    return out


def _label(d: DrawOdds) -> str:
    """``ee_category:french`` reads "french (category)"; program ids stay as they are."""
    cid = d.draw_type.removeprefix("ee_category:")
    return cid if cid == d.draw_type else say("%(category)s (category)", category=cid)


def _wait(d: DrawOdds) -> str:
    if not d.rounds:
        return "-" if d.last_round is None else say("none since %(on)s", on=d.last_round)
    days = d.expected_wait_days
    return say("none in window") if days is None else say("~%(days)s days", days=days)


def _projection(d: DrawOdds) -> str:
    if d.drops_below_median is not None:
        month, crs = d.drops_below_median
        return say("falls below %(month)s (%(crs)s)", month=month.strftime("%Y-%m"), crs=crs)
    if d.clears_median is not None:
        month, crs = d.clears_median
        return say("reaches it %(month)s (%(crs)s)", month=month.strftime("%Y-%m"), crs=crs)
    return "-"


def _cutoffs(d: DrawOdds) -> str:
    if not d.cutoffs:
        return "-"
    median = d.median_cutoff
    return f"{words.general(median)} ({min(d.cutoffs)}-{max(d.cutoffs)})"


def print_odds(console: Console, odds: Odds, profile_warnings: Sequence[str] = ()) -> None:
    console.print(
        say(
            "CRS %(crs)s on %(on)s; %(rounds)s rounds between %(start)s and %(on)s "
            "(latest imported: %(latest)s)",
            crs=odds.crs,
            on=odds.on,
            rounds=odds.rounds_in_window,
            start=odds.window_from,
            latest=odds.latest_round,
        ),
        highlight=False,
    )
    with_trajectory = any(d.trajectory_given for d in odds.draw_types)
    table = WholeTable(
        say("kind of round"),
        say("you"),
        say("rounds"),
        say("≤ your CRS"),
        say("median cut-off (range)"),
        say("expected wait"),
        title=say("Your odds over the last %(months)s months", months=odds.months),
    )
    if with_trajectory:
        table.add_column(say("projection vs median"))
    quiet = [d for d in odds.draw_types if d.eligibility == "ineligible" and not d.rounds]
    for d in odds.draw_types:
        if d in quiet:
            continue
        share = "-" if d.share is None else f"{d.at_or_below} ({words.percent(d.share)})"
        mark = f"[{_STYLE[d.eligibility]}]{words.verdict(d.eligibility)}[/]"
        row = [_label(d), mark, str(d.rounds), share, _cutoffs(d), _wait(d)]
        if with_trajectory:
            row.append(_projection(d))
        table.add_row(*row)
    console.print(table)
    if quiet:
        names = ", ".join(_label(d) for d in quiet)
        quiet_line = say("ineligible, and no round in the window: %(names)s", names=names)
        console.print(f"  {quiet_line}", highlight=False)
    for d in odds.draw_types:
        if d.eligibility == "unknown":
            decided = say("(would be decided by: %(needs)s)", needs=", ".join(d.needs))
            needs = f" {decided}" if d.needs else ""
            console.print(f"  ? {_label(d)}: {d.reason}{needs}", highlight=False)
    for w in (*profile_warnings, *odds.warnings):
        console.print(say("warning: %(warning)s", warning=w), highlight=False)
    console.print(f"[dim]{word(CAVEAT)}[/]")
