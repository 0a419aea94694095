"""Federal Skilled Trades Program: the trades rule, two years in five, CLB 5/4, an offer or a
certificate, and proof of funds."""

from __future__ import annotations

import csv
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from maplepath.profile.load import load_profile
from maplepath.programs import fst
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

ELECTRICIAN = "72200"  # Major Group 72
AIR_PILOT = "72600"  # Sub-Major Group 726: excluded
CENTRAL_CONTROL_OPERATOR = "93100"  # Major Group 93
AIRCRAFT_ASSEMBLER = "93200"  # Sub-Major Group 932: excluded
COOK = "63200"  # Minor Group 6320
CHEF = "62200"  # Unit Group 62200
FOOD_SERVICE_SUPERVISOR = "62020"  # Major Group 62, not listed

# An electrician abroad since 2020 with a certificate of qualification from Ontario.
ELECTRICIAN_ABROAD: dict[str, Any] = {
    "birth_date": date(1990, 5, 5),
    "marital_status": "single",
    "language_tests": [english(5, reading=4, writing=4)],
    "work": [job(date(2020, 3, 2), noc=ELECTRICIAN)],
    "certificates_of_qualification": [{"trade_noc": ELECTRICIAN, "province": "ON"}],
    "settlement_funds_cad": 16000,
    "family_size": 1,
}


def test_the_trades_rule_gives_exactly_the_96_unit_groups_derived_from_it(
    shared_data: Path,
) -> None:
    with (shared_data / "lists" / "fst_eligible_unit_groups.csv").open(encoding="utf-8") as f:
        derived = {row["noc_code"] for row in csv.DictReader(f)}
    with (shared_data / "noc" / "noc_2021_v1.0_unit_groups.csv").open(encoding="utf-8-sig") as f:
        every = {row["noc_code"] for row in csv.DictReader(f)}
    assert len(derived) == 96 and derived <= every
    assert {code for code in every if fst.is_trade(code, ON)} == derived


def test_the_rules_match_the_ircc_crawl(shared_data: Path, book: RuleBook) -> None:
    """The FST rule files against the quote-anchored crawl of IRCC's pages (2026-08-15)."""
    crawl = ircc_crawl(shared_data)
    groups = book.value("programs.fst.trades", ON)
    # The crawl writes the rule as "72(-726),73,82,83,92,93(-932),6320,62200".
    excluded = groups["excluded_sub_major_groups"]
    majors = [
        g + "".join(f"(-{x})" for x in excluded if x.startswith(g)) for g in groups["major_groups"]
    ]
    written = ",".join([*majors, *groups["minor_groups"], *groups["unit_groups"]])
    assert written == requirement(crawl, "FST", "workNocGroups")["value"]
    assert groups["excluded_sub_major_groups"] == ["726", "932"]
    language = book.value("programs.fst.language", ON)
    assert (
        requirement(crawl, "FST", "language", "speaking-listening")["value"]
        == language["speaking"]
        == language["listening"]
    )
    assert (
        requirement(crawl, "FST", "language", "reading-writing")["value"]
        == language["reading"]
        == language["writing"]
    )
    hours = requirement(crawl, "FST", "workHours")
    assert hours["basis"] == "windowYears=5;minYears=2"
    experience = book.value("programs.fst.experience", ON)
    assert (experience["years"], experience["window_years"]) == (2, 5)
    assert hours["value"] == 2 * book.value("experience.full_time", ON)["hours_per_year"]


@pytest.mark.parametrize(
    ("code", "trade"),
    [
        (ELECTRICIAN, True),
        (AIR_PILOT, False),
        (CENTRAL_CONTROL_OPERATOR, True),
        (AIRCRAFT_ASSEMBLER, False),
        (COOK, True),
        (CHEF, True),
        (FOOD_SERVICE_SUPERVISOR, False),
        ("21231", False),
    ],
)
def test_trade_groups_and_their_exclusions(code: str, trade: bool) -> None:
    assert fst.is_trade(code, ON) is trade


def test_before_noc_2021_the_noc_2016_groups_apply_to_four_digit_codes_only() -> None:
    before = date(2022, 11, 15)
    assert fst.is_trade("7241", before) is True  # electricians, Major Group 72
    assert fst.is_trade("6322", before) is True  # cooks, Minor Group 632
    assert fst.is_trade("2173", before) is False  # software engineers
    assert fst.is_trade(ELECTRICIAN, before) is None  # cannot be mapped back reliably
    assert fst.is_trade(ELECTRICIAN, date(2022, 11, 16)) is True


def test_an_electrician_with_a_certificate_and_clb_5_4_is_eligible() -> None:
    v = fst.evaluate(make(ELECTRICIAN_ABROAD), ON)
    assert_verdict(v, "eligible")
    assert v.ids == ["experience", "language", "job_offer_or_certificate", "proof_of_funds"]


def test_two_years_of_full_time_work_are_728_days_and_727_are_not() -> None:
    # 104 weeks x 30 hours = 3,120 hours.
    enough = job(*days(date(2023, 1, 2), 728), noc=ELECTRICIAN)
    short = job(*days(date(2023, 1, 2), 727), noc=ELECTRICIAN)
    assert_criterion(fst.evaluate(make(ELECTRICIAN_ABROAD, work=[enough]), ON), "experience", "met")
    v = fst.evaluate(make(ELECTRICIAN_ABROAD, work=[short]), ON)
    assert_criterion(v, "experience", "unmet", says="at most 1.99 years")


def test_only_the_five_years_before_the_date_count() -> None:
    # The window ending 2026-11-21 starts on 2021-11-22.
    inside = job(*days(date(2021, 11, 22), 728), noc=ELECTRICIAN)
    outside = job(*days(date(2021, 11, 21), 728), noc=ELECTRICIAN)
    assert_criterion(fst.evaluate(make(ELECTRICIAN_ABROAD, work=[inside]), ON), "experience", "met")
    v = fst.evaluate(make(ELECTRICIAN_ABROAD, work=[outside]), ON)
    assert_criterion(v, "experience", "unmet")


def test_a_year_in_each_of_two_trades_is_not_two_years_in_the_trade() -> None:
    work = [
        job(date(2024, 1, 1), date(2024, 12, 31), noc=ELECTRICIAN),
        job(date(2025, 1, 1), date(2025, 12, 31), noc=COOK),
    ]
    v = fst.evaluate(make(ELECTRICIAN_ABROAD, work=work), ON)
    assert_criterion(v, "experience", "unmet")


def test_work_with_no_noc_is_unknown_and_named() -> None:
    work = [job(date(2022, 1, 3), noc=None)]
    v = fst.evaluate(make(ELECTRICIAN_ABROAD, work=work), ON)
    assert_criterion(v, "experience", "unknown", needs=["work[0].noc"])


def test_language_needs_clb_5_speaking_and_listening_and_4_reading_and_writing() -> None:
    low_speaking = english(5, reading=4, writing=4, speaking=4)
    at_minimum = english(5, reading=4, writing=4)
    v = fst.evaluate(make(ELECTRICIAN_ABROAD, language_tests=[low_speaking]), ON)
    assert_criterion(v, "language", "unmet", says="speaking below")
    v = fst.evaluate(make(ELECTRICIAN_ABROAD, language_tests=[at_minimum]), ON)
    assert_criterion(v, "language", "met")


def test_no_offer_and_no_certificate_given_is_unknown() -> None:
    v = fst.evaluate(make(ELECTRICIAN_ABROAD, certificates_of_qualification=None), ON)
    needs = ["job_offers", "certificates_of_qualification"]
    assert_criterion(v, "job_offer_or_certificate", "unknown", needs=needs)


def test_a_certificate_in_another_trade_and_no_offer_fails() -> None:
    other = [{"trade_noc": "21231", "province": "ON"}]
    v = fst.evaluate(make(ELECTRICIAN_ABROAD, certificates_of_qualification=other), ON)
    assert_criterion(v, "job_offer_or_certificate", "unmet", says="no job offer")


def test_a_certificate_without_its_province_is_unknown() -> None:
    certificate = [{"trade_noc": ELECTRICIAN}]
    v = fst.evaluate(make(ELECTRICIAN_ABROAD, certificates_of_qualification=certificate), ON)
    assert_criterion(
        v,
        "job_offer_or_certificate",
        "unknown",
        needs=["certificates_of_qualification[0].province"],
    )


def test_an_lmia_offer_of_a_year_in_the_trade_qualifies_and_a_day_less_does_not() -> None:
    offer = {"employer": "Volt Inc.", "noc": ELECTRICIAN, "start": date(2027, 1, 4)}
    offer |= {"full_time": True, "lmia": "approved"}
    year = offer | {"end": date(2028, 1, 3)}
    short = offer | {"end": date(2028, 1, 2)}
    for offers, status in (([year], "met"), ([short], "unmet")):
        p = make(ELECTRICIAN_ABROAD, certificates_of_qualification=None, job_offers=offers)
        assert_criterion(fst.evaluate(p, ON), "job_offer_or_certificate", status)


def test_funds_one_dollar_short_fail_unless_exempt() -> None:
    v = fst.evaluate(make(ELECTRICIAN_ABROAD, settlement_funds_cad=15262), ON)
    assert_criterion(v, "proof_of_funds", "unmet", says="$1 short")
    offer = {"employer": "Volt Inc.", "noc": ELECTRICIAN, "full_time": True, "lmia": "approved"}
    in_canada = make(
        ELECTRICIAN_ABROAD,
        settlement_funds_cad=15262,
        work=[canadian_job(date(2023, 1, 2), noc=ELECTRICIAN)],
        job_offers=[offer],
    )
    assert_criterion(fst.evaluate(in_canada, ON), "proof_of_funds", "met", says="exempt")


def test_examples_on_2026_11_21() -> None:
    """Worked by hand: every example works in software, data, systems or QA (NOC 21211, 21231,
    21234, 21311, 22222), none of them an FST trade: all five are ineligible on experience.
    Jordan's offer is for 21234, not a trade, so his offer criterion is unmet too; the others
    list no offer or certificate, which is unknown (and does not matter any more)."""
    for path in sorted(EXAMPLES.glob("*.yaml")):
        v = fst.evaluate(load_profile(path), ON)
        assert_verdict(v, "ineligible")
        assert_criterion(v, "experience", "unmet", says="no work in an FST trade")
        offer = "unmet" if path.stem == "us_web_developer_offer" else "unknown"
        assert_criterion(v, "job_offer_or_certificate", offer)
