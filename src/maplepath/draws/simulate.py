"""Simulated rounds of invitations over a synthetic pool, and how policy scenarios move them.

Starting from the pool IRCC published with a round (``pool``), the simulation holds the rounds
it is given: one a week in the order given, or each on its own day (``Plan.day``; the schedule
``schedule.recent_plans`` derives from the last 12 months of published rounds). Each round
invites, among the candidates in the pool and eligible for the round's kind, the ``size``
with the highest CRS; at equal scores the profile submitted first goes first
(IRCC's tie-breaking rule, published with each round since 2017-11). Between rounds new
candidates arrive, drawn the same way as the pool, and profiles leave 12 months after they were
submitted (rule ``express_entry.profile_validity``). Invited candidates leave the pool.

Scenarios score the very same candidates (same rows, same arrival times) under other rules, so
a difference in cut-off is the rule change's doing alone.

What is not modelled: scores changing while a candidate waits (birthdays, new test results,
another year of work), candidates withdrawing, IRCC's choice of round kinds, sizes and dates
(the caller gives them, or takes the recent pattern's), and the pool's real mix of
occupations (an assumption: see ``pool``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from typing import Any

import numpy as np
import numpy.typing as npt

from maplepath.draws import fit, pool, scale
from maplepath.draws.rounds import Round
from maplepath.draws.scenarios import BASELINE, Scenario
from maplepath.draws.stats import months_before
from maplepath.i18n import noop, say, word
from maplepath.rulebook import book as rulebook

VALIDITY_RULE = "express_entry.profile_validity"
OVERSAMPLE = 3  # reservoir candidates per pool candidate
# The English text; ``word(CAVEAT)`` (or ``caveat()``) says it in the language in force.
CAVEAT = noop(
    "A simulation of a synthetic pool under stated assumptions, not a forecast: IRCC decides "
    "every round's kind, size and timing."
)


def caveat() -> str:
    """What a simulation is not, in the language in force."""
    return word(CAVEAT)


@dataclass(frozen=True)
class Plan:
    """One simulated round: its kind (general, cec, pnp, ee_category:french, ...), its size,
    and its day (days after the pool's date; None: 7 days after the round before it)."""

    draw_type: str
    size: int
    day: int | None = None


@dataclass(frozen=True)
class SimRound:
    week: int
    date: date
    draw_type: str
    size: int
    eligible: int  # candidates in the pool eligible for the round when it was held
    cutoffs: dict[str, int | None]  # scenario name -> lowest CRS invited (None: nobody)
    invited: dict[str, int]
    # scenario name -> at the cut-off, profiles submitted up to this time were invited
    tie_breaks: dict[str, datetime | None]

    def to_json(self) -> dict[str, Any]:
        return {
            "week": self.week, "date": self.date.isoformat(), "draw_type": self.draw_type,
            "size": self.size, "eligible": self.eligible, "cutoffs": self.cutoffs,
            "invited": self.invited,
            "tie_breaks": {k: None if v is None else v.isoformat(timespec="seconds")
                           for k, v in self.tie_breaks.items()},
        }  # fmt: skip


@dataclass(frozen=True)
class Simulation:
    start_round: str
    start: date
    pool_size: int
    reservoir: int
    weekly_entrants: int
    validity_months: int
    seed: int
    scenarios: tuple[str, ...]
    fills: tuple[pool.BandFill, ...]
    rounds: tuple[SimRound, ...]
    notes: tuple[str, ...] = field(default_factory=tuple)
    # Each kind's share of the pool and the nominees' place in the top band, fitted to the
    # latest published rounds (``draws.fit``); None: the synthetic pool's own mix.
    fitted: fit.Fit | None = None

    def summary(self) -> dict[str, dict[str, dict[str, float | int | None]]]:
        """Per scenario and kind of round: cut-offs (median, range), invitations, and the mean
        change of the cut-off from the baseline, round by round."""
        out: dict[str, dict[str, dict[str, float | int | None]]] = {}
        kinds = list(dict.fromkeys(r.draw_type for r in self.rounds))
        for name in self.scenarios:
            out[name] = {}
            for kind in kinds:
                held = [r for r in self.rounds if r.draw_type == kind]
                cut = [c for r in held if (c := r.cutoffs[name]) is not None]
                changes = [
                    c - b for r in held
                    if (c := r.cutoffs[name]) is not None and (b := r.cutoffs[BASELINE]) is not None
                ]  # fmt: skip
                out[name][kind] = {
                    "median_cutoff": _number(float(np.median(cut))) if cut else None,
                    "min_cutoff": min(cut) if cut else None,
                    "max_cutoff": max(cut) if cut else None,
                    "invited": sum(r.invited[name] for r in held),
                    "mean_change_vs_baseline": (
                        round(float(np.mean(changes)), 1) if changes else None
                    ),
                }
        return out

    def to_json(self) -> dict[str, Any]:
        return {
            "start": {"round": self.start_round, "date": self.start.isoformat()},
            "pool": {
                "size": self.pool_size,
                "reservoir": self.reservoir,
                "bands": [f.to_json() for f in self.fills],
                "fitted": None if self.fitted is None else self.fitted.to_json(),
            },
            "weekly_entrants": self.weekly_entrants,
            "profile_validity_months": self.validity_months,
            "seed": self.seed,
            "scenarios": list(self.scenarios),
            "rounds": [r.to_json() for r in self.rounds],
            "summary": self.summary(),
            "notes": list(self.notes),
            "caveat": caveat(),
        }


def starting_round(rounds: Sequence[Round], number: str | None = None) -> Round:
    """The round whose published pool starts the simulation: ``number``, else the latest
    round with a published distribution."""
    published = [r for r in rounds if r.distribution is not None]
    if number is not None:
        found = [r for r in rounds if r.number == number.strip().lower()]
        if not found:
            raise ValueError(
                say(
                    "no round number %(number)s imported (maplepath draws list)",
                    number=repr(number),
                )
            )
        if found[0].distribution is None:
            raise ValueError(
                say(
                    "round %(number)s has no published pool distribution (IRCC began publishing "
                    "it with round 214, 2022-01-19)",
                    number=number,
                )
            )
        return found[0]
    if not published:
        raise ValueError(
            say("no imported round has a published pool distribution: run maplepath draws update")
        )
    return max(published, key=lambda r: r.order)


def simulate(
    start: Round,
    plans: Sequence[Plan],
    *,
    scenarios: Sequence[Scenario] = (),
    pool_size: int | None = None,
    weekly_entrants: int | None = None,
    seed: int = 0,
    client: Any = None,
    progress: scale.Progress | None = None,
    fitted: fit.Fit | None = None,
) -> Simulation:
    """The ``plans`` after ``start``'s pool date (one a week, or on each plan's day), under the
    baseline rules and each scenario. ``pool_size`` scales the published pool (default: its
    published size); ``weekly_entrants`` defaults to the steady state (pool size / 52 + the
    mean invitations a week). Scores use the packaged rule book (workers load their own).
    ``fitted`` (``draws.fit.fit``) gives kinds of round their share of the pool and places the
    nominees in the top band, in place of the synthetic pool's own mix."""
    dist = start.pool()
    if dist is None:
        raise ValueError(
            say("round %(number)s has no published pool distribution", number=start.number)
        )
    days = plan_days(plans)
    for p in plans:
        pool.eligible(np.zeros(0, np.uint16), p.draw_type)  # an unknown kind is an error here
        if p.size < 1:
            raise ValueError(
                say("a round must invite at least 1 candidate, not %(size)s", size=p.size)
            )
    day0 = start.distribution_as_on or start.date
    wanted = pool.targets(dist, pool_size)
    size = sum(wanted.values())
    scale_to_ircc = size / sum(dist.values())  # simulated candidates per candidate IRCC counted
    months = int(rulebook.default().value(VALIDITY_RULE, day0))
    validity = (months_before(day0, -months) - day0).days
    weeks = max(1, -(-days[-1] // 7)) if days else 0  # the weeks the plans span
    inflow = weekly_entrants
    if inflow is None:
        inflow = round(size / 52 + (sum(p.size for p in plans) / weeks if plans else 0))
    all_scenarios = (Scenario(BASELINE), *(s for s in scenarios if s.name != BASELINE))
    reservoir = OVERSAMPLE * size
    summary = scale.summarise(
        reservoir, seed, day0, all_scenarios, client=client, progress=progress
    )
    rng = np.random.default_rng([seed, 1])
    base_scores = summary.scores[0]
    rows, fills = pool.calibrate(base_scores, wanted, rng)
    new = pool.entrants(base_scores, wanted, inflow * weeks, rng)
    if fitted and fitted.nominees_weekly:
        # Nominees come at the pace provinces nominate (draws.fit), not at their small share of
        # the published stock: each PNP round nearly empties the top band.
        top = {b: n for b, n in wanted.items() if pool.band_range(b)[0] > 600}
        extra = round(fitted.nominees_weekly * scale_to_ircc * weeks)
        new = np.concatenate([new, pool.entrants(base_scores, top, extra, rng)])
    # Submission day relative to day0: the pool's profiles were submitted over the last
    # ``validity`` days; entrants arrive evenly through the simulated weeks.
    entered = np.concatenate([
        -rng.uniform(0, validity, len(rows)),
        rng.uniform(0, 7 * weeks, len(new)),
    ])  # fmt: skip
    picked = np.concatenate([rows, new])
    newcomers = np.arange(len(picked)) >= len(rows)
    del rows, new, base_scores
    # The simulated candidates' scores and flags; the reservoir's are let go before the rounds.
    flag_col = summary.flags[picked]
    if fitted and fitted.shares:
        flows = fitted.newcomer_shares(scale_to_ircc, inflow)
        flag_col = fit.apply(
            flag_col, fitted.shares, np.random.default_rng([seed, 2]), newcomers, flows
        )
    scored = [summary.scores[i][picked] for i in range(len(all_scenarios))]
    del summary, picked
    if fitted:
        _place_nominees(scored, fitted, np.random.default_rng([seed, 3]))
    results: dict[str, list[Outcome]] = {}
    for s, scores in zip(all_scenarios, scored, strict=True):
        results[s.name] = _run(scores, flag_col, entered, validity, plans, days)
    rounds = tuple(
        SimRound(
            week=(days[w] - 1) // 7 + 1,
            date=day0 + timedelta(days=days[w]),
            draw_type=p.draw_type,
            size=p.size,
            eligible=results[BASELINE][w][2],
            cutoffs={name: res[w][0] for name, res in results.items()},
            invited={name: res[w][1] for name, res in results.items()},
            tie_breaks={name: _stamp(day0, res[w][3]) for name, res in results.items()},
        )
        for w, p in enumerate(plans)
    )
    notes = [
        say(
            "band %(band)s: %(duplicated)s of %(wanted)s drawn twice (the reservoir had "
            "%(available)s)",
            band=f.band,
            duplicated=f.duplicated,
            wanted=f.wanted,
            available=f.available,
        )
        for f in fills
        if f.duplicated
    ]
    notes += [
        say(
            "band %(band)s: no reservoir candidate, its %(wanted)s counted in %(moved_to)s",
            band=f.band,
            wanted=f.wanted,
            moved_to=f.moved_to,
        )
        for f in fills
        if f.moved_to
    ]
    for s in all_scenarios:
        if s.rule_scenarios and results[s.name] == results[BASELINE]:
            notes.append(
                say(
                    "%(scenario)s: no change, the scenario's rules award no points the pool "
                    "can use",
                    scenario=s.name,
                )
            )
    return Simulation(
        start_round=start.number,
        start=day0,
        pool_size=size,
        reservoir=reservoir,
        weekly_entrants=inflow,
        validity_months=months,
        seed=seed,
        scenarios=tuple(s.name for s in all_scenarios),
        fills=tuple(fills),
        rounds=rounds,
        notes=tuple(notes),
        fitted=fitted,
    )


Outcome = tuple[int | None, int, int, float | None]  # cut-off, invited, eligible, tie-break day


def _place_nominees(
    scored: list[npt.NDArray[np.int16]], fitted: fit.Fit, rng: np.random.Generator
) -> None:
    """The nominees' baseline scores drawn as the PNP rounds place them (``fit.nominee_scores``),
    each scenario's moved by as much as the scenario moves the candidate's own score."""
    nominees = np.flatnonzero(scored[0] > 600)
    placed = fit.nominee_scores(len(nominees), fitted, rng)
    if placed is None:
        return
    base = scored[0][nominees]
    for scores in scored:
        moved = placed.astype(np.int32) + (scores[nominees].astype(np.int32) - base)
        scores[nominees] = np.clip(moved, 0, 1200).astype(np.int16)


def plan_days(plans: Sequence[Plan]) -> list[int]:
    """Each plan's day after the pool's date: its own, else 7 days after the one before.
    Days must be at least 1 and never go back."""
    out: list[int] = []
    for p in plans:
        day = p.day if p.day is not None else (out[-1] if out else 0) + 7
        if day < 1 or (out and day < out[-1]):
            raise ValueError(
                say(
                    "simulated rounds must come in date order, from day 1 after the pool's "
                    "date (day %(day)s after day %(before)s)",
                    day=day,
                    before=out[-1] if out else 0,
                )
            )
        out.append(day)
    return out


def _stamp(day0: date, day: float | None) -> datetime | None:
    if day is None:
        return None
    return datetime(day0.year, day0.month, day0.day, tzinfo=UTC) + timedelta(days=day)


def _run(
    scores: npt.NDArray[np.int16],
    flag_col: npt.NDArray[np.uint16],
    entered: npt.NDArray[np.float64],
    validity: int,
    plans: Sequence[Plan],
    days: Sequence[int] | None = None,
) -> list[Outcome]:
    """Per round: the cut-off, how many were invited and eligible, and the tie-break (the
    latest submission invited at the cut-off score). Rank: score, then earliest submission.

    Each round is two exact steps rather than one sort: the cut-off is the score at which the
    counts of eligible candidates, from the top score down, reach the round's size (a
    histogram of at most 1,201 scores); everyone above it is invited, and at the cut-off the
    earliest submissions fill the places left."""
    n = len(scores)
    top_score = int(scores.max()) + 1 if n else 1
    waiting = np.ones(n, dtype=bool)  # not invited yet
    masks = {p.draw_type: pool.eligible(flag_col, p.draw_type) for p in plans}
    out: list[Outcome] = []
    days = plan_days(plans) if days is None else days
    here = np.empty(n, dtype=bool)
    for w, plan in enumerate(plans):
        day = days[w]
        np.less_equal(entered, day, out=here)
        here &= entered > day - validity  # not yet expired (validity days after submission)
        here &= waiting
        here &= masks[plan.draw_type]
        live = np.flatnonzero(here)
        k = min(plan.size, len(live))
        if k == 0:
            out.append((None, 0, len(live), None))
            continue
        live_scores = scores[live]
        # from the top score down, the first score at which k candidates are reached
        counts = np.bincount(live_scores, minlength=top_score)[::-1].cumsum()
        cutoff = top_score - 1 - int(np.searchsorted(counts, k))
        above = live[live_scores > cutoff]
        at = live[live_scores == cutoff]
        need = k - len(above)
        if need < len(at):
            at = at[np.argpartition(entered[at], need - 1)[:need]]
        waiting[above] = False
        waiting[at] = False
        out.append((cutoff, k, len(live), float(entered[at].max())))
    return out


def _number(x: float) -> int | float:
    return int(x) if x.is_integer() else x
