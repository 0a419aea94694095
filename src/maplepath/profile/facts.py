"""Facts derived from a profile on a date: what ``maplepath profile check`` prints.

Nothing here scores or judges eligibility; it turns raw facts into the measures every
program uses (age on the date, CLB per ability, experience per window) so a person can see
how their profile reads before any verdict depends on it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from maplepath.i18n import say
from maplepath.profile import experience, language, memo
from maplepath.profile.experience import Accrual, Run
from maplepath.profile.model import Credential, LanguageTest, Profile, Spouse
from maplepath.rulebook import book as rulebook

ECA_RULE = "education.eca_validity"
# Look-back windows shown by `profile check`; each program's rule files carry its own window
# (CEC 3 years, FST 5 years, FSW 10 years), which is why these three are shown.
WINDOWS = (3, 5, 10)


def add_years(d: date, years: int) -> date:
    """The same calendar day ``years`` later; 29 February becomes 1 March in common years."""
    try:
        return d.replace(year=d.year + years)
    except ValueError:
        return date(d.year + years, 3, 1)


def eca_window(c: Credential, on: date, book: rulebook.RuleBook) -> tuple[date, date] | None:
    """(issued, first day it no longer counts) of a credential's ECA; None without an issued
    ECA. An ECA must be less than five years old (rule education.eca_validity); one issued on
    29 February stops counting on 1 March, as language results do."""
    if c.eca is None or c.eca.issued is None:
        return None
    ruling = book.at(ECA_RULE, on)
    if not ruling.in_force:  # before Express Entry: no validity period to count
        why = say(
            "cannot tell whether an ECA counts on %(on)s: %(reason)s", on=on, reason=ruling.reason
        )
        raise ValueError(why)
    return c.eca.issued, add_years(c.eca.issued, int(ruling.value))


def language_results(
    tests: Sequence[LanguageTest], on: date, book: rulebook.RuleBook | None = None
) -> list[language.TestResult]:
    """The results readable on ``on``: taken by then, on an accepted test. Expired ones are kept,
    marked expired, so a verdict can say why they do not count; unreadable ones are skipped
    (profile loading reports them).

    Within a memo session (``evaluate_all``, ``crs.score`` inside it) a person's results are
    read once for the CRS and every program: the lists of the session's profile (its own and
    its spouse's) cannot change during the session, and the session's table is keyed by every
    test they hold (``memo.py``)."""
    book = book or rulebook.default()
    held = _held(tests, on, book)
    return list(held[1]) if held is not None else _read_results(tests, on, book)


def best_results(
    tests: Sequence[LanguageTest], on: date, book: rulebook.RuleBook | None = None
) -> dict[str, language.TestResult]:
    """``language.best_by_language`` of ``language_results``: per language, the result that
    counts on ``on``. Within a memo session it is found once per person, as the results are: the
    CRS, FSW's grid and minimum, CEC, the French categories and Quebec all ask for it."""
    book = book or rulebook.default()
    held = _held(tests, on, book)
    if held is None:
        return language.best_by_language(_read_results(tests, on, book))
    return dict(held[2])


_Held = tuple[
    Sequence[LanguageTest], tuple[language.TestResult, ...], dict[str, language.TestResult]
]


def _held(tests: Sequence[LanguageTest], on: date, book: rulebook.RuleBook) -> _Held | None:
    """The session's (tests, results, best per language) for one of its persons' lists of
    tests; None outside a session or for another list."""
    session = memo.current(on, book)
    if session is None:
        return None
    profile, table = session
    spouse = profile.spouse
    if tests is not profile.language_tests and (
        spouse is None or tests is not spouse.language_tests
    ):
        return None
    key = ("language_results", id(tests))
    held = table.get(key)
    if held is None or held[0] is not tests:
        results = tuple(_read_results(tests, on, book))
        held = table[key] = (tests, results, language.best_by_language(results))
    found: _Held = held
    return found


def _read_results(
    tests: Sequence[LanguageTest], on: date, book: rulebook.RuleBook
) -> list[language.TestResult]:
    results = []
    for t in tests:
        if t.date > on:
            continue
        s = t.scores
        # The scores as assess_test keys its cache: given abilities only, sorted by name.
        listening, reading, speaking, writing = s.listening, s.reading, s.speaking, s.writing
        if listening is None or reading is None or speaking is None or writing is None:
            given = (
                ("listening", listening),
                ("reading", reading),
                ("speaking", speaking),
                ("writing", writing),
            )
            items = tuple((k, float(v)) for k, v in given if v is not None)
        else:  # the usual case, without the generator
            items = (
                ("listening", float(listening)),
                ("reading", float(reading)),
                ("speaking", float(speaking)),
                ("writing", float(writing)),
            )
        try:
            results.append(language.assess_items(t.test, t.date, items, on, book))
        except ValueError:
            continue
    return results


def age_on(birth_date: date, on: date) -> int:
    """Completed years on ``on`` (someone born on 29 February turns a year older on 1 March
    in common years)."""
    before_birthday = (on.month, on.day) < (birth_date.month, birth_date.day)
    return on.year - birth_date.year - before_birthday


@dataclass(frozen=True)
class EducationFact:
    level: str | None
    country: str | None
    canadian: bool | None
    eca_valid: bool | None  # None: not assessed, or not needed (Canadian credential)
    detail: str


@dataclass(frozen=True)
class PersonFacts:
    age: int | None
    tests: list[language.TestResult]
    best_language: dict[str, language.TestResult]
    education: list[EducationFact]
    experience: dict[str, Accrual]
    longest_run: Run | None


@dataclass(frozen=True)
class ProfileFacts:
    on: date
    applicant: PersonFacts
    spouse: PersonFacts | None
    warnings: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)


def _tests(
    tests: list[LanguageTest], on: date, spouse: bool, warnings: list[str]
) -> list[language.TestResult]:
    said: list[str] = []
    for t in tests:
        if t.date > on:
            said.append(
                say(
                    "%(test)s of %(taken)s was taken after %(on)s: not counted",
                    test=t.test,
                    taken=t.date,
                    on=on,
                )
            )
    results = language_results(tests, on)
    for r in results:
        if r.expired:
            said.append(
                say(
                    "%(test)s of %(taken)s expired on %(expires)s: retake it",
                    test=r.test,
                    taken=r.taken,
                    expires=r.expires,
                )
            )
    warnings += [say("spouse: %(warning)s", warning=w) for w in said] if spouse else said
    return results


def _education(c: Credential, on: date, book: rulebook.RuleBook) -> EducationFact:
    if c.canadian:
        said = say("Canadian credential: no ECA needed")
        return EducationFact(c.level, c.country, True, None, said)
    window = eca_window(c, on, book)
    if window is None:
        said = say("no ECA given: foreign credentials need one")
        return EducationFact(c.level, c.country, c.canadian, None, said)
    issued, expires = window
    valid = issued <= on < expires
    by = c.eca.issuer if c.eca else "?"
    if valid:
        said = say("ECA by %(issuer)s valid until %(when)s", issuer=by, when=expires)
    elif on >= expires:
        said = say("ECA by %(issuer)s expired on %(when)s", issuer=by, when=expires)
    else:
        said = say(
            "ECA by %(issuer)s issued after the date; valid from %(when)s", issuer=by, when=issued
        )
    return EducationFact(c.level, c.country, False, valid, said)


def _person(
    p: Profile | Spouse, on: date, spouse: bool, warnings: list[str], book: rulebook.RuleBook
) -> PersonFacts:
    tests = _tests(p.language_tests, on, spouse, warnings)
    exp: dict[str, Accrual] = {}
    for where in ("canada", "foreign"):
        for years in WINDOWS:
            exp[f"{where}_skilled_last_{years}y"] = experience.accrue(
                p.work,
                on,
                window_years=years,
                where=where,
                require_authorized=where == "canada",
                book=book,
            )
    return PersonFacts(
        age=age_on(p.birth_date, on) if p.birth_date else None,
        tests=tests,
        best_language=language.best_by_language(tests),
        education=[_education(c, on, book) for c in p.education],
        experience=exp,
        longest_run=experience.longest_continuous(p.work, on, window_years=10, book=book),
    )


def derive(profile: Profile, on: date, book: rulebook.RuleBook | None = None) -> ProfileFacts:
    book = book or rulebook.default()
    warnings: list[str] = []
    applicant = _person(profile, on, False, warnings, book)
    spouse = _person(profile.spouse, on, True, warnings, book) if profile.spouse else None
    missing = [name for name, present in _required(profile) if not present]
    return ProfileFacts(on, applicant, spouse, warnings, missing)


def _required(p: Profile) -> list[tuple[str, bool]]:
    """Facts nearly every assessment needs; absent ones make verdicts unknown."""
    return [
        ("birth_date", p.birth_date is not None),
        ("marital_status", p.marital_status is not None),
        ("education", bool(p.education)),
        ("language_tests", bool(p.language_tests)),
        ("work", bool(p.work)),
        ("settlement_funds_cad", p.settlement_funds_cad is not None),
        ("family_size", p.family_size is not None),
    ]


def to_json(f: ProfileFacts) -> dict[str, Any]:
    return {
        "on": f.on.isoformat(),
        "applicant": _person_json(f.applicant),
        "spouse": _person_json(f.spouse) if f.spouse else None,
        "warnings": f.warnings,
        "missing": f.missing,
    }


def _person_json(p: PersonFacts) -> dict[str, Any]:
    return {
        "age": p.age,
        "language_tests": [
            {
                "test": t.test,
                "language": t.language,
                "taken": t.taken.isoformat(),
                "expires": t.expires.isoformat(),
                "expired": t.expired,
                "clb": t.clb,
                "rule": t.rule_id,
                "effective_from": t.effective_from.isoformat(),
                "details": [lv.detail for lv in t.levels.values()],
            }
            for t in p.tests
        ],
        "best_language": {lang: t.test for lang, t in p.best_language.items()},
        "education": [e.__dict__ for e in p.education],
        "experience": {
            k: {
                "years": round(a.years, 3),
                "possible_years": _num(a.possible_years),
                "unknown_periods": list(a.unknown),
            }
            for k, a in p.experience.items()
        },
        "longest_continuous": None
        if p.longest_run is None
        else {
            "noc": p.longest_run.noc,
            "start": p.longest_run.start.isoformat(),
            "end": p.longest_run.end.isoformat(),
            "years": round(p.longest_run.years, 3),
        },
    }


def _num(x: float) -> float | None:
    return None if x == float("inf") else round(x, 3)
