"""The CRS and every program's verdict month by month, with the dated events that move them.

A score is a snapshot; the law and the person both move. Over the next months a person's CRS
falls with each birthday after 29 (the age table), rises on each anniversary of continuous
Canadian work, and drops when a language result (valid 2 years, rule ``language.validity``) or
an ECA (valid 5 years, rule ``education.eca_validity``) expires. A job offer loses value for BC
PNP Tech when fewer than 120 days are left (rule ``programs.bc_pnp_tech.job_offer``), and rules
already dated in the rule book take effect on their day.

The trajectory scores month-start points (the same day of each month as the start date) and
then dates each change exactly: every CRS line and every program verdict that differs between
two points is bisected down to the first day it differs, and the change is named with the line's
own explanation ("Canadian work experience: 1 year(s) -> 2 year(s)").

A program refused for a reason time cannot remove (``verdict.settled``: a citizenship, an
occupation off a list, a program closed for good) is not evaluated again at later points until
a rule changes: its state is known. A program that names the first day its verdict may move
(``programs.STEADY``: work permits and provincial streams whose verdicts move when an offer
ends or experience reaches the years asked) is evaluated again from that day; every other
program at every point.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from maplepath import programs
from maplepath.crs import scalar as crs
from maplepath.crs.result import CrsResult
from maplepath.i18n import say, word
from maplepath.profile import facts, language, memo
from maplepath.profile.model import Profile
from maplepath.programs import steady
from maplepath.programs.common import shift
from maplepath.programs.verdict import Verdict, settled
from maplepath.rulebook import book as rulebook

BC_JOB_OFFER_RULE = "programs.bc_pnp_tech.job_offer"
# Rule families whose dated changes can move a CRS or a verdict; other rules (NOC tables,
# aliases, draw names) are reference data.
RELEVANT = ("crs.", "programs.", "language.", "education.", "experience.", "express_entry.")


@dataclass(frozen=True)
class Event:
    """One dated change. ``kind``: birthday, language_expiry, eca_expiry, document_expiry,
    rule_change, job_offer (known in advance) or crs, program (found by bisection)."""

    on: date
    kind: str
    text: str
    rule: str | None = None
    short: str = ""  # a CRS line change in a few words, for telling it with its cause
    crs_after: int | None = None  # the CRS total from this day, for a CRS change


@dataclass
class Point:
    on: date
    crs: int
    programs: dict[str, tuple[str, str]]  # program id -> (verdict, status)
    events: list[Event] = field(default_factory=list)

    @property
    def month(self) -> str:
        return self.on.strftime("%Y-%m")

    def to_json(self) -> dict[str, Any]:
        return {
            "month": self.month,
            "date": self.on.isoformat(),
            "crs": self.crs,
            "events": [f"{e.on.isoformat()}: {e.text}" for e in self.events],
            "programs": {p: {"verdict": v, "status": s} for p, (v, s) in self.programs.items()},
        }


@dataclass
class Trajectory:
    start: date
    points: list[Point]

    @property
    def events(self) -> list[Event]:
        return [e for p in self.points for e in p.events]

    def steps(self) -> list[tuple[date, int]]:
        """The CRS as a step function: (first day, total) at the start, at every dated change
        and at each point."""
        marks = {p.on: p.crs for p in self.points}
        marks.update({e.on: e.crs_after for e in self.events if e.crs_after is not None})
        return sorted(marks.items())

    def to_json(self) -> list[dict[str, Any]]:
        return [p.to_json() for p in self.points]


def trajectory(
    profile: Profile,
    on: date,
    months: int = 36,
    book: rulebook.RuleBook | None = None,
    scenarios: Sequence[str] = (),
    expiries: Iterable[tuple[date, str]] = (),
    with_programs: bool = True,
) -> Trajectory:
    """Points at ``on`` and each month after it for ``months`` months; each point carries the
    events since the previous one. ``expiries`` adds dated events the profile cannot know
    (a passport's expiry, from the case's evidence)."""
    if months < 0 or months > 240:
        raise ValueError(say("--months must be between 0 and 240, not %(months)s", months=months))
    book = book or rulebook.default()
    scen = tuple(scenarios)
    dates = [shift(on, months=k) for k in range(months + 1)]

    cache: dict[date, CrsResult] = {}

    def score(d: date) -> CrsResult:
        # Each day is scored once: the bisection asks again for days already scored.
        found = cache.get(d)
        if found is None:
            found = cache[d] = crs.score(profile, d, scen, book)
        return found

    # Every day a rule takes a new value (any rule, any scenario: a superset of what can move
    # a verdict), for the known events and for carrying settled verdicts forward.
    changes = book.changes(on + timedelta(days=1), dates[-1])
    changed_on = sorted({c.effective_from for c in changes})
    # Verdicts carried forward: program -> its state, the number of rule changes up to the day
    # it was evaluated, and the first day it may differ.
    kept: dict[str, tuple[tuple[str, str], int, date]] = {}

    def verdicts(d: date) -> dict[str, tuple[str, str]]:
        # A verdict that is ineligible for a timeless reason (a citizenship, an occupation off
        # the category's list, a program closed for good: ``verdict.settled``) stays so while
        # no rule changes; a program of ``programs.STEADY`` names the day its verdict may next
        # move (an offer's end, the years of experience asked). Until then, and while no
        # rule changes, the verdict is carried forward rather than evaluated again. Every other
        # program is evaluated on the day.
        era = bisect_right(changed_on, d)
        states = {
            pid: state for pid, (state, since, until) in kept.items() if since == era and d < until
        }
        ids = [pid for pid in programs.REGISTRY if pid not in states]
        for v in programs.evaluate_some(profile, d, ids, book):
            state = states[v.program] = (v.verdict, v.status)
            if settled(v):
                kept[v.program] = (state, era, steady.NEVER)
            elif v.program in programs.STEADY:
                kept[v.program] = (state, era, programs.STEADY[v.program](profile, d, book))
            else:
                kept.pop(v.program, None)
        return {pid: states[pid] for pid in programs.REGISTRY}

    scores: list[CrsResult] = []
    states: list[dict[str, tuple[str, str]]] = []
    for d in dates:
        # One memo session per point: the provincial streams reuse this CRS derivation.
        with memo.session(profile, d, book):
            scores.append(score(d))
            states.append(verdicts(d) if with_programs else {})
    events = _known_events(profile, on, dates[-1], changes, scen, expiries, book)
    # Most changes happen on the day of a known event (an expiry, a birthday, a rule change):
    # those days are tried first, so a change there is dated in two evaluations, not five.
    hints = sorted({e.on for e in events})
    for i in range(1, len(dates)):
        lo, hi = dates[i - 1], dates[i]
        near = [d for d in hints if lo < d <= hi]
        events += _line_changes(scores[i - 1], scores[i], lo, hi, score, near)
        events += _program_changes(states[i - 1], states[i], lo, hi, profile, book, near)
    events = _merge_same_day(events)
    points = [Point(d, s.total, st) for d, s, st in zip(dates, scores, states, strict=True)]
    for e in events:
        # An event belongs to the first point on or after it.
        for p in points[1:]:
            if e.on <= p.on:
                p.events.append(e)
                break
    return Trajectory(on, points)


def _first_change(
    lo: date, hi: date, differs: Callable[[date], bool], hints: Sequence[date] = ()
) -> date:
    """The first day in (lo, hi] on which ``differs`` holds, given it holds on ``hi`` and not
    on ``lo`` (values only move at day boundaries, so bisection finds the day).

    ``hints`` are days (ascending) where a change is likely: each one narrows the interval
    before the bisection, and a change on a hinted day is confirmed by the day before it."""
    for day in hints:
        if not lo < day <= hi:
            continue
        if day < hi and not differs(day):
            lo = day  # the change comes after this day
            continue
        hi = day
        before = day - timedelta(days=1)
        if before > lo and differs(before):
            hi = before  # it came earlier still: bisect what is left
        else:
            return day
        break
    while (hi - lo).days > 1:
        mid = lo + timedelta(days=(hi - lo).days // 2)
        if differs(mid):
            hi = mid
        else:
            lo = mid
    return hi


def _line_changes(
    a: CrsResult,
    b: CrsResult,
    lo: date,
    hi: date,
    score: Callable[[date], CrsResult],
    hints: Sequence[date] = (),
) -> list[Event]:
    before = {line.factor: line for line in a.lines}
    after = {line.factor: line for line in b.lines}
    out = []
    for factor in after.keys() | before.keys():
        old, new = before.get(factor), after.get(factor)
        if old is not None and new is not None and old.points == new.points:
            continue
        old_points = old.points if old else 0

        def differs(d: date, factor: str = factor, old_points: int = old_points) -> bool:
            line = next((x for x in score(d).lines if x.factor == factor), None)
            return (line.points if line else 0) != old_points

        day = _first_change(lo, hi, differs, hints)
        at = next((x for x in score(day).lines if x.factor == factor), None)
        new_points = at.points if at else 0
        was = f"{old.detail}, " if old else ""
        now = f"{at.detail}, " if at else ""
        name = word(factor)
        out.append(
            Event(
                day,
                "crs",
                say(
                    "CRS %(factor)s: %(was)s%(old)s -> %(now)s%(new)s points",
                    factor=name,
                    was=was,
                    old=old_points,
                    now=now,
                    new=new_points,
                ),
                at.rule if at else (old.rule if old else None),
                f"{name} {old_points} -> {new_points}",
                score(day).total,
            )
        )
    return out


def _program_changes(
    a: dict[str, tuple[str, str]],
    b: dict[str, tuple[str, str]],
    lo: date,
    hi: date,
    profile: Profile,
    book: rulebook.RuleBook,
    hints: Sequence[date] = (),
) -> list[Event]:
    out = []
    for program, state in b.items():
        old = a.get(program)
        if old == state:
            continue
        evaluate = programs.REGISTRY[program]

        def differs(d: date, old: tuple[str, str] | None = old, ev: Any = evaluate) -> bool:
            v: Verdict = ev(profile, d, book)
            return (v.verdict, v.status) != old

        day = _first_change(lo, hi, differs, hints)
        was = f"{word(old[0])} ({word(old[1])})" if old else say("not assessed")
        now = f"{word(state[0])} ({word(state[1])})"
        text = say("%(program)s: %(was)s -> %(now)s", program=program, was=was, now=now)
        out.append(Event(day, "program", text))
    return out


def _known_events(
    profile: Profile,
    start: date,
    end: date,
    changes: Iterable[rulebook.Change],
    scenarios: tuple[str, ...],
    expiries: Iterable[tuple[date, str]],
    book: rulebook.RuleBook,
) -> list[Event]:
    """Events whose dates the profile and the rule book fix in advance."""

    def within(d: date | None) -> bool:
        return d is not None and start < d <= end

    out: list[Event] = []
    if profile.birth_date is not None:
        for year in range(start.year, end.year + 1):
            birthday = facts.add_years(profile.birth_date, year - profile.birth_date.year)
            if within(birthday):
                age = facts.age_on(profile.birth_date, birthday)
                out.append(Event(birthday, "birthday", say("turns %(age)s", age=age)))
    people = [(False, profile.language_tests, profile.education)]
    if profile.spouse is not None:
        people.append((True, profile.spouse.language_tests, profile.spouse.education))
    for spouse, tests, education in people:
        for r in facts.language_results(tests, end, book):
            if within(r.expires):
                test = language.TESTS.get(r.test, r.test)
                text = (
                    say("spouse's %(test)s result of %(taken)s expires", test=test, taken=r.taken)
                    if spouse
                    else say("%(test)s result of %(taken)s expires", test=test, taken=r.taken)
                )
                out.append(Event(r.expires, "language_expiry", text, language.VALIDITY_RULE))
        for c in education:
            window = facts.eca_window(c, end, book)
            if window is not None and within(window[1]):
                level = c.eca.level if c.eca and c.eca.level else c.level
                what = level or say("credential")
                text = (
                    say(
                        "spouse's ECA of %(issued)s (%(level)s) expires",
                        issued=window[0],
                        level=what,
                    )
                    if spouse
                    else say("ECA of %(issued)s (%(level)s) expires", issued=window[0], level=what)
                )
                out.append(Event(window[1], "eca_expiry", text, facts.ECA_RULE))
    for d, what in expiries:
        if within(d):
            out.append(Event(d, "document_expiry", what))
    out += _job_offer_events(profile, start, end, book, within)
    for change in changes:
        if not change.rule_id.startswith(RELEVANT):
            continue
        if change.scenario is not None and change.scenario not in scenarios:
            continue
        title = change.references[0].title if change.references else ""
        text = (
            say("rule %(rule)s changes (%(title)s)", rule=change.rule_id, title=title)
            if title
            else say("rule %(rule)s changes", rule=change.rule_id)
        )
        out.append(Event(change.effective_from, "rule_change", text, change.rule_id))
    return out


def _job_offer_events(
    profile: Profile,
    start: date,
    end: date,
    book: rulebook.RuleBook,
    within: Callable[[date | None], bool],
) -> list[Event]:
    out = []
    for i, offer in enumerate(profile.job_offers):
        if offer.end is None:
            continue
        who, n = offer.employer, i + 1
        ruling = book.at(BC_JOB_OFFER_RULE, start)
        days_left = ruling.value.get("min_days_left") if ruling.in_force else None
        if days_left:
            d = offer.end - timedelta(days=int(days_left) - 1)
            if within(d):
                text = (
                    say(
                        "%(employer)s offer has fewer than %(days)s days left (BC PNP Tech)",
                        employer=who,
                        days=days_left,
                    )
                    if who
                    else say(
                        "job offer %(n)s offer has fewer than %(days)s days left (BC PNP Tech)",
                        n=n,
                        days=days_left,
                    )
                )
                out.append(Event(d, "job_offer", text, BC_JOB_OFFER_RULE))
        if within(offer.end):
            text = (
                say("%(employer)s offer ends", employer=who)
                if who
                else say("job offer %(n)s offer ends", n=n)
            )
            out.append(Event(offer.end, "job_offer", text))
    return out


def _merge_same_day(events: list[Event]) -> list[Event]:
    """Sort by date, and tell a CRS line change that happens on the day of a known event
    (a birthday, an expiry, a rule change) as part of that event: "turns 30 (CRS: age 110 ->
    105)" says why, where two separate lines would leave the reader to connect them."""
    events.sort(key=lambda e: (e.on, e.kind in ("crs", "program"), e.kind, e.text))
    out: list[Event] = []
    causes: dict[date, int] = {}  # day -> index in out of that day's first known event
    pending: dict[int, list[Event]] = {}
    for e in events:
        if e.kind not in ("crs", "program"):
            causes.setdefault(e.on, len(out))
        elif e.kind == "crs" and e.on in causes:
            pending.setdefault(causes[e.on], []).append(e)
            continue
        out.append(e)
    for i, moved in pending.items():
        e = out[i]
        shorts = "; ".join(m.short for m in moved)
        text = say("%(text)s (CRS: %(changes)s)", text=e.text, changes=shorts)
        out[i] = Event(e.on, e.kind, text, e.rule, "", moved[-1].crs_after)
    return out
