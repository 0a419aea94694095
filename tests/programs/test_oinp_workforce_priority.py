"""The Ontario Workforce Priority stream (TEER 0-3 job offers) from 2026-06-26: a full-time,
permanent Ontario offer in TEER 0-3 from a registered employer, CLB 5 or 6 by occupation, a
post-secondary credential, and 2 years in the occupation (or a licence, or time with the
employer); no Express Entry profile, no CRS points."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from maplepath import programs
from maplepath.programs import oinp_workforce_priority as owp
from maplepath.rulebook.book import RuleBook

from . import ON, assert_criterion, assert_verdict, english, job, make

START = date(2026, 6, 26)
OFFER: dict[str, Any] = {"employer": "Lakeshore Data Inc.", "noc": "21231", "province": "ON",
                         "full_time": True}  # fmt: skip
DEVELOPER: dict[str, Any] = {
    "birth_date": date(1993, 5, 2),
    "education": [{"level": "bachelors", "country": "IN", "completed": date(2015, 5, 31)}],
    "language_tests": [english(8)],
    "work": [job(date(2019, 1, 7))],
    "job_offers": [OFFER],
}


def evaluate(on: date = ON, **changes: Any) -> Any:
    return owp.evaluate(make(DEVELOPER, **changes), on)


def test_the_stream_exists_from_2026_06_26_and_leads_to_a_base_nomination() -> None:
    assert evaluate(START - timedelta(days=1)).status == "not_yet_open"
    v = evaluate(START)
    assert v.status == "paused" and v.leads_to == "nomination"
    assert "oinp_workforce_priority" in programs.REGISTRY
    # the stream it replaces is closed by then
    assert programs.REGISTRY["oinp_hcp_tech"](make(DEVELOPER), START).status == "closed"


def test_a_developer_with_an_ontario_offer_meets_all_but_the_employer_s_registration() -> None:
    v = evaluate()
    assert_verdict(v, "unknown")
    for cid in ("job_offer", "language", "education", "experience_or_licence"):
        assert_criterion(v, cid, "met")
    assert_criterion(v, "registered_employer", "unknown")


def test_an_offer_outside_ontario_in_teer_4_part_time_or_temporary_fails() -> None:
    for change in ({"province": "BC"}, {"noc": "44101"}, {"full_time": False},
                   {"end": "2027-06-30"}):  # fmt: skip
        v = evaluate(job_offers=[{**OFFER, **change}])
        assert_criterion(v, "job_offer", "unmet")
        assert_verdict(v, "ineligible")


def test_clb_6_meets_clb_5_depends_on_the_occupation_below_5_fails(book: RuleBook) -> None:
    rule = book.value("programs.oinp_workforce_priority.requirements", ON)
    assert (rule["min_clb"], rule["max_clb_asked"]) == (5, 6)
    assert_criterion(evaluate(language_tests=[english(6)]), "language", "met")
    assert_criterion(evaluate(language_tests=[english(6, writing=5)]), "language", "unknown")
    assert_criterion(evaluate(language_tests=[english(6, writing=4)]), "language", "unmet")


def test_secondary_school_only_is_not_post_secondary() -> None:
    school = [{"level": "secondary", "country": "IN", "completed": date(2010, 5, 31)}]
    assert_criterion(evaluate(education=school), "education", "unmet")


def test_short_experience_leaves_the_licence_and_employer_routes_open() -> None:
    recent = [job(ON - timedelta(days=400))]
    c = assert_criterion(evaluate(work=recent), "experience_or_licence", "unknown")
    assert "licence" in c.detail


def test_an_empty_profile_is_unknown_never_ineligible() -> None:
    assert_verdict(owp.evaluate(make({}), ON), "unknown")
