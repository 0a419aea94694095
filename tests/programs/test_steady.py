"""``programs.STEADY``: a program's ``steady_until`` may come early, never late. Every day from
the assessment date to the day named (or the first rule change, or 400 days) is evaluated and
must give the verdict and status of the assessment date."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, reject, settings
from hypothesis import strategies as st

from maplepath import load_profile, programs
from maplepath.profile.load import ProfileError, validate_profile
from maplepath.profile.model import Profile
from maplepath.programs import steady
from maplepath.rulebook import book as rulebook
from tests.strategies import jobs, profiles, results

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
NOCS = ("21231", "21234", "21211", "21300", "20012", "2173", "72200", "64409")
EMPLOYERS = ("Acme", "Globex", None)
_DAY = timedelta(days=1)


def _day(lo: date, hi: date) -> st.SearchStrategy[date]:
    return st.dates(lo, hi)


@st.composite
def permit_profiles(draw: st.DrawFn) -> Profile:
    """Profiles with what the work permits and B.C. read: employers named across periods,
    offers that end (some soon), credentials completed before and after the day, work abroad
    and in Canada, citizenships of the CUSMA parties, language results that expire."""
    born = draw(_day(date(1975, 1, 1), date(1998, 1, 1)))
    work = draw(jobs())
    for w in work:
        w["employer"] = draw(st.sampled_from(EMPLOYERS))
        w["noc"] = draw(st.sampled_from(NOCS))
        if draw(st.integers(0, 3)) == 0:
            w["end"] = w["start"] + timedelta(days=draw(st.integers(200, 2000)))
    offers = []
    for _ in range(draw(st.integers(0, 2))):
        offer: dict[str, Any] = {
            "employer": draw(st.sampled_from(EMPLOYERS)),
            "noc": draw(st.sampled_from(NOCS)),
            "province": draw(st.sampled_from(["BC", "ON", None])),
            "full_time": draw(st.sampled_from([True, False, None])),
            "hourly_wage": draw(st.sampled_from([30.0, 45.0, 60.0, None])),
            "employer_relationship": draw(st.sampled_from(["subsidiary", "parent", None])),
        }
        if draw(st.booleans()):
            offer["start"] = draw(_day(date(2024, 1, 1), date(2027, 6, 1)))
            offer["end"] = offer["start"] + timedelta(days=draw(st.integers(90, 1500)))
        offers.append(offer)
    education = []
    for _ in range(draw(st.integers(0, 2))):
        education.append(
            {
                "level": draw(st.sampled_from(["two_year", "bachelors", "masters", None])),
                "country": draw(st.sampled_from(["CA", "US", "MX", "IN"])),
                "completed": draw(st.one_of(st.none(), _day(date(2016, 1, 1), date(2028, 1, 1)))),
                "program_years": 2,
                "full_time": True,
            }
        )
    doc = {
        "birth_date": born,
        "marital_status": "single",
        "citizenships": [draw(st.sampled_from(["US", "MX", "IN", "CA"]))],
        "education": education,
        "work": work,
        "job_offers": offers,
        "language_tests": draw(results()) if draw(st.booleans()) else [],
    }
    try:
        return validate_profile(doc).profile
    except ProfileError:
        reject()


def _check(profile: Profile, on: date, program: str) -> None:
    book = rulebook.default()
    evaluate = programs.REGISTRY[program]
    was = evaluate(profile, on, book)
    until = programs.STEADY[program](profile, on, book)
    assert until > on
    changes = book.changes(on + _DAY, on + timedelta(days=400))
    last = min(
        [until - _DAY, on + timedelta(days=400), *(c.effective_from - _DAY for c in changes)]
    )
    d = on + _DAY
    while d <= last:
        v = evaluate(profile, d, book)
        moved = (program, on, until, d, profile.model_dump(exclude_defaults=True))
        assert (v.verdict, v.status) == (was.verdict, was.status), moved
        d += _DAY


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.one_of(permit_profiles(), profiles()),
    _day(date(2016, 1, 1), date(2027, 6, 1)),
    st.sampled_from(sorted(programs.STEADY)),
)
def test_no_verdict_moves_before_its_steady_day_on_random_profiles(
    p: Profile, on: date, program: str
) -> None:
    _check(p, on, program)


@pytest.mark.parametrize("program", sorted(programs.STEADY))
@pytest.mark.parametrize("example", sorted(EXAMPLES.glob("*.yaml")), ids=lambda p: p.stem)
def test_no_verdict_moves_before_its_steady_day_on_the_examples(
    example: Path, program: str
) -> None:
    p = load_profile(example)
    for on in (date(2017, 3, 1), date(2018, 1, 15), date(2024, 11, 20), date(2026, 11, 22)):
        _check(p, on, program)


def test_turn_names_the_first_day_a_comparison_may_answer_differently() -> None:
    on = date(2026, 11, 22)
    assert steady.turn(on, date(2027, 1, 31)) == date(2027, 1, 31)  # `end < d` from Feb 1
    assert steady.turn(on, on) == date(2026, 11, 23)  # `end < d` from tomorrow
    assert steady.turn(on, date(2026, 1, 1)) == steady.NEVER  # already past
    assert steady.turn(on, None) == steady.NEVER
    assert steady.first(on, [None, date(2028, 1, 1), date(2027, 5, 5)]) == date(2027, 5, 5)


def test_an_offer_that_ends_makes_a_work_permit_verdict_move_on_its_last_day() -> None:
    doc = {
        "birth_date": date(1990, 1, 1),
        "marital_status": "single",
        "citizenships": ["US"],
        "education": [{"level": "bachelors", "country": "US", "completed": date(2012, 5, 1)}],
        "job_offers": [{"employer": "Acme", "noc": "21231", "end": date(2027, 3, 31)}],
    }
    p = validate_profile(doc).profile
    book, on = rulebook.default(), date(2026, 11, 22)
    for program in ("gts_b", "cusma"):
        assert programs.STEADY[program](p, on, book) <= date(2027, 3, 31)
        # and the verdict does move: the offer has ended on 1 April
        before = programs.REGISTRY[program](p, date(2027, 3, 31), book)
        after = programs.REGISTRY[program](p, date(2027, 4, 1), book)
        assert before.verdict != after.verdict, program
