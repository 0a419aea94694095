"""How long a program's verdict stays as it is: the first later day on which it may differ.

The trajectory (``planner/trajectory.py``) gives every program's verdict at each month point
for three years. Most verdicts do not move for months: a work permit's verdict changes only
when an offer ends, a credential is completed, or the experience it counts reaches the years
it asks. A program that can name those days gives ``steady_until(profile, on, book)``: the
first day after ``on`` on which its verdict and status may differ from those on ``on``, with
the rules in force on ``on`` held equal (the trajectory evaluates everything again on the day
any rule changes). The day may come early (the verdict is then evaluated again and found
unchanged), never late: a property test evaluates every day in between and compares.

The helpers here name the days of the date comparisons the programs make:

- ``turn``: a profile date compared with the assessment date (``offer.end < on``,
  ``c.completed <= on``) answers differently from that date or the day after it.
- ``experience``: full-time-equivalent experience compared with a number of years
  (``accrue(...).at_least(n)``) moves at most ``hours_per_week / 7`` hours a day (IRCC's cap:
  hours above 30 a week do not count), whichever periods start or end; a window's first day
  moves at most two days in one (a year after 29 February is 1 March), so the answer cannot
  change before the experience could have covered the distance to the threshold. With no
  window the experience only grows: a threshold met stays met.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from datetime import date, timedelta

from maplepath.profile import experience as experience_rules
from maplepath.profile import facts
from maplepath.profile.experience import Accrual
from maplepath.profile.model import LanguageTest
from maplepath.rulebook.book import RuleBook

NEVER = date.max
_DAY = timedelta(days=1)
_EPSILON = 1e-9  # as in profile/experience.py: a year short by float rounding is a year


def turn(on: date, day: date | None) -> date:
    """The first day after ``on`` on which ``day < d`` or ``day <= d`` may answer differently
    from ``on`` (``NEVER`` when no later day can: the date is past, or not given)."""
    if day is None or day < on:
        return NEVER
    return day if day > on else day + _DAY


def first(on: date, days: Iterable[date | None]) -> date:
    """The earliest ``turn`` of ``days``."""
    return min((turn(on, d) for d in days), default=NEVER)


def language_days(tests: Sequence[LanguageTest], on: date, book: RuleBook) -> list[date]:
    """The days a language minimum may be met or missed anew: each test's date (a result counts
    from it) and each result's expiry (rule ``language.validity``)."""
    return [*(t.date for t in tests), *(r.expires for r in facts.language_results(tests, on, book))]


def experience(
    acc: Accrual, on: date, book: RuleBook, years: Iterable[float], grows_only: bool
) -> date:
    """The first day after ``on`` on which ``acc.at_least(n)`` may answer differently for one
    of the thresholds ``years`` (a lower bound: the experience moves no faster than full time).
    ``grows_only``: an accrual with no window, which only gains as days pass (a threshold met
    stays met)."""
    ruling = book.value(experience_rules.RULE, on)
    per_day = float(ruling["hours_per_week"]) / 7 / float(ruling["hours_per_year"])
    # at_least(n) is True from years >= n - 1e-9 and False below possible_years < n - 1e-9: it
    # moves when either crosses n - 1e-9, up (gaining work) or, in a window, down.
    gap = math.inf
    for n in years:
        mark = n - _EPSILON
        for q in (acc.years, acc.possible_years):
            if math.isinf(q):
                continue  # an unknown start with no window: infinite, whatever the day
            if q < mark:
                gap = min(gap, mark - q)
            elif not grows_only:
                gap = min(gap, q - mark)
    if math.isinf(gap):
        return NEVER
    # Days in which the distance cannot be covered, less one for the window's leap-day jump
    # and one for rounding.
    days = math.floor(gap / per_day) - 2
    return on + _DAY * max(1, days)
