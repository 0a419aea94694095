"""The trajectory: month points, and events dated to the day they move the CRS or a verdict."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from maplepath import programs
from maplepath.crs import scalar as crs
from maplepath.planner.trajectory import _first_change, trajectory
from maplepath.profile.load import load_profile, validate_profile
from maplepath.profile.model import Profile
from maplepath.programs.common import shift
from maplepath.rulebook.rulefile import load_yaml

from ..conftest import EXAMPLES
from ..strategies import profiles


def profile(**overrides: Any) -> Profile:
    """A single software developer abroad, born 1996-03-10, IELTS taken 2025-02-01."""
    data: dict[str, Any] = {
        "birth_date": "1996-03-10",
        "citizenships": ["IN"],
        "marital_status": "single",
        "education": [
            {
                "level": "bachelors",
                "program_years": 4,
                "country": "IN",
                "completed": "2018-05-31",
                "full_time": True,
                "eca": {"issuer": "WES", "issued": "2024-09-01", "level": "bachelors"},
            }
        ],
        "language_tests": [
            {
                "test": "ielts_general",
                "date": "2025-02-01",
                "scores": {"listening": 8.5, "reading": 7.5, "writing": 7, "speaking": 7},
            }
        ],
        "work": [
            {
                "employer": "Infosys",
                "title": "Software developer",
                "noc": "21232",
                "country": "IN",
                "start": "2018-07-01",
                "end": None,
                "hours_per_week": 40,
            }
        ],
        "settlement_funds_cad": 30000,
        "family_size": 1,
    }
    data.update(overrides)
    return validate_profile(data).profile


def events_of(t: Any, kind: str) -> list[Any]:
    return [e for e in t.events if e.kind == kind]


def test_months_are_the_same_day_each_month_clamped_to_short_months() -> None:
    assert shift(date(2026, 1, 31), months=1) == date(2026, 2, 28)
    assert shift(date(2026, 11, 22), months=14) == date(2028, 1, 22)
    t = trajectory(profile(), date(2026, 1, 31), 3, with_programs=False)
    assert [p.on for p in t.points] == [
        date(2026, 1, 31),
        date(2026, 2, 28),
        date(2026, 3, 31),
        date(2026, 4, 30),
    ]


def test_the_30th_birthday_costs_age_points_on_the_day() -> None:
    t = trajectory(profile(), date(2026, 1, 1), 12)
    birthday = [e for e in events_of(t, "birthday") if e.on == date(2026, 3, 10)]
    assert len(birthday) == 1
    assert "turns 30" in birthday[0].text
    # Single, 29 -> 110 points, 30 -> 105 (crs.core.age); told with the birthday, not apart.
    assert "age 110 -> 105" in birthday[0].text
    before = crs.score(profile(), date(2026, 3, 9)).total
    after = crs.score(profile(), date(2026, 3, 10)).total
    assert before - after == 5
    assert birthday[0].crs_after == after
    by_month = {p.month: p.crs for p in t.points}
    assert by_month["2026-03"] == before  # the point of 2026-03-01 is before the birthday
    assert by_month["2026-04"] == after


def test_a_language_result_expires_on_its_second_anniversary() -> None:
    t = trajectory(profile(), date(2026, 11, 1), 6)
    expiry = events_of(t, "language_expiry")
    assert [e.on for e in expiry] == [date(2027, 2, 1)]
    assert "IELTS General Training" in expiry[0].text
    assert "first language" in expiry[0].text  # the CRS lines it takes with it
    assert (
        crs.score(profile(), date(2027, 1, 31)).total > crs.score(profile(), date(2027, 2, 1)).total
    )
    fsw = [e for e in events_of(t, "program") if e.text.startswith("fsw:")]
    assert [e.on for e in fsw] == [date(2027, 2, 1)]
    assert "eligible (open) -> ineligible (open)" in fsw[0].text


def test_an_eca_expires_five_years_after_it_was_issued() -> None:
    t = trajectory(profile(), date(2029, 6, 1), 6, with_programs=False)
    assert [e.on for e in events_of(t, "eca_expiry")] == [date(2029, 9, 1)]


def test_canadian_experience_anniversaries_are_dated_by_bisection() -> None:
    p = profile(
        work=[
            {
                "employer": "Shopify",
                "title": "Software developer",
                "noc": "21232",
                "country": "CA",
                "province": "ON",
                "start": "2025-01-06",
                "end": None,
                "hours_per_week": 30,
                "authorized": True,
                "full_time_student": False,
                "self_employed": False,
            }
        ]
    )
    t = trajectory(p, date(2025, 11, 1), 18, with_programs=False)
    changes = [e for e in events_of(t, "crs") if "Canadian work experience" in e.text]
    assert changes, "a year of Canadian work must show"
    for e in changes:
        # The day found is the first day the line differs: the day before it did not.
        def line(d: date, factor: str = e.text[4:28]) -> int:
            return next(x.points for x in crs.score(p, d).lines if x.factor == factor)

        assert line(e.on - timedelta(days=1)) != line(e.on)


def test_rule_changes_already_dated_are_events_with_their_effect() -> None:
    offer = {
        "employer": "Shopify",
        "noc": "21232",
        "province": "ON",
        "start": "2024-06-01",
        "end": None,
        "full_time": True,
        "lmia": "approved",
    }
    p = profile(job_offers=[offer])
    t = trajectory(p, date(2025, 3, 1), 1, with_programs=False)
    change = [e for e in t.events if e.on == date(2025, 3, 25) and e.kind == "rule_change"]
    assert any(e.rule == "crs.additional.arranged_employment" for e in change)
    assert t.points[0].crs - t.points[1].crs == 50


def test_a_job_offer_running_out_is_flagged_120_days_before_its_end() -> None:
    offer = {
        "employer": "Clio",
        "noc": "21232",
        "province": "BC",
        "start": "2026-01-01",
        "end": "2027-06-30",
        "full_time": True,
    }
    t = trajectory(profile(job_offers=[offer]), date(2026, 11, 22), 12, with_programs=False)
    flags = events_of(t, "job_offer")
    assert date(2027, 6, 30) - timedelta(days=119) in [e.on for e in flags]
    assert date(2027, 6, 30) in [e.on for e in flags]


def test_passport_and_other_document_expiries_can_be_added() -> None:
    t = trajectory(
        profile(),
        date(2026, 11, 22),
        12,
        expiries=[(date(2027, 3, 1), "passport expires"), (date(2030, 1, 1), "too late")],
        with_programs=False,
    )
    assert [e.text for e in events_of(t, "document_expiry")] == ["passport expires"]


def test_every_event_sits_in_the_first_point_on_or_after_it() -> None:
    t = trajectory(profile(), date(2026, 1, 1), 14)
    for prev, point in zip(t.points, t.points[1:], strict=False):
        for e in point.events:
            assert prev.on < e.on <= point.on


def test_json_shape_is_month_crs_events() -> None:
    out = trajectory(profile(), date(2026, 1, 1), 3).to_json()
    assert len(out) == 4
    assert set(out[0]) >= {"month", "crs", "events"}
    assert out[0]["month"] == "2026-01"
    assert isinstance(out[0]["crs"], int)
    assert all(isinstance(e, str) for p in out for e in p["events"])
    assert out[0]["programs"]["fsw"] == {"verdict": "eligible", "status": "open"}


def test_missing_birth_date_gives_no_birthday_events_rather_than_failing() -> None:
    t = trajectory(profile(birth_date=None), date(2026, 1, 1), 14, with_programs=False)
    assert events_of(t, "birthday") == []


@pytest.mark.parametrize("months", [-1, 241])
def test_months_out_of_range_are_refused(months: int) -> None:
    with pytest.raises(ValueError, match="months"):
        trajectory(profile(), date(2026, 1, 1), months)


@given(
    st.integers(1, 60),
    st.integers(0, 60),
    st.lists(st.integers(-5, 65), max_size=4),
)
def test_hinted_days_find_the_same_change_day_as_plain_bisection(
    span: int, offset: int, hint_offsets: list[int]
) -> None:
    # One change in (lo, hi], anywhere: hints at, before, after it or outside the interval
    # never move the day found, and a hint on the day needs at most two evaluations.
    lo = date(2027, 1, 1)
    hi = lo + timedelta(days=span)
    change = lo + timedelta(days=1 + offset % span)
    asked: list[date] = []

    def differs(d: date) -> bool:
        asked.append(d)
        return d >= change

    hints = sorted({lo + timedelta(days=k) for k in hint_offsets})
    assert _first_change(lo, hi, differs) == change
    asked.clear()
    assert _first_change(lo, hi, differs, hints) == change
    if change in hints and all(h >= change for h in hints if lo < h <= hi):
        assert len(asked) <= 2


@pytest.mark.parametrize("start", [date(2016, 6, 1), date(2022, 2, 3), date(2026, 11, 22)])
@pytest.mark.parametrize("example", sorted(EXAMPLES.glob("*.yaml")), ids=lambda p: p.stem)
def test_each_point_has_exactly_the_verdicts_of_evaluating_every_program_that_day(
    example: Path, start: date
) -> None:
    # Settled verdicts are carried forward between rule changes rather than evaluated again:
    # the states must be those of a full evaluation on every point's day.
    p = load_profile(example)
    for point in trajectory(p, start, 36).points:
        expected = {v.program: (v.verdict, v.status) for v in programs.evaluate_all(p, point.on)}
        assert point.programs == expected, point.on


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(profiles(), st.dates(date(2024, 1, 1), date(2026, 12, 31)))
def test_carried_verdicts_equal_a_full_evaluation_on_random_profiles(
    p: Profile, start: date
) -> None:
    # The same check on random profiles: results taken after the start (a language minimum
    # unmet now may be met later), expired ones, French in some streams only, couples.
    for point in trajectory(p, start, 24).points:
        expected = {v.program: (v.verdict, v.status) for v in programs.evaluate_all(p, point.on)}
        assert point.programs == expected, point.on


def test_a_result_dated_later_meets_a_language_minimum_unmet_today() -> None:
    """A language minimum unmet today is not carried forward as settled while a result dated
    later is in the profile (a booked test): on its day FSW's language criterion is met."""
    doc = load_yaml((EXAMPLES / "software_engineer_abroad.yaml").read_text(encoding="utf-8"))
    doc["language_tests"] = [
        {"test": "ielts_general", "date": date(2026, 1, 10),
         "scores": {"listening": 5.5, "reading": 5.5, "writing": 5.5, "speaking": 5.5}},
        {"test": "ielts_general", "date": date(2027, 3, 6),
         "scores": {"listening": 8.5, "reading": 8.0, "writing": 7.5, "speaking": 7.5}},
    ]  # fmt: skip
    p = validate_profile(doc).profile
    points = trajectory(p, date(2026, 12, 1), 12).points
    states = {point.on: point.programs["fsw"] for point in points}
    assert states[date(2026, 12, 1)][0] == "ineligible"
    assert states[date(2027, 4, 1)][0] != "ineligible"
    for point in points:
        expected = {v.program: (v.verdict, v.status) for v in programs.evaluate_all(p, point.on)}
        assert point.programs == expected, point.on


def test_settled_programs_are_not_evaluated_again_until_a_rule_changes(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    asked: list[tuple[date, tuple[str, ...]]] = []
    real = programs.evaluate_some

    def spy(profile: Profile, on: date, ids: Any, book: Any = None) -> Any:
        asked.append((on, tuple(ids)))
        return real(profile, on, ids, book)

    monkeypatch.setattr(programs, "evaluate_some", spy)
    p = profile()
    trajectory(p, date(2026, 11, 22), 12)
    first, later = asked[0][1], asked[1][1]
    assert len(first) == len(programs.REGISTRY)  # the first point evaluates everything
    assert "cusma" not in later  # an Indian citizen: CUSMA's citizenship criterion is timeless
    assert "ee_category:healthcare" not in later  # NOC 21232 is not on its list
    assert "fsw" in later  # eligible: evaluated at every point
    # Across a rule change every program is evaluated again on the first point after it.
    asked.clear()
    trajectory(p, date(2025, 12, 20), 3)  # new categories and lists on 2026-02-18
    after = next(ids for on, ids in asked if on >= date(2026, 2, 18))
    assert len(after) == len(programs.REGISTRY)
