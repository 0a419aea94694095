"""Intra-company transferees (R205(a)): a continuous full-time year with the company abroad in
the last three years, a qualifying relationship, and an executive, managerial or specialized
knowledge position."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from dateutil.relativedelta import relativedelta

from maplepath.profile.model import Profile
from maplepath.programs import ict
from maplepath.rulebook.book import RuleBook

from . import ON, assert_criterion, assert_verdict, canadian_job, job, make

DAY = timedelta(days=1)
A_YEAR_AGO = ON - relativedelta(years=1) + DAY  # 2025-11-22: a year to ON, both days counted


def at_infosys(start: date, end: date | None = None, **facts: Any) -> dict[str, Any]:
    return job(start, end, noc="20012", employer="Infosys", **facts)


def transfer(relationship: str | None = "subsidiary", noc: str = "20012") -> dict[str, Any]:
    return {"employer": "Infosys Canada Ltd.", "noc": noc, "employer_relationship": relationship}


# An IT manager at Infosys in Bangalore, to be transferred to its Canadian subsidiary.
MANAGER: dict[str, Any] = {
    "citizenships": ["IN"],
    "work": [at_infosys(date(2021, 3, 1))],
    "job_offers": [transfer()],
}


def employment(**changes: Any) -> str:
    return str(ict.evaluate(make(MANAGER, **changes), ON).criterion("employment").status)


# --- the seed facts ----------------------------------------------------------------------------


def test_the_seed_facts_hold_on_their_dates(book: RuleBook) -> None:
    # One continuous full-time year in the three years before applying; parent, subsidiary,
    # branch or affiliate; LMIA-exempt under R205(a), code C12 until 2022-12-14.
    rule = book.value("programs.ict.requirements", ON)
    assert (rule["years"], rule["window_years"]) == (1, 3)
    assert rule["relationships"] == ["parent", "subsidiary", "branch", "affiliate"]
    assert book.value("programs.ict.lmia_exemption", date(2022, 12, 14))["code"] == "C12"
    assert ict.PROGRAM == "ict" and ict.LEADS_TO == "work_permit"


def test_a_manager_with_years_at_the_company_is_eligible() -> None:
    v = ict.evaluate(make(MANAGER), ON)
    assert_verdict(v, "eligible")
    assert v.leads_to == "work_permit"
    assert_criterion(v, "permit", "met", says="Canadian Experience Class counts")
    assert_criterion(v, "relationship", "met", says="subsidiary")
    assert_criterion(v, "position", "met", says="TEER 0")


# --- the continuous year -----------------------------------------------------------------------


def test_twelve_months_of_continuous_work_make_the_year_and_eleven_do_not() -> None:
    assert employment(work=[at_infosys(A_YEAR_AGO)]) == "met"
    assert employment(work=[at_infosys(A_YEAR_AGO + DAY)]) == "unmet"
    eleven = ict.evaluate(
        make(MANAGER, work=[at_infosys(A_YEAR_AGO + relativedelta(months=1))]), ON
    )
    assert_criterion(eleven, "employment", "unmet", says="11 months")
    assert_verdict(eleven, "ineligible")


def test_a_day_without_work_breaks_the_year() -> None:
    first = at_infosys(date(2025, 9, 1), date(2026, 3, 31))
    assert employment(work=[first, at_infosys(date(2026, 4, 1))]) == "met"
    assert employment(work=[first, at_infosys(date(2026, 4, 2))]) == "unmet"


def test_only_the_three_years_before_the_date_count() -> None:
    old = at_infosys(date(2019, 1, 1), date(2024, 3, 31))  # 2023-11-22 on: 4 months in window
    assert employment(work=[old, at_infosys(date(2026, 1, 5))]) == "unmet"


def test_part_time_or_canadian_work_does_not_count() -> None:
    assert employment(work=[at_infosys(date(2021, 3, 1), hours_per_week=20)]) == "unmet"
    here = canadian_job(date(2021, 3, 1), employer="Infosys", noc="20012")
    assert employment(work=[here]) == "unmet"


def test_someone_who_left_the_company_is_not_currently_employed_by_it() -> None:
    v = ict.evaluate(make(MANAGER, work=[at_infosys(date(2021, 3, 1), date(2026, 9, 30))]), ON)
    assert_criterion(v, "employment", "unmet", says="not known to be working there")


def test_missing_hours_or_employer_leave_the_year_unknown_and_name_the_facts() -> None:
    v = ict.evaluate(make(MANAGER, work=[at_infosys(date(2021, 3, 1), hours_per_week=None)]), ON)
    assert_criterion(v, "employment", "unknown", needs=["work[0].hours_per_week"])
    nameless = job(date(2021, 3, 1), noc="20012")
    v = ict.evaluate(make(MANAGER, work=[nameless]), ON)
    assert_criterion(v, "employment", "unknown", needs=["work[0].employer"])
    v = ict.evaluate(make(MANAGER, work=None), ON)
    assert_criterion(v, "employment", "unknown", needs=["work"])


# --- the relationship and the position -----------------------------------------------------------


def test_an_unknown_relationship_is_unknown_not_unmet() -> None:
    v = ict.evaluate(make(MANAGER, job_offers=[transfer(None)]), ON)
    assert_verdict(v, "unknown")
    assert_criterion(v, "relationship", "unknown", needs=["job_offers[0].employer_relationship"])


def test_every_qualifying_relationship_is_met() -> None:
    for tie in ("parent", "subsidiary", "branch", "affiliate"):
        v = ict.evaluate(make(MANAGER, job_offers=[transfer(tie)]), ON)
        assert_criterion(v, "relationship", "met", says=tie)


def test_a_non_managerial_position_rests_on_specialized_knowledge_the_profile_lacks() -> None:
    v = ict.evaluate(make(MANAGER, job_offers=[transfer(noc="21231")]), ON)
    assert_verdict(v, "unknown")
    assert_criterion(
        v,
        "position",
        "unknown",
        needs=["specialized knowledge for the position at Infosys Canada Ltd.: not in the profile"],
    )


def test_no_offer_is_unknown() -> None:
    v = ict.evaluate(make(MANAGER, job_offers=None), ON)
    assert_criterion(v, "relationship", "unknown", needs=["job_offers"])
    assert_criterion(v, "position", "unknown", needs=["job_offers"])


# --- dates ---------------------------------------------------------------------------------------


def test_the_exemption_code_is_c12_until_2022_12_14_and_c61_to_c63_from_2022_12_15() -> None:
    person = make(MANAGER)
    assert_criterion(ict.evaluate(person, date(2022, 12, 14)), "permit", "met", says="code C12")
    assert_criterion(ict.evaluate(person, date(2022, 12, 15)), "permit", "met", says="C62")


def test_two_week_processing_from_the_global_skills_strategy_on_2017_06_12() -> None:
    person = make(MANAGER, work=[at_infosys(date(2014, 3, 1))])
    assert ict.evaluate(person, date(2017, 6, 11)).processing is None
    assert "skill type 0" in str(ict.evaluate(person, date(2017, 6, 12)).processing)
    assert "TEER 0 or 1" in str(ict.evaluate(person, date(2022, 11, 16)).processing)


def test_before_2015_the_program_is_open_but_not_measured_and_before_2002_06_28_not_open() -> None:
    early = ict.evaluate(make(MANAGER), date(2014, 12, 31))
    assert (early.status, early.verdict) == ("open", "unknown")
    before = ict.evaluate(make(MANAGER), date(2002, 6, 27))
    assert (before.status, before.verdict) == ("not_yet_open", "ineligible")
    assert (
        ict.evaluate(make(MANAGER, work=[at_infosys(date(2013, 1, 1))]), date(2015, 1, 1)).verdict
        == "eligible"
    )


def test_an_empty_profile_is_unknown_never_ineligible() -> None:
    v = ict.evaluate(Profile(), ON)
    assert_verdict(v, "unknown")
    assert v.needs == ("work", "job_offers")
