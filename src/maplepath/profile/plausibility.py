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

from maplepath import i18n
from maplepath.i18n import decimal, money, noop, say, word
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
                why = say(
                    "%(day)s is not a plausible date (the dates maplepath works with are"
                    " %(earliest)s to %(latest)s)",
                    day=value,
                    earliest=lim.earliest,
                    latest=lim.latest,
                )
                yield Finding(path, why, True)
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
    "work": noop("work"),
    "language_test": noop("a language test"),
    "post_secondary_completed": noop("a completed post-secondary credential"),
    "eca_issued": noop("an ECA report"),
}


def _check_person(
    person: Profile | Spouse, prefix: str, today: date | None, lim: Limits
) -> Iterator[Finding]:
    born = person.birth_date
    if born is not None and today is not None:
        age = age_on(born, today)
        if age > lim.max_age:
            why = say(
                "%(born)s gives age %(age)s on %(today)s: older than anyone living"
                " (at most %(most)s)",
                born=born,
                age=age,
                today=today,
                most=lim.max_age,
            )
            yield Finding(prefix + "birth_date", why, True)
        elif age > lim.unusual_age:
            why = say("%(born)s gives age %(age)s on %(today)s", born=born, age=age, today=today)
            yield Finding(prefix + "birth_date", why, False)
    for kind, path, when in _dated_facts(person, prefix):
        if born is not None and when < born:
            why = say("%(day)s is before the birth date (%(born)s)", day=when, born=born)
            yield Finding(path, why, True)
            continue
        if born is not None and kind in _WHAT:
            age = age_on(born, when)
            least, usual = lim.min_age.get(kind), lim.usual_age.get(kind)
            what = word(_WHAT[kind])
            if least is not None and age < least:
                why = say(
                    "%(day)s means %(what)s at age %(age)s (the youngest maplepath accepts is"
                    " %(least)s)",
                    day=when,
                    what=what,
                    age=age,
                    least=least,
                )
                yield Finding(path, why, True)
            elif usual is not None and age < usual:
                why = say(
                    "%(day)s means %(what)s at age %(age)s: check the date",
                    day=when,
                    what=what,
                    age=age,
                )
                yield Finding(path, why, False)
        if kind == "eca_issued" and today is not None and when > today:
            why = say("%(day)s is in the future: give the date on the report", day=when)
            yield Finding(path, why, True)
    for i, c in enumerate(person.education):
        issued = c.eca.issued if c.eca is not None else None
        if issued is not None and c.completed is not None and issued < c.completed:
            why = say(
                "%(issued)s is before the credential was completed (%(completed)s): an ECA"
                " assesses a completed credential",
                issued=issued,
                completed=c.completed,
            )
            yield Finding(f"{prefix}education[{i}].eca.issued", why, True)
    for i, w in enumerate(person.work):
        hours = w.hours_per_week
        if hours is not None and hours > lim.amounts["hours_per_week"]:
            why = say(
                "%(hours)s hours a week in one job: check the figure", hours=decimal(f"{hours:g}")
            )
            yield Finding(f"{prefix}work[{i}].hours_per_week", why, False)


def _check_profile(p: Profile, today: date | None, lim: Limits) -> Iterator[Finding]:
    for i, n in enumerate(p.nominations):
        if n.issued is not None and today is not None and n.issued > today:
            why = say("%(day)s is in the future: give a nomination you hold", day=n.issued)
            yield Finding(f"nominations[{i}].issued", why, True)
    for i, r in enumerate(p.relatives_in_canada):
        if r.birth_date is not None and today is not None and r.birth_date > today:
            why = say("%(day)s is in the future", day=r.birth_date)
            yield Finding(f"relatives_in_canada[{i}].birth_date", why, True)
    # IRCC counts the spouse or common-law partner in the family size, coming or not.
    if p.has_partner and p.family_size is not None and p.family_size < 2:
        why = say(
            "%(size)s with a %(status)s partner: IRCC counts you and your partner (2 or more)",
            size=p.family_size,
            status=p.marital_status,
        )
        yield Finding("family_size", why, True)
    funds = p.settlement_funds_cad
    if funds is not None and funds > lim.amounts["settlement_funds_cad"]:
        why = say("%(funds)s: check the figure", funds=money(funds))
        yield Finding("settlement_funds_cad", why, False)
    for i, o in enumerate(p.job_offers):
        wage = o.hourly_wage
        if wage is not None and wage > lim.amounts["hourly_wage"]:
            why = say("%(wage)s an hour: check the figure", wage=_cents(wage))
            yield Finding(f"job_offers[{i}].hourly_wage", why, False)


def _cents(amount: float) -> str:
    """Dollars and cents: ``$58.25`` in English, ``58,25 $`` in French."""
    if i18n.current() == "en":
        return f"${amount:,.2f}"
    return decimal(f"{amount:,.2f}") + "\u00a0$"
