"""Work experience as IRCC counts it: 30 hours a week is full time, 1,560 hours make a year."""

from __future__ import annotations

import math
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from maplepath.profile.experience import Accrual, Run, _hours, accrue, longest_continuous
from maplepath.profile.model import WorkPeriod
from maplepath.rulebook.book import RuleBook

ON = date(2026, 11, 21)
YEAR_OF_52_WEEKS = 364  # days: 52 weeks x 30 hours = 1,560 hours exactly
ONE_DAY_FULL_TIME = 30 / 7 / 1560  # years earned by one day of full-time work

SOFTWARE_ENGINEER = "21231"  # TEER 1
NETWORK_TECHNICIAN = "22220"  # TEER 2
SENIOR_MANAGER = "00012"  # TEER 0
NURSE_AIDE = "33102"  # TEER 3
RETAIL_SALESPERSON = "64100"  # TEER 4
CONSTRUCTION_HELPER = "75110"  # TEER 5


def work(
    start: date | None, end: date | None, hours: float | None = 40, **facts: Any
) -> WorkPeriod:
    """A Canadian, authorized, salaried, non-student software-engineering period unless told."""
    known: dict[str, Any] = {
        "noc": SOFTWARE_ENGINEER,
        "country": "CA",
        "self_employed": False,
        "full_time_student": False,
        "authorized": True,
    }
    return WorkPeriod(start=start, end=end, hours_per_week=hours, **(known | facts))


def days_from(start: date, days: int) -> date:
    """The last day of a period of ``days`` days that starts on ``start``."""
    return start + timedelta(days=days - 1)


def assert_years(accrual: Accrual, years: float, possible: float | None = None) -> None:
    assert accrual.years == pytest.approx(years, abs=1e-9), accrual
    expected = years if possible is None else possible
    assert accrual.possible_years == pytest.approx(expected, abs=1e-9), accrual


def assert_uncertain(accrual: Accrual, index: int, years: float = 1) -> None:
    """The period's missing fact decides whether ``years`` are reached: neither met nor unmet."""
    assert accrual.years < accrual.possible_years, accrual
    assert index in accrual.unknown, accrual
    assert accrual.at_least(years) is None, accrual


# Full time, part time and the 30-hour cap ----------------------------------------------------


def test_a_year_at_40_hours_a_week_is_one_year_not_one_and_a_third() -> None:
    start = date(2024, 1, 1)
    assert_years(accrue([work(start, days_from(start, YEAR_OF_52_WEEKS))], ON), 1.0)


def test_a_calendar_year_of_full_time_work_is_365_days_of_30_hours() -> None:
    accrual = accrue([work(date(2025, 1, 1), date(2025, 12, 31), hours=30)], ON)
    assert_years(accrual, 365 / 364)
    assert accrual.at_least(1) is True


def test_15_hours_a_week_for_two_years_is_one_year() -> None:
    start = date(2023, 1, 2)
    accrual = accrue([work(start, days_from(start, 2 * YEAR_OF_52_WEEKS), hours=15)], ON)
    assert_years(accrual, 1.0)


def test_part_time_alone_for_one_year_is_half_a_year() -> None:
    start = date(2024, 1, 1)
    accrual = accrue([work(start, days_from(start, YEAR_OF_52_WEEKS), hours=15)], ON)
    assert_years(accrual, 0.5)
    assert accrual.at_least(1) is False


def test_two_concurrent_20_hour_jobs_are_full_time_not_40_hours() -> None:
    start, end = date(2024, 1, 1), days_from(date(2024, 1, 1), YEAR_OF_52_WEEKS)
    jobs = [work(start, end, hours=20), work(start, end, hours=20, noc=NETWORK_TECHNICIAN)]
    assert_years(accrue(jobs, ON), 1.0)


def test_two_concurrent_part_time_jobs_add_their_hours_below_the_cap() -> None:
    start, end = date(2024, 1, 1), days_from(date(2024, 1, 1), YEAR_OF_52_WEEKS)
    assert_years(accrue([work(start, end, hours=15), work(start, end, hours=10)], ON), 25 / 30)


def test_overlapping_periods_are_counted_once() -> None:
    # Two full-time letters for one job, 52 weeks each, sharing their last/first 26 weeks.
    first = work(date(2023, 1, 2), days_from(date(2023, 1, 2), YEAR_OF_52_WEEKS))
    second = work(date(2023, 7, 3), days_from(date(2023, 7, 3), YEAR_OF_52_WEEKS))
    assert_years(accrue([first, second], ON), 1.5)


def test_zero_hours_a_week_is_no_experience() -> None:
    assert_years(accrue([work(date(2024, 1, 1), date(2024, 12, 31), hours=0)], ON), 0.0)


# Dates: the window, ongoing periods, the future ---------------------------------------------


def test_the_three_year_window_starts_the_day_after_the_same_date_three_years_earlier() -> None:
    ends_before = work(date(2022, 1, 1), date(2023, 11, 21))
    ends_on_first_day = work(date(2022, 1, 1), date(2023, 11, 22))
    assert_years(accrue([ends_before], ON, window_years=3), 0.0)
    assert_years(accrue([ends_on_first_day], ON, window_years=3), ONE_DAY_FULL_TIME)


def test_a_period_starting_before_the_window_counts_only_inside_it() -> None:
    accrual = accrue([work(date(2015, 1, 1), None)], ON, window_years=3)
    window_days = (ON - date(2023, 11, 22)).days + 1
    assert window_days == 1096  # 2024-02-29 falls inside
    assert_years(accrual, window_days * ONE_DAY_FULL_TIME)


def test_the_window_ends_on_the_assessment_date_inclusive() -> None:
    assert_years(accrue([work(ON, ON)], ON, window_years=3), ONE_DAY_FULL_TIME)
    assert_years(accrue([work(ON + timedelta(days=1), None)], ON, window_years=3), 0.0)


def test_an_ongoing_period_counts_up_to_the_assessment_date() -> None:
    start = ON - timedelta(days=YEAR_OF_52_WEEKS - 1)  # 364 days ending on ON
    assert_years(accrue([work(start, None)], ON), 1.0)
    assert_years(accrue([work(start, None)], ON - timedelta(days=182)), 0.5)


def test_work_after_the_assessment_date_does_not_count() -> None:
    future = work(date(2027, 1, 1), date(2028, 1, 1))
    straddling = work(ON - timedelta(days=6), ON + timedelta(days=300))
    assert_years(accrue([future], ON), 0.0)
    assert_years(accrue([straddling], ON), 7 * ONE_DAY_FULL_TIME)


def test_without_a_window_all_past_work_counts() -> None:
    start = date(2001, 1, 1)
    assert_years(accrue([work(start, days_from(start, 364 * 3))], ON), 3.0)


def test_a_window_shorter_than_one_year_is_refused() -> None:
    with pytest.raises(ValueError, match="window_years"):
        accrue([], ON, window_years=0)


# Which work counts ----------------------------------------------------------------------------


@pytest.mark.parametrize("noc", [SENIOR_MANAGER, SOFTWARE_ENGINEER, NETWORK_TECHNICIAN, NURSE_AIDE])
def test_teer_0_to_3_is_skilled_work(noc: str) -> None:
    assert_years(accrue([work(date(2024, 1, 1), date(2024, 12, 29), noc=noc)], ON), 1.0)


@pytest.mark.parametrize("noc", [RETAIL_SALESPERSON, CONSTRUCTION_HELPER])
def test_teer_4_and_5_are_not_skilled_work(noc: str) -> None:
    period = work(date(2024, 1, 1), date(2024, 12, 29), noc=noc)
    assert_years(accrue([period], ON), 0.0)
    assert_years(accrue([period], ON, skilled_only=False), 1.0)


def test_a_noc_2016_code_counts_when_every_noc_2021_successor_is_skilled() -> None:
    # 2173 (software engineers) became 21231 or, in part, 21211: both TEER 1.
    assert_years(accrue([work(date(2024, 1, 1), date(2024, 12, 29), noc="2173")], ON), 1.0)


def test_a_noc_2016_code_split_across_skilled_and_unskilled_teers_is_unknown() -> None:
    # 1123 became 11202 (TEER 1), or in part 10022 (TEER 0) or 64409 (TEER 4).
    accrual = accrue([work(date(2024, 1, 1), date(2024, 12, 29), noc="1123")], ON)
    assert_years(accrual, 0.0, possible=1.0)
    assert_uncertain(accrual, 0)


def test_a_list_of_nocs_keeps_only_work_in_those_occupations() -> None:
    periods = [
        work(date(2022, 1, 3), date(2022, 12, 31), noc=SOFTWARE_ENGINEER),
        work(date(2024, 1, 1), date(2024, 12, 29), noc=NETWORK_TECHNICIAN),
    ]
    assert_years(accrue(periods, ON, nocs={NETWORK_TECHNICIAN}), 1.0)


def test_self_employment_is_excluded_only_where_the_program_excludes_it() -> None:
    period = work(date(2024, 1, 1), date(2024, 12, 29), self_employed=True)
    assert_years(accrue([period], ON), 1.0)
    assert_years(accrue([period], ON, exclude_self_employed=True), 0.0)


def test_work_as_a_full_time_student_is_excluded_only_where_the_program_excludes_it() -> None:
    period = work(date(2024, 1, 1), date(2024, 12, 29), full_time_student=True)
    assert_years(accrue([period], ON), 1.0)
    assert_years(accrue([period], ON, exclude_full_time_student=True), 0.0)


def test_canadian_work_without_authorization_does_not_count() -> None:
    period = work(date(2024, 1, 1), date(2024, 12, 29), authorized=False)
    assert_years(accrue([period], ON, require_authorized=True), 0.0)


def test_work_authorization_is_not_asked_of_foreign_work() -> None:
    period = work(date(2024, 1, 1), date(2024, 12, 29), country="IN", authorized=None)
    assert_years(accrue([period], ON, require_authorized=True), 1.0)


def test_canadian_and_foreign_work_are_counted_apart() -> None:
    periods = [
        work(date(2018, 1, 1), days_from(date(2018, 1, 1), 2 * YEAR_OF_52_WEEKS), country="IN"),
        work(date(2024, 1, 1), date(2024, 12, 29), country="CA"),
    ]
    assert_years(accrue(periods, ON, where="foreign"), 2.0)
    assert_years(accrue(periods, ON, where="canada"), 1.0)
    assert_years(accrue(periods, ON), 3.0)


# Missing facts are unknown, never "no experience" ----------------------------------------------

A_YEAR = (date(2024, 1, 1), date(2024, 12, 29))


@pytest.mark.parametrize(
    ("facts", "filters"),
    [
        ({"noc": None}, {}),
        ({"country": None}, {"where": "canada"}),
        ({"country": None}, {"where": "foreign"}),
        ({"authorized": None}, {"require_authorized": True}),
        ({"country": None, "authorized": False}, {"require_authorized": True}),
        ({"self_employed": None}, {"exclude_self_employed": True}),
        ({"full_time_student": None}, {"exclude_full_time_student": True}),
    ],
    ids=[
        "noc",
        "country-canada",
        "country-foreign",
        "authorized",
        "country-of-unauthorized-work",
        "self-employed",
        "student",
    ],
)
def test_a_missing_fact_leaves_the_year_possible_but_not_certain(
    facts: dict[str, Any], filters: dict[str, Any]
) -> None:
    accrual = accrue([work(*A_YEAR, **facts)], ON, **filters)
    assert_years(accrual, 0.0, possible=1.0)
    assert_uncertain(accrual, 0)


def test_missing_hours_count_nothing_for_sure_and_full_time_at_best() -> None:
    accrual = accrue([work(*A_YEAR, hours=None)], ON)
    assert_years(accrual, 0.0, possible=1.0)
    assert_uncertain(accrual, 0)


def test_a_missing_start_date_without_a_window_could_be_any_length() -> None:
    accrual = accrue([work(None, date(2024, 12, 29))], ON)
    assert accrual.years == 0.0 and accrual.possible_years == math.inf
    assert_uncertain(accrual, 0, years=100)


def test_a_missing_start_date_is_bounded_by_the_window() -> None:
    accrual = accrue([work(None, None)], ON, window_years=3)
    assert_years(accrual, 0.0, possible=1096 * ONE_DAY_FULL_TIME)
    assert_uncertain(accrual, 0, years=3)


def test_missing_facts_of_work_outside_the_window_do_not_matter() -> None:
    accrual = accrue([work(None, date(2020, 1, 1), country=None)], ON, window_years=3)
    assert accrual == Accrual(0.0, 0.0, ())


def test_a_missing_fact_does_not_matter_when_another_fact_already_excludes_the_work() -> None:
    period = work(*A_YEAR, noc=CONSTRUCTION_HELPER, country=None, self_employed=None)
    accrual = accrue([period], ON, where="canada", exclude_self_employed=True)
    assert accrual == Accrual(0.0, 0.0, ())


def test_uncertain_work_is_still_capped_at_full_time() -> None:
    accrual = accrue([work(*A_YEAR), work(*A_YEAR, hours=None, noc=None)], ON)
    assert_years(accrual, 1.0, possible=1.0)
    assert accrual.unknown == (1,)
    assert accrual.at_least(1) is True


def test_enough_certain_experience_is_met_whatever_is_unknown() -> None:
    start = date(2022, 1, 3)
    accrual = accrue([work(start, days_from(start, 728)), work(*A_YEAR, noc=None)], ON)
    assert accrual.at_least(2) is True and accrual.at_least(3) is None
    assert accrual.at_least(3.5) is False


# The rule is read from the rule book ----------------------------------------------------------


def test_the_full_time_week_and_year_come_from_the_rule_book(tmp_path: Path) -> None:
    rule = tmp_path / "experience" / "full_time.yaml"
    rule.parent.mkdir()
    rule.write_text(
        "description: a 40-hour week, for this test\n"
        "metadata:\n"
        "  last_verified: 2026-11-21\n"
        "  reference: [{title: test, href: 'https://example.org'}]\n"
        "values:\n"
        "  '2015-01-01': {value: {hours_per_week: 40, hours_per_year: 2080}}\n"
    )
    book = RuleBook(tmp_path)
    start = date(2024, 1, 1)
    period = work(start, days_from(start, YEAR_OF_52_WEEKS), hours=30)
    assert_years(accrue([period], ON, book=book), 0.75)


def test_before_express_entry_opened_there_is_no_rule_to_count_by() -> None:
    with pytest.raises(ValueError, match=r"experience\.full_time starts 2015-01-01"):
        accrue([work(date(2012, 1, 1), None)], date(2014, 12, 31))


# Continuous work in one occupation -----------------------------------------------------------


def test_back_to_back_periods_in_one_noc_are_one_continuous_run() -> None:
    periods = [
        work(date(2023, 1, 2), date(2023, 7, 2)),
        work(date(2023, 7, 3), days_from(date(2023, 1, 2), YEAR_OF_52_WEEKS)),
    ]
    run = longest_continuous(periods, ON)
    assert run is not None and run.years == pytest.approx(1.0)
    assert run == Run(SOFTWARE_ENGINEER, date(2023, 1, 2), date(2023, 12, 31), run.years, (0, 1))


def test_a_gap_of_one_day_breaks_a_continuous_run() -> None:
    periods = [work(date(2023, 1, 2), date(2023, 7, 2)), work(date(2023, 7, 4), date(2023, 12, 31))]
    run = longest_continuous(periods, ON)
    assert run is not None
    assert (run.start, run.end) == (date(2023, 1, 2), date(2023, 7, 2))
    assert run.years == pytest.approx(182 * ONE_DAY_FULL_TIME)


def test_a_change_of_noc_breaks_a_continuous_run() -> None:
    periods = [
        work(date(2023, 1, 1), date(2023, 7, 2), noc=NETWORK_TECHNICIAN),
        work(date(2023, 7, 3), date(2023, 12, 31), noc=SOFTWARE_ENGINEER),
    ]
    run = longest_continuous(periods, ON)
    assert run is not None and run.noc == NETWORK_TECHNICIAN and run.periods == (0,)
    assert accrue(periods, ON).at_least(1) is True  # the total is a year; no run is


def test_part_time_counts_at_its_equivalent_rate_within_a_run() -> None:
    start = date(2022, 1, 3)
    run = longest_continuous([work(start, days_from(start, 2 * YEAR_OF_52_WEEKS), hours=15)], ON)
    assert run is not None and run.years == pytest.approx(1.0)


def test_a_run_counts_only_inside_the_window() -> None:
    run = longest_continuous([work(date(2010, 1, 1), None)], ON, window_years=10)
    assert run is not None and run.start == date(2016, 11, 22) and run.end == ON


def test_the_run_with_the_most_experience_wins_not_the_most_recent() -> None:
    periods = [
        work(date(2019, 1, 1), date(2020, 6, 30)),
        work(date(2022, 1, 1), date(2022, 6, 30)),
        work(date(2024, 1, 1), date(2024, 12, 31), hours=15),
    ]
    run = longest_continuous(periods, ON)
    assert run is not None and run.periods == (0,)


def test_runs_of_equal_experience_go_to_the_most_recent() -> None:
    periods = [
        work(date(2021, 1, 1), date(2021, 6, 30), noc=NETWORK_TECHNICIAN),
        work(date(2023, 1, 1), date(2023, 6, 30)),
    ]
    run = longest_continuous(periods, ON)
    assert run is not None and run.noc == SOFTWARE_ENGINEER and run.periods == (1,)


def test_no_counted_work_is_no_run() -> None:
    assert longest_continuous([], ON) is None
    assert longest_continuous([work(*A_YEAR, noc=RETAIL_SALESPERSON)], ON) is None


def test_missing_facts_leave_a_run_out_unless_assumed_favourable() -> None:
    periods = [work(*A_YEAR, self_employed=None), work(date(2024, 12, 30), None, noc=None)]
    assert longest_continuous(periods, ON, exclude_self_employed=True) is None
    run = longest_continuous(periods, ON, exclude_self_employed=True, assume_favourable=True)
    assert run is not None and run.noc == SOFTWARE_ENGINEER and run.periods == (0, 1)
    assert run.start == date(2024, 1, 1) and run.end == ON


def test_missing_hours_keep_a_run_continuous_but_add_nothing_for_sure() -> None:
    periods = [work(date(2024, 1, 1), date(2024, 6, 30), hours=None), work(date(2024, 7, 1), None)]
    run = longest_continuous(periods, ON)
    assert run is not None and run.start == date(2024, 1, 1) and run.periods == (0, 1)
    favourable = longest_continuous(periods, ON, assume_favourable=True)
    assert favourable is not None and favourable.years > run.years


def test_a_favourable_run_of_work_with_no_noc_given_has_no_noc() -> None:
    run = longest_continuous([work(*A_YEAR, noc=None)], ON, assume_favourable=True)
    assert run is not None and run.noc == "" and run.years == pytest.approx(1.0)


def test_a_favourable_run_with_no_start_date_and_no_window_is_unbounded() -> None:
    run = longest_continuous([work(None, None)], ON, assume_favourable=True)
    assert run is not None and run.years == math.inf


# Properties ----------------------------------------------------------------------------------

FIRST_DAY = date(2018, 1, 1)
NOCS = [SOFTWARE_ENGINEER, NETWORK_TECHNICIAN, RETAIL_SALESPERSON, CONSTRUCTION_HELPER, "1123"]
maybe_bool = st.sampled_from([True, False, None])


@st.composite
def periods(draw: st.DrawFn, *, start_known: bool = False) -> WorkPeriod:
    start = FIRST_DAY + timedelta(days=draw(st.integers(0, 3400)))
    length = draw(st.integers(0, 1200))
    return WorkPeriod(
        noc=draw(st.sampled_from([*NOCS, None])),
        country=draw(st.sampled_from(["CA", "IN", None])),
        start=start if start_known else draw(st.sampled_from([start, start, start, None])),
        end=draw(st.sampled_from([start + timedelta(days=length), None])),
        hours_per_week=draw(st.sampled_from([40, 30, 20, 15, 7.5, 0, None])),
        self_employed=draw(maybe_bool),
        full_time_student=draw(maybe_bool),
        authorized=draw(maybe_bool),
    )


on_dates = st.builds(lambda d: date(2021, 1, 1) + timedelta(days=d), st.integers(0, 2200))
filter_sets = st.fixed_dictionaries(
    {
        "window_years": st.sampled_from([None, 1, 3, 5, 10]),
        "where": st.sampled_from(["canada", "foreign", "any"]),
        "skilled_only": st.booleans(),
        "exclude_self_employed": st.booleans(),
        "exclude_full_time_student": st.booleans(),
        "require_authorized": st.booleans(),
    }
)
profiles = st.lists(periods(), max_size=5)
FAST = settings(max_examples=200, deadline=None)


def assert_same_accrual(a: Accrual, b: Accrual) -> None:
    assert a.years == pytest.approx(b.years, abs=1e-9)
    assert a.possible_years == pytest.approx(b.possible_years, abs=1e-9)


def assert_same_run(a: Run | None, b: Run | None) -> None:
    assert (a is None) == (b is None)
    if a is not None and b is not None:
        assert a.years == pytest.approx(b.years, abs=1e-9)


@FAST
@given(profiles, periods(start_known=True), st.integers(0, 1200), on_dates, filter_sets)
def test_splitting_a_period_in_two_adjacent_ones_changes_nothing(
    others: list[WorkPeriod], whole: WorkPeriod, cut: int, on: date, filters: dict[str, Any]
) -> None:
    assert whole.start is not None
    last = whole.end or on
    if last <= whole.start:
        return
    split_end = whole.start + timedelta(days=cut % (last - whole.start).days)
    halves = [
        whole.model_copy(update={"end": split_end}),
        whole.model_copy(update={"start": split_end + timedelta(days=1)}),
    ]
    assert_same_accrual(
        accrue([*others, whole], on, **filters), accrue([*others, *halves], on, **filters)
    )
    for favourable in (False, True):
        assert_same_run(
            longest_continuous([*others, whole], on, assume_favourable=favourable, **filters),
            longest_continuous([*others, *halves], on, assume_favourable=favourable, **filters),
        )


@FAST
@given(
    profiles,
    periods(),
    st.sampled_from([RETAIL_SALESPERSON, CONSTRUCTION_HELPER]),
    on_dates,
    filter_sets,
)
def test_adding_unskilled_work_never_changes_skilled_experience(
    work_history: list[WorkPeriod], extra: WorkPeriod, noc: str, on: date, filters: dict[str, Any]
) -> None:
    filters = filters | {"skilled_only": True}
    unskilled = extra.model_copy(update={"noc": noc})
    assert accrue(work_history, on, **filters) == accrue([*work_history, unskilled], on, **filters)
    for favourable in (False, True):
        assert longest_continuous(
            work_history, on, assume_favourable=favourable, **filters
        ) == longest_continuous(
            [*work_history, unskilled], on, assume_favourable=favourable, **filters
        )


@FAST
@given(profiles, on_dates, filter_sets)
def test_certain_years_never_exceed_possible_years_nor_the_window(
    work_history: list[WorkPeriod], on: date, filters: dict[str, Any]
) -> None:
    accrual = accrue(work_history, on, **filters)
    assert 0 <= accrual.years <= accrual.possible_years + 1e-9
    run = longest_continuous(work_history, on, **filters)
    best = longest_continuous(work_history, on, assume_favourable=True, **filters)
    if run is not None:
        assert run.years <= accrual.years + 1e-9
        assert best is not None and run.years <= best.years + 1e-9
    if best is not None:
        assert best.years <= accrual.possible_years + 1e-9
    if filters["window_years"] is not None:
        # A window holds at most one leap day more than window_years x 365.25 days.
        full_time_years = (filters["window_years"] * 365.25 + 1) * ONE_DAY_FULL_TIME
        assert accrual.possible_years <= full_time_years + 1e-9
    if accrual.years < accrual.possible_years - 1e-9:
        assert accrual.unknown


spans = st.tuples(
    st.integers(0, 3000), st.integers(0, 900), st.sampled_from([0.0, 7.5, 15.0, 29.5, 30.0, 45.0])
)


@FAST
@given(spans, spans)
def test_two_periods_sum_as_a_day_by_day_count_in_any_order(a: Any, b: Any) -> None:
    # The sweep over two periods (a first job, then the next, or two at once): the same float,
    # bit for bit, in either order and with a later period of no hours added; and the hours of
    # each day, capped at full time, added up.
    base = date(2010, 1, 1)
    two = [
        (base + timedelta(days=start), base + timedelta(days=start + length), hours, i)
        for i, (start, length, hours) in enumerate((a, b))
    ]
    far = base + timedelta(days=5000)
    assert _hours(two, 30.0) == _hours([*two, (far, far, 0.0, 2)], 30.0)
    assert _hours(two, 30.0) == _hours(two[::-1], 30.0)
    by_day = sum(
        min(sum(h for first, last, h, _ in two if first <= day <= last), 30.0) / 7
        for day in (base + timedelta(days=d) for d in range(3902))
    )
    assert _hours(two, 30.0) == pytest.approx(by_day, rel=1e-12)
