"""Manitoba's Skilled Worker Overseas stream and its strategic recruitment initiatives: a
connection to Manitoba the profile usually cannot show, CLB 5, post-secondary education,
recent experience, and an assessment grid maplepath does not compute."""

from __future__ import annotations

from datetime import date
from typing import Any

from maplepath.programs import mpnp

from . import ON, assert_criterion, assert_verdict, canadian_job, english, job, make

# A developer in Buenos Aires since 2019, CLB 7, a university degree.
PORTENA: dict[str, Any] = {
    "birth_date": date(1995, 2, 14),
    "citizenships": ["AR"],
    "education": [{"level": "bachelors", "country": "AR", "completed": date(2018, 12, 15)}],
    "language_tests": [english(7)],
    "work": [job(date(2019, 3, 4), country="AR")],
}


def evaluate(on: date = ON, **changes: Any) -> Any:
    return mpnp.evaluate(make(PORTENA, **changes), on)


def test_without_a_known_connection_the_verdict_is_unknown_never_ineligible() -> None:
    v = evaluate()
    assert v.leads_to == "nomination" and v.status == "open"
    c = assert_criterion(v, "manitoba_connection", "unknown")
    assert "Invitation to Apply" in c.needs[0] and "not in the profile" in c.needs[0]
    assert_verdict(v, "unknown")
    assert v.verdict != "ineligible"


def test_past_work_in_manitoba_is_a_connection() -> None:
    work = [*PORTENA["work"], canadian_job(date(2020, 1, 6), date(2021, 12, 31), province="MB")]
    v = evaluate(work=work)
    assert_criterion(v, "manitoba_connection", "met", says="600 CRS points")


def test_manitoba_work_older_than_five_years_is_not_shown_as_a_connection() -> None:
    work = [*PORTENA["work"], canadian_job(date(2018, 1, 8), date(2021, 11, 21), province="MB")]
    assert_criterion(evaluate(work=work), "manitoba_connection", "unknown")
    assert_criterion(evaluate(date(2026, 11, 20), work=work), "manitoba_connection", "met")


def test_clb_4_is_below_the_stream_minimum() -> None:
    assert_criterion(evaluate(language_tests=[english(5, speaking=4)]), "language", "unmet")


def test_secondary_school_only_fails_the_education_requirement() -> None:
    school = [{"level": "secondary", "country": "AR", "completed": date(2012, 12, 15)}]
    assert_criterion(evaluate(education=school), "education", "unmet")


def test_the_experience_detail_names_what_recruitment_missions_look_for() -> None:
    v = evaluate()
    assert_criterion(v, "experience", "met", says="ages 21-45, age 31")


def test_the_assessment_grid_is_named_as_not_computed() -> None:
    assert_criterion(evaluate(), "assessment_grid", "unknown", says="not encoded")


def test_the_stream_is_modelled_from_2015_01_01_and_open_in_2019() -> None:
    assert evaluate(date(2014, 12, 31)).status == "not_yet_open"
    assert evaluate(date(2015, 1, 1)).status == "open"
    assert (
        evaluate(date(2019, 6, 1), language_tests=[english(7, taken=date(2019, 1, 5))]).status
        == "open"
    )


def test_an_empty_profile_is_unknown_never_ineligible() -> None:
    assert_verdict(mpnp.evaluate(make({}), ON), "unknown")


def test_the_in_demand_list_sets_clb_7_for_computer_engineers_from_2026_08_03() -> None:
    # Manitoba's In-Demand Occupations List (fetched 2026-08-03): CLB 7 for 21311, CLB 5 for
    # 21232; a candidate at CLB 6 meets one and not the other.
    engineer = [job(date(2019, 3, 4), country="AR", noc="21311")]
    developer = [job(date(2019, 3, 4), country="AR", noc="21232")]
    at_6 = [english(6)]
    assert_criterion(
        evaluate(work=engineer, language_tests=at_6), "language", "unmet", says="NOC 21311"
    )
    assert_criterion(evaluate(work=developer, language_tests=at_6), "language", "met")
    # the day before the list's date the stream's single CLB 5 applies to both
    before = date(2026, 8, 2)
    assert_criterion(evaluate(before, work=engineer, language_tests=at_6), "language", "met")


def test_the_latest_occupation_decides_and_one_off_the_list_keeps_the_general_minimum() -> None:
    work = [
        job(date(2015, 1, 5), date(2018, 12, 31), country="AR", noc="21311"),
        job(date(2019, 3, 4), country="AR", noc="21232"),
    ]
    c = assert_criterion(evaluate(work=work, language_tests=[english(6)]), "language", "met")
    assert "work[1]" in c.detail
    off_list = [job(date(2019, 3, 4), country="AR", noc="41200")]  # university professors
    assert_criterion(
        evaluate(work=off_list, language_tests=[english(5)]), "language", "met", says="general"
    )


def test_without_a_noc_code_a_level_between_the_minimums_is_unknown() -> None:
    work = [job(date(2019, 3, 4), country="AR", noc=None)]
    c = assert_criterion(evaluate(work=work, language_tests=[english(6)]), "language", "unknown")
    assert "work[].noc" in c.needs
    assert_criterion(evaluate(work=work, language_tests=[english(7)]), "language", "met")
    assert_criterion(evaluate(work=work, language_tests=[english(4)]), "language", "unmet")
