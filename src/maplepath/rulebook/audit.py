"""How far each rule can be trusted on a date: ``maplepath rules audit``.

A rule may be stale for three reasons, each said as a warning:

- it is only ``reported`` or ``proposed`` (the whole file, or one of its dated values): not yet
  official, applied only in its named scenario;
- nobody has checked it against its source for more than 180 days before the date;
- its publisher replaces it on a schedule (``metadata.updates``: IRCC publishes a new
  proof-of-funds table every year, by July) and the date is past that month of the year after
  the newest table in force, with no newer table in the file.

A rule verified after the date (``last_verified`` later than ``on``) was known to be current
then: it gets no warning for its age or its schedule. Its status is what it is on any date.
"""

from __future__ import annotations

import calendar
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

from maplepath.i18n import noop, say, word
from maplepath.rulebook.rulefile import IN_FORCE, DatedValue, Rule

STALE_DAYS = 180  # the house rule of STYLE.md: re-verify every rule twice a year

MONTHS = (
    noop("January"),
    noop("February"),
    noop("March"),
    noop("April"),
    noop("May"),
    noop("June"),
    noop("July"),
    noop("August"),
    noop("September"),
    noop("October"),
    noop("November"),
    noop("December"),
)


@dataclass(frozen=True)
class Concern:
    """One reason a rule may be stale: ``kind`` is ``reported`` or ``proposed`` (the status),
    ``unverified`` or ``table_due`` (for programs to read); ``text`` says it to a person."""

    kind: str
    text: str


@dataclass(frozen=True)
class RuleAudit:
    """One rule on one date: when it was last checked, how long before the date, its status
    and what may make it stale."""

    rule_id: str
    last_verified: date
    age_days: int  # days from last_verified to the date; negative when checked after it
    status: str
    concerns: tuple[Concern, ...]

    @property
    def warning(self) -> str | None:
        return "; ".join(c.text for c in self.concerns) or None

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.rule_id,
            "last_verified": self.last_verified.isoformat(),
            "age_days": self.age_days,
            "status": self.status,
            "warning": self.warning,
        }


def audit(rules: Iterable[Rule], on: date) -> list[RuleAudit]:
    """Every rule on ``on``: those with a warning first, then by id."""
    found = [audit_rule(rule, on) for rule in rules]
    return sorted(found, key=lambda a: (not a.concerns, a.rule_id))


def audit_rule(rule: Rule, on: date) -> RuleAudit:
    age = (on - rule.last_verified).days
    concerns = list(_unofficial(rule))
    if age > STALE_DAYS:
        concerns.append(
            Concern(
                "unverified",
                say(
                    "not verified for %(days)s days before %(on)s (more than %(limit)s)",
                    days=age,
                    on=on,
                    limit=STALE_DAYS,
                ),
            )
        )
    if age >= 0 and (due := _table_due(rule, on)) is not None:
        concerns.append(due)
    return RuleAudit(rule.id, rule.last_verified, age, rule.status, tuple(concerns))


def _unofficial(rule: Rule) -> Iterable[Concern]:
    if rule.status != IN_FORCE:
        scenario = rule.scenario or "-"
        if rule.status == "proposed":
            text = say(
                "proposed, not yet official: applied only in scenario %(scenario)s",
                scenario=scenario,
            )
        else:
            text = say(
                "reported, not yet official: applied only in scenario %(scenario)s",
                scenario=scenario,
            )
        yield Concern(rule.status, text)
        return
    for dv in rule.values:
        if dv.status == IN_FORCE:
            continue
        params = {"date": dv.effective_from, "scenario": dv.scenario or "-"}
        if dv.status == "proposed":
            text = say(
                "proposed, not yet official: the value of %(date)s, applied only in scenario "
                "%(scenario)s",
                **params,
            )
        else:
            text = say(
                "reported, not yet official: the value of %(date)s, applied only in scenario "
                "%(scenario)s",
                **params,
            )
        yield Concern(dv.status, text)


def _table_due(rule: Rule, on: date) -> Concern | None:
    """A table its publisher replaces every year, past its month a year after the newest one
    in force on ``on``, with no newer one in the file."""
    if rule.updates is None:
        return None
    official = [dv for dv in rule.values if dv.status == IN_FORCE]
    current: DatedValue | None = None
    for dv in official:
        if dv.effective_from <= on:
            current = dv
    if current is None or current.ended or current is not official[-1]:
        return None  # not started, ended, or a newer table is already known
    year, month = current.effective_from.year + 1, rule.updates.month
    end_of_month = date(year, month, calendar.monthrange(year, month)[1])
    if on <= end_of_month:
        return None
    return Concern(
        "table_due",
        say(
            "a new table is usually published every year by %(month)s, and the newest here "
            "took effect %(since)s: one was due by the end of %(month)s %(year)s",
            month=word(MONTHS[month - 1]),
            since=current.effective_from,
            year=year,
        ),
    )
