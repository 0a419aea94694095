"""Work periods -> years of full-time-equivalent experience, on a date.

The law, as IRCC states it for the Express Entry programs (rule ``experience.full_time``):
full-time work is 30 hours a week; part-time work counts in proportion, and 1,560 hours make one
year of full-time-equivalent experience. Hours above 30 a week do not count faster, whether in one
job or in several held at once: concurrent jobs add their hours up to that cap, so overlapping
periods are counted once. Skilled work is NOC 2021 TEER 0, 1, 2 or 3 (since 2022-11-16; before
that, NOC 2016 skill type 0, A or B). Profiles store NOC 2021 codes, so TEER 0-3 is the test on
every date. Each program looks back over its own window (FSW the last 10 years, CEC the last 3,
FST the last 5) and leaves out periods by its own rules: for CEC self-employment and work done as
a full-time student, and for every program Canadian work done without authorization.

How this module counts:

- A period covers its ``start`` and ``end`` days inclusive; ``end=None`` means still working on
  the assessment date ``on``. Days after ``on`` never count.
- The window of ``window_years`` years ends on ``on`` and starts the day after the same date
  ``window_years`` years earlier (so 3 years before 2026-11-21 is 2023-11-22 to 2026-11-21).
- Each day earns ``hours_per_week / 7`` from every counted period covering it, at most 30/7 in
  total; years = hours / 1,560. A calendar year of full-time work is thus 365/364 of a year.
- The rule's constants are those in force on ``on``: the law of the assessment date applies to
  all of the experience.

A missing fact never counts as "no experience": a period it leaves in doubt adds nothing to
``years`` but adds to ``possible_years`` as if every missing fact were favourable, and its index is
listed in ``unknown``.
"""

from __future__ import annotations

import math
from collections.abc import Collection, Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache
from typing import Literal, NamedTuple

from dateutil.relativedelta import relativedelta

from maplepath.i18n import say
from maplepath.occupations import codes as occupations
from maplepath.profile.model import WorkPeriod
from maplepath.rulebook import book as rulebook
from maplepath.rulebook.book import RuleBook

RULE = "experience.full_time"
Where = Literal["canada", "foreign", "any"]
Nocs = Collection[str] | None  # NOC 2021 unit groups to keep (None: any)

_DAY = timedelta(days=1)
_EPSILON = 1e-9  # hours / 1,560 is rarely exact in binary; a year short by 1e-9 is a year.
_Span = tuple[date, date, float, int]  # first day, last day, hours a week, period index


@dataclass(frozen=True, init=False)
class Accrual:
    """Full-time-equivalent years a program counts, with what missing facts leave open."""

    years: float  # full-time-equivalent years that certainly count
    possible_years: float  # upper bound if every unknown fact turned out favourable (may be inf)
    unknown: tuple[int, ...]  # indexes of periods whose missing facts make them uncertain

    def __init__(self, years: float, possible_years: float, unknown: tuple[int, ...]) -> None:
        # The instance dict written at once, as ``verdict.Finding`` does (a dozen per profile).
        d = self.__dict__
        d["years"], d["possible_years"], d["unknown"] = years, possible_years, unknown

    def at_least(self, years: float) -> bool | None:
        """True when ``years`` are certainly reached, False when they cannot be, else None."""
        if self.years >= years - _EPSILON:
            return True
        if self.possible_years < years - _EPSILON:
            return False
        return None


@dataclass(frozen=True)
class Run:
    """A continuous stretch of work in one NOC (no day without a counted period)."""

    noc: str  # "" only for a favourable run made of periods with no NOC given
    start: date
    end: date
    years: float  # full-time-equivalent years within the window (inf: start unknown, no window)
    periods: tuple[int, ...] = ()  # indexes of the work periods that form the run


class _Filters(NamedTuple):
    where: Where
    skilled_only: bool
    exclude_self_employed: bool
    exclude_full_time_student: bool
    require_authorized: bool
    nocs: Collection[str] | None


@lru_cache(maxsize=1024)
def _full_time(book: RuleBook, on: date) -> tuple[float, float]:
    """Hours a week of full-time work and in a full-time-equivalent year, in force on ``on``."""
    ruling = book.at(RULE, on)
    if not ruling.in_force:
        why = say("cannot count work experience on %(on)s: %(reason)s", on=on, reason=ruling.reason)
        raise ValueError(why)
    return float(ruling.value["hours_per_week"]), float(ruling.value["hours_per_year"])


@lru_cache(maxsize=1024)
def _window_start(on: date, window_years: int | None) -> date | None:
    """The first day of the ``window_years`` years ending on ``on`` (None: no look-back limit)."""
    if window_years is None:
        return None
    if window_years < 1:
        raise ValueError(f"window_years must be at least 1, not {window_years}")
    return on - relativedelta(years=window_years) + _DAY


def _all(answers: Iterable[bool]) -> bool | None:
    """True if every answer is True, False if none is, None if they differ (or there are none)."""
    seen = set(answers)
    return seen.pop() if len(seen) == 1 else None


def _noc_2021(noc: str | None, book: RuleBook) -> tuple[str, ...]:
    """The NOC 2021 unit groups a period may be in: none known when the NOC is missing; for a
    NOC 2016 code that the concordance splits, every candidate (the person must choose)."""
    if noc is None:
        return ()
    if len(noc) == 5:
        return (noc,)
    mapping = occupations.map_2016(noc, book)
    return mapping.candidates if mapping else ()


def _counts(p: WorkPeriod, f: _Filters, book: RuleBook) -> bool | None:
    """Whether the program counts this period: True, False, or None when a missing fact decides.

    One failed condition excludes the period whatever else is missing (a TEER 5 job does not count
    even if its country is unknown)."""
    known: bool | None = True  # None once a condition depends on a missing fact
    # The answer is a three-valued AND (any False excludes, else any None is unknown), so the
    # order of the checks does not matter: the cheap country test goes first.
    canadian = None if p.country is None else p.country == "CA"
    if f.where != "any":
        if canadian is None:
            known = None
        elif canadian != (f.where == "canada"):
            return False
    if f.skilled_only or f.nocs is not None:
        noc = p.noc
        if noc is not None and len(noc) == 5:
            # A NOC 2021 unit group: skilled means TEER (its second digit) 0-3.
            if f.skilled_only and int(noc[1]) > 3:
                return False
            if f.nocs is not None and noc not in f.nocs:
                return False
        else:
            candidates = _noc_2021(noc, book)
            answers = []
            if f.skilled_only:
                answers.append(_all(occupations.is_skilled(c) for c in candidates))
            if f.nocs is not None:
                listed = f.nocs
                answers.append(True if noc in listed else _all(c in listed for c in candidates))
            if False in answers:
                return False
            if None in answers:
                known = None
    if f.exclude_self_employed:
        if p.self_employed is None:
            known = None
        elif p.self_employed:
            return False
    if f.exclude_full_time_student:
        if p.full_time_student is None:
            known = None
        elif p.full_time_student:
            return False
    # Authorization matters only for work done in Canada.
    if f.require_authorized and canadian is not False and p.authorized is not True:
        if canadian and p.authorized is False:
            return False
        known = None
    return known


def _days(p: WorkPeriod, on: date, window_start: date | None) -> tuple[date, date] | None:
    """The first and last day of ``p`` inside the window and not after ``on``; an unknown start is
    taken as early as possible (the window's start, or ``date.min`` with no window)."""
    end = p.end
    last = on if end is None or end > on else end
    first = p.start or window_start or date.min
    if window_start is not None and first < window_start:
        first = window_start
    return (first, last) if first <= last else None


def _hours(spans: Sequence[_Span], full_week: float) -> float:
    """Hours of experience in ``spans``, at most ``full_week`` a week on any day.

    A sweep over the days where the set of periods changes: between two such days the weekly
    hours are constant, so each stretch adds days x min(hours a week, full week) / 7."""
    if len(spans) == 1:
        # One period (the usual case) is one stretch: the sweep below would compute exactly
        # this product (adding it to 0.0 changes no bit), without building and sorting a dict.
        first, last, per_week, _ = spans[0]
        hours = per_week if per_week < full_week else full_week  # min(), without the call
        return ((last - first).days + 1) * hours / 7 if per_week > 0 else 0.0
    deltas: dict[date, float] = {}
    for first, last, per_week, _ in spans:
        deltas[first] = deltas.get(first, 0.0) + per_week
        deltas[last + _DAY] = deltas.get(last + _DAY, 0.0) - per_week
    total = per_week_now = 0.0
    previous: date | None = None
    for day in sorted(deltas):
        if previous is not None and per_week_now > 0:
            total += (day - previous).days * min(per_week_now, full_week) / 7
        per_week_now += deltas[day]
        previous = day
    return total


def accrue(
    periods: Sequence[WorkPeriod],
    on: date,
    *,
    window_years: int | None = None,
    where: Where = "any",
    skilled_only: bool = True,
    exclude_self_employed: bool = False,
    exclude_full_time_student: bool = False,
    require_authorized: bool = False,
    nocs: Collection[str] | None = None,
    since: date | None = None,
    book: RuleBook | None = None,
) -> Accrual:
    """Full-time-equivalent years of the work a program counts, within its window, on ``on``.

    ``where`` keeps Canadian or foreign work; ``skilled_only`` keeps TEER 0-3; ``nocs`` keeps the
    listed NOC 2021 unit groups; the ``exclude_*``/``require_authorized`` flags apply the program's
    exclusions (authorization is asked of Canadian work only). A period whose missing fact could
    decide whether, or how much, it counts is listed in ``unknown``: it adds nothing to ``years``
    and adds to ``possible_years`` at its hours (30 a week when not given). With no window, an
    unknown start makes ``possible_years`` infinite. CEC's one year in the last three, e.g.:
    ``accrue(work, on, window_years=3, where="canada", exclude_self_employed=True,
    exclude_full_time_student=True, require_authorized=True).at_least(1)``.

    ``since`` is a provincial stream's own look-back (in months, say): a period that ended
    before it is left out, and one that started before it counts from that day; a period whose
    start is not given keeps its unknown start.
    """
    if not periods:
        if window_years is not None and window_years < 1:
            _window_start(on, window_years)  # the same refusal as with periods
        return _NOTHING  # what the sweep below gives for no periods, without building it
    book = book or rulebook.default()
    flags = exclude_self_employed, exclude_full_time_student, require_authorized
    f = _new(_Filters, (where, skilled_only, *flags, nocs))
    return _accrue(periods, on, f, _window_start(on, window_years), book, since)


_NOTHING = Accrual(0.0, 0.0, ())
_new = tuple.__new__  # _Filters built as plain tuples (the generated constructor costs more)
_LISTED_SKILLED = _Filters("any", True, False, False, True, None)  # provincial.py's, no list
_LISTED = ("any", False, False, False, True)  # and with a list: its fields before ``nocs``


def accrue_listed(
    periods: Sequence[WorkPeriod], on: date, nocs: Nocs, since: date | None, book: RuleBook
) -> Accrual:
    """``accrue`` with ``require_authorized=True, skilled_only=nocs is None``, without keywords."""
    if not periods:
        return _NOTHING
    f = _LISTED_SKILLED if nocs is None else _new(_Filters, (*_LISTED, nocs))
    return _accrue(periods, on, f, None, book, since)


# The CRS's two experience factors (IRCC, CRS criteria): skilled Canadian work, paid, while
# authorized, not self-employed and not while a full-time student; and skilled foreign work.
_CRS_CANADIAN = _Filters("canada", True, True, True, True, None)
_CRS_FOREIGN = _Filters("foreign", True, False, False, False, None)


def crs_experience(
    periods: Sequence[WorkPeriod],
    on: date,
    canadian_window: int,
    foreign_window: int,
    book: RuleBook | None = None,
) -> tuple[Accrual, Accrual]:
    """The CRS's Canadian and foreign experience (``accrue`` with the filters above, each in its
    own window), with the rule read and the filters built once: every CRS score asks for both."""
    book = book or rulebook.default()
    return (
        _accrue(periods, on, _CRS_CANADIAN, _window_start(on, canadian_window), book),
        _accrue(periods, on, _CRS_FOREIGN, _window_start(on, foreign_window), book),
    )


def _accrue(
    periods: Sequence[WorkPeriod],
    on: date,
    f: _Filters,
    window_start: date | None,
    book: RuleBook,
    since: date | None = None,
) -> Accrual:
    full_week, full_year = _full_time(book, on)
    empty_list = f.nocs is not None and not (f.nocs or f.skilled_only)
    if empty_list and all(p.noc and len(p.noc) == 5 for p in periods):
        # ``_counts`` leaves out each NOC 2021 code off an empty list (not a 2016 one, or none)
        periods = ()
    sure: list[_Span] = []
    possible: list[_Span] = []
    unknown: list[int] = []
    unbounded = False
    for i, p in enumerate(periods):
        counts = _counts(p, f, book)
        if counts is False:
            continue
        if since is not None and p.end is not None and p.end < since:
            continue  # ended before the stream's look-back
        days = _days(p, on, window_start)
        if days is None:
            continue
        if since is not None and p.start is not None and p.start < since:
            # Counted from ``since``, as if the period had started that day.
            first = since if window_start is None else max(since, window_start)
            if first > days[1]:
                continue
            days = (first, days[1])
        hours = p.hours_per_week
        possible.append((*days, full_week if hours is None else hours, i))
        if counts and p.start is not None and hours is not None:
            sure.append((*days, hours, i))
        else:
            unknown.append(i)
            unbounded |= p.start is None and window_start is None
    years = _hours(sure, full_week) / full_year
    if not unknown:
        # Every period that may count certainly counts, at its own hours: the two lists are
        # equal, and so are their sums.
        return Accrual(years, years, ())
    bound = math.inf if unbounded else _hours(possible, full_week) / full_year
    return Accrual(years, bound, tuple(unknown))


def _runs(noc: str, spans: list[_Span], full_week: float, full_year: float) -> Iterator[Run]:
    """The continuous runs of ``spans`` (all in one NOC): a day with no period ends a run."""
    group: list[_Span] = []
    last = date.min
    for span in sorted(spans):
        if group and span[0] > last + _DAY:
            yield _run(noc, group, last, full_week, full_year)
            group = []
        last = span[1] if not group else max(last, span[1])
        group.append(span)
    if group:
        yield _run(noc, group, last, full_week, full_year)


def _run(noc: str, group: list[_Span], last: date, full_week: float, full_year: float) -> Run:
    first = group[0][0]
    years = math.inf if first == date.min else _hours(group, full_week) / full_year
    return Run(noc, first, last, years, tuple(sorted(s[3] for s in group)))


def longest_continuous(
    periods: Sequence[WorkPeriod],
    on: date,
    *,
    window_years: int | None = None,
    where: Where = "any",
    skilled_only: bool = True,
    exclude_self_employed: bool = False,
    exclude_full_time_student: bool = False,
    require_authorized: bool = False,
    nocs: Collection[str] | None = None,
    assume_favourable: bool = False,
    book: RuleBook | None = None,
) -> Run | None:
    """The continuous run in one NOC with the most full-time-equivalent years, within the window.

    FSW asks for one year of *continuous* work in one occupation (IRPR s. 75(2)(a)): periods of
    the same NOC form one run when no day falls between them (one ending 2024-03-31 and the next
    starting 2024-04-01 are continuous; starting 2024-04-02 is a gap). Part-time work counts at
    its equivalent rate and concurrent jobs in the NOC are capped at 30 hours a week. Filters are
    those of ``accrue``. Ties go to the most recent run; None when no period counts.

    By default only periods that certainly count are used (unknown hours count 0 but keep the run
    continuous). With ``assume_favourable=True`` every missing fact is taken as favourable:
    doubtful periods count, unknown hours count 30 a week, and a period with no NOC may join any
    NOC's run. That gives the upper bound for a three-valued verdict: met if the default run is
    long enough, unmet if even the favourable one is not, unknown otherwise.
    """
    book = book or rulebook.default()
    full_week, full_year = _full_time(book, on)
    window_start = _window_start(on, window_years)
    flags = exclude_self_employed, exclude_full_time_student, require_authorized
    f = _new(_Filters, (where, skilled_only, *flags, nocs))
    by_noc: dict[str, list[_Span]] = {}
    any_noc: list[_Span] = []
    for i, p in enumerate(periods):
        counts = _counts(p, f, book)
        days = _days(p, on, window_start)
        if counts is False or days is None:
            continue
        if not assume_favourable and (counts is None or p.start is None or p.noc is None):
            continue
        hours = p.hours_per_week
        span = (*days, (full_week if assume_favourable else 0.0) if hours is None else hours, i)
        (any_noc if p.noc is None else by_noc.setdefault(p.noc, [])).append(span)
    if any_noc and not by_noc:
        by_noc[""] = []
    best: Run | None = None
    for noc, spans in by_noc.items():
        for run in _runs(noc, spans + any_noc, full_week, full_year):
            if best is None or (run.years, run.end) > (best.years, best.end):
                best = run
    return best
