"""Timeless unmet criteria (``verdict.Criterion.timeless``): what the planner carries forward.

A criterion marked timeless claims that no later date can meet it while the profile and the
rules stay the same. The claim is checked here the hard way: on many profiles (the examples,
the case fixtures and variants of them with facts removed or moved) and on dates inside every
stretch of time in which no rule changes, each program whose verdict is settled on a day is
evaluated again on later days of the same stretch, and must fail the same criterion again.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, timedelta
from itertools import pairwise

import pytest

from maplepath import programs
from maplepath.profile import language
from maplepath.profile.load import load_profile
from maplepath.profile.model import Profile, WorkPeriod
from maplepath.programs.verdict import Criterion, Finding, Ternary, Verdict, criterion, settled
from maplepath.rulebook import book as rulebook

from ..conftest import EXAMPLES, FIXTURES

PROFILES = sorted(EXAMPLES.glob("*.yaml")) + sorted((FIXTURES / "cases").glob("*/profile.yaml"))


def _variants(p: Profile) -> Iterator[tuple[str, Profile]]:
    yield "as given", p
    yield "no tests", p.model_copy(update={"language_tests": []})
    yield "no offers", p.model_copy(update={"job_offers": [], "nominations": []})
    work = [
        w.model_copy(update={"country": "CA", "province": "AB", "authorized": True}) for w in p.work
    ]
    yield "work in Alberta", p.model_copy(update={"work": work})
    yield (
        "a NOC missing",
        p.model_copy(
            update={"work": [w.model_copy(update={"noc": None}) for w in p.work[:1]] + p.work[1:]}
        ),
    )
    yield "US citizen", p.model_copy(update={"citizenships": ["US"]})


# Work that starts inside a stretch, in occupations on various lists (software engineers,
# physicians, welders, data scientists, senior managers) and provinces with tech streams:
# a timeless mark on a criterion this work can come to meet would be caught.
NEW_JOBS = (("21231", "AB"), ("31102", "SK"), ("72106", "BC"), ("21211", "SK"), ("00012", "AB"))


def _new_jobs(p: Profile, start: date) -> Iterator[tuple[str, Profile]]:
    for noc, province in NEW_JOBS:
        job = WorkPeriod(
            employer="New Employer Inc.",
            noc=noc,
            country="CA",
            province=province,
            start=start,
            hours_per_week=40,
            self_employed=False,
            full_time_student=False,
            authorized=True,
        )
        yield f"NOC {noc} in {province} from {start}", p.model_copy(update={"work": [job, *p.work]})


def _stretches(book: rulebook.RuleBook) -> list[tuple[date, date]]:
    """Stretches of at least 120 days in which no rule of the book takes a new value."""
    days = sorted({c.effective_from for c in book.changes(date(2015, 1, 1))})
    days.append(date(2030, 1, 1))
    return [(a, b - timedelta(days=1)) for a, b in pairwise(days) if (b - a).days >= 120]


def _check(profile: Profile, name: str, first: date, last: date, book: rulebook.RuleBook) -> int:
    """Settled verdicts on four days of the stretch, each checked on the later ones."""
    span = (last - first).days
    days = [first + timedelta(days=k * span // 3) for k in range(4)]
    verdicts = [programs.evaluate_all(profile, d, book) for d in days]
    checked = 0
    for i, day in enumerate(days):
        for v in verdicts[i]:
            if not settled(v):
                continue
            why = {c.id for c in v.criteria if c.timeless}
            for later, after in zip(days[i + 1 :], verdicts[i + 1 :], strict=True):
                w = next(x for x in after if x.program == v.program)
                where = f"{name}, {v.program}: {day} -> {later}"
                assert (w.verdict, w.status) == (v.verdict, v.status), where
                assert why <= {c.id for c in w.criteria if c.timeless}, where
                checked += 1
    return checked


def test_a_settled_verdict_fails_the_same_timeless_criterion_on_every_later_day() -> None:
    book = rulebook.default()
    stretches = _stretches(book)
    assert len(stretches) >= 10
    checked = 0
    for path in PROFILES:
        for name, profile in _variants(load_profile(path)):
            for first, last in stretches[::2]:
                checked += _check(profile, f"{path.name} ({name})", first, last, book)
    # Not vacuous: most programs are settled for most of these profiles.
    assert checked > 5_000


def test_work_starting_within_a_stretch_never_meets_a_criterion_called_timeless() -> None:
    book = rulebook.default()
    checked = 0
    for path in (
        EXAMPLES / "software_engineer_abroad.yaml",
        EXAMPLES / "couple_spouse_stronger.yaml",
    ):
        base = load_profile(path)
        for first, last in _stretches(book):
            start = first + timedelta(days=(last - first).days // 6)
            for name, profile in _new_jobs(base, start):
                checked += _check(profile, f"{path.name} ({name})", first, last, book)
    assert checked > 1_000


def test_the_kinds_of_timeless_reasons_are_all_exercised() -> None:
    """Each marked criterion appears settled at least once on the examples (today's rules)."""
    seen: set[tuple[str, str]] = set()
    for path in PROFILES:
        for _, profile in _variants(load_profile(path)):
            # Today, and a day when the examples' language results have expired.
            for on in (date(2026, 11, 22), date(2028, 6, 1)):
                verdicts = programs.evaluate_all(profile, on)
                seen |= {(v.program.split(":")[0], c.id) for v in verdicts for c in v.criteria
                         if c.timeless}  # fmt: skip
    assert {
        ("ee_category", "category_in_force"),
        ("ee_category", "occupation_experience"),
        ("ee_category", "french_language"),
        ("ee_category", "military_recruitment"),
        ("cusma", "citizenship"),
        ("oinp_hcp_tech", "program_open"),
        ("quebec_ai", "program_open"),
        ("sinp_tech", "tech_job_offer"),
        ("aaip_accelerated_tech", "tech_employment"),
        ("aaip_opportunity", "alberta_work_permit"),
        ("fst", "experience"),
        ("fsw", "language"),
        ("cec", "language"),
        ("sinp_tech", "language"),
        ("oinp_workforce_priority", "language"),
        ("quebec_pstq", "french"),
    } <= seen


def test_an_expired_french_result_is_timeless_unless_a_later_test_is_booked() -> None:
    # Results only expire as days pass: with every test taken, an unmet minimum stays unmet.
    # A test dated after the day (booked, say) may still meet it.
    p = load_profile(EXAMPLES / "francophone_engineer.yaml")
    later = date(2040, 1, 1)  # every result has long expired
    french = programs.REGISTRY["ee_category:french"]
    expired = french(p, later).criterion("french_language")
    assert expired.status is Ternary.unmet and expired.timeless
    booked = p.language_tests[0].model_copy(update={"date": date(2040, 6, 1)})
    with_booked = p.model_copy(update={"language_tests": [*p.language_tests, booked]})
    pending = french(with_booked, later).criterion("french_language")
    assert pending.status is Ternary.unmet and not pending.timeless
    english = [
        t
        for t in p.language_tests
        if "french" not in language.languages_of(t.test, rulebook.default())
    ]
    none = french(p.model_copy(update={"language_tests": english}), later)
    assert none.criterion("french_language").timeless


def test_work_in_alberta_that_is_not_current_is_not_a_timeless_refusal() -> None:
    # A period in Alberta that starts later: not working there today, but time may change it.
    p = load_profile(EXAMPLES / "software_engineer_abroad.yaml")
    start = date(2027, 6, 1)
    future = p.work[0].model_copy(
        update={"country": "CA", "province": "AB", "authorized": True, "start": start, "end": None}
    )
    q = p.model_copy(update={"work": [future]})
    v = programs.REGISTRY["aaip_opportunity"](q, date(2026, 11, 22))
    assert v.criterion("alberta_work_permit").status is Ternary.unmet
    assert not v.criterion("alberta_work_permit").timeless
    assert (
        programs.REGISTRY["aaip_opportunity"](q, start).criterion("alberta_work_permit").status
        is Ternary.met
    )


def test_timeless_is_kept_only_when_unmet_and_is_not_part_of_equality() -> None:
    met = criterion("x", Finding(True, "ok"), ("r",), True)
    unknown = criterion("x", Finding(None, "?", ("f",)), ("r",), True)
    unmet = criterion("x", Finding(False, "no"), ("r",), True)
    assert not met.timeless and not unknown.timeless and unmet.timeless
    assert unmet == Criterion("x", Ternary.unmet, "no", ("r",))
    assert "timeless" not in repr(unmet)


@pytest.mark.parametrize(
    ("verdict", "timeless", "expected"),
    [("ineligible", True, True), ("ineligible", False, False), ("unknown", True, False)],
)
def test_settled_needs_an_ineligible_verdict_with_a_timeless_unmet_criterion(
    verdict: str, timeless: bool, expected: bool
) -> None:
    c = Criterion("x", Ternary.unmet, "no", timeless=timeless)
    v = Verdict("fsw", verdict, "open", (c,), "permanent_residence", None)
    assert settled(v) is expected


def test_languages_of_a_test_come_from_its_charts() -> None:
    book = rulebook.default()
    assert language.languages_of("tef_canada", book) == {"french"}
    assert language.languages_of("ielts_general", book) == {"english"}
    assert language.languages_of("ielts_academic", book) == frozenset()
