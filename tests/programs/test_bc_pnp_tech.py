"""BC PNP Tech: a B.C. job offer in a tech occupation, a Skills Immigration category, and the
weekly tech draws from 2017-05-10 to the end of 2024."""

from __future__ import annotations

import csv
from datetime import date
from pathlib import Path
from typing import Any

from maplepath.programs import bc_pnp_tech
from maplepath.rulebook.book import RuleBook

from . import ON, assert_criterion, assert_verdict, canadian_job, english, job, make

SOFTWARE_ENGINEER = "21231"  # NOC 2021; came only from NOC 2016 2173, a listed code
DATA_SCIENTIST = "21211"  # split off from 2171, 2172 and 2173, all three listed in 2017
ELECTRONIC_SERVICE = "22311"  # from 2242 (listed) and 7445 (not listed)
ACCOUNTANT = "11100"  # not a tech occupation
OFFER: dict[str, Any] = {
    "employer": "Acme Cloud Ltd.",
    "noc": SOFTWARE_ENGINEER,
    "province": "BC",
    "full_time": True,
    "start": date(2022, 1, 10),
}
# A developer in Vancouver since 2019 with an indeterminate offer from her employer.
DEVELOPER: dict[str, Any] = {
    "birth_date": date(1993, 5, 2),
    "language_tests": [english(9)],
    "work": [canadian_job(date(2019, 1, 7), province="BC", employer="Acme Cloud Ltd.")],
    "job_offers": [OFFER],
}


def offer(**changes: Any) -> list[dict[str, Any]]:
    return [OFFER | changes]


def test_on_2022_02_03_the_weekly_tech_draws_were_running() -> None:
    v = bc_pnp_tech.evaluate(make(DEVELOPER), date(2022, 2, 3))
    assert v.status == "open"
    assert v.leads_to == "nomination"
    assert_criterion(v, "tech_job_offer", "met", says="600 CRS points")
    assert_criterion(v, "skills_immigration_category", "met")


def test_today_the_dedicated_tech_draws_are_closed_but_tech_jobs_keep_priority() -> None:
    v = bc_pnp_tech.evaluate(make(DEVELOPER), ON)
    assert v.status == "closed"
    assert_criterion(
        v, "tech_job_offer", "met", says="still prioritised through Skills Immigration"
    )


def test_the_tech_draws_ran_from_2017_05_10_to_the_end_of_2024() -> None:
    assert bc_pnp_tech.evaluate(make(DEVELOPER), date(2017, 5, 9)).status == "not_yet_open"
    assert bc_pnp_tech.evaluate(make(DEVELOPER), date(2017, 5, 10)).status == "open"
    assert bc_pnp_tech.evaluate(make(DEVELOPER), date(2024, 12, 31)).status == "open"
    assert bc_pnp_tech.evaluate(make(DEVELOPER), date(2025, 1, 1)).status == "closed"


def test_before_the_first_tech_draw_the_verdict_is_unknown_and_leads_to_a_nomination() -> None:
    v = bc_pnp_tech.evaluate(make(DEVELOPER), date(2017, 5, 9))
    assert_verdict(v, "unknown")
    assert v.leads_to == "nomination"


def test_the_employer_and_wage_checks_keep_the_verdict_unknown_and_say_why() -> None:
    v = bc_pnp_tech.evaluate(make(DEVELOPER), date(2022, 2, 3))
    assert_verdict(v, "unknown")
    c = assert_criterion(v, "employer_and_wage", "unknown")
    assert c.needs and "not in the profile" in c.needs[0]


def test_a_noc_2021_software_engineer_matches_the_noc_2016_list_of_2022() -> None:
    v = bc_pnp_tech.evaluate(make(DEVELOPER), date(2022, 11, 15))
    assert_criterion(v, "tech_job_offer", "met")


def test_a_data_scientist_matches_the_noc_2016_list_through_every_code_it_came_from() -> None:
    profile = make(DEVELOPER, job_offers=offer(noc=DATA_SCIENTIST))
    assert_criterion(bc_pnp_tech.evaluate(profile, date(2022, 11, 15)), "tech_job_offer", "met")
    assert_criterion(bc_pnp_tech.evaluate(profile, date(2022, 11, 16)), "tech_job_offer", "met")


def test_a_noc_2021_code_half_from_a_listed_noc_2016_code_is_unknown_until_2022_11_16() -> None:
    profile = make(DEVELOPER, job_offers=offer(noc=ELECTRONIC_SERVICE))
    before = bc_pnp_tech.evaluate(profile, date(2022, 11, 15))
    assert_criterion(before, "tech_job_offer", "unknown", needs=["job_offers[0].noc"])
    after = bc_pnp_tech.evaluate(profile, date(2022, 11, 16))
    assert_criterion(after, "tech_job_offer", "unmet")


def test_an_accountant_offer_is_not_a_tech_offer() -> None:
    v = bc_pnp_tech.evaluate(make(DEVELOPER, job_offers=offer(noc=ACCOUNTANT)), ON)
    assert_criterion(v, "tech_job_offer", "unmet", says="not a BC PNP Tech occupation")
    assert_verdict(v, "ineligible")


def test_an_offer_in_ontario_does_not_count() -> None:
    v = bc_pnp_tech.evaluate(make(DEVELOPER, job_offers=offer(province="ON")), ON)
    assert_criterion(v, "tech_job_offer", "unmet", says="in ON")


def test_no_job_offer_given_is_unknown() -> None:
    v = bc_pnp_tech.evaluate(make(DEVELOPER, job_offers=None), ON)
    assert_criterion(v, "tech_job_offer", "unknown", needs=["job_offers"])


def test_a_one_year_offer_was_refused_until_2018_06_25_and_accepted_from_2018_06_26() -> None:
    year = offer(start=date(2018, 6, 1), end=date(2019, 5, 31))
    before = bc_pnp_tech.evaluate(make(DEVELOPER, job_offers=year), date(2018, 6, 25))
    after = bc_pnp_tech.evaluate(make(DEVELOPER, job_offers=year), date(2018, 6, 26))
    assert_criterion(before, "tech_job_offer", "unmet", says="indeterminate")
    assert_criterion(after, "tech_job_offer", "met")


def test_an_offer_needs_365_days_and_120_days_left() -> None:
    short = offer(start=date(2022, 1, 1), end=date(2022, 12, 30))  # 364 days
    full = offer(start=date(2022, 1, 1), end=date(2022, 12, 31))  # 365 days
    on = date(2022, 9, 2)  # 120 days before 2022-12-31
    assert_criterion(
        bc_pnp_tech.evaluate(make(DEVELOPER, job_offers=short), on), "tech_job_offer", "unmet"
    )
    assert_criterion(
        bc_pnp_tech.evaluate(make(DEVELOPER, job_offers=full), on), "tech_job_offer", "met"
    )
    late = bc_pnp_tech.evaluate(make(DEVELOPER, job_offers=full), date(2022, 9, 3))
    assert_criterion(late, "tech_job_offer", "unmet", says="120 days left")


def test_two_years_of_skilled_work_make_a_skilled_worker() -> None:
    short = make(DEVELOPER, work=[job(date(2021, 3, 1))], education=None)
    v = bc_pnp_tech.evaluate(short, date(2022, 2, 3))
    assert_criterion(v, "skills_immigration_category", "unmet", says="2 needed")
    enough = bc_pnp_tech.evaluate(short, date(2023, 3, 2))
    assert_criterion(enough, "skills_immigration_category", "met")


def test_a_recent_canadian_graduate_is_an_international_graduate() -> None:
    degree = {"level": "masters", "country": "CA", "completed": date(2021, 4, 30)}
    grad = make(DEVELOPER, work=[canadian_job(date(2021, 5, 3), province="BC")], education=[degree])
    assert_criterion(
        bc_pnp_tech.evaluate(grad, date(2022, 2, 3)), "skills_immigration_category", "met"
    )
    assert_criterion(
        bc_pnp_tech.evaluate(grad, date(2024, 5, 1)), "skills_immigration_category", "met"
    )


def test_the_international_graduate_category_closed_on_2024_11_26() -> None:
    # A Canadian master's of 2024-04 and only a year of work: a graduate until 2024-11-25, then
    # (secondary source, UNA Immigration) only the Skilled Worker category remains.
    degree = {"level": "masters", "country": "CA", "completed": date(2024, 4, 30)}
    grad = make(DEVELOPER, work=[canadian_job(date(2024, 5, 6), province="BC")], education=[degree])
    before = bc_pnp_tech.evaluate(grad, date(2024, 11, 25))
    assert_criterion(before, "skills_immigration_category", "met")
    after = bc_pnp_tech.evaluate(grad, date(2024, 11, 26))
    assert_criterion(
        after, "skills_immigration_category", "unmet", says="International Graduate: closed"
    )


def test_seed_fact_29_occupations_on_the_2017_list(book: RuleBook) -> None:
    listing = book.value("programs.bc_pnp_tech.occupations", date(2017, 5, 10))
    assert listing["classification"] == "NOC 2016"
    assert len(listing["codes"]) == len(set(listing["codes"])) == 29


def test_seed_fact_weekly_invitations_are_recorded_with_their_sources(book: RuleBook) -> None:
    draw = book.at("programs.bc_pnp_tech.tech_draws", date(2022, 2, 3))
    assert draw.value == {"invitations": 68, "min_score": 80}
    assert draw.effective_from == date(2021, 6, 1)
    last = book.at("programs.bc_pnp_tech.tech_draws", date(2024, 12, 31))
    assert last.value["invitations"] == 4
    assert "welcomebc.ca" in last.references[0].href
    assert not book.at("programs.bc_pnp_tech.tech_draws", date(2025, 1, 1)).in_force


def test_the_lists_match_the_reference_copy(shared_data: Path, book: RuleBook) -> None:
    with (shared_data / "lists" / "bc_pnp_tech_occupations.csv").open(encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    for version, on in (("NOC 2016", date(2017, 5, 10)), ("NOC 2021", date(2022, 11, 16))):
        expected = {r["noc_code"] for r in rows if r["noc_version"].startswith(version)}
        listing = book.value("programs.bc_pnp_tech.occupations", on)
        assert set(listing["codes"]) == expected, version
    assert len(expected) == 35


def test_an_empty_profile_is_unknown_never_ineligible() -> None:
    assert_verdict(bc_pnp_tech.evaluate(make({}), date(2022, 2, 3)), "unknown")
