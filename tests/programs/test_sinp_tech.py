"""Saskatchewan's tech routes: the Tech Talent Pathway (an approved, permanent Saskatchewan
tech offer; a year in five; CLB 5; post-secondary education) and tech-restricted rounds."""

from __future__ import annotations

import csv
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from maplepath.occupations import codes as occupations
from maplepath.programs import sinp_tech
from maplepath.rulebook.book import RuleBook

from . import ON, assert_criterion, assert_verdict, english, job, make

PHYSICIST = "21100"  # added with the 32-code list of 2026-01-01
OFFER: dict[str, Any] = {
    "employer": "Prairie Data Ltd.",
    "noc": "21231",
    "province": "SK",
    "full_time": True,
}
# A software engineer abroad since 2020 with a permanent offer from a Regina employer.
RECRUIT: dict[str, Any] = {
    "birth_date": date(1992, 8, 8),
    "education": [{"level": "bachelors", "country": "IN", "completed": date(2014, 5, 31)}],
    "language_tests": [english(8)],
    "work": [job(date(2020, 1, 6))],
    "job_offers": [OFFER],
}


def evaluate(on: date = ON, **changes: Any) -> Any:
    return sinp_tech.evaluate(make(RECRUIT, **changes), on)


def test_a_recruit_with_an_approved_offer_meets_all_but_the_job_approval_letter() -> None:
    v = evaluate()
    assert v.leads_to == "nomination" and v.status == "open"
    for cid in ("tech_job_offer", "experience", "language", "education"):
        assert_criterion(v, cid, "met")
    assert_criterion(v, "tech_job_offer", "met", says="600 CRS points")
    letter = assert_criterion(v, "job_approval_letter", "unknown")
    assert "Job Approval Letter" in letter.needs[0]
    assert_verdict(v, "unknown")


def test_the_tech_talent_pathway_opened_on_2022_03_07_after_the_2022_02_03_world() -> None:
    assert evaluate(date(2022, 2, 3)).status == "not_yet_open"
    assert evaluate(date(2022, 3, 6)).status == "not_yet_open"
    assert evaluate(date(2022, 3, 7)).status == "open"


def test_an_offer_with_an_end_date_is_not_permanent() -> None:
    v = evaluate(job_offers=[OFFER | {"end": date(2027, 12, 31)}])
    assert_criterion(v, "tech_job_offer", "unmet", says="permanent")


def test_an_offer_in_alberta_does_not_count() -> None:
    assert_criterion(evaluate(job_offers=[OFFER | {"province": "AB"}]), "tech_job_offer", "unmet")


def test_a_physicist_qualifies_only_from_the_2026_list() -> None:
    offers = [OFFER | {"noc": PHYSICIST}]
    assert_criterion(evaluate(date(2025, 12, 31), job_offers=offers), "tech_job_offer", "unmet")
    assert_criterion(evaluate(date(2026, 1, 1), job_offers=offers), "tech_job_offer", "met")


def test_clb_4_is_below_the_pathway_minimum() -> None:
    v = evaluate(language_tests=[english(5, reading=4)])
    assert_criterion(v, "language", "unmet", says="CLB 5")


def test_a_year_of_tech_work_in_the_last_five_years_counts_and_older_work_does_not() -> None:
    old = [job(date(2014, 1, 6), date(2020, 12, 31))]
    assert_criterion(evaluate(work=old), "experience", "unmet")
    assert_criterion(evaluate(work=[job(date(2022, 1, 3), date(2023, 1, 1))]), "experience", "met")


def test_secondary_school_only_is_not_post_secondary() -> None:
    school = [{"level": "secondary", "country": "IN", "completed": date(2010, 5, 31)}]
    assert_criterion(evaluate(education=school), "education", "unmet")


def test_seed_fact_a_621_invitation_tech_round_is_recorded(book: RuleBook) -> None:
    held = date(2025, 3, 26)  # the day before the sub-categories that held it ended
    rounds = book.at("programs.sinp_tech.tech_rounds", held)
    assert rounds.value["invitations"] == 621
    assert rounds.value["express_entry"] + rounds.value["occupations_in_demand"] == 621
    assert rounds.effective_from == date(2023, 9, 15)
    v = evaluate(held, work=[job(date(2019, 1, 7))])
    assert_criterion(v, "tech_job_offer", "met", says="621 invitations on 2023-09-15")


def test_the_rounds_without_an_offer_ended_with_the_2025_03_27_reboot(book: RuleBook) -> None:
    ended = date(2025, 3, 27)
    assert not book.at("programs.sinp_tech.tech_rounds", ended).in_force
    for on in (ended, ON):
        c = next(c for c in evaluate(on).criteria if c.id == "tech_job_offer")
        assert "621 invitations" not in c.detail and "ended on 2025-03-27" in c.detail
    before = next(
        c for c in evaluate(ended - timedelta(days=1)).criteria if c.id == "tech_job_offer"
    )
    assert "ended on" not in before.detail


def test_the_16_noc_2021_codes_are_the_concordance_image_of_the_11_noc_2016_codes(
    book: RuleBook,
) -> None:
    launch = book.value("programs.sinp_tech.occupations", date(2022, 3, 7))["codes"]
    derived = {c for code in launch for c in occupations.map_2016(code).candidates}
    listing = book.value("programs.sinp_tech.occupations", date(2022, 11, 16))["codes"]
    assert len(launch) == 11
    assert set(listing) == derived and len(derived) == 16


def test_the_2026_list_matches_the_reference_copy(shared_data: Path, book: RuleBook) -> None:
    path = shared_data / "lists" / "sk_innovation_tech_talent_pathway_nocs.csv"
    with path.open(encoding="utf-8") as f:
        expected = {row["noc_code"] for row in csv.DictReader(f)}
    listing = book.value("programs.sinp_tech.occupations", date(2026, 1, 1))
    assert set(listing["codes"]) == expected and len(expected) == 32


def test_an_empty_profile_is_unknown_never_ineligible() -> None:
    assert_verdict(sinp_tech.evaluate(make({}), ON), "unknown")
