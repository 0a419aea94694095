"""The plan page (POST /plan): the CRS month by month for three years with the dated events
that move it, drawn as a chart, and the quickest sets of actions that reach a target score.
A separate page from the results, which stay fast: the chart and the search take longer."""

from __future__ import annotations

import base64
import tempfile
from datetime import date
from pathlib import Path
from typing import Any

from maplepath.i18n import say
from maplepath.profile.model import Profile

MONTHS = 36


def chart_data_uri(t: Any) -> str:
    """The trajectory chart as an SVG image inside the page (a data: URI: nothing is fetched
    from elsewhere, and the SVG's own styles apply inside the image)."""
    from maplepath.planner import chart

    with tempfile.TemporaryDirectory() as tmp:
        out = chart.render(t, Path(tmp) / "trajectory.svg", title=say("Your CRS, month by month"))
        svg = out.read_bytes()
    return "data:image/svg+xml;base64," + base64.b64encode(svg).decode()


def context(profile: Profile, on: date, target: int | None) -> dict[str, Any]:
    from maplepath.planner import improve, timeline, trajectory

    t = trajectory.trajectory(profile, on, MONTHS)
    current = t.points[0].crs
    goal = target if target is not None else current + 30
    plans = improve.improve(profile, on, goal, by="time", limit=3)
    events = [e for e in t.events if e.kind != "program" or e.text][:40]
    try:
        steps = timeline.timeline(profile, on)
        why_not = ""
    except ValueError as exc:  # no Express Entry route to lay out for this profile
        steps, why_not = None, str(exc)
    return {
        **draws_context(profile, on, current),
        "timeline": steps,
        "timeline_missing": why_not,
        "on": on,
        "current": current,
        "target": goal,
        "chart": chart_data_uri(t),
        "events": events,
        "improvement": plans,
        "months": MONTHS,
    }


def calendar(profile: Profile, on: date) -> bytes:
    """The timeline's steps and deadlines as an iCalendar file (planner.ics)."""
    from maplepath.planner import timeline
    from maplepath.planner.ics import to_ics

    return to_ics(timeline.timeline(profile, on))


def draws_context(profile: Profile, on: date, score: int) -> dict[str, Any]:
    """The person's odds against the last 12 months of rounds, and the cut-offs chart with
    their score as a line; without imported rounds, what to run to import them."""
    from maplepath import draws
    from maplepath.draws import bias, odds
    from maplepath.draws import chart as draws_chart

    try:
        rounds = draws.list_rounds()
        found = odds.odds(profile, on, rounds, months=12)
    except (odds.NoRoundsError, draws.DamagedDatabase, OSError) as exc:
        hint = say(
            "Import IRCC's rounds of invitations with `maplepath draws update` to see them "
            "(%(why)s).",
            why=str(exc),
        )
        return {"odds": None, "odds_missing": hint}
    recent = [r for r in rounds if r.date <= on and (on - r.date).days <= 730]
    title = say("Cut-offs of the last two years")
    svg = draws_chart.render(recent, "svg", score=score, title=title)
    # How far the recent rounds misled, per kind the table shows (the backtest over the window).
    misled = [bias.sentence(k, b) for k, b in bias.odds_bias(found, rounds).items()]
    return {
        "odds": found,
        "odds_bias": misled,
        "odds_caveat": odds.CAVEAT,
        "draws_chart": "data:image/svg+xml;base64," + base64.b64encode(svg).decode(),
    }
