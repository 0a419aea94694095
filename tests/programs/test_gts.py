"""Global Talent Stream: Category A (referral, unique talent) and Category B (the Global Talent
Occupations List and its wage floors), with the list's history from 2017-06-12."""

from __future__ import annotations

import csv
import shutil
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest

from maplepath.occupations import codes as occupations
from maplepath.profile.load import load_profile
from maplepath.profile.model import Profile
from maplepath.programs import gts
from maplepath.rulebook.book import RULES_ROOT, RuleBook

from ..conftest import EXAMPLES
from . import ON, assert_criterion, assert_verdict, job, make

LAUNCH = date(2017, 6, 12)
DAY = timedelta(days=1)
LIST = "programs.gts_b.occupations"
# Changes to the list: 2018-06-12, 2019-07-05, 2019-08-05 (NOC 2016); 2022-11-16 (NOC 2021);
# 2022-12-22 (17 occupations).
SIZES = {
    LAUNCH: 11,
    date(2018, 6, 12): 13,
    date(2019, 7, 5): 14,
    date(2019, 8, 5): 12,
    date(2022, 11, 16): 12,
    date(2022, 12, 22): 17,
}


def offer(noc: str | None = "21231", **facts: Any) -> dict[str, Any]:
    return {
        "employer": "Acme Cloud Ltd.",
        "noc": noc,
        "hourly_wage": 58.0,
        "province": "BC",
    } | facts


# A developer abroad since 2015 with a bachelor's degree and an offer in Vancouver.
DEVELOPER: dict[str, Any] = {
    "citizenships": ["IN"],
    "education": [{"level": "bachelors", "country": "IN", "completed": date(2014, 5, 31)}],
    "work": [job(date(2015, 7, 1), noc="21231")],
    "job_offers": [offer()],
}


# --- the seed facts ----------------------------------------------------------------------------


def test_the_seed_facts_hold_on_their_dates(book: RuleBook) -> None:
    # Launched on 2017-06-12 with IRCC's two-week work permit standard; 17 occupations from
    # 2022-12-22.
    before = gts.evaluate_b(make(DEVELOPER), LAUNCH - DAY)
    assert (before.status, before.verdict, before.processing) == (
        "not_yet_open",
        "ineligible",
        None,
    )
    assert_criterion(before, "program_exists", "unmet", says="opened on 2017-06-12")
    after = gts.evaluate_b(make(DEVELOPER), LAUNCH)
    assert after.status == "open"
    assert after.processing is not None and "2 weeks" in after.processing
    assert gts.evaluate_a(make(DEVELOPER), ON).processing == after.processing
    for day, size in SIZES.items():
        assert len(book.value(LIST, day)["occupations"]) == size, day
    assert gts.PROGRAMS["gts_a"] is gts.evaluate_a and gts.PROGRAMS["gts_b"] is gts.evaluate_b
    assert gts.LEADS_TO == "work_permit"


def test_both_categories_lead_to_a_work_permit_and_explain_the_path_to_cec() -> None:
    for evaluate in gts.PROGRAMS.values():
        v = evaluate(make(DEVELOPER), ON)
        assert v.leads_to == "work_permit"
        assert_criterion(v, "permit", "met", says="Canadian Experience Class counts")


# --- the list, checked against the reference copy ---------------------------------------------


def test_the_2022_list_matches_the_reference_copy(shared_data: Path, book: RuleBook) -> None:
    path = shared_data / "lists" / "gts_global_talent_occupations_2022_derived.csv"
    with path.open(encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    expected: dict[str, set[str]] = {}
    for row in rows:
        expected.setdefault(row["noc2016_code"], set()).add(row["derived_noc2021_code"])
        assert not row["wage_floor_annual"] and not row["wage_floor_hourly"]  # none were found
    entries = book.value(LIST, date(2022, 12, 22))["occupations"]
    assert {e["noc2016"]: set(e["noc2021"]) for e in entries} == expected
    # No wage floor is invented: "prevailing" (no floor) or null (a floor not found).
    every = [e for d in SIZES for e in book.value(LIST, d)["occupations"]]
    assert {e["wage"] for e in every} == {"prevailing", None}


def test_the_noc_2021_codes_are_those_the_concordance_gives(book: RuleBook) -> None:
    for day in (date(2022, 11, 16), date(2022, 12, 22)):
        for e in book.value(LIST, day)["occupations"]:
            mapping = occupations.map_2016(e["noc2016"])
            assert mapping is not None and list(mapping.candidates) == e["noc2021"], e
            assert all(occupations.is_unit_group(c) for c in e["noc2021"])


@pytest.mark.parametrize(
    ("code", "day", "expected"),
    [
        ("21234", ON, True),  # web developers: from 2174 and 2175, both listed
        ("21231", ON, True),
        ("20012", ON, True),
        ("11200", ON, False),  # human resources professionals
        ("21210", ON, None),  # only mathematicians and statisticians, not actuaries
        ("2174", ON, True),  # a NOC 2016 code on a NOC 2021 date, translated
        ("2161", ON, None),
        ("21300", date(2022, 12, 21), False),  # civil engineers, added on 2022-12-22
        ("21300", date(2022, 12, 22), True),
        ("2241", date(2018, 6, 11), True),  # removed on 2018-06-12, back on 2022-12-22
        ("2241", date(2018, 6, 12), False),
        ("22310", date(2022, 12, 22), True),
        ("2281", date(2019, 7, 4), False),  # computer network technicians, added 2019-07-05
        ("2281", date(2019, 7, 5), True),
        ("0211", date(2019, 8, 4), True),  # engineering managers, last day 2019-08-04
        ("0211", date(2019, 8, 5), False),
        ("21231", date(2020, 1, 1), True),  # a NOC 2021 code on a NOC 2016 date: from 2173
        ("22310", date(2020, 1, 1), False),  # from 2241, off the list in 2020
        ("21234", LAUNCH - DAY, False),  # no list before the launch
    ],
)
def test_which_codes_are_on_the_list_on_which_dates(
    code: str, day: date, expected: bool | None
) -> None:
    assert gts.listed(code, day)[0] is expected


def test_a_code_that_came_from_listed_and_unlisted_groups_is_unknown(tmp_path: Path) -> None:
    """On a NOC 2016 list of only 2175, web developers (21234, from 2174 and 2175) could be
    either: the person must say which NOC 2016 group the job was in."""
    root = tmp_path / "rules"
    shutil.copytree(RULES_ROOT, root)
    (root / "programs" / "gts_b" / "occupations.yaml").write_text(
        "description: a test list\n"
        "metadata:\n  last_verified: 2026-11-21\n"
        "  reference: [{title: test, href: 'https://example.org'}]\n"
        "values:\n  2017-06-12:\n    value:\n      classification: NOC 2016\n"
        "      occupations: [{noc2016: '2175', title: Web designers and developers, wage: null}]\n",
        encoding="utf-8",
    )
    book = RuleBook(root)
    day = date(2020, 1, 1)
    assert gts.listed("21234", day, book)[0] is None
    assert gts.listed("2175", day, book)[0] is True
    assert gts.listed("21232", day, book)[0] is False  # from 2174 only
    v = gts.evaluate_b(make(DEVELOPER, job_offers=[offer("21234")]), day, book)
    assert_criterion(v, "occupation", "unknown", needs=["job_offers[0].noc as a NOC 2016 code"])


# --- Category B --------------------------------------------------------------------------------


def test_the_us_web_developer_qualifies_for_category_b_on_2026_11_21() -> None:
    v = gts.evaluate_b(load_profile(EXAMPLES / "us_web_developer_offer.yaml"), ON)
    assert_verdict(v, "eligible")
    assert_criterion(v, "occupation", "met", says="Web designers and developers")
    assert_criterion(v, "wage_floor", "met", says="prevailing wage")


def test_an_occupation_off_the_list_is_ineligible() -> None:
    v = gts.evaluate_b(make(DEVELOPER, job_offers=[offer("11200")]), ON)
    assert_verdict(v, "ineligible")
    assert_criterion(v, "occupation", "unmet", says="not on the list")


def test_a_wage_floor_maplepath_has_not_found_leaves_the_wage_unknown() -> None:
    v = gts.evaluate_b(make(DEVELOPER, job_offers=[offer("22220")]), ON)
    assert_verdict(v, "unknown")
    assert_criterion(v, "occupation", "met")
    assert_criterion(
        v,
        "wage_floor",
        "unknown",
        needs=["the list's wage floor for Computer network technicians: not in maplepath's rules"],
    )


def test_a_listed_subset_cannot_be_decided_from_the_noc_code() -> None:
    v = gts.evaluate_b(make(DEVELOPER, job_offers=[offer("21210")]), ON)
    assert_criterion(v, "occupation", "unknown", says="excluding actuaries")
    assert "listed part" in v.criterion("occupation").needs[0]


def test_no_offer_or_no_noc_is_unknown_and_an_ended_offer_is_not_an_offer() -> None:
    v = gts.evaluate_b(make(DEVELOPER, job_offers=None), ON)
    assert_criterion(v, "occupation", "unknown", needs=["job_offers"])
    v = gts.evaluate_b(make(DEVELOPER, job_offers=[offer(None)]), ON)
    assert_criterion(v, "occupation", "unknown", needs=["job_offers[0].noc"])
    ended = offer(start=date(2025, 1, 6), end=date(2026, 6, 30))
    assert_criterion(gts.evaluate_b(make(DEVELOPER, job_offers=[ended]), ON), "occupation", "unmet")


def test_the_best_of_several_offers_decides() -> None:
    v = gts.evaluate_b(make(DEVELOPER, job_offers=[offer("11200"), offer("21231")]), ON)
    assert_verdict(v, "eligible")


# --- Category A --------------------------------------------------------------------------------


def test_category_a_needs_a_referral_the_profile_cannot_show() -> None:
    v = gts.evaluate_a(make(DEVELOPER), ON)
    assert_verdict(v, "unknown")
    assert_criterion(
        v, "referral", "unknown", needs=["referral by a designated partner: not in the profile"]
    )
    assert_criterion(v, "salary", "met", says="$38.46")


def test_category_a_pays_at_least_38_46_an_hour() -> None:
    low = gts.evaluate_a(make(DEVELOPER, job_offers=[offer(hourly_wage=38.45)]), ON)
    assert_criterion(low, "salary", "unmet")
    assert_verdict(low, "ineligible")
    assert_criterion(
        gts.evaluate_a(make(DEVELOPER, job_offers=[offer(hourly_wage=38.46)]), ON), "salary", "met"
    )
    missing = gts.evaluate_a(make(DEVELOPER, job_offers=[offer(hourly_wage=None)]), ON)
    assert_criterion(missing, "salary", "unknown", needs=["job_offers[0].hourly_wage"])


def test_talent_needs_an_advanced_degree_or_five_years_in_the_field() -> None:
    junior = make(DEVELOPER, work=[job(date(2023, 1, 2), noc="21231")])
    assert_criterion(gts.evaluate_a(junior, ON), "specialized_talent", "unmet")
    # Over five years in the offer's NOC, or a master's: then only industry knowledge is unknown.
    for person in (
        make(DEVELOPER),
        make(
            junior.model_dump(mode="json"),
            education=[{"level": "masters", "country": "IN", "completed": date(2022, 5, 31)}],
        ),
    ):
        c = assert_criterion(gts.evaluate_a(person, ON), "specialized_talent", "unknown")
        assert c.needs == ("advanced knowledge of the industry: not in the profile",)


def test_an_empty_profile_is_unknown_for_both_categories_never_ineligible() -> None:
    for evaluate in gts.PROGRAMS.values():
        v = evaluate(Profile(), ON)
        assert_verdict(v, "unknown")
        assert "job_offers" in v.needs
