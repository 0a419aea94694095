"""Ontario's HCP tech draws: FSW or CEC, a year in a targeted tech occupation, a bachelor's
degree, and the CRS range of the draw; from 2019-07-12 until the stream ended on 2026-05-30."""

from __future__ import annotations

import csv
from datetime import date
from pathlib import Path
from typing import Any

from maplepath.programs import oinp_hcp_tech
from maplepath.rulebook.book import RuleBook

from . import ON, assert_criterion, assert_verdict, canadian_job, english, make

WORLD = date(2022, 2, 3)
WEB_DESIGNER = "21233"  # from NOC 2016 2171 (not targeted) and 2175 (targeted)
ACCOUNTANT = "11100"
# A software engineer in Toronto since 2018, Canadian master's, CLB 9: CEC-eligible, CRS ~ 480.
ENGINEER: dict[str, Any] = {
    "birth_date": date(1994, 3, 3),
    "marital_status": "single",
    "education": [
        {"level": "masters", "country": "CA", "completed": date(2018, 4, 30), "program_years": 2}
    ],
    "language_tests": [english(9, taken=date(2021, 6, 1))],
    "work": [canadian_job(date(2018, 6, 4))],
}


def evaluate(on: date = WORLD, **changes: Any) -> Any:
    return oinp_hcp_tech.evaluate(make(ENGINEER, **changes), on)


def test_on_2022_02_03_a_cec_eligible_engineer_in_range_meets_every_criterion() -> None:
    v = evaluate()
    assert v.status == "open"
    assert v.leads_to == "nomination"
    assert_verdict(v, "eligible")
    assert_criterion(v, "express_entry", "met", says="600 CRS points")
    assert_criterion(v, "crs_range", "met", says="45 days to apply")


def test_the_tech_draws_began_on_2019_07_12() -> None:
    assert evaluate(date(2019, 7, 11)).status == "not_yet_open"
    assert evaluate(date(2019, 7, 12)).status == "open"


def test_the_stream_ended_on_2026_05_30_and_takes_no_one_today() -> None:
    assert evaluate(date(2026, 5, 29), language_tests=[english(9)]).status == "open"
    ended = evaluate(date(2026, 5, 30))
    assert ended.status == "closed"
    assert_criterion(ended, "program_open", "unmet", says="O. Reg. 47/26")
    today = evaluate(ON)
    assert today.status == "closed"
    assert_verdict(today, "ineligible")


def test_neither_fsw_nor_cec_makes_the_profile_ineligible() -> None:
    v = evaluate(work=[canadian_job(date(2021, 6, 7))])  # eight months in Canada
    assert_criterion(v, "express_entry", "unmet", says="CEC ineligible")
    assert_verdict(v, "ineligible")


def test_a_year_in_a_non_targeted_occupation_does_not_count() -> None:
    v = evaluate(work=[canadian_job(date(2018, 6, 4), noc=ACCOUNTANT)])
    assert_criterion(v, "tech_occupation", "unmet")


def test_a_web_designer_against_the_six_noc_2016_codes_is_unknown_then_targeted() -> None:
    work = [canadian_job(date(2018, 6, 4), noc=WEB_DESIGNER)]
    before = evaluate(date(2022, 11, 15), work=work)
    assert_criterion(before, "tech_occupation", "unknown", needs=["work[0].noc"])
    after = evaluate(date(2022, 11, 16), work=work)
    assert_criterion(after, "tech_occupation", "met")


def test_a_two_year_diploma_is_not_a_bachelors_degree() -> None:
    diploma = [{"level": "two_year", "country": "CA", "completed": date(2018, 4, 30)}]
    assert_criterion(evaluate(education=diploma), "education", "unmet")
    assert_criterion(evaluate(education=None), "education", "unknown", needs=["education"])


def test_a_foreign_degree_needs_a_valid_eca() -> None:
    foreign = [{"level": "bachelors", "country": "IN", "completed": date(2016, 5, 31)}]
    assert_criterion(
        evaluate(education=foreign), "education", "unknown", needs=["education[0].eca"]
    )


def test_a_crs_below_the_last_draw_is_unknown_never_unmet() -> None:
    weak = [english(7, taken=date(2021, 6, 1))]
    v = evaluate(language_tests=weak, education=None, birth_date=date(1980, 1, 1))
    assert_criterion(v, "crs_range", "unknown", says="Ontario sets the range of each draw")


def test_the_crs_range_is_that_of_the_latest_draw_on_record() -> None:
    may = evaluate(date(2020, 6, 1), language_tests=[english(9, taken=date(2019, 6, 1))])
    assert_criterion(may, "crs_range", "met", says="tech draw of 2020-05-13 (CRS 421-451)")


def test_seed_fact_4385_tech_draw_invitations_in_2020(book: RuleBook) -> None:
    published = book.at("programs.oinp_hcp_tech.annual_invitations", date(2021, 3, 19))
    assert published.value["2020"] == 4385
    assert any("4,385" in r.title for r in published.references)
    assert not book.at("programs.oinp_hcp_tech.annual_invitations", date(2021, 3, 18)).in_force


def test_the_first_tech_draw_sent_1623_nois_to_crs_439_459(book: RuleBook) -> None:
    draw = book.value("programs.oinp_hcp_tech.tech_draws", date(2019, 7, 12))
    assert draw == {"invitations": 1623, "crs_min": 439, "crs_max": 459}


def test_the_2019_list_has_six_noc_2016_codes(book: RuleBook) -> None:
    listing = book.value("programs.oinp_hcp_tech.occupations", date(2019, 7, 12))
    assert listing["classification"] == "NOC 2016" and len(listing["codes"]) == 6


def test_the_noc_2021_list_matches_the_reference_copy(shared_data: Path, book: RuleBook) -> None:
    with (shared_data / "lists" / "on_hcp_tech_draw_nocs.csv").open(encoding="utf-8") as f:
        expected = {row["noc_code"] for row in csv.DictReader(f)}
    listing = book.value("programs.oinp_hcp_tech.occupations", date(2022, 11, 16))
    assert set(listing["codes"]) == expected and len(expected) == 9


def test_an_empty_profile_is_unknown_never_ineligible() -> None:
    assert_verdict(oinp_hcp_tech.evaluate(make({}), WORLD), "unknown")
