"""How ``maplepath draws odds`` shows the odds, and how it reads a trajectory file."""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import Any

from rich.console import Console

from maplepath.draws.odds import CAVEAT, DrawOdds, Odds, chance
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


def headline(odds: Odds) -> str:
    """One sentence for the person: which kinds of round they can enter, whether any ran in the
    window, their recent cut-offs, and the chance of an invitation within 6 and 12 months at
    that pace (with its range), or why there is none."""
    mine = [d for d in odds.draw_types if d.eligibility == "eligible"]
    if not mine:
        return say(
            "On %(on)s you can enter no kind of round with these facts (those that depend on a "
            "fact not given are listed below).",
            on=odds.on,
        )
    kinds = ", ".join(_kind(d.draw_type, odds.on) for d in mine)
    held = [d for d in mine if d.rounds]
    if not held:
        return say(
            "You can enter %(kinds)s rounds; none was held in the last %(months)s months, so no "
            "chance of an invitation can be estimated from them.",
            kinds=kinds,
            months=odds.months,
        )
    cutoffs = [c for d in held for c in d.cutoffs]
    low, high = min(cutoffs), max(cutoffs)
    span = str(low) if low == high else f"{low}\u2013{high}"
    text = say(
        "You can enter %(kinds)s rounds; %(n)s were held in the last %(months)s months, cutting "
        "off at %(span)s.",
        kinds=kinds,
        n=sum(d.rounds for d in held),
        months=odds.months,
        span=span,
    )
    six, twelve = chance(odds, 182), chance(odds, 365)
    assert six is not None and twelve is not None
    if not six[3]:
        return (
            text
            + " "
            + say(
                "None cut off at or below your score (%(crs)s): at that pace no invitation is "
                "expected.",
                crs=odds.crs,
            )
        )
    if six[0] >= 0.995:  # every few weeks a round this person clears
        return (
            text
            + " "
            + say(
                "At that pace an invitation at your score would come within 6 months (from %(k)s "
                "rounds; past rounds promise nothing).",
                k=six[3],
            )
        )
    return (
        text
        + " "
        + say(
            "At that pace the chance of an invitation at your score is about %(six)s within 6 "
            "months and %(twelve)s within 12 (%(low)s to %(high)s, from %(k)s rounds).",
            six=_share(six[0]),
            twelve=_share(twelve[0]),
            low=_share(twelve[1]),
            high=_share(twelve[2]),
            k=six[3],
        )
    )


def _share(p: float) -> str:
    """A chance as a person reads it: never "100%" (past rounds promise nothing), never "0%"
    for a small one."""
    if p >= 0.995:
        return say("over 99%")
    if 0 < p < 0.005:
        return say("under 1%")
    return words.percent(p)


def _kind(draw_type: str, on: date) -> str:
    """A kind of round as people name it: all-program, CEC, provincial nominee, a category."""
    if draw_type == "general":
        return say("all-program")
    if draw_type == "pnp":
        return say("provincial nominee")
    if draw_type.startswith("ee_category:"):
        from maplepath.programs.ee_category import category_name

        return category_name(draw_type.split(":", 1)[1], on)
    return draw_type.upper()  # CEC, FSW, FST: how IRCC names these rounds


def print_odds(console: Console, odds: Odds, profile_warnings: Sequence[str] = ()) -> None:
    console.print(f"[bold]{headline(odds)}[/]", highlight=False)
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
        # A round the person cannot enter gives them no share and no wait (only its cut-offs).
        entered = d.eligibility != "ineligible"
        share = (
            "-"
            if d.share is None or not entered
            else (f"{d.at_or_below} ({words.percent(d.share)})")
        )
        mark = f"[{_STYLE[d.eligibility]}]{words.verdict(d.eligibility)}[/]"
        row = [_label(d), mark, str(d.rounds), share, _cutoffs(d), _wait(d) if entered else "-"]
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
