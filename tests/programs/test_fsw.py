"""Federal Skilled Worker Program: minimum requirements, the 67-point grid, proof of funds."""

from __future__ import annotations

import csv
import re
from datetime import date
from pathlib import Path
from typing import Any

from maplepath.profile.load import load_profile
from maplepath.programs import fsw
from maplepath.programs.verdict import Ternary
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

MASTERS_IN = {
    "level": "masters",
    "program_years": 2,
    "country": "IN",
    "completed": date(2019, 5, 31),
    "full_time": True,
    "eca": {"issuer": "WES", "issued": date(2024, 1, 10), "level": "masters"},
}
# A software engineer abroad: grid 24 (CLB 9 x 4) + 23 (master's) + 15 (7 years) + 12 (31) = 74.
ENGINEER: dict[str, Any] = {
    "birth_date": date(1995, 4, 12),
    "marital_status": "single",
    "education": [MASTERS_IN],
    "language_tests": [english(9)],
    "work": [job(date(2019, 7, 1))],
    "settlement_funds_cad": 24000,
    "family_size": 1,
}
LMIA_OFFER = {
    "employer": "Acme Cloud Ltd.",
    "noc": "21231",
    "province": "BC",
    "start": date(2027, 1, 4),
    "full_time": True,
    "lmia": "approved",
}


def test_a_software_engineer_abroad_with_clb_9_and_a_masters_is_eligible() -> None:
    v = fsw.evaluate(make(ENGINEER), ON)
    assert_verdict(v, "eligible")
    assert v.status == "open"
    assert v.ids == ["experience", "language", "education", "selection_grid", "proof_of_funds"]
    assert_criterion(v, "selection_grid", "met", says="74 of 100 points (pass mark 67)")


# --- language: CLB 7 in every ability of the first official language ----------------------------


def test_clb_7_in_every_ability_meets_the_language_minimum() -> None:
    v = fsw.evaluate(make(ENGINEER, language_tests=[english(7)]), ON)
    assert_criterion(v, "language", "met", says="CLB L7 R7 W7 S7")


def test_clb_6_in_one_ability_fails_the_language_minimum() -> None:
    v = fsw.evaluate(make(ENGINEER, language_tests=[english(7, speaking=6)]), ON)
    assert_criterion(v, "language", "unmet", says="speaking below")
    assert_verdict(v, "ineligible")


def test_no_language_test_is_unknown_not_unmet() -> None:
    v = fsw.evaluate(make(ENGINEER, language_tests=None), ON)
    assert_criterion(v, "language", "unknown", needs=["language_tests"])
    assert_verdict(v, "unknown")
    assert "language_tests" in v.needs


def test_a_result_two_years_old_no_longer_counts() -> None:
    expired = english(9, taken=date(2024, 11, 21))  # second anniversary on ON
    v = fsw.evaluate(make(ENGINEER, language_tests=[expired]), ON)
    assert_criterion(v, "language", "unmet", says="no language result valid")


# --- experience: one continuous year in one skilled occupation in the last 10 years -------------


def test_52_weeks_of_full_time_work_make_the_year_and_51_weeks_6_days_do_not() -> None:
    # 364 days at 30+ hours a week = 52 x 30 = 1,560 hours: exactly one year.
    enough = fsw.evaluate(make(ENGINEER, work=[job(*days(date(2024, 1, 1), 364))]), ON)
    short = fsw.evaluate(make(ENGINEER, work=[job(*days(date(2024, 1, 1), 363))]), ON)
    assert_criterion(enough, "experience", "met")
    assert_criterion(short, "experience", "unmet", says="(1 needed)")


def test_part_time_hours_that_reach_1560_in_365_days_but_not_in_364() -> None:
    hours = 1560 * 7 / 365  # 29.92 hours a week: 1,560 hours in 365 days exactly
    met = fsw.evaluate(make(ENGINEER, work=[job(*days(date(2024, 1, 1), 365), hours=hours)]), ON)
    unmet = fsw.evaluate(make(ENGINEER, work=[job(*days(date(2024, 1, 1), 364), hours=hours)]), ON)
    assert_criterion(met, "experience", "met")
    assert_criterion(unmet, "experience", "unmet")


def test_a_year_of_work_10_years_back_counts_and_a_day_earlier_does_not() -> None:
    # The 10-year window ending 2026-11-21 starts on 2016-11-22.
    inside = fsw.evaluate(make(ENGINEER, work=[job(*days(date(2016, 11, 22), 364))]), ON)
    outside = fsw.evaluate(make(ENGINEER, work=[job(*days(date(2016, 11, 21), 364))]), ON)
    assert_criterion(inside, "experience", "met")
    assert_criterion(outside, "experience", "unmet")


def test_work_that_ended_9_years_ago_counts_and_11_years_ago_does_not() -> None:
    nine = fsw.evaluate(make(ENGINEER, work=[job(date(2015, 1, 1), date(2017, 11, 21))]), ON)
    eleven = fsw.evaluate(make(ENGINEER, work=[job(date(2013, 1, 1), date(2015, 11, 21))]), ON)
    assert_criterion(nine, "experience", "met")
    assert_criterion(eleven, "experience", "unmet", says="no skilled work")


def test_two_half_years_in_different_occupations_are_not_one_continuous_year() -> None:
    work = [
        job(date(2025, 1, 1), date(2025, 6, 30), noc="21231"),
        job(date(2025, 7, 1), date(2025, 12, 31), noc="21211"),
    ]
    assert_criterion(fsw.evaluate(make(ENGINEER, work=work), ON), "experience", "unmet")


def test_unknown_hours_leave_the_year_unknown_and_name_the_fact() -> None:
    work = [job(date(2025, 6, 1), hours=None)]
    v = fsw.evaluate(make(ENGINEER, work=work), ON)
    assert_criterion(v, "experience", "unknown", needs=["work[0].hours_per_week"])


def test_teer_4_work_does_not_count() -> None:
    v = fsw.evaluate(make(ENGINEER, work=[job(date(2019, 7, 1), noc="64100")]), ON)
    assert_criterion(v, "experience", "unmet")


def test_no_work_given_is_unknown() -> None:
    v = fsw.evaluate(make(ENGINEER, work=None), ON)
    assert_criterion(v, "experience", "unknown", needs=["work"])


# --- education: a Canadian credential or a foreign one with an ECA under 5 years old -------------


def test_a_foreign_degree_without_an_eca_is_unknown() -> None:
    degree = MASTERS_IN | {"eca": None}
    v = fsw.evaluate(make(ENGINEER, education=[degree]), ON)
    assert_criterion(v, "education", "unknown", needs=["education[0].eca"])


def test_an_eca_counts_for_five_years_and_not_on_the_fifth_anniversary() -> None:
    valid = MASTERS_IN | {
        "eca": {"issuer": "WES", "issued": date(2021, 11, 22), "level": "masters"}
    }
    stale = MASTERS_IN | {
        "eca": {"issuer": "WES", "issued": date(2021, 11, 21), "level": "masters"}
    }
    assert_criterion(fsw.evaluate(make(ENGINEER, education=[valid]), ON), "education", "met")
    assert_criterion(fsw.evaluate(make(ENGINEER, education=[stale]), ON), "education", "unmet")


def test_a_canadian_credential_needs_no_eca() -> None:
    diploma = {"level": "two_year", "country": "CA", "completed": date(2020, 4, 30)}
    v = fsw.evaluate(make(ENGINEER, education=[diploma]), ON)
    assert_criterion(v, "education", "met", says="Canadian credential")


# --- the selection grid: 67 of 100 ----------------------------------------------------------------

BACHELORS_IN = MASTERS_IN | {
    "level": "bachelors",
    "program_years": 4,
    "eca": {"issuer": "WES", "issued": date(2024, 1, 10), "level": "bachelors"},
}
CERTIFICATE_IN = MASTERS_IN | {
    "level": "one_year",
    "program_years": 1,
    "eca": {"issuer": "WES", "issued": date(2024, 1, 10), "level": "one_year"},
}
# 24 (CLB 9 x 4) + 21 (bachelor's) + 9 (one year of work) + 12 (age 30) = 66.
SIXTY_SIX = ENGINEER | {
    "birth_date": date(1996, 1, 1),
    "education": [BACHELORS_IN],
    "work": [job(date(2025, 6, 1), date(2026, 5, 31))],
}


def test_66_grid_points_fall_one_short_of_the_pass_mark() -> None:
    v = fsw.evaluate(make(SIXTY_SIX), ON)
    assert_criterion(v, "selection_grid", "unmet", says="66 of 100 points")
    assert_verdict(v, "ineligible")


def test_a_second_credential_makes_67_points_and_passes() -> None:
    # Two credentials, one from a program of 3+ years: 22 points instead of 21.
    v = fsw.evaluate(make(SIXTY_SIX, education=[BACHELORS_IN, CERTIFICATE_IN]), ON)
    assert_criterion(v, "selection_grid", "met", says="67 of 100 points")
    assert_verdict(v, "eligible")


def test_grid_lines_show_each_factor_with_its_rule() -> None:
    lines = {line.factor: line for line in fsw.grid(make(SIXTY_SIX), ON)}
    assert {k: v.low for k, v in lines.items()} == {
        "first official language": 24,
        "second official language": 0,
        "education": 21,
        "experience": 9,
        "age": 12,
        "arranged employment": 0,
        "adaptability": 0,
    }
    assert lines["age"].rule == "programs.fsw.grid.age"


def test_age_35_earns_12_points_and_36_earns_11() -> None:
    at_35 = {x.factor: x.low for x in fsw.grid(make(ENGINEER, birth_date=date(1991, 11, 22)), ON)}
    at_36 = {x.factor: x.low for x in fsw.grid(make(ENGINEER, birth_date=date(1990, 11, 21)), ON)}
    assert (at_35["age"], at_36["age"]) == (12, 11)


def test_a_missing_birth_date_near_the_pass_mark_leaves_the_grid_unknown() -> None:
    v = fsw.evaluate(make(SIXTY_SIX, birth_date=None), ON)  # 54 to 66: cannot pass
    assert_criterion(v, "selection_grid", "unmet", says="54-66")
    v = fsw.evaluate(make(SIXTY_SIX, birth_date=None, education=[BACHELORS_IN, CERTIFICATE_IN]), ON)
    assert_criterion(v, "selection_grid", "unknown", needs=["birth_date"])


def test_a_missing_birth_date_is_decided_when_the_other_lines_pass_anyway() -> None:
    v = fsw.evaluate(make(ENGINEER, birth_date=None), ON)  # 62 to 74, pass at 67: unknown
    assert_criterion(v, "selection_grid", "unknown")
    rich = make(ENGINEER, birth_date=None, job_offers=[LMIA_OFFER])  # 77 to 89
    assert_criterion(fsw.evaluate(rich, ON), "selection_grid", "met")


def test_an_lmia_backed_offer_earns_arranged_employment_and_adaptability() -> None:
    lines = {x.factor: x.low for x in fsw.grid(make(SIXTY_SIX, job_offers=[LMIA_OFFER]), ON)}
    assert (lines["arranged employment"], lines["adaptability"]) == (10, 5)


def test_an_lmia_exempt_offer_counts_only_while_working_in_canada_for_that_employer() -> None:
    exempt = LMIA_OFFER | {"lmia": "exempt"}
    abroad = {x.factor: x.low for x in fsw.grid(make(ENGINEER, job_offers=[exempt]), ON)}
    here = make(
        ENGINEER,
        job_offers=[exempt],
        work=[canadian_job(date(2025, 1, 6), employer="Acme Cloud Ltd.")],
    )
    in_canada = {x.factor: x.low for x in fsw.grid(here, ON)}
    assert (abroad["arranged employment"], in_canada["arranged employment"]) == (0, 10)


def test_french_first_and_english_second_earn_the_second_language_points() -> None:
    tef = {
        "test": "tef_canada",
        "date": "2026-01-10",
        "scores": {"listening": 560, "reading": 550, "writing": 520, "speaking": 540},
    }
    lines = {
        x.factor: x.low for x in fsw.grid(make(ENGINEER, language_tests=[tef, english(5)]), ON)
    }
    assert (lines["first official language"], lines["second official language"]) == (24, 4)
    lines = {
        x.factor: x.low for x in fsw.grid(make(ENGINEER, language_tests=[tef, english(4)]), ON)
    }
    assert lines["second official language"] == 0


# --- proof of funds -------------------------------------------------------------------------


def test_funds_one_dollar_short_of_the_2025_table_fail() -> None:
    short = fsw.evaluate(make(ENGINEER, settlement_funds_cad=15262), ON)
    enough = fsw.evaluate(make(ENGINEER, settlement_funds_cad=15263), ON)
    assert_criterion(short, "proof_of_funds", "unmet", says="$1 short of $15,263")
    assert_criterion(enough, "proof_of_funds", "met")


def test_the_day_before_the_2025_table_the_2024_amount_applies() -> None:
    v = fsw.evaluate(make(ENGINEER, settlement_funds_cad=14690), date(2025, 7, 6))
    assert_criterion(v, "proof_of_funds", "met", says="table of 2024-05-28")
    v = fsw.evaluate(make(ENGINEER, settlement_funds_cad=14690), date(2025, 7, 7))
    assert_criterion(v, "proof_of_funds", "unmet")


def test_families_over_seven_add_the_amount_for_each_member() -> None:
    v = fsw.evaluate(make(ENGINEER, family_size=9, settlement_funds_cad=40392 + 2 * 4112), ON)
    assert_criterion(v, "proof_of_funds", "met", says="$48,616 for a family of 9")


def test_authorized_work_in_canada_and_a_valid_offer_exempt_from_funds() -> None:
    profile = make(
        ENGINEER,
        settlement_funds_cad=0,
        job_offers=[LMIA_OFFER],
        work=[job(date(2019, 7, 1), date(2024, 12, 31)), canadian_job(date(2025, 1, 6))],
    )
    assert_criterion(fsw.evaluate(profile, ON), "proof_of_funds", "met", says="exempt")


def test_missing_funds_are_unknown_and_named() -> None:
    v = fsw.evaluate(make(ENGINEER, settlement_funds_cad=None), ON)
    assert_criterion(v, "proof_of_funds", "unknown", needs=["settlement_funds_cad"])


def test_the_funds_tables_match_the_reference_compilation(
    shared_data: Path, book: RuleBook
) -> None:
    """Each year's table in shared/data/funds/ee_proof_of_funds.csv is the rule's value on its
    effective date (2021-07-15, 2023-04-25, 2024-05-28, 2025-07-07)."""
    starts = {
        "2021": "2021-07-15",
        "2023": "2023-04-25",
        "2024": "2024-05-28",
        "2025": "2025-07-07",
    }
    with (shared_data / "funds" / "ee_proof_of_funds.csv").open(encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    assert {r["table_year"] for r in rows} == set(starts)
    for row in rows:
        table = book.value(
            "programs.express_entry.proof_of_funds", date.fromisoformat(starts[row["table_year"]])
        )
        key = row["family_members"] if row["family_members"].isdigit() else "each_additional"
        assert table[key] == int(row["funds_required_cad"]), row


# --- dates and output ---------------------------------------------------------------------------


def test_before_express_entry_the_rules_are_not_modelled() -> None:
    v = fsw.evaluate(make(ENGINEER), date(2014, 12, 31))
    assert (v.verdict, v.status) == ("unknown", "not_yet_open")


def test_pathways_json_has_exactly_the_design_shape() -> None:
    item = fsw.evaluate(make(ENGINEER), ON).to_json()
    assert list(item) == ["program", "verdict", "status", "criteria", "leads_to", "processing"]
    assert item["leads_to"] == "permanent_residence"
    assert all(list(c) == ["id", "status", "detail", "rules"] for c in item["criteria"])
    assert "programs.fsw.grid.age" in item["criteria"][3]["rules"]


def test_the_rules_match_the_ircc_crawl(shared_data: Path, book: RuleBook) -> None:
    """The FSW rule files against the quote-anchored crawl of IRCC's page (2026-08-15)."""
    crawl = ircc_crawl(shared_data)
    assert (
        book.value("programs.fsw.pass_mark", ON) == requirement(crawl, "FSW", "passMark")["value"]
    )
    clb = requirement(crawl, "FSW", "language", "first-official")["value"]
    assert set(book.value("programs.fsw.language", ON).values()) == {clb}
    assert requirement(crawl, "FSW", "workRecency")["value"] == 10
    assert book.value("programs.fsw.experience", ON)["window_years"] == 10
    grid = [r for r in crawl["selectionFactors"] if r["section"] == "FSW"]
    first = book.at("programs.fsw.grid.language_first", ON)
    for r in grid:
        found = re.search(r"CLB level (\d+)", r["criterion"])
        if r["factor"] == "First official language" and found and r["points"] is not None:
            assert first.lookup(int(found.group(1))) == r["points"], r
        if r["factor"] == "Age" and r["criterion"][:2].isdigit():
            age = int(r["criterion"][:2])
            assert book.at("programs.fsw.grid.age", ON).lookup(age) == r["points"], r
        if r["factor"] == "Experience":
            years = int(r["criterion"][0])
            assert book.at("programs.fsw.grid.experience", ON).lookup(years) == r["points"], r
    education = book.value("programs.fsw.grid.education", ON)
    for r in (r for r in grid if r["factor"] == "Education"):
        key = next(k for prefix, k in EDUCATION_HEADINGS.items() if r["heading"].startswith(prefix))
        assert education[key] == r["points"], r
    adaptability = book.value("programs.fsw.grid.adaptability", ON)
    for r in (r for r in grid if r["factor"] == "Adaptability"):
        key = next(k for prefix, k in ADAPTABILITY.items() if r["criterion"].startswith(prefix))
        assert adaptability[key]["points"] == r["points"], r
    assert "(maximum 10 points)" in next(
        r["heading"] for r in grid if r["factor"] == "Adaptability"
    )


EDUCATION_HEADINGS = {
    "University degree at the Doctoral": "doctoral",
    "University degree at the Master's": "masters",
    "Professional degree": "professional",
    "Two or more": "two_or_more",
    "Bachelor's degree": "bachelors",
    "Two-year": "two_year",
    "One-year": "one_year",
    "Secondary": "secondary",
}
ADAPTABILITY = {
    "Your spouse or partner's language": "spouse_language",
    "Your past studies": "studies_in_canada",
    "Your spouse or partner's past studies": "spouse_studies_in_canada",
    "Your past work": "work_in_canada",
    "Your spouse or common-law partner's past work": "spouse_work_in_canada",
    "Arranged employment": "arranged_employment",
    "Relatives": "relatives_in_canada",
}


# --- the example profiles on 2026-11-21 -----------------------------------------------------------


def test_examples_on_2026_11_21() -> None:
    """Every example qualifies for FSW; the grid totals, worked by hand:

    - software_engineer_abroad (Priya): IELTS 8.5/8.0/7.0/7.5 = CLB 10/10/9/10, 6 x 4 = 24;
      master's with a WES ECA of 2024 23; 7.4 years at Flipkart/Infosys 15; age 31 12 = 74.
    - data_scientist_pgwp (Wei): CELPIP 9/8/8/8 = 6+5+5+5 = 21; Canadian master's 23; 3.4
      years of skilled work in 10 years (the research assistantship counts for FSW) 11; age 28
      12; adaptability 10 (Canadian study 5 + a year of Canadian skilled work 10, capped) = 77.
    - francophone_engineer (Camille): TEF = NCLC 10/10/9/9, 24; IELTS CLB 7/8/7/8 >= 5 gives the
      second language 4; master's 23; 6.1 years 15; age 30 12 = 78.
    - us_web_developer_offer (Jordan): CELPIP CLB 10/10/9/10 24; bachelor's 21; 10 years 15;
      age 34 12; the LMIA-exempt offer earns nothing while he is not working in Canada for the
      employer = 72. Funds $40,000 against $19,001 for two.
    - couple_spouse_stronger (Arjun): IELTS CLB 7/8/8/9 = 4+5+5+6 = 20; bachelor's 21; 10 years
      15; age 36 11; adaptability capped at 10 (Meera's CLB, her Canadian master's and work, a
      sibling who is a permanent resident) = 77. Funds $31,000 against $23,360 for three.
    """
    expected = {
        "software_engineer_abroad": 74,
        "data_scientist_pgwp": 77,
        "francophone_engineer": 78,
        "us_web_developer_offer": 72,
        "couple_spouse_stronger": 77,
    }
    for name, points in expected.items():
        v = fsw.evaluate(load_profile(EXAMPLES / f"{name}.yaml"), ON)
        assert_verdict(v, "eligible")
        assert all(c.status == Ternary.met for c in v.criteria)
        assert_criterion(v, "selection_grid", "met", says=f"{points} of 100 points")
