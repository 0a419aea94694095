"""The what-if optimizer: the quickest (or cheapest) sets of actions that reach a CRS target.

Time model. Actions in one track happen one after another (one person prepares for one language
test at a time: English, then French); tracks run side by side (a test, an ECA, a nomination, the
spouse's test). A plan takes as long as its longest track, and it is scored on the day it ends:
``on`` + its days. So age points lost and experience gained meanwhile count, and "waiting" for
another year of experience is an action that only moves that day.

Search. Every plan takes at most one action per group (``Action.group``) and at most
``max_actions`` actions. All combinations are listed (no scoring needed for that: days and cost
come from the rules) and walked in order of the objective (days, or cost) then the other, then
the number of actions. A plan is kept when it reaches the target and is not dominated (an
earlier plan already is as good on both days and cost); once one plan is found, any later
combination that is not strictly better on the second measure is skipped without scoring. The
result is therefore the exact Pareto front of (days, cost) over the space, in the objective's
order, cut at ``limit`` plans — the same as scoring every combination (``brute_force``), which
the tests check. The space is the product of the groups' options: a few hundred to a few
thousand combinations for realistic profiles. Scoring is pruned by an exact bound (``_Bounds``):
combinations that end on the same day cannot score more than every group's best action that
fits in that time, so a day whose bound is under the target is never scored, and when no plan
reaches the target the best reachable score is found from the highest bound down. The bound
rests on one property: adding these actions never lowers the score on a fixed day. It holds for
the applicant (the CRS tries both language orders) and for ECAs, nominations and credentials;
for an accompanying spouse the CRS counts the test with the highest total of levels, which in a
rare lopsided case (9/9/9/4 against 8/8/8/8) is not the one worth more points.

Costs: a fee with no cited source is unknown; plans say so (``cost_complete``), and with
``by="cost"`` plans with fewer unknown fees come first.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from maplepath.crs import scalar as crs
from maplepath.planner.action import Action
from maplepath.planner.actions import catalogue
from maplepath.planner.actions import swapped as _swapped
from maplepath.profile import language
from maplepath.profile.model import Profile
from maplepath.rulebook.book import RuleBook, default

BY = ("time", "cost")


@dataclass(frozen=True)
class Step:
    action: Action
    start: date
    end: date
    score_after: int  # CRS with this and the earlier-ending steps done, on ``end``


@dataclass(frozen=True)
class Plan:
    steps: tuple[Step, ...]
    days: int
    cost_cad: int  # the known fees
    cost_complete: bool  # False when some fee is unknown
    final_on: date
    final_score: int

    @property
    def ids(self) -> tuple[str, ...]:
        return tuple(s.action.id for s in self.steps)


@dataclass(frozen=True)
class Improvement:
    on: date
    current: int
    target: int
    by: str
    plans: list[Plan]
    reachable: bool
    best_score: int  # the highest score any plan in the space reaches
    best_plan: Plan | None  # the plan behind best_score when the target is unreachable
    searched: int  # combinations in the space
    scored: int  # combinations actually scored


def schedule(actions: Iterable[Action], on: date) -> list[tuple[Action, date, date]]:
    """(action, start, end) per action: one after another within a track, tracks in parallel.
    Ordered by end date (then id)."""
    tracks: dict[str, date] = {}
    out = []
    for a in sorted(actions, key=lambda a: (a.track, a.days, a.id)):
        start = tracks.get(a.track, on)
        end = start + timedelta(days=a.days)
        tracks[a.track] = end
        out.append((a, start, end))
    return sorted(out, key=lambda x: (x[2], x[0].id))


def measures(actions: Sequence[Action]) -> tuple[int, tuple[int, int]]:
    """(days, (unknown fees, known cost)) of a set of actions."""
    tracks: dict[str, int] = {}
    known = unknown = 0
    for a in actions:
        tracks[a.track] = tracks.get(a.track, 0) + a.days
        if a.cost_cad is None:
            unknown += 1
        else:
            known += a.cost_cad
    return max(tracks.values(), default=0), (unknown, known)


class _Scorer:
    """The CRS of a profile after a set of actions, on a date; each set is scored once."""

    def __init__(self, profile: Profile, on: date, scenarios: tuple[str, ...], book: RuleBook):
        self.profile, self.on, self.scenarios, self.book = profile, on, scenarios, book
        self.memo: dict[tuple[frozenset[str], date], int] = {}

    def changed(self, actions: Sequence[Action]) -> Profile:
        p = self.profile
        for a, _start, end in schedule(actions, self.on):
            p = a.apply(p, end)
        if any(a.swap for a in actions):
            p = _swapped(p)
        return p

    def score(self, actions: Sequence[Action], when: date) -> int:
        key = (frozenset(a.id for a in actions), when)
        if key not in self.memo:
            p = self.changed(actions)
            self.memo[key] = crs.score(p, when, self.scenarios, self.book).total
        return self.memo[key]


def _combinations(actions: list[Action], max_actions: int) -> list[tuple[Action, ...]]:
    groups: dict[str, list[Action | None]] = {}
    for a in actions:
        groups.setdefault(a.group, [None]).append(a)
    out = []
    for combo in itertools.product(*groups.values()):
        chosen = tuple(a for a in combo if a is not None)
        if 0 < len(chosen) <= max_actions:
            out.append(chosen)
    return out


def _ceiling(cat: list[Action], days: int) -> list[Action]:
    """One action per group that is at least as good as each of the group's options that fit in
    ``days``: for a language group, the test at the highest target of those options in every
    ability. Waiting changes only the day and switching principal applicant is decided
    separately, so neither is included."""
    groups: dict[str, list[Action]] = {}
    for a in cat:
        if a.group not in ("wait", "swap") and a.days <= days:
            groups.setdefault(a.group, []).append(a)
    out = []
    for options in groups.values():
        first = options[0]
        if first.sibling is None or len(options) == 1:
            out.append(first)
            continue
        top = [max(levels) for levels in zip(*(a.targets for a in options), strict=True)]
        out.append(first.sibling(dict(zip(language.ABILITIES, top, strict=True))))
    return out


class _Bounds:
    """An upper bound on the score of every combination that ends after ``days`` (with or
    without switching principal applicant). On a fixed day these actions never lower the score
    (a new test reads at least as high in every ability, an ECA or a nomination only adds), so
    the score with every group's best action that fits in ``days``, all done by that day,
    bounds them all. One score per (switch, days) instead of one per combination."""

    def __init__(self, cat: list[Action], scorer: _Scorer) -> None:
        self.cat, self.scorer = cat, scorer
        self.can_swap = any(a.swap for a in cat)
        self.memo: dict[tuple[bool, int], int] = {}

    def of(self, combo: Sequence[Action]) -> int:
        return self.at(any(a.swap for a in combo), measures(combo)[0])

    def at(self, swap: bool, days: int) -> int:
        key = (swap, days)
        if key not in self.memo:
            sc = self.scorer
            when = sc.on + timedelta(days=days)
            p = sc.profile
            for a in _ceiling(self.cat, days):
                p = a.apply(p, when)
            p = _swapped(p) if swap and self.can_swap else p
            self.memo[key] = crs.score(p, when, sc.scenarios, sc.book).total
        return self.memo[key]


def _best(
    combos: list[tuple[Action, ...]], bounds: _Bounds, scorer: _Scorer
) -> tuple[int, tuple[Action, ...]] | None:
    """The highest-scoring combination, exactly: buckets of combinations ending on the same day
    are scored from the highest bound down, until no bound can beat the best found."""
    buckets: dict[tuple[bool, int], list[tuple[Action, ...]]] = {}
    for c in combos:
        buckets.setdefault((any(a.swap for a in c), measures(c)[0]), []).append(c)
    best: tuple[int, tuple[Action, ...]] | None = None
    for swap, days in sorted(buckets, key=lambda k: (-bounds.at(*k), k[1])):
        if best is not None and bounds.at(swap, days) <= best[0]:
            break
        for c in buckets[(swap, days)]:
            s = scorer.score(c, scorer.on + timedelta(days=days))
            if best is None or s > best[0]:
                best = (s, c)
    return best


def _key(combo: tuple[Action, ...], by: str) -> tuple[object, ...]:
    days, cost = measures(combo)
    ids = tuple(sorted(a.id for a in combo))
    return (days, cost, len(combo), ids) if by == "time" else (cost, days, len(combo), ids)


def _plan(combo: Sequence[Action], scorer: _Scorer, on: date) -> Plan:
    days, (unknown, known) = measures(combo)
    steps, done = [], []
    for a, start, end in schedule(combo, on):
        done.append(a)
        steps.append(Step(a, start, end, scorer.score(done, end)))
    final_on = on + timedelta(days=days)
    return Plan(
        tuple(steps), days, known, unknown == 0, final_on, scorer.score(list(combo), final_on)
    )


def improve(
    profile: Profile,
    on: date,
    target: int,
    by: str = "time",
    max_actions: int = 4,
    limit: int = 5,
    scenarios: Iterable[str] = (),
    book: RuleBook | None = None,
) -> Improvement:
    """The quickest (``by="time"``) or cheapest (``by="cost"``) plans that reach ``target``."""
    if by not in BY:
        raise ValueError(f"by must be one of {', '.join(BY)}, not {by!r}")
    if max_actions < 1:
        raise ValueError("max_actions must be at least 1")
    book = book or default()
    scen = tuple(scenarios)
    current = crs.score(profile, on, scen, book).total
    scorer = _Scorer(profile, on, scen, book)
    cat = catalogue(profile, on, book)
    combos = sorted(_combinations(cat, max_actions), key=lambda c: _key(c, by))
    bounds = _Bounds(cat, scorer)
    plans: list[Plan] = []
    best_second: object = None
    for combo in combos if current < target else ():
        if len(plans) >= limit:
            break
        second = _key(combo, by)[1]
        if best_second is not None and second >= best_second:  # type: ignore[operator]
            continue  # dominated: no better on either measure than a plan already kept
        if bounds.of(combo) < target:
            continue  # cannot reach the target, whatever it holds
        days, _cost = measures(combo)
        if scorer.score(combo, on + timedelta(days=days)) >= target:
            plans.append(_plan(combo, scorer, on))
            best_second = second
    best_score, best_plan = current, None
    if not plans and current < target:
        best = _best(sorted(combos, key=lambda c: _key(c, "time")), bounds, scorer)
        if best is not None and best[0] > current:
            best_score, best_plan = best[0], _plan(best[1], scorer, on)
    elif plans:
        best_score = max(p.final_score for p in plans)
    return Improvement(
        on,
        current,
        target,
        by,
        plans,
        bool(plans) or current >= target,
        best_score,
        best_plan,
        len(combos),
        len(scorer.memo),
    )


def brute_force(
    profile: Profile,
    on: date,
    target: int,
    by: str = "time",
    max_actions: int = 4,
    book: RuleBook | None = None,
) -> list[tuple[str, ...]]:
    """Every combination scored, then the Pareto front of (days, cost) among those reaching
    the target, in the objective's order: the reference the optimizer is tested against."""
    book = book or default()
    scorer = _Scorer(profile, on, (), book)
    reaching = []
    for combo in _combinations(catalogue(profile, on, book), max_actions):
        days, _cost = measures(combo)
        if scorer.score(combo, on + timedelta(days=days)) >= target:
            reaching.append(combo)
    reaching.sort(key=lambda c: _key(c, by))
    front, best = [], None
    for combo in reaching:
        second = _key(combo, by)[1]
        if best is None or second < best:  # type: ignore[operator]
            front.append(tuple(sorted(a.id for a in combo)))
            best = second
    return front
