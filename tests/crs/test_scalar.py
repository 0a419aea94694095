"""The CRS, scalar and explained: each table at its boundaries, the history, whole profiles."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from maplepath.crs import scalar as crs
from maplepath.crs import tables as crs_tables
from maplepath.crs.inputs import CrsInputs
from maplepath.profile.facts import age_on
from maplepath.profile.load import load_profile, validate_profile

from ..conftest import EXAMPLES

ON = date(2026, 11, 21)


def replace(i: CrsInputs, **changes: Any) -> CrsInputs:
    return i._replace(**changes)


SINGLE = CrsInputs(age=29, education=4, first_l=9, first_r=9, first_w=9, first_s=9)


def points(i: CrsInputs, factor: str, on: date = ON) -> int:
    """The points of one explained line."""
    _, lines = crs.score_inputs(i, crs_tables.tables(on))
    found = [ln.points for ln in lines if ln.factor == factor]
    assert found, f"no line {factor!r}"
    return sum(found)


def section(i: CrsInputs, name: str, on: date = ON) -> int:
    return crs.score_inputs(i, crs_tables.tables(on))[0][name]


def assert_points(i: CrsInputs, factor: str, expected: int, on: date = ON) -> None:
    assert points(i, factor, on) == expected


@pytest.mark.parametrize(
    ("age", "single", "couple"),
    [
        (17, 0, 0),
        (18, 99, 90),
        (19, 105, 95),
        (20, 110, 100),
        (29, 110, 100),
        (30, 105, 95),
        (31, 99, 90),
        (39, 55, 50),
        (44, 6, 5),
        (45, 0, 0),
        (60, 0, 0),
    ],
)
def test_age_points_fall_from_30_and_end_at_45(age: int, single: int, couple: int) -> None:
    assert_points(replace(SINGLE, age=age), "age", single)
    assert_points(replace(SINGLE, age=age, with_spouse=True), "age", couple)


@pytest.mark.parametrize(
    ("clb", "single", "couple"),
    [
        (0, 0, 0),
        (3, 0, 0),
        (4, 6, 6),
        (5, 6, 6),
        (6, 9, 8),
        (7, 17, 16),
        (8, 23, 22),
        (9, 31, 29),
        (10, 34, 32),
        (12, 34, 32),
    ],
)
def test_first_language_points_per_ability_by_clb(clb: int, single: int, couple: int) -> None:
    i = replace(SINGLE, first_l=clb)
    assert_points(i, "first language: listening", single)
    assert_points(replace(i, with_spouse=True), "first language: listening", couple)


@pytest.mark.parametrize(
    ("clb", "per_ability"), [(3, 0), (4, 0), (5, 1), (6, 1), (7, 3), (8, 3), (9, 6), (10, 6)]
)
def test_second_language_points_per_ability_with_cap(clb: int, per_ability: int) -> None:
    i = replace(SINGLE, second_l=clb, second_r=clb, second_w=clb, second_s=clb)
    assert_points(i, "second language", min(4 * per_ability, 24))
    assert_points(replace(i, with_spouse=True), "second language", min(4 * per_ability, 22))


@pytest.mark.parametrize(
    ("level", "single", "couple"),
    [
        (0, 0, 0),
        (1, 30, 28),
        (2, 90, 84),
        (3, 98, 91),
        (4, 120, 112),
        (5, 128, 119),
        (6, 135, 126),
        (7, 150, 140),
    ],
)
def test_education_points(level: int, single: int, couple: int) -> None:
    assert_points(replace(SINGLE, education=level), "education", single)
    assert_points(replace(SINGLE, education=level, with_spouse=True), "education", couple)


@pytest.mark.parametrize(
    ("years", "single", "couple"),
    [(0, 0, 0), (1, 40, 35), (2, 53, 46), (3, 64, 56), (4, 72, 63), (5, 80, 70)],
)
def test_canadian_experience_points(years: int, single: int, couple: int) -> None:
    assert_points(replace(SINGLE, canadian_years=years), "Canadian work experience", single)
    assert_points(
        replace(SINGLE, canadian_years=years, with_spouse=True), "Canadian work experience", couple
    )


def test_spouse_factors_count_only_with_spouse_and_are_capped_at_40() -> None:
    couple = replace(
        SINGLE,
        with_spouse=True,
        spouse_education=7,
        spouse_l=10,
        spouse_r=10,
        spouse_w=10,
        spouse_s=10,
        spouse_canadian_years=5,
    )
    assert section(couple, "spouse") == 40  # 10 + 20 + 10
    assert section(replace(couple, with_spouse=False), "spouse") == 0
    assert (
        points(replace(couple, spouse_l=5, spouse_r=6, spouse_w=7, spouse_s=9), "spouse language")
        == 1 + 1 + 3 + 5
    )


def test_one_bachelors_degree_is_on_the_13_25_transferability_row_not_25_50() -> None:
    # The classic trap: a single post-secondary credential of any length, bachelor's included.
    bachelors = replace(SINGLE, education=4)
    assert_points(
        replace(bachelors, first_l=7, first_r=7, first_w=7, first_s=7), "education + language", 13
    )
    assert_points(bachelors, "education + language", 25)
    assert_points(replace(bachelors, education=5), "education + language", 50)
    assert_points(replace(bachelors, education=6), "education + language", 50)
    assert_points(replace(bachelors, education=1), "education + language", 0)


def test_transferability_language_is_judged_on_the_lowest_ability() -> None:
    i = replace(SINGLE, education=6, first_l=10, first_r=10, first_w=10, first_s=8)
    assert_points(i, "education + language", 25)
    assert_points(replace(i, first_s=6), "education + language", 0)


def test_each_transferability_group_is_capped_at_50_and_all_at_100() -> None:
    i = replace(SINGLE, education=6, canadian_years=2, foreign_years=3, certificate=True)
    _, lines = crs.score_inputs(i, crs_tables.tables(ON))
    raw = {ln.factor: ln.points for ln in lines if ln.section == "transferability"}
    assert raw["education + language"] + raw["education + Canadian experience"] == 100
    assert section(i, "transferability") == 100


@pytest.mark.parametrize(("years", "row_points"), [(0, 0), (1, 25), (2, 25), (3, 50), (7, 50)])
def test_foreign_experience_with_clb9(years: int, row_points: int) -> None:
    assert_points(
        replace(SINGLE, foreign_years=min(years, 3)), "foreign experience + language", row_points
    )


def test_certificate_of_qualification_with_language() -> None:
    cert = replace(SINGLE, certificate=True)
    assert_points(
        replace(cert, first_l=5, first_r=5, first_w=5, first_s=6),
        "certificate of qualification + language",
        25,
    )
    assert_points(cert, "certificate of qualification + language", 50)
    assert_points(replace(cert, first_l=4), "certificate of qualification + language", 0)


def test_french_points_need_nclc7_in_all_four_french_abilities() -> None:
    french = replace(SINGLE, first_is_french=True, first_l=7, first_r=7, first_w=7, first_s=7)
    assert_points(french, "French", 25)  # no English: CLB 4 or less
    assert_points(replace(french, second_l=5, second_r=5, second_w=5, second_s=5), "French", 50)
    assert_points(replace(french, first_s=6), "French", 0)


def test_additional_points_and_the_1200_cap() -> None:
    best = CrsInputs(
        age=25,
        education=7,
        first_l=12,
        first_r=12,
        first_w=12,
        first_s=12,
        second_l=12,
        second_r=12,
        second_w=12,
        second_s=12,
        canadian_years=5,
        foreign_years=3,
        certificate=True,
        nomination=True,
        sibling=True,
        canadian_education=2,
        first_is_french=True,
    )
    sections, _ = crs.score_inputs(best, crs_tables.tables(ON))
    assert sections["core"] == 500 and sections["transferability"] == 100
    assert sections["additional"] == 600
    assert crs.total_of(sections, crs_tables.tables(ON)) == 1200


# --- history: each side of every date -------------------------------------------------------

OFFER = {
    "noc": "21231",
    "province": "BC",
    "start": "2014-06-01",
    "full_time": True,
    "lmia": "approved",
}
SENIOR = {**OFFER, "noc": "00012"}


def profile_with(**facts: Any) -> Any:
    base = {"birth_date": "1990-01-01", "marital_status": "single"}
    return validate_profile({**base, **facts}, "p").profile


@pytest.mark.parametrize(
    ("on", "offer", "expected"),
    [
        (date(2016, 11, 18), OFFER, 600),
        (date(2016, 11, 19), OFFER, 50),
        (date(2016, 11, 19), SENIOR, 200),
        (date(2022, 11, 15), SENIOR, 200),
        (date(2022, 11, 16), SENIOR, 200),
        (date(2022, 11, 16), OFFER, 50),
        (date(2025, 3, 24), OFFER, 50),
        (date(2025, 3, 25), OFFER, 0),
        (date(2025, 3, 25), SENIOR, 0),
    ],
)
def test_arranged_employment_points_over_time(
    on: date, offer: dict[str, Any], expected: int
) -> None:
    result = crs.score(profile_with(job_offers=[offer]), on)
    assert sum(ln.points for ln in result.lines if ln.factor == "arranged employment") == expected


def test_canadian_education_points_start_on_2016_11_19() -> None:
    p = profile_with(
        education=[
            {
                "level": "masters",
                "country": "CA",
                "completed": "2014-05-01",
                "full_time": True,
                "program_years": 2,
            }
        ]
    )
    assert (
        points(
            crs.score(p, date(2016, 11, 18)).inputs,
            "Canadian post-secondary education",
            date(2016, 11, 18),
        )
        == 0
    )
    assert (
        points(
            crs.score(p, date(2016, 11, 19)).inputs,
            "Canadian post-secondary education",
            date(2016, 11, 19),
        )
        == 30
    )


def test_sibling_and_french_points_start_on_2017_06_06() -> None:
    i = replace(
        SINGLE, sibling=True, first_is_french=True, first_l=7, first_r=7, first_w=7, first_s=7
    )
    assert points(i, "sibling in Canada", date(2017, 6, 5)) == 0
    assert points(i, "sibling in Canada", date(2017, 6, 6)) == 15
    assert points(i, "French", date(2017, 6, 5)) == 0
    assert points(i, "French", date(2017, 6, 6)) == 15


def test_a_score_before_express_entry_is_a_clear_error() -> None:
    with pytest.raises(ValueError, match="the CRS began on 2015-01-01"):
        crs.score(profile_with(), date(2014, 12, 31))


def test_every_line_names_its_rule_and_its_effective_date() -> None:
    result = crs.score(load_profile(EXAMPLES / "software_engineer_abroad.yaml"), ON)
    for ln in result.lines:
        assert ln.rule.startswith("crs.") and ln.effective_from is not None and ln.detail


def test_json_shape_is_the_designed_one() -> None:
    data = crs.score(load_profile(EXAMPLES / "software_engineer_abroad.yaml"), ON).to_json()
    assert set(data) >= {"on", "total", "sections", "lines", "principal_applicant", "warnings"}
    assert set(data["sections"]) == {"core", "spouse", "transferability", "additional"}
    assert set(data["lines"][0]) == {"factor", "points", "rule", "effective_from", "detail"}


# --- whole profiles, computed by hand from IRCC's grid ----------------------------------------


def test_software_engineer_abroad_scores_467() -> None:
    # Age 31 single 99; master's with valid ECA 135; IELTS CLB 10/10/9/10 = 34+34+31+34 = 133;
    # no Canadian work. Transferability: master's + CLB 9 = 50 (cap 50); 3+ foreign years + CLB 9
    # = 50 (cap 50). 99 + 135 + 133 + 50 + 50 = 467.
    result = crs.score(load_profile(EXAMPLES / "software_engineer_abroad.yaml"), ON)
    assert result.sections == {"core": 367, "spouse": 0, "transferability": 100, "additional": 0}
    assert result.total == 467


def test_data_scientist_on_a_pgwp_scores_478() -> None:
    # Age 28: 110. The Chinese bachelor's has no ECA and does not count; the Canadian master's:
    # 135. CELPIP 9/8/8/8 = 31+23+23+23 = 100. Canadian work: the full-time job since
    # 2024-06-03 is 2 full years (53); the research assistantship during full-time study does
    # not count. Transferability: master's + CLB 8 = 25, master's + 2 Canadian years = 50,
    # capped at 50. Canadian master's: 30. 110 + 135 + 100 + 53 + 50 + 30 = 478.
    result = crs.score(load_profile(EXAMPLES / "data_scientist_pgwp.yaml"), ON)
    assert result.sections == {"core": 398, "spouse": 0, "transferability": 50, "additional": 30}
    assert result.total == 478


def test_a_spouse_who_is_a_canadian_citizen_is_scored_as_single() -> None:
    spouse = {"accompanying": True, "canadian_status": "citizen", "birth_date": "1991-01-01"}
    p = profile_with(marital_status="married", spouse=spouse)
    assert crs.score(p, ON).inputs.with_spouse is False
    assert crs.score(
        profile_with(marital_status="married", spouse={**spouse, "canadian_status": "none"}), ON
    ).inputs.with_spouse


def test_a_couple_is_scored_both_ways_and_the_better_principal_is_named() -> None:
    result = crs.score(load_profile(EXAMPLES / "couple_spouse_stronger.yaml"), ON)
    alt = result.alternative
    assert alt is not None and alt["principal_applicant"] == "spouse"
    assert alt["difference"] == alt["total"] - result.total
    assert alt["difference"] > 0
    assert any("spouse as principal applicant" in w for w in result.warnings)


def test_a_profile_with_no_language_test_still_gets_a_score_and_says_what_is_missing() -> None:
    result = crs.score(profile_with(), ON)
    assert result.total > 0
    assert any(m.startswith("language_tests") for m in result.missing)


def test_an_empty_profile_scores_zero_with_everything_missing() -> None:
    result = crs.score(validate_profile({}, "p").profile, ON)
    assert result.total == 0
    assert {m.split(":")[0] for m in result.missing} >= {
        "birth_date",
        "education",
        "language_tests",
    }


@pytest.mark.parametrize(
    ("on", "age"),
    [
        (date(2019, 2, 28), 18),
        (date(2019, 3, 1), 19),
        (date(2020, 2, 28), 19),
        (date(2020, 2, 29), 20),
    ],
)
def test_born_on_29_february_a_year_older_on_1_march_in_common_years(on: date, age: int) -> None:
    assert age_on(date(2000, 2, 29), on) == age


def test_a_spouse_who_is_not_accompanying_leaves_the_applicant_on_the_single_tables() -> None:
    spouse = {"accompanying": False, "canadian_status": "none", "birth_date": "1991-01-01"}
    result = crs.score(profile_with(marital_status="married", spouse=spouse), ON)
    assert result.inputs.with_spouse is False
    assert result.sections["spouse"] == 0
    assert result.alternative is None  # a partner who is not coming cannot be principal applicant
