"""Alberta: the Accelerated Tech Pathway (Express Entry, CRS 300, Alberta tech work or offer)
and the Alberta Opportunity Stream (already working in Alberta; CLB by skill level; 12 months
in Alberta in 18)."""

from __future__ import annotations

import csv
from datetime import date
from pathlib import Path
from typing import Any

from maplepath.programs import aaip
from maplepath.rulebook.book import RuleBook

from . import ON, assert_criterion, assert_verdict, canadian_job, days, english, make

TECH, OPPORTUNITY = aaip.PROGRAMS["aaip_accelerated_tech"], aaip.PROGRAMS["aaip_opportunity"]
CASHIER = "65100"  # TEER 5
ACCOUNTANT = "11100"  # TEER 1, not natural and applied sciences
# A software engineer in Calgary since 2023 on a work permit, Canadian bachelor's, CLB 9.
CALGARY: dict[str, Any] = {
    "birth_date": date(1994, 3, 3),
    "marital_status": "single",
    "education": [
        {"level": "bachelors", "country": "CA", "completed": date(2020, 4, 30), "program_years": 4}
    ],
    "language_tests": [english(9)],
    "work": [canadian_job(date(2023, 1, 9), province="AB", employer="Prairie Code Inc.")],
    "job_offers": [
        {"employer": "Prairie Code Inc.", "noc": "21231", "province": "AB", "full_time": True}
    ],
}


def test_programs_are_registered_under_both_ids() -> None:
    assert set(aaip.PROGRAMS) == {"aaip_accelerated_tech", "aaip_opportunity"}
    assert aaip.evaluate is aaip.evaluate_tech


def test_an_alberta_tech_worker_meets_all_but_the_employers_industry() -> None:
    v = TECH(make(CALGARY), ON, None)
    assert v.leads_to == "nomination" and v.status == "open"
    assert_criterion(v, "express_entry", "met", says="600 CRS points")
    assert_criterion(v, "crs_minimum", "met")
    assert_criterion(v, "tech_employment", "met")
    assert_criterion(v, "tech_industry_employer", "unknown")
    assert_verdict(v, "unknown")


def test_the_accelerated_tech_pathway_starts_with_its_announcement_on_2022_01_13() -> None:
    assert TECH(make(CALGARY), date(2022, 1, 12), None).status == "not_yet_open"
    v = TECH(make(CALGARY), date(2022, 2, 3), None)
    assert v.status == "open"


def test_the_occupation_list_is_unknown_before_noc_2021_and_applied_after() -> None:
    work = [canadian_job(date(2021, 1, 4), province="AB")]
    before = TECH(make(CALGARY, work=work), date(2022, 11, 15), None)
    after = TECH(make(CALGARY, work=work), date(2022, 11, 16), None)
    assert_criterion(before, "tech_employment", "unknown", says="not encoded")
    assert_criterion(after, "tech_employment", "met")


def test_an_accountant_is_not_on_the_tech_list() -> None:
    work = [canadian_job(date(2023, 1, 9), province="AB", noc=ACCOUNTANT)]
    offers = [CALGARY["job_offers"][0] | {"noc": ACCOUNTANT}]
    v = TECH(make(CALGARY, work=work, job_offers=offers), ON, None)
    assert_criterion(v, "tech_employment", "unmet", says="not an eligible occupation")


def test_an_offer_of_eleven_months_in_alberta_is_too_short() -> None:
    offer = CALGARY["job_offers"][0] | {"start": date(2026, 12, 1), "end": date(2027, 10, 31)}
    abroad = [canadian_job(date(2023, 1, 9), province="ON")]
    v = TECH(make(CALGARY, work=abroad, job_offers=[offer]), ON, None)
    assert_criterion(v, "tech_employment", "unmet", says="shorter than 12 months")


def test_a_crs_under_300_fails_the_pathway() -> None:
    weak = make(
        CALGARY,
        birth_date=date(1975, 1, 1),
        education=[{"level": "secondary", "country": "CA", "completed": date(1993, 6, 30)}],
        language_tests=[english(5)],
        work=[canadian_job(date(2026, 3, 2), province="AB")],
    )
    assert_criterion(TECH(weak, ON, None), "crs_minimum", "unmet", says="300")


def test_the_tech_list_matches_the_reference_copy(shared_data: Path, book: RuleBook) -> None:
    with (shared_data / "lists" / "ab_accelerated_tech_pathway_nocs.csv").open(
        encoding="utf-8"
    ) as f:
        expected = {row["noc_code"] for row in csv.DictReader(f)}
    listing = book.value("programs.aaip_accelerated_tech.occupations", ON)
    assert set(listing["codes"]) == expected and len(expected) == 44


# --- Alberta Opportunity Stream ----------------------------------------------------------------


def test_a_worker_in_alberta_with_an_offer_is_eligible_for_the_opportunity_stream() -> None:
    v = OPPORTUNITY(make(CALGARY), ON, None)
    assert_verdict(v, "eligible")
    assert_criterion(v, "alberta_work_permit", "met", says="outside Express Entry")


def test_the_opportunity_stream_opened_on_2018_06_14_and_paused_in_2024() -> None:
    profile = make(CALGARY)
    assert OPPORTUNITY(profile, date(2018, 6, 13), None).status == "not_yet_open"
    assert OPPORTUNITY(profile, date(2018, 6, 14), None).status == "open"
    assert OPPORTUNITY(profile, date(2024, 2, 14), None).status == "open"
    assert OPPORTUNITY(profile, date(2024, 2, 15), None).status == "paused"
    assert OPPORTUNITY(profile, date(2024, 6, 10), None).status == "paused"
    assert OPPORTUNITY(profile, date(2024, 6, 11), None).status == "open"
    assert OPPORTUNITY(profile, date(2022, 2, 3), None).status == "open"


def test_working_in_british_columbia_is_not_working_in_alberta() -> None:
    v = OPPORTUNITY(make(CALGARY, work=[canadian_job(date(2023, 1, 9), province="BC")]), ON, None)
    assert_criterion(v, "alberta_work_permit", "unmet")
    assert_verdict(v, "ineligible")


def test_an_alberta_period_without_a_province_is_unknown_and_named() -> None:
    work = [canadian_job(date(2023, 1, 9)) | {"province": None}]
    v = OPPORTUNITY(make(CALGARY, work=work), ON, None)
    assert_criterion(v, "alberta_work_permit", "unknown", needs=["work[0].province"])


def test_skilled_work_needed_clb_4_until_2019_and_clb_5_from_2020_01_01() -> None:
    profile = make(
        CALGARY,
        work=[canadian_job(date(2018, 1, 8), province="AB")],
        language_tests=[english(4, taken=date(2019, 6, 1))],
    )
    before = OPPORTUNITY(profile, date(2019, 12, 31), None)
    after = OPPORTUNITY(profile, date(2020, 1, 1), None)
    assert_criterion(before, "language", "met", says="CLB 4")
    assert_criterion(after, "language", "unmet", says="below CLB 5")


def test_teer_5_work_still_needs_only_clb_4() -> None:
    profile = make(
        CALGARY,
        work=[canadian_job(date(2023, 1, 9), province="AB", noc=CASHIER)],
        language_tests=[english(4)],
    )
    assert_criterion(OPPORTUNITY(profile, ON, None), "language", "met", says="CLB 4")


def test_twelve_months_in_alberta_in_the_last_eighteen() -> None:
    # 364 days of full-time work are one full-time year (52 weeks x 30 hours).
    year = canadian_job(*days(date(2025, 11, 23), 364), province="AB")
    now = canadian_job(date(2026, 11, 22), province="AB")  # still working there on ON
    short = canadian_job(*days(date(2025, 11, 24), 363), province="AB")
    assert_criterion(OPPORTUNITY(make(CALGARY, work=[now, year]), ON, None), "experience", "met")
    v = OPPORTUNITY(make(CALGARY, work=[now | {"start": date(2026, 11, 21)}, short]), ON, None)
    assert_criterion(v, "experience", "unmet")


def test_an_occupation_outside_natural_sciences_is_left_to_alberta_s_list() -> None:
    work = [canadian_job(date(2023, 1, 9), province="AB", noc=ACCOUNTANT)]
    v = OPPORTUNITY(make(CALGARY, work=work), ON, None)
    assert_criterion(v, "occupation", "unknown", says="ineligible occupations list")


def test_no_job_offer_given_is_unknown() -> None:
    v = OPPORTUNITY(make(CALGARY, job_offers=None), ON, None)
    assert_criterion(v, "job_offer", "unknown", needs=["job_offers"])


def test_an_empty_profile_is_unknown_never_ineligible() -> None:
    for evaluate in aaip.PROGRAMS.values():
        v = evaluate(make({}), ON, None)
        assert_verdict(v, "unknown")
