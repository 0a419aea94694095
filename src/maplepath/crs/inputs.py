"""A profile reduced to the handful of numbers the CRS reads, on a date.

``CrsInputs`` is one row of the pool scorer's columns (``batch.COLUMNS``): the scalar and batch
paths score the same record with the same tables. Deciding what counts — which credential,
which test, which years — happens here, once, with the reasons kept for the explanation.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import NamedTuple

from maplepath.crs.notes import CANADIAN, FOREIGN, full_years, years_note
from maplepath.crs.tables import EDUCATION_LEVELS
from maplepath.i18n import say, word
from maplepath.profile import experience, language
from maplepath.profile.facts import add_years, age_on, best_results, eca_window
from maplepath.profile.model import (
    CanadianStatus,
    Credential,
    EducationLevel,
    Lmia,
    Profile,
    Spouse,
    WorkPeriod,
)
from maplepath.rulebook.book import RuleBook, default

WINDOWS_RULE = "crs.experience_windows"
_new = tuple.__new__
ABILITIES = language.ABILITIES
POST_SECONDARY = {"one_year", "two_year", "bachelors", "masters", "professional", "doctoral"}


class CrsInputs(NamedTuple):
    """The CRS's view of one candidate (ints and bools only: a row of the batch columns).
    Immutable; a NamedTuple because a score builds several (a frozen dataclass is 5x slower)."""

    age: int = 0
    with_spouse: bool = False
    education: int = 0  # index into crs_tables.EDUCATION_LEVELS
    first_l: int = 0  # CLB of the first official language, per ability
    first_r: int = 0
    first_w: int = 0
    first_s: int = 0
    second_l: int = 0
    second_r: int = 0
    second_w: int = 0
    second_s: int = 0
    first_is_french: bool = False
    canadian_years: int = 0  # full years of skilled Canadian work, capped at 5
    foreign_years: int = 0  # full years of skilled foreign work in the last 10 years, capped at 3
    certificate: bool = False  # a Canadian certificate of qualification in a trade
    spouse_education: int = 0
    spouse_l: int = 0
    spouse_r: int = 0
    spouse_w: int = 0
    spouse_s: int = 0
    spouse_canadian_years: int = 0
    nomination: bool = False
    sibling: bool = False
    canadian_education: int = 0  # 0 none, 1 one or two years, 2 three years or more
    job_offer: int = 0  # 0 none, 1 other skilled, 2 NOC major group 00


@dataclass
class Derivation:
    """The inputs with the reasons behind each, and what was missing or assumed."""

    inputs: CrsInputs
    details: dict[str, str] = field(default_factory=dict)
    missing: list[str] = field(default_factory=list)
    assumed: list[str] = field(default_factory=list)
    tests: dict[str, language.TestResult] = field(default_factory=dict)


def column_names() -> tuple[str, ...]:
    return CrsInputs._fields


def _eca_valid(c: Credential, on: date, book: RuleBook) -> bool:
    window = eca_window(c, on, book)
    return window is not None and window[0] <= on < window[1]


# Index of each credential level in EDUCATION_LEVELS; an entry-to-practice professional degree
# counts as a master's.
_LEVEL_INDEX = {name: i for i, name in enumerate(EDUCATION_LEVELS)} | {
    "professional": EDUCATION_LEVELS.index("masters")
}
_ONE_YEAR = EDUCATION_LEVELS.index("one_year")
_BACHELORS = EDUCATION_LEVELS.index("bachelors")
_TWO_OR_MORE = EDUCATION_LEVELS.index("two_or_more")


def _level_index(level: EducationLevel | str) -> int:
    return _LEVEL_INDEX[level]


def education_index(creds: list[Credential], on: date, book: RuleBook, notes: list[str]) -> int:
    """The CRS education level: Canadian credentials count as they are; a foreign one counts at
    the level its ECA gives, and only while that ECA is valid. Two or more post-secondary
    credentials, one of three years or more, form their own level."""
    best, post, three_years = 0, 0, False
    for i, c in enumerate(creds):
        if c.level is None or (c.completed is not None and c.completed > on):
            continue
        level = c.level
        if c.country != "CA" and c.country is not None:  # foreign: counted through its ECA
            if not _eca_valid(c, on, book):
                notes.append(
                    say(
                        "education[%(i)s] (%(level)s) not counted: no valid ECA on %(on)s",
                        i=i,
                        level=c.level,
                        on=on,
                    )
                )
                continue
            if c.eca and c.eca.level:
                level = c.eca.level
        lv = _LEVEL_INDEX[level]
        best = max(best, lv)
        if lv >= _ONE_YEAR:
            post += 1
            three_years = three_years or lv >= _BACHELORS or (c.program_years or 0) >= 3
    if post >= 2 and three_years:
        best = max(best, _TWO_OR_MORE)
    return best


def _clbs(result: language.TestResult | None) -> tuple[int, int, int, int]:
    if result is None:
        return (0, 0, 0, 0)
    c = result.clb
    return (c["listening"], c["reading"], c["writing"], c["speaking"])


def _person_tests(p: Profile | Spouse, on: date, book: RuleBook) -> dict[str, language.TestResult]:
    return best_results(p.language_tests, on, book)


class Person(NamedTuple):
    """One person's CRS facts, derived once and usable in either role (principal applicant or
    accompanying partner). ``prefix`` locates their facts in the profile ("" or "spouse.")."""

    prefix: str
    age: int | None
    education: int
    education_notes: list[str]
    has_education: bool
    tests: dict[str, language.TestResult]
    canadian: experience.Accrual
    foreign: experience.Accrual
    canadian_education: int
    work: list[WorkPeriod]
    first: language.TestResult | None  # the result of the first official language
    second: language.TestResult | None  # and of the second, if any
    canadian_years: int  # full years counted, capped at 5
    foreign_years: int  # capped at 3


def person(p: Profile | Spouse, on: date, book: RuleBook, prefix: str) -> Person:
    notes: list[str] = []
    tests = _person_tests(p, on, book)
    # The first official language is the one with the higher result: the higher sum of CLBs,
    # ties to the earlier test in the best_by_language order (a stable sort, highest first).
    order = sorted(tests.values(), key=lambda t: -sum(t.clb.values()))
    # The look-back windows (years) of the two experience factors: ten years since 2015.
    # Canadian experience counts skilled (TEER 0-3) paid work while authorized; self-employment
    # and work during full-time study do not count.
    windows = book.value(WINDOWS_RULE, on)
    canadian, foreign = experience.crs_experience(
        p.work,
        on,
        int(windows["canadian_experience"]),
        int(windows["foreign_experience"]),
        book,
    )
    return Person(
        prefix,
        age_on(p.birth_date, on) if p.birth_date else None,
        education_index(p.education, on, book, notes),
        [f"{prefix}{n}" for n in notes] if notes else notes,
        bool(p.education),
        tests,
        canadian,
        foreign,
        _canadian_education(p.education, on),
        p.work,
        order[0] if order else None,
        order[1] if len(order) > 1 else None,
        full_years(canadian, 5),
        full_years(foreign, 3),
    )


def _counts_as_spouse(profile: Profile) -> bool:
    spouse = profile.spouse if profile.has_partner else None
    return (
        spouse is not None
        and spouse.accompanying is not False
        and spouse.canadian_status
        not in (CanadianStatus.citizen, CanadianStatus.permanent_resident)
    )


def derive(profile: Profile, on: date, book: RuleBook | None = None) -> Derivation:
    """The CRS inputs of the profile as given (the applicant as principal applicant)."""
    return derive_arrangements(profile, on, book, both=False)[0]


def derive_arrangements(
    profile: Profile, on: date, book: RuleBook | None = None, both: bool = True
) -> tuple[Derivation, Derivation | None]:
    """The profile as given, and — when the partner could be principal applicant (accompanying,
    not a citizen or permanent resident, with their own birth date, tests and education) — the
    couple the other way round. Each person is derived once. The job offers, nominations and
    certificates in a profile are the applicant's, not the partner's. ``both=False``: the first."""
    book = book or default()
    applicant = person(profile, on, book, "")
    counts = _counts_as_spouse(profile)
    partner = person(profile.spouse, on, book, "spouse.") if counts and profile.spouse else None
    sibling_notes: list[str] = []
    sibling = _sibling(profile, on, sibling_notes)
    as_given = _assemble(profile, on, applicant, partner, sibling, sibling_notes, own_extras=True)
    sp = profile.spouse
    swappable = (
        partner is not None
        and sp is not None
        and sp.birth_date is not None
        and bool(sp.language_tests)
        and bool(sp.education)
    )
    other = (
        _assemble(profile, on, partner, applicant, sibling, sibling_notes, own_extras=False)
        if both and swappable and partner is not None
        else None
    )
    return as_given, other


def _assemble(
    profile: Profile,
    on: date,
    pa: Person,
    partner: Person | None,
    sibling: bool,
    sibling_notes: list[str],
    own_extras: bool,
) -> Derivation:
    missing: list[str] = []
    assumed: list[str] = []
    if pa.age is None:
        missing.append(say("%(path)s: age points counted as 0", path=pa.prefix + "birth_date"))
    if profile.marital_status is None:
        assumed.append(say("marital_status not given: scored as single"))
    if profile.spouse is not None and profile.has_partner and profile.spouse.accompanying is None:
        assumed.append(say("spouse.accompanying not given: assumed accompanying"))
    if not pa.has_education:
        missing.append(say("%(path)s: education points counted as 0", path=pa.prefix + "education"))
    if not pa.tests:
        missing.append(
            say(
                "%(path)s: no valid test, language points counted as 0",
                path=pa.prefix + "language_tests",
            )
        )
    first, second = pa.first, pa.second
    whose = 0 if not pa.prefix else 1
    for acc, cap, names in ((pa.canadian, 5, CANADIAN), (pa.foreign, 3, FOREIGN)):
        if acc.unknown:
            note = years_note(acc, cap, word(names[whose]), pa.work, pa.prefix)
            if note:
                missing.append(note)

    sp_education, sp_clbs, sp_years = 0, (0, 0, 0, 0), 0
    if partner is not None:
        # An accompanying partner's language points come from their first official language.
        sp_education, sp_clbs, sp_years = (
            partner.education,
            _clbs(partner.first),
            partner.canadian_years,
        )
        if partner.canadian.unknown:
            whom = word(CANADIAN[1] if not partner.prefix else CANADIAN[2])
            note = years_note(partner.canadian, 5, whom, partner.work, partner.prefix)
            if note:
                missing.append(note)
    certificate = nomination = False
    job_offer = 0
    if own_extras:
        certificate = bool(profile.certificates_of_qualification)
        nomination = any(
            n.express_entry_aligned and n.issued is not None and n.issued <= on
            for n in profile.nominations
        )
        job_offer = _job_offer(profile, on)
    assumed.extend(sibling_notes)
    # In CrsInputs field order, built as a tuple (the generated constructor, with keywords or
    # not, costs more than the rest of this function; test_equivalences checks the shape).
    inputs = _new(
        CrsInputs,
        (
            0 if pa.age is None else pa.age,
            partner is not None,
            pa.education,
            *_clbs(first),
            *_clbs(second),
            first is not None and first.language == "french",
            pa.canadian_years,
            pa.foreign_years,
            certificate,
            sp_education,
            *sp_clbs,
            sp_years,
            nomination,
            sibling,
            pa.canadian_education,
            job_offer,
        ),
    )
    details = {"education": "; ".join(pa.education_notes)}
    return Derivation(inputs, details, missing, assumed, pa.tests)


def _sibling(p: Profile, on: date, notes: list[str]) -> bool:
    # A brother or sister in Canada, 18 or older, citizen or permanent resident, of the
    # applicant or the accompanying spouse.
    for i, r in enumerate(p.relatives_in_canada):
        if r.relation != "sibling" or r.status not in (
            CanadianStatus.citizen,
            CanadianStatus.permanent_resident,
        ):
            continue
        if r.birth_date is None:
            notes.append(
                say(
                    "relatives_in_canada[%(i)s].birth_date not given: sibling assumed 18 or older",
                    i=i,
                )
            )
            return True
        if age_on(r.birth_date, on) >= 18:
            return True
    return False


def _canadian_education(creds: list[Credential], on: date) -> int:
    best = 0
    for c in creds:
        if c.canadian is not True or c.level is None or str(c.level) not in POST_SECONDARY:
            continue
        if c.completed is None or c.completed > on or c.full_time is False:
            continue
        long = (
            str(c.level) in {"masters", "professional", "doctoral"} or (c.program_years or 0) >= 3
        )
        best = max(best, 2 if long else 1)
    return best


def _job_offer(p: Profile, on: date) -> int:
    # A qualifying offer: full time, skilled (TEER 0-3), non-seasonal, at least one year, backed
    # by an LMIA or exempt from one. NOC major group 00 (senior managers) earned more.
    best = 0
    for o in p.job_offers:
        if o.noc is None or len(o.noc) != 5 or int(o.noc[1]) > 3 or o.full_time is False:
            continue
        if o.lmia not in (Lmia.approved, Lmia.exempt):
            continue
        if o.end is not None and o.start is not None and o.end < add_years(o.start, 1):
            continue
        best = max(best, 2 if o.noc.startswith("00") else 1)
    return best
