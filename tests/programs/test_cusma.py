"""CUSMA (NAFTA) professionals: US or Mexican citizenship, a job in one of the 63 professions of
Appendix 2, and that profession's minimum education."""

from __future__ import annotations

import csv
from collections import Counter
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from maplepath.occupations import codes as occupations
from maplepath.profile.load import load_profile
from maplepath.profile.model import Profile
from maplepath.programs import cusma
from maplepath.rulebook.book import RuleBook

from ..conftest import EXAMPLES
from . import ON, assert_criterion, assert_verdict, job, make

PROFESSIONS = "programs.cusma.professions"
TABLE = "programs.cusma.noc_professions"
NAFTA = date(1994, 1, 1)
CUSMA = date(2020, 7, 1)
US_WEB_DEVELOPER = EXAMPLES / "us_web_developer_offer.yaml"
# The CSV's simplifications (PROVENANCE.md) that maplepath does not copy: the text gives these
# two "state/provincial licence; or Licenciatura degree".
LICENCE_OR_LICENCIATURA = {"psychologist", "registered_nurse"}
CSV_LEVELS = {"bachelor": "bachelors", "master": "masters", "professional_degree": "professional"}


def bachelors(country: str = "US", completed: date = date(2014, 5, 15)) -> dict[str, Any]:
    return {"level": "bachelors", "country": country, "completed": completed}


def offer(noc: str | None = "21234", **facts: Any) -> dict[str, Any]:
    return {"employer": "Acme Cloud Ltd.", "noc": noc, "lmia": "exempt"} | facts


# A Mexican developer with a Licenciatura in computer science and an offer in Toronto.
MEXICAN: dict[str, Any] = {
    "citizenships": ["MX"],
    "education": [bachelors("MX", date(2016, 6, 30))],
    "work": [job(date(2016, 8, 1), noc="21232", country="MX")],
    "job_offers": [offer("21232")],
}


# --- the seed facts ----------------------------------------------------------------------------


def test_the_seed_facts_hold_on_their_dates(book: RuleBook) -> None:
    # 63 professions under NAFTA from 1994-01-01 and, unchanged, under CUSMA from 2020-07-01.
    nafta, agreement = book.value(PROFESSIONS, NAFTA), book.value(PROFESSIONS, CUSMA)
    assert len(nafta) == len(agreement) == 63
    assert nafta == agreement
    categories = Counter(p["category"] for p in agreement.values())
    assert categories == {"general": 25, "scientist": 23, "medical_allied": 12, "teacher": 3}
    assert book.value("programs.cusma.parties", CUSMA) == ["US", "MX"]
    assert cusma.PROGRAM == "cusma" and cusma.LEADS_TO == "work_permit"


def test_the_professions_match_the_reference_copy(shared_data: Path, book: RuleBook) -> None:
    with (shared_data / "lists" / "cusma_appendix2_professions.csv").open(encoding="utf-8") as f:
        rows = {r["id"]: r for r in csv.DictReader(f)}
    ours = book.value(PROFESSIONS, ON)
    assert set(ours) == set(rows)
    for pid, row in rows.items():
        p = ours[pid]
        assert (p["title"], p["category"]) == (row["title_en"], row["category"]), pid
        assert str(p.get("diploma_experience_years", "")) == row["diploma_plus_experience_years"]
        if pid in LICENCE_OR_LICENCIATURA:
            assert p["education"] == "licence_or_licenciatura"
            continue
        assert p["education"] == CSV_LEVELS.get(row["minimum_education_level"], "none"), pid
        assert bool(p.get("licence")) == (row["licence_alternative"] == "true"), pid


def test_the_noc_table_names_real_unit_groups_and_professions(book: RuleBook) -> None:
    table, professions = book.value(TABLE, ON), book.value(PROFESSIONS, ON)
    assert all(occupations.is_unit_group(code) for code in table)
    assert all(pid in professions for pids in table.values() for pid in pids)
    for code in ("21211", "21221", "21222", "21230", "21231", "21232", "21233", "21234"):
        assert "computer_systems_analyst" in table[code], code
    assert all(table[c] == ["engineer"] for c in table if c.startswith("213"))
    assert table["52120"] == ["graphic_designer"]
    assert table["51112"] == ["technical_publications_writer"]
    assert table["21210"] == ["mathematician"]
    assert table["11201"] == ["management_consultant"]
    assert table["22100"] == ["scientific_technician"]


# --- citizenship ---------------------------------------------------------------------------------


def test_the_us_web_developer_qualifies_on_2026_11_21() -> None:
    v = cusma.evaluate(load_profile(US_WEB_DEVELOPER), ON)
    assert_verdict(v, "eligible")
    assert_criterion(v, "citizenship", "met", says="citizen of US")
    assert_criterion(v, "profession", "met", says="Computer Systems Analyst")
    assert_criterion(v, "education", "met", says="bachelors")
    assert_criterion(v, "permit", "met", says="T36")
    assert v.processing is not None and "TEER 0 or 1" in v.processing


def test_a_mexican_citizen_qualifies_likewise() -> None:
    v = cusma.evaluate(make(MEXICAN), ON)
    assert_verdict(v, "eligible")
    assert_criterion(v, "citizenship", "met", says="citizen of MX")
    assert_criterion(v, "profession", "met", says="Computer Systems Analyst")
    assert_criterion(v, "education", "met")


def test_canadian_and_indian_citizens_are_not_covered() -> None:
    v = cusma.evaluate(make(MEXICAN, citizenships=["CA", "IN"]), ON)
    assert_verdict(v, "ineligible")
    assert_criterion(v, "citizenship", "unmet", says="needs no work permit")
    v = cusma.evaluate(make(MEXICAN, citizenships=["IN"]), ON)
    assert_criterion(v, "citizenship", "unmet", says="US and MX only")
    v = cusma.evaluate(make(MEXICAN, citizenships=None), ON)
    assert_criterion(v, "citizenship", "unknown", needs=["citizenships"])


# --- dates ---------------------------------------------------------------------------------------


def test_nafta_professionals_from_1994_and_cusma_from_2020_07_01() -> None:
    person = make(MEXICAN)
    before = cusma.evaluate(person, date(1993, 12, 31))
    assert (before.status, before.verdict) == ("not_yet_open", "ineligible")
    early = cusma.evaluate(person, date(2014, 12, 31))
    assert (early.status, early.verdict) == ("open", "unknown")
    assert_criterion(early, "rules_in_force", "unknown", says="2015-01-01")
    assert_criterion(cusma.evaluate(person, date(2020, 6, 30)), "citizenship", "met", says="NAFTA")
    assert_criterion(cusma.evaluate(person, CUSMA), "citizenship", "met", says="CUSMA")


def test_the_exemption_code_changes_from_t23_to_t36_on_2022_12_15() -> None:
    person = make(MEXICAN)
    assert_criterion(cusma.evaluate(person, date(2022, 12, 14)), "permit", "met", says="code T23")
    assert_criterion(cusma.evaluate(person, date(2022, 12, 15)), "permit", "met", says="code T36")


def test_processing_names_skill_levels_until_2022_11_15_and_teer_from_2022_11_16() -> None:
    person = make(MEXICAN)
    assert cusma.evaluate(person, date(2017, 6, 11)).processing is None
    assert "skill type 0" in str(cusma.evaluate(person, date(2022, 11, 15)).processing)
    assert "TEER 0 or 1" in str(cusma.evaluate(person, date(2022, 11, 16)).processing)


# --- the profession ------------------------------------------------------------------------------


def test_a_noc_code_outside_the_table_is_unknown_unless_teer_4_or_5() -> None:
    hr = cusma.evaluate(make(MEXICAN, job_offers=[offer("11200")]), ON)
    assert_criterion(
        hr,
        "profession",
        "unknown",
        needs=["the CUSMA profession of Acme Cloud Ltd.'s job: not in the profile"],
    )
    cashier = cusma.evaluate(make(MEXICAN, job_offers=[offer("65100")]), ON)
    assert_criterion(cashier, "profession", "unmet", says="TEER 5")
    assert_verdict(cashier, "ineligible")


def test_no_offer_or_no_noc_is_unknown() -> None:
    v = cusma.evaluate(make(MEXICAN, job_offers=None), ON)
    assert_criterion(v, "profession", "unknown", needs=["job_offers"])
    v = cusma.evaluate(make(MEXICAN, job_offers=[offer(None)]), ON)
    assert_criterion(v, "profession", "unknown", needs=["job_offers[0].noc"])


# --- the education -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("years", "status"), [(3, "met"), (2, "unmet")], ids=["three years", "two years"]
)
def test_a_diploma_counts_for_a_computer_systems_analyst_with_three_years(
    years: int, status: str
) -> None:
    start = date(ON.year - years, ON.month, ON.day + 1)
    diploma = {"level": "two_year", "country": "MX", "completed": date(2015, 6, 30)}
    person = make(MEXICAN, education=[diploma], work=[job(start, noc="21232", country="MX")])
    assert_criterion(cusma.evaluate(person, ON), "education", status)


def test_secondary_school_is_not_enough_and_no_education_is_unknown() -> None:
    school = {"level": "secondary", "country": "MX", "completed": date(2010, 6, 30)}
    v = cusma.evaluate(make(MEXICAN, education=[school], work=None), ON)
    assert_criterion(v, "education", "unmet")
    v = cusma.evaluate(make(MEXICAN, education=None), ON)
    assert_criterion(v, "education", "unknown", needs=["education"])


def test_an_engineer_without_a_degree_may_hold_a_licence_the_profile_cannot_show() -> None:
    diploma = {"level": "two_year", "country": "US", "completed": date(2015, 6, 30)}
    v = cusma.evaluate(make(MEXICAN, education=[diploma], job_offers=[offer("21300")]), ON)
    assert_criterion(
        v, "education", "unknown", needs=["a licence for Engineer: not in the profile"]
    )


def test_a_nurse_needs_a_licence_or_a_mexican_licenciatura() -> None:
    nurse = offer("31301")
    mexican = cusma.evaluate(make(MEXICAN, job_offers=[nurse]), ON)
    assert_criterion(mexican, "education", "met")
    us = cusma.evaluate(make(MEXICAN, education=[bachelors("US")], job_offers=[nurse]), ON)
    assert_criterion(
        us, "education", "unknown", needs=["a licence for Registered Nurse: not in the profile"]
    )


def test_a_scientific_technician_needs_knowledge_the_profile_cannot_show() -> None:
    v = cusma.evaluate(make(MEXICAN, job_offers=[offer("22100")]), ON)
    assert_criterion(v, "education", "unknown", says="Scientific Technician")


def test_a_degree_completed_after_the_date_does_not_count_yet() -> None:
    late = make(MEXICAN, education=[bachelors("MX", date(2027, 6, 30))], work=None)
    assert_criterion(cusma.evaluate(late, ON), "education", "unmet")


def test_an_empty_profile_is_unknown_never_ineligible() -> None:
    v = cusma.evaluate(Profile(), ON)
    assert_verdict(v, "unknown")
    assert v.needs == ("citizenships", "job_offers")
