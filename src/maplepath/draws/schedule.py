"""The rounds a simulation holds by default: the pattern of the last 12 months, carried on.

IRCC has held no general round since 2024-04-23; it now runs provincial nominee, CEC and
category rounds side by side, each at its own pace and size. So the default schedule is read
from the published rounds of the ``PATTERN_MONTHS`` months before the simulation's start: for
every kind of round held then (and that a simulation can hold), its median size, and its
spacing (the window's length over the number of such rounds). Each kind's next round comes
one spacing after its latest one, then one every spacing (the first on or after day 1 of the
simulation). A kind held once in the year comes about once a year. This repeats the recent
pattern; it does not forecast IRCC's choices.
"""

from __future__ import annotations

import statistics
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import date

from maplepath.draws import pool
from maplepath.draws.rounds import Round
from maplepath.draws.simulate import Plan
from maplepath.draws.stats import months_before
from maplepath.i18n import decimal, say

PATTERN_MONTHS = 12


@dataclass(frozen=True)
class Pattern:
    """One kind of round as the recent rounds held it."""

    draw_type: str
    rounds: int  # held in the window
    size: int  # median invitations
    gap_days: float  # the window's length over the rounds held
    last: date  # the latest one

    def to_json(self) -> dict[str, object]:
        return {
            "draw_type": self.draw_type, "rounds": self.rounds, "size": self.size,
            "gap_days": round(self.gap_days, 1), "last": self.last.isoformat(),
        }  # fmt: skip


def recent_pattern(
    rounds: Iterable[Round], on: date, months: int = PATTERN_MONTHS
) -> list[Pattern]:
    """Every kind of round held in the ``months`` up to ``on`` that a simulation can hold,
    most frequent first. ValueError when none was."""
    start = months_before(on, months)
    window = (on - start).days
    kinds = set(pool.draw_types())
    held: dict[str, list[Round]] = {}
    for r in sorted(rounds, key=lambda r: r.order):
        if start < r.date <= on and r.category in kinds:
            held.setdefault(r.category, []).append(r)
    if not held:
        raise ValueError(
            say(
                "no round in the %(months)s months before %(on)s to take the pattern from: "
                "give --category (and --size)",
                months=months,
                on=on,
            )
        )
    found = [
        Pattern(
            draw_type=kind,
            rounds=len(rs),
            size=max(1, round(statistics.median(r.invitations for r in rs))),
            gap_days=window / len(rs),
            last=rs[-1].date,
        )
        for kind, rs in held.items()
    ]
    return sorted(found, key=lambda p: (-p.rounds, p.draw_type))


def plans(
    patterns: Sequence[Pattern], day0: date, weeks: int, size: int | None = None
) -> list[Plan]:
    """The rounds of ``patterns`` over ``weeks`` weeks after ``day0``, in date order; every
    round of ``size`` when given, else of its kind's median size. At equal days, the more
    frequent kind first."""
    horizon = 7 * weeks
    out: list[tuple[int, int, Plan]] = []
    for rank, p in enumerate(patterns):
        at = (p.last - day0).days + p.gap_days
        while at < 1:
            at += p.gap_days
        while (day := round(at)) <= horizon:
            out.append((day, rank, Plan(p.draw_type, size or p.size, day)))
            at += p.gap_days
    return [plan for _, _, plan in sorted(out, key=lambda t: (t[0], t[1]))]


def recent_plans(
    rounds: Sequence[Round],
    start: Round,
    weeks: int,
    size: int | None = None,
    pool_size: int | None = None,
) -> tuple[list[Plan], list[Pattern]]:
    """The default schedule for a simulation from ``start``'s pool: the pattern of the 12
    months before the pool's date, over ``weeks`` weeks; and the pattern itself. With
    ``pool_size`` (a pool scaled from the published one) the median sizes scale with it."""
    day0 = start.distribution_as_on or start.date
    found = recent_pattern([r for r in rounds if r.date <= start.date], day0)
    published = (start.pool() or {}).get("total", 0)
    if pool_size is not None and size is None and published > 0:
        found = [replace(p, size=max(1, round(p.size * pool_size / published))) for p in found]
    return plans(found, day0, weeks, size), found


def describe(patterns: Sequence[Pattern], day0: date) -> str:
    """The schedule in one sentence."""
    kinds = "; ".join(
        say(
            "%(kind)s every %(days)s days, %(size)s invited",
            kind=p.draw_type,
            days=round(p.gap_days),
            size=decimal(format(p.size, ",")),
        )
        for p in patterns
    )
    return say(
        "Rounds as in the %(months)s months before %(on)s: %(kinds)s",
        months=PATTERN_MONTHS,
        on=day0,
        kinds=kinds,
    )
