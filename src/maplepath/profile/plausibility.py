"""What a profile's facts can be: impossible ones refused, unusual ones flagged.

The shape of a profile (types, enums, one date after another in a span) is pydantic's and
``load``'s; this module checks what only the facts together can show: a credential completed
before its holder was born, work begun at age seven, a birth two centuries ago, a married
person's family of one, an ECA issued before the credential it assesses. The limits are the rule
``profile.plausibility`` (``rules/profile/plausibility.yaml``), so they are read, cited and
changed like any other rule.

``check`` returns two lists: problems (the profile is refused, every problem at once, by field
path) and warnings (the profile is scored, and the user is asked to look again).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from typing import Any

from pydantic import BaseModel

from maplepath.profile.facts import age_on
from maplepath.profile.model import EducationLevel, Profile, Spouse
from maplepath.rulebook import book as rulebook
from maplepath.rulebook.book import RuleBook

RULE = "profile.plausibility"


@dataclass(frozen=True)
class Finding:
    path: str  # "work[0].start"
    message: str
    impossible: bool  # True: the profile is refused; False: a warning


@dataclass(frozen=True)
class Limits:
    earliest: date
    latest: date
    max_age: int
    unusual_age: int
    min_age: dict[str, int]
    usual_age: dict[str, int]
    amounts: dict[str, float]

    @classmethod
    def of(cls, value: dict[str, Any]) -> Limits:
        return cls(
            date.fromisoformat(value["earliest_date"]),
            date.fromisoformat(value["latest_date"]),
            int(value["max_age"]),
            int(value["unusual_age"]),
            dict(value["min_age"]),
            dict(value["usual_age"]),
            dict(value["unusual_amounts"]),
        )


def limits(on: date | None, book: RuleBook | None = None) -> Limits | None:
    """The limits in force on ``on`` (None before 1900, where no profile date can be); with no
    date, the rule's latest values (what the rule book says, without reading the clock)."""
    book = book or rulebook.default()
    value = book.get(RULE).values[-1].value if on is None else book.value(RULE, on)
    return None if value is None else Limits.of(value)


def check(
    profile: Profile, today: date | None = None, book: RuleBook | None = None
) -> tuple[list[Finding], list[Finding]]:
    """The impossible facts and the unusual ones of ``profile`` read on ``today``. The checks
    against today (an age, a fact dated in the future) are made only when it is given (the
    CLI and the web app give it), as in ``load``: this layer never reads the clock."""
    lim = limits(today, book)
    if lim is None:
        return [], []
    found = list(_dates_in_range(profile, "", lim))
    if not found:  # the other checks compute ages: only with every date in range
        found += _check_person(profile, "", today, lim)
        if profile.spouse is not None:
            found += _check_person(profile.spouse, "spouse.", today, lim)
        found += _check_profile(profile, today, lim)
    return [f for f in found if f.impossible], [f for f in found if not f.impossible]


def _dates_in_range(model: BaseModel, at: str, lim: Limits) -> Iterator[Finding]:
    """Every date of the profile, wherever it is, within the dates maplepath works with."""
    for name in type(model).model_fields:
        value = getattr(model, name)
        path = f"{at}{name}"
        if isinstance(value, date):
            if not lim.earliest <= value <= lim.latest:
                why = f"the dates maplepath works with are {lim.earliest} to {lim.latest}"
                yield Finding(path, f"{value} is not a plausible date ({why})", True)
        elif isinstance(value, BaseModel):
            yield from _dates_in_range(value, path + ".", lim)
        elif isinstance(value, list):
            for i, item in enumerate(value):
                if isinstance(item, BaseModel):
                    yield from _dates_in_range(item, f"{path}[{i}].", lim)


def _dated_facts(person: Profile | Spouse, prefix: str) -> Iterator[tuple[str, str, date]]:
    """(kind, field path, date) of each dated fact of one person's own life."""
    for i, c in enumerate(person.education):
        at = f"{prefix}education[{i}]"
        if c.completed is not None:
            post = c.level is not None and c.level != EducationLevel.secondary
            yield (
                "post_secondary_completed" if post else "completed",
                f"{at}.completed",
                c.completed,
            )
        if c.eca is not None and c.eca.issued is not None:
            yield "eca_issued", f"{at}.eca.issued", c.eca.issued
    for i, t in enumerate(person.language_tests):
        yield "language_test", f"{prefix}language_tests[{i}].date", t.date
    for i, w in enumerate(person.work):
        if w.start is not None:
            yield "work", f"{prefix}work[{i}].start", w.start
        if w.end is not None:
            yield "work_end", f"{prefix}work[{i}].end", w.end


_WHAT = {
    "work": "work",
    "language_test": "a language test",
    "post_secondary_completed": "a completed post-secondary credential",
    "eca_issued": "an ECA report",
}


def _check_person(
    person: Profile | Spouse, prefix: str, today: date | None, lim: Limits
) -> Iterator[Finding]:
    born = person.birth_date
    if born is not None and today is not None:
        age = age_on(born, today)
        if age > lim.max_age:
            why = f"age {age} on {today}: older than anyone living (at most {lim.max_age})"
            yield Finding(prefix + "birth_date", f"{born} gives {why}", True)
        elif age > lim.unusual_age:
            yield Finding(prefix + "birth_date", f"{born} gives age {age} on {today}", False)
    for kind, path, when in _dated_facts(person, prefix):
        if born is not None and when < born:
            yield Finding(path, f"{when} is before the birth date ({born})", True)
            continue
        if born is not None and kind in _WHAT:
            age = age_on(born, when)
            least, usual = lim.min_age.get(kind), lim.usual_age.get(kind)
            what = _WHAT[kind]
            if least is not None and age < least:
                why = f"{what} at age {age} (the youngest maplepath accepts is {least})"
                yield Finding(path, f"{when} means {why}", True)
            elif usual is not None and age < usual:
                yield Finding(path, f"{when} means {what} at age {age}: check the date", False)
        if kind == "eca_issued" and today is not None and when > today:
            yield Finding(path, f"{when} is in the future: give the date on the report", True)
    for i, c in enumerate(person.education):
        issued = c.eca.issued if c.eca is not None else None
        if issued is not None and c.completed is not None and issued < c.completed:
            why = f"before the credential was completed ({c.completed}): an ECA assesses a"
            why += " completed credential"
            yield Finding(f"{prefix}education[{i}].eca.issued", f"{issued} is {why}", True)
    for i, w in enumerate(person.work):
        hours = w.hours_per_week
        if hours is not None and hours > lim.amounts["hours_per_week"]:
            why = f"{hours:g} hours a week in one job: check the figure"
            yield Finding(f"{prefix}work[{i}].hours_per_week", why, False)


def _check_profile(p: Profile, today: date | None, lim: Limits) -> Iterator[Finding]:
    for i, n in enumerate(p.nominations):
        if n.issued is not None and today is not None and n.issued > today:
            why = f"{n.issued} is in the future: give a nomination you hold"
            yield Finding(f"nominations[{i}].issued", why, True)
    for i, r in enumerate(p.relatives_in_canada):
        if r.birth_date is not None and today is not None and r.birth_date > today:
            yield Finding(
                f"relatives_in_canada[{i}].birth_date", f"{r.birth_date} is in the future", True
            )
    # IRCC counts the spouse or common-law partner in the family size, coming or not.
    if p.has_partner and p.family_size is not None and p.family_size < 2:
        why = f"{p.family_size} with a {p.marital_status} partner: IRCC counts you and your partner"
        yield Finding("family_size", why + " (2 or more)", True)
    funds = p.settlement_funds_cad
    if funds is not None and funds > lim.amounts["settlement_funds_cad"]:
        yield Finding("settlement_funds_cad", f"${funds:,.0f}: check the figure", False)
    for i, o in enumerate(p.job_offers):
        wage = o.hourly_wage
        if wage is not None and wage > lim.amounts["hourly_wage"]:
            yield Finding(
                f"job_offers[{i}].hourly_wage", f"${wage:,.2f} an hour: check the figure", False
            )
