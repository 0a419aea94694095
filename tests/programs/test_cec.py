"""Canadian Experience Class: a year of Canadian skilled work in three, and CLB by TEER."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from maplepath.profile.load import load_profile
from maplepath.programs import cec
from maplepath.rulebook.book import RuleBook

from ..conftest import EXAMPLES
from . import (
    ON,
    assert_criterion,
    assert_verdict,
    canadian_job,
    days,
    english,
    ircc_crawl,
    job,
    make,
    requirement,
)

# A developer in Toronto on a work permit since 2024: 2.9 years of TEER 1 work, CLB 9.
DEVELOPER: dict[str, Any] = {
    "birth_date": date(1997, 3, 3),
    "marital_status": "single",
    "language_tests": [english(9)],
    "work": [canadian_job(date(2024, 1, 8))],
}
NETWORK_TECHNICIAN = "22220"  # TEER 2
SOFTWARE_ENGINEER = "21231"  # TEER 1


def test_a_developer_with_canadian_experience_and_clb_9_is_eligible() -> None:
    v = cec.evaluate(make(DEVELOPER), ON)
    assert_verdict(v, "eligible")
    assert v.ids == ["experience", "language"]  # no education rule, no proof of funds


def test_52_weeks_of_canadian_work_make_the_year_and_a_day_less_does_not() -> None:
    enough = cec.evaluate(make(DEVELOPER, work=[canadian_job(*days(date(2025, 1, 6), 364))]), ON)
    short = cec.evaluate(make(DEVELOPER, work=[canadian_job(*days(date(2025, 1, 6), 363))]), ON)
    assert_criterion(enough, "experience", "met")
    assert_criterion(short, "experience", "unmet")


def test_only_the_three_years_before_the_date_count() -> None:
    # The window ending 2026-11-21 starts on 2023-11-22.
    inside = canadian_job(*days(date(2023, 11, 22), 364))
    outside = canadian_job(*days(date(2023, 11, 21), 364))
    assert_criterion(cec.evaluate(make(DEVELOPER, work=[inside]), ON), "experience", "met")
    assert_criterion(cec.evaluate(make(DEVELOPER, work=[outside]), ON), "experience", "unmet")


def test_foreign_work_does_not_count() -> None:
    v = cec.evaluate(make(DEVELOPER, work=[job(date(2020, 1, 1))]), ON)
    assert_criterion(v, "experience", "unmet")


def test_self_employment_and_full_time_study_do_not_count() -> None:
    own = make(DEVELOPER, work=[canadian_job(date(2024, 1, 8), self_employed=True)])
    student = make(DEVELOPER, work=[canadian_job(date(2024, 1, 8), full_time_student=True)])
    assert_criterion(cec.evaluate(own, ON), "experience", "unmet")
    assert_criterion(cec.evaluate(student, ON), "experience", "unmet")


def test_work_without_authorization_does_not_count() -> None:
    v = cec.evaluate(make(DEVELOPER, work=[canadian_job(date(2024, 1, 8), authorized=False)]), ON)
    assert_criterion(v, "experience", "unmet")


def test_unknown_exclusions_leave_the_year_unknown_and_name_the_facts() -> None:
    period = canadian_job(date(2024, 1, 8)) | {"self_employed": None, "full_time_student": None}
    v = cec.evaluate(make(DEVELOPER, work=[period]), ON)
    assert_criterion(
        v,
        "experience",
        "unknown",
        needs=["work[0].self_employed", "work[0].full_time_student"],
    )
    assert_verdict(v, "unknown")


def test_teer_1_experience_needs_clb_7_and_clb_6_is_not_enough() -> None:
    at_7 = cec.evaluate(make(DEVELOPER, language_tests=[english(7)]), ON)
    at_6 = cec.evaluate(make(DEVELOPER, language_tests=[english(7, reading=6)]), ON)
    assert_criterion(at_7, "language", "met")
    assert_criterion(at_6, "language", "unmet", says="below CLB 7")


def test_teer_2_experience_needs_clb_5_and_clb_4_is_not_enough() -> None:
    work = [canadian_job(date(2024, 1, 8), noc=NETWORK_TECHNICIAN)]
    at_5 = cec.evaluate(make(DEVELOPER, work=work, language_tests=[english(5)]), ON)
    at_4 = cec.evaluate(make(DEVELOPER, work=work, language_tests=[english(5, writing=4)]), ON)
    assert_criterion(at_5, "language", "met", says="TEER 2, 3")
    assert_criterion(at_4, "language", "unmet")


def test_before_noc_2021_the_lower_threshold_was_for_noc_2016_skill_level_b() -> None:
    work = [canadian_job(date(2020, 1, 6), noc=NETWORK_TECHNICIAN)]
    test = [english(5, taken=date(2022, 1, 10))]
    before = cec.evaluate(make(DEVELOPER, work=work, language_tests=test), date(2022, 11, 15))
    after = cec.evaluate(make(DEVELOPER, work=work, language_tests=test), date(2022, 11, 16))
    assert_criterion(before, "language", "met", says="skill level B work (NOC 2016)")
    assert_criterion(after, "language", "met", says="TEER 2, 3 work (NOC 2021)")


def test_mixed_experience_that_needs_teer_1_work_for_the_year_needs_clb_7() -> None:
    work = [
        canadian_job(date(2025, 1, 1), date(2025, 6, 30), noc=SOFTWARE_ENGINEER),
        canadian_job(date(2025, 7, 1), date(2025, 12, 31), noc=NETWORK_TECHNICIAN),
    ]
    v = cec.evaluate(make(DEVELOPER, work=work, language_tests=[english(6)]), ON)
    assert_criterion(v, "experience", "met")
    assert_criterion(v, "language", "unmet")


def test_no_language_test_is_unknown() -> None:
    v = cec.evaluate(make(DEVELOPER, language_tests=None), ON)
    assert_criterion(v, "language", "unknown", needs=["language_tests"])


def test_the_rules_match_the_ircc_crawl(shared_data: Path, book: RuleBook) -> None:
    """The CEC rule files against the quote-anchored crawl of IRCC's pages (2026-08-15)."""
    crawl = ircc_crawl(shared_data)
    rule = book.value("programs.cec.language", ON)
    assert rule["higher"]["clb"] == requirement(crawl, "CEC", "language", "teer-0-1")["value"]
    assert rule["lower"]["clb"] == requirement(crawl, "CEC", "language", "teer-2-3")["value"]
    hours = requirement(crawl, "CEC", "workHours")
    assert hours["basis"] == "windowYears=3;minYears=1;hoursPerWeek=30"
    assert book.value("programs.cec.experience", ON) | {"skilled": ""} == {
        "years": 1,
        "window_years": 3,
        "skilled": "",
    }
    assert hours["value"] == book.value("experience.full_time", ON)["hours_per_year"]


def test_examples_on_2026_11_21() -> None:
    """Worked by hand:

    - data_scientist_pgwp (Wei): the research assistantship was done as a full-time student and
      does not count; Shopify from 2024-06-03 gives 902 days = 2.477 years in the 3-year
      window (from 2023-11-22), authorized, salaried; CELPIP CLB 9/8/8/8 >= 7: eligible.
    - the other four have no Canadian work in the last three years (Meera's Canadian work is the
      spouse's and ended in 2019): ineligible on experience, whatever their language.
    """
    wei = cec.evaluate(load_profile(EXAMPLES / "data_scientist_pgwp.yaml"), ON)
    assert_verdict(wei, "eligible")
    assert_criterion(wei, "experience", "met", says="2.47 years")
    for name in (
        "software_engineer_abroad",
        "francophone_engineer",
        "us_web_developer_offer",
        "couple_spouse_stronger",
    ):
        v = cec.evaluate(load_profile(EXAMPLES / f"{name}.yaml"), ON)
        assert_verdict(v, "ineligible")
        assert_criterion(v, "experience", "unmet", says="0.00 years")
