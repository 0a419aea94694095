"""Express Entry category-based selection: the categories and their dates, the occupation lists,
6 continuous months then 12 months of work, NCLC 7 in French, and Express Entry eligibility."""

from __future__ import annotations

import csv
import json
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest

from maplepath.occupations import codes as occupations
from maplepath.profile.load import load_profile
from maplepath.profile.model import Profile
from maplepath.programs import ee_category
from maplepath.rulebook import book as rulebook
from maplepath.rulebook.book import RuleBook

from ..conftest import EXAMPLES
from . import ON, assert_criterion, assert_verdict, canadian_job, english, job, make

STEM = "programs.ee_category.stem.occupations"
STEM_REVISED = date(2025, 2, 27)  # the 2025 categories: STEM goes from 24 unit groups to 11
TWELVE_MONTHS = date(2026, 2, 18)  # the 2026 categories: 12 months, no longer continuous
FIRST_SIX = ["french", "healthcare", "stem", "trades", "transport", "agriculture"]
DAY = timedelta(days=1)
MASTERS_IN = {
    "level": "masters",
    "program_years": 2,
    "country": "IN",
    "completed": date(2015, 5, 31),
    "full_time": True,
    "eca": {"issuer": "WES", "issued": date(2023, 1, 10), "level": "masters"},
}
# Six years as a financial analyst (not on any category list) make the candidate FSW-eligible
# on every date from 2023 to 2026, so each category turns on its own condition.
ANALYST = job(date(2016, 1, 4), date(2021, 12, 31), noc="11101")
BASE: dict[str, Any] = {
    "birth_date": date(1994, 3, 10),
    "marital_status": "single",
    "education": [MASTERS_IN],
    "settlement_funds_cad": 24000,
    "family_size": 1,
}


def candidate(on: date, *work: dict[str, Any], **changes: Any) -> Profile:
    """The base candidate with an English result taken 90 days before ``on`` and ``work``
    after the analyst years."""
    tests = [english(9, taken=on - timedelta(days=90))]
    return make(BASE, **{"language_tests": tests, "work": [ANALYST, *work], **changes})


def tef(nclc: int, taken: date, **levels: int) -> dict[str, Any]:
    """A TEF Canada result at ``nclc`` in every ability (or per ability), scored with the
    chart in force on the test date."""
    chart = rulebook.default().value("language.tef_canada", taken)["clb"]
    scores = {a: chart[a][levels.get(a, nclc)] for a in chart}
    return {"test": "tef_canada", "date": taken.isoformat(), "scores": scores}


def stem(profile: Profile, on: date) -> Any:
    return ee_category.evaluate("stem", profile, on)


# --- the categories and their dates ------------------------------------------------------------


def test_before_2023_05_31_no_category_exists_and_every_one_is_not_yet_open() -> None:
    before = date(2023, 5, 30)
    assert ee_category.CATEGORY_IDS(before) == []
    for program, evaluate in ee_category.evaluators().items():
        v = evaluate(candidate(before), before, None)
        assert (v.program, v.status, v.verdict) == (program, "not_yet_open", "ineligible")
        assert_criterion(v, "category_in_force", "unmet", says="was established on")
    assert ee_category.CATEGORY_IDS(date(2023, 5, 31)) == FIRST_SIX


def test_the_categories_in_force_are_exactly_the_open_ones_on_every_effective_date(
    book: RuleBook,
) -> None:
    days = {dv.effective_from for dv in book.get(ee_category.CATEGORIES).values}
    for cid in ee_category.ALL_CATEGORIES:
        days |= {dv.effective_from for dv in book.get(f"{ee_category.R}{cid}.status").values}
    for day in sorted(days | {d - DAY for d in days} | {ON}):
        in_force = set(ee_category.CATEGORY_IDS(day))
        for cid in ee_category.ALL_CATEGORIES:
            v = ee_category.evaluate(cid, Profile(), day)
            assert (v.status == "open") == (cid in in_force), (cid, day, v.status)


def test_transport_closes_on_2025_02_27_and_reopens_with_a_new_list_on_2026_02_18() -> None:
    statuses = [
        ee_category.evaluate("transport", Profile(), day).status
        for day in (STEM_REVISED - DAY, STEM_REVISED, TWELVE_MONTHS - DAY, TWELVE_MONTHS)
    ]
    assert statuses == ["open", "closed", "closed", "open"]
    v = ee_category.evaluate("transport", candidate(date(2025, 6, 1)), date(2025, 6, 1))
    assert_verdict(v, "ineligible")
    assert_criterion(v, "category_in_force", "unmet", says="was retired on 2025-02-27")


def test_agriculture_is_retired_and_education_created_on_their_dates() -> None:
    agriculture = [
        ee_category.evaluate("agriculture", Profile(), d).status
        for d in (TWELVE_MONTHS - DAY, TWELVE_MONTHS)
    ]
    assert agriculture == ["open", "closed"]
    education = [
        ee_category.evaluate("education", Profile(), d).status
        for d in (STEM_REVISED - DAY, STEM_REVISED)
    ]
    assert education == ["not_yet_open", "open"]


def test_stem_stays_open_in_2026_and_its_status_rule_records_the_missing_rounds(
    book: RuleBook,
) -> None:
    assert "stem" in ee_category.CATEGORY_IDS(ON)
    assert ee_category.evaluate("stem", Profile(), ON).status == "open"
    assert "2024-04-11" in (book.get("programs.ee_category.stem.status").notes or "")


def test_evaluators_cover_every_category_that_ever_existed_by_program_id() -> None:
    assert list(ee_category.evaluators()) == list(ee_category.PROGRAM)
    assert len(ee_category.PROGRAM) == 11 and "ee_category:agriculture" in ee_category.PROGRAM
    p = candidate(ON)
    assert ee_category.evaluate("ee_category:stem", p, ON) == ee_category.evaluate("stem", p, ON)
    with pytest.raises(KeyError, match="no Express Entry category"):
        ee_category.evaluate("crypto", p, ON)


def test_the_verdict_carries_the_express_entry_processing_standard() -> None:
    v = stem(candidate(ON), ON)
    assert v.leads_to == "permanent_residence"
    assert v.processing is not None and v.processing.startswith("6 months")
    assert stem(candidate(ON), date(2023, 5, 30)).processing is None
    assert ee_category.evaluate("agriculture", candidate(ON), ON).processing is None


# --- occupation lists ------------------------------------------------------------------------


def test_the_stem_list_has_24_unit_groups_until_2025_02_26_and_11_from_2025_02_27(
    book: RuleBook,
) -> None:
    assert len(book.value(STEM, date(2023, 6, 1))) == 24
    assert len(book.value(STEM, STEM_REVISED - DAY)) == 24
    assert len(book.value(STEM, STEM_REVISED)) == 11
    assert "21211" in book.value(STEM, STEM_REVISED - DAY)
    assert "21211" not in book.value(STEM, STEM_REVISED)


def test_every_listed_code_is_a_noc_2021_unit_group_under_its_official_title(
    book: RuleBook,
) -> None:
    for cid in ee_category.ALL_CATEGORIES:
        rule_id = f"{ee_category.R}{cid}.occupations"
        if rule_id not in book.rules:
            continue
        for dv in book.get(rule_id).values:
            for code, title in (dv.value or {}).items():
                assert occupations.lookup(code).title == title, (rule_id, code)
                assert occupations.teer(code) <= 3, (rule_id, code)


CRAWL_KEYS = {"trade": "trades", "senior-managers": "senior_managers"}  # the crawl's -> ours


def test_the_2026_lists_match_the_crawl_of_the_ircc_page(shared_data: Path, book: RuleBook) -> None:
    crawl = json.loads(
        (shared_data / "express_entry" / "ee_category_based_selection_2026_raw.json").read_text(
            "utf-8"
        )
    )
    fetched = date.fromisoformat(crawl["fetched"])
    listed = {}
    for category in crawl["categories"]:
        cid = CRAWL_KEYS.get(category["key"], category["key"])
        listed[cid] = {o["noc"] for o in category["occupations"]}
        assert set(book.value(f"{ee_category.R}{cid}.occupations", fetched)) == listed[cid], cid
    # The crawl lists the occupation categories; French has no occupation list.
    assert set(ee_category.CATEGORY_IDS(fetched)) == {*listed, "french"}


def test_the_lists_match_the_compiled_reference_csv(shared_data: Path, book: RuleBook) -> None:
    """shared/data's compiled list: the 2023 and 2025 STEM lists and the 2026 lists."""
    rows: dict[tuple[str, str], set[str]] = {}
    path = shared_data / "express_entry" / "ee_category_occupations.csv"
    with path.open(encoding="utf-8") as f:
        for row in csv.DictReader(f):
            rows.setdefault((row["selection_year"], row["category"]), set()).add(row["noc_code"])
    assert (
        set(book.value(STEM, date(2023, 6, 1))) == rows["2023-2024", "STEM occupations (Version 1)"]
    )
    assert (
        set(book.value(STEM, STEM_REVISED))
        == rows["2025", "STEM occupations (2025, Feb 2025 revision)"]
    )
    in_2026 = {
        "healthcare": "Healthcare and social services occupations",
        "stem": "STEM occupations",
        "trades": "Trade occupations",
        "education": "Education occupations",
        "transport": "Transport occupations",
        "physicians": "Physicians with Canadian work experience",
        "senior_managers": "Senior managers with Canadian work experience",
        "researchers": "Researchers with Canadian work experience",
        "military": "Skilled military recruits",
    }
    for cid, name in in_2026.items():
        assert set(book.value(f"{ee_category.R}{cid}.occupations", ON)) == rows["2026", name], cid
    assert sorted(in_2026) == sorted(set(ee_category.CATEGORY_IDS(ON)) - {"french"})


def test_trades_swap_cooks_for_butchers_on_2026_02_18(book: RuleBook) -> None:
    trades = "programs.ee_category.trades.occupations"
    before, after = book.value(trades, TWELVE_MONTHS - DAY), book.value(trades, TWELVE_MONTHS)
    assert ("63200" in before, "63201" in before) == (True, False)
    assert ("63200" in after, "63201" in after) == (False, True)
    assert len(before) == len(after) == 25


# --- work experience in a listed occupation ---------------------------------------------------

DATA_SCIENTIST = job(date(2024, 1, 1), date(2024, 7, 31), noc="21211")  # 7 months
CIVIL_ENGINEER = job(date(2025, 6, 1), date(2025, 12, 31), noc="21300")  # 7 months


def test_a_data_scientist_with_7_months_is_eligible_for_stem_in_2024() -> None:
    on = date(2024, 8, 15)
    v = stem(candidate(on, DATA_SCIENTIST), on)
    assert_verdict(v, "eligible")
    assert_criterion(v, "express_entry_program", "met", says="FSW eligible")
    assert_criterion(v, "occupation_experience", "met", says="7.0 months as NOC 21211")


def test_data_scientists_leave_the_stem_list_on_2025_02_27() -> None:
    assert_verdict(stem(candidate(STEM_REVISED, DATA_SCIENTIST), STEM_REVISED - DAY), "eligible")
    v = stem(candidate(STEM_REVISED, DATA_SCIENTIST), STEM_REVISED)
    assert_verdict(v, "ineligible")
    assert_criterion(v, "occupation_experience", "unmet", says="NOC 11101, 21211 not listed")


def test_in_2026_a_data_scientist_with_7_months_is_ineligible_for_stem() -> None:
    v = stem(candidate(ON, DATA_SCIENTIST), ON)
    assert_verdict(v, "ineligible")
    assert_criterion(v, "occupation_experience", "unmet", says="12 months")


def test_7_months_as_a_civil_engineer_meet_the_6_months_until_2026_02_17_but_not_the_12() -> None:
    before, after = TWELVE_MONTHS - DAY, TWELVE_MONTHS
    assert_verdict(stem(candidate(before, CIVIL_ENGINEER), before), "eligible")
    v = stem(candidate(after, CIVIL_ENGINEER), after)
    assert_verdict(v, "ineligible")
    assert_criterion(v, "occupation_experience", "unmet", says="at most 7.0 months as NOC 21300")


def test_from_2026_02_18_the_12_months_need_not_be_continuous() -> None:
    stints = [
        job(date(2023, 6, 1), date(2023, 10, 31), noc="21300"),
        job(date(2024, 3, 1), date(2024, 7, 31), noc="21300"),
        job(date(2025, 1, 1), date(2025, 5, 31), noc="21300"),
    ]  # three stints of 5 months: 15 months, never 6 in a row
    v = stem(candidate(TWELVE_MONTHS - DAY, *stints), TWELVE_MONTHS - DAY)
    assert_criterion(v, "occupation_experience", "unmet", says="continuous")
    v = stem(candidate(TWELVE_MONTHS, *stints), TWELVE_MONTHS)
    assert_criterion(v, "occupation_experience", "met", says="months as NOC 21300")


def test_work_in_two_listed_occupations_is_not_added_together() -> None:
    split = [
        job(date(2025, 1, 1), date(2025, 7, 31), noc="21300"),
        job(date(2025, 8, 1), date(2026, 2, 28), noc="21310"),
    ]  # 7 + 7 months in two different listed occupations
    v = stem(candidate(ON, *split), ON)
    assert_criterion(v, "occupation_experience", "unmet", says="at most 6.9 months as NOC 21310")


def test_unknown_hours_leave_the_experience_unknown_naming_the_fact() -> None:
    v = stem(candidate(ON, job(date(2025, 6, 1), noc="21300", hours=None)), ON)
    assert_criterion(v, "occupation_experience", "unknown", needs=["work[1].hours_per_week"])
    assert_verdict(v, "unknown")


def test_no_work_at_all_is_unknown_not_unmet() -> None:
    v = stem(make(BASE, work=None, language_tests=[english(9)]), ON)
    assert_criterion(v, "occupation_experience", "unknown", needs=["work"])


def test_canadian_experience_categories_count_only_authorized_work_in_canada() -> None:
    manager = {"noc": "00013"}
    abroad = candidate(ON, job(date(2023, 1, 2), **manager))
    assert_criterion(
        ee_category.evaluate("senior_managers", abroad, ON),
        "occupation_experience",
        "unmet",
        says="in Canada",
    )
    in_canada = candidate(ON, canadian_job(date(2024, 1, 2), **manager))
    assert_verdict(ee_category.evaluate("senior_managers", in_canada, ON), "eligible")
    unauthorized = candidate(ON, canadian_job(date(2024, 1, 2), authorized=False, **manager))
    v = ee_category.evaluate("senior_managers", unauthorized, ON)
    assert_criterion(v, "occupation_experience", "unmet")


def test_physicians_needed_12_continuous_months_in_canada_until_2026_02_17() -> None:
    stints = [
        canadian_job(date(2024, 1, 1), date(2024, 7, 31), noc="31102"),
        canadian_job(date(2024, 10, 1), date(2025, 4, 30), noc="31102"),
    ]  # 14 months in Canada, 7 at most in a row
    before = ee_category.evaluate("physicians", candidate(ON, *stints), TWELVE_MONTHS - DAY)
    assert_criterion(before, "occupation_experience", "unmet", says="12 continuous months")
    after = ee_category.evaluate("physicians", candidate(ON, *stints), TWELVE_MONTHS)
    assert_criterion(after, "occupation_experience", "met", says="NOC 31102")


# --- French-language proficiency ----------------------------------------------------------------


def test_the_french_category_needs_nclc_7_in_all_four_abilities() -> None:
    taken = date(2026, 3, 2)
    met = make(BASE, language_tests=[english(9), tef(7, taken)], work=[ANALYST])
    v = ee_category.evaluate("french", met, ON)
    assert_verdict(v, "eligible")
    assert v.ids == ["express_entry_program", "french_language"]
    assert_criterion(v, "french_language", "met", says="NCLC L7 R7 W7 S7")
    short = make(BASE, language_tests=[english(9), tef(7, taken, writing=6)], work=[ANALYST])
    v = ee_category.evaluate("french", short, ON)
    assert_verdict(v, "ineligible")
    assert_criterion(v, "french_language", "unmet", says="writing below NCLC 7")


def test_english_results_do_not_count_for_the_french_category() -> None:
    v = ee_category.evaluate("french", candidate(ON), ON)
    assert_criterion(v, "french_language", "unmet", says="no French test result")


def test_no_language_test_leaves_the_french_category_unknown() -> None:
    v = ee_category.evaluate("french", make(BASE, work=[ANALYST]), ON)
    assert_criterion(v, "french_language", "unknown", needs=["language_tests"])
    assert_criterion(v, "express_entry_program", "unknown")
    assert "language_tests" in v.needs


def test_an_expired_french_result_does_not_count() -> None:
    old = make(BASE, language_tests=[english(9), tef(9, date(2024, 3, 1))], work=[ANALYST])
    v = ee_category.evaluate("french", old, ON)
    assert_criterion(v, "french_language", "unmet", says="valid on 2026-11-21")


def test_the_francophone_engineer_is_eligible_for_the_french_category_on_2026_11_21() -> None:
    profile = load_profile(EXAMPLES / "francophone_engineer.yaml")
    v = ee_category.evaluate("french", profile, ON)
    assert_verdict(v, "eligible")
    assert_criterion(v, "french_language", "met", says="TEF Canada of 2025-10-04")


# --- Express Entry eligibility and military recruits ------------------------------------------


def test_a_category_needs_eligibility_for_an_express_entry_program() -> None:
    weak = candidate(ON, job(date(2025, 1, 6), noc="21300"), language_tests=[english(5)])
    v = stem(weak, ON)
    assert_criterion(v, "occupation_experience", "met")
    assert_criterion(v, "express_entry_program", "unmet", says="FSW ineligible")
    assert_verdict(v, "ineligible")


def test_military_recruits_are_never_better_than_unknown() -> None:
    soldier = job(date(2020, 1, 6), noc="42102", country="GB")
    caf = {"employer": "Canadian Armed Forces", "noc": "42102", "full_time": True}
    v = ee_category.evaluate("military", candidate(ON, soldier, job_offers=[caf]), ON)
    assert_criterion(v, "occupation_experience", "met")
    assert_criterion(v, "military_recruitment", "unknown", says="a Canadian Armed Forces job offer")
    assert_verdict(v, "unknown")
    v = ee_category.evaluate("military", candidate(ON, soldier), ON)
    assert_criterion(v, "military_recruitment", "unknown", needs=["job_offers"])
    other = {"employer": "Acme", "noc": "21231", "full_time": True}
    v = ee_category.evaluate("military", candidate(ON, soldier, job_offers=[other]), ON)
    assert_criterion(v, "military_recruitment", "unmet")


def military(**changes: Any) -> Any:
    soldier = job(date(2020, 1, 6), noc="42102", country="GB")
    return ee_category.evaluate("military", candidate(ON, soldier, **changes), ON)


def caf_offer(**terms: Any) -> dict[str, Any]:
    return {"employer": "Canadian Armed Forces", "noc": "42102", "full_time": True, **terms}


def test_a_military_recruit_s_offer_must_be_full_time_for_three_years_or_open_ended() -> None:
    # IRCC's category page (crawled 2026-09-24): an offer of at least 3 years of continuous
    # full-time work from the Canadian Forces Recruiting Group.
    two_years = caf_offer(start=date(2027, 1, 4), end=date(2029, 1, 3))
    v = military(job_offers=[two_years])
    assert_criterion(v, "military_recruitment", "unmet", says="for 3 years or more")
    three_years = caf_offer(start=date(2027, 1, 4), end=date(2030, 1, 3))
    assert_criterion(military(job_offers=[three_years]), "military_recruitment", "unknown")
    part_time = caf_offer(full_time=False)
    assert_criterion(military(job_offers=[part_time]), "military_recruitment", "unmet")
    no_start = caf_offer(end=date(2030, 1, 3))
    assert_criterion(
        military(job_offers=[no_start]),
        "military_recruitment",
        "unknown",
        needs=["job_offers[0].start"],
    )


def test_military_service_is_named_with_its_ten_years_and_stays_unknown() -> None:
    c = assert_criterion(military(job_offers=[caf_offer()]), "military_recruitment", "unknown")
    assert "10 years of continuous service in a recognized foreign military" in c.detail


def test_a_military_recruit_needs_a_credential_of_two_years_or_more() -> None:
    one_year = [{"level": "one_year", "country": "CA", "completed": date(2015, 6, 1)}]
    v = military(job_offers=[caf_offer()], education=one_year)
    assert_criterion(v, "military_recruitment", "unmet", says="two years or more")
    two_year = [{"level": "two_year", "country": "CA", "completed": date(2015, 6, 1)}]
    v = military(job_offers=[caf_offer()], education=two_year)
    c = assert_criterion(v, "military_recruitment", "unknown")  # the service is not recorded
    assert c.detail.endswith("; a post-secondary credential of two years or more")
    abroad = [{"level": "bachelors", "country": "GB", "completed": date(2015, 6, 1)}]
    v = military(job_offers=[caf_offer()], education=abroad)
    assert "education[0].eca" in v.criterion("military_recruitment").needs


# --- the seed facts ------------------------------------------------------------------------------


def test_the_seed_facts_hold_on_their_dates(shared_data: Path, book: RuleBook) -> None:
    # Categories introduced on 2023-05-31; the first category rounds in June 2023.
    assert ee_category.CATEGORY_IDS(date(2023, 5, 30)) == []
    assert ee_category.CATEGORY_IDS(date(2023, 5, 31)) == FIRST_SIX
    with (shared_data / "express_entry" / "ee_rounds_flat.csv").open(encoding="utf-8") as f:
        rounds = list(csv.DictReader(f))
    category = [r for r in rounds if "Version" in r["draw_name"]]
    assert min(r["draw_date"] for r in category)[:7] == "2023-06"
    # STEM: 24 unit groups from 2023, 11 from 2025-02-27; no STEM round since 2024-04-11.
    assert len(book.value(STEM, date(2023, 5, 31))) == 24
    assert len(book.value(STEM, STEM_REVISED)) == 11
    stem_rounds = [r["draw_date"] for r in rounds if r["draw_name"].startswith("STEM")]
    assert max(stem_rounds) == "2024-04-11"
    # 6 continuous months until 2026-02-17, then 12 months; NCLC 7 in all four abilities.
    experience = "programs.ee_category.experience"
    assert book.value(experience, TWELVE_MONTHS - DAY)["months"] == 6
    assert book.value(experience, TWELVE_MONTHS)["months"] == 12
    assert set(book.value("programs.ee_category.french.language", ON).values()) == {7}
