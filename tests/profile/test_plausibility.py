"""Impossible profiles are refused with every problem at once; unusual ones are scored with a
warning (rule profile.plausibility). Each case here was scored without a word before."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest
import yaml

from maplepath.cli import common as cli_common
from maplepath.profile import plausibility
from maplepath.profile.load import ProfileError, validate_profile
from maplepath.rulebook.book import default

from ..cli_helpers import fails, ok

TODAY = date(2026, 12, 6)
IELTS = {"listening": 8, "reading": 8, "writing": 7, "speaking": 7}


def problems(data: dict[str, Any]) -> list[str]:
    with pytest.raises(ProfileError) as exc:
        validate_profile(data, today=TODAY)
    return [str(p) for p in exc.value.problems]


def warnings(data: dict[str, Any]) -> list[str]:
    return list(validate_profile(data, today=TODAY).warnings)


def test_work_and_a_masters_before_birth_are_refused_together() -> None:
    # The audit's profile: CRS 541 for a life that began after its own work and degree.
    found = problems(
        {
            "birth_date": "1995-01-01",
            "work": [{"start": "1990-01-01", "end": "1994-06-30"}],
            "education": [{"level": "masters", "completed": "1994-01-01"}],
        }
    )
    assert found == [
        "education[0].completed: 1994-01-01 is before the birth date (1995-01-01)",
        "work[0].start: 1990-01-01 is before the birth date (1995-01-01)",
        "work[0].end: 1994-06-30 is before the birth date (1995-01-01)",
    ]


def test_age_200_is_refused_by_the_date_range_and_age_125_by_the_age_limit() -> None:
    assert problems({"birth_date": "1826-12-06"}) == [
        "birth_date: 1826-12-06 is not a plausible date "
        "(the dates maplepath works with are 1900-01-01 to 2100-12-31)"
    ]
    (found,) = problems({"birth_date": "1901-01-01"})
    assert found.startswith("birth_date: 1901-01-01 gives age 125 on 2026-12-06")


def test_the_oldest_accepted_age_is_120_and_over_90_is_a_warning() -> None:
    assert problems({"birth_date": "1905-12-06"})  # 121 today
    assert warnings({"birth_date": "1905-12-07"})  # 120 until tomorrow
    assert warnings({"birth_date": "1906-12-06"}) == [
        "birth_date: 1906-12-06 gives age 120 on 2026-12-06"
    ]
    assert warnings({"birth_date": "1936-12-06"}) == []  # 90: not yet unusual
    assert warnings({"birth_date": "1936-12-07"}) == []
    assert warnings({"birth_date": "1935-12-06"})  # 91


def test_a_language_test_at_age_one_is_refused_and_at_15_is_a_warning() -> None:
    test = {"test": "celpip_general", "scores": {k: 9 for k in IELTS}}
    born = {"birth_date": "2010-01-01"}
    found = problems({**born, "language_tests": [{**test, "date": "2011-06-01"}]})
    assert any(
        "language_tests[0].date: 2011-06-01 means a language test at age 1" in p for p in found
    )
    assert warnings({**born, "language_tests": [{**test, "date": "2025-06-01"}]}) == [
        "language_tests[0].date: 2025-06-01 means a language test at age 15: check the date"
    ]
    assert warnings({**born, "language_tests": [{**test, "date": "2026-01-01"}]}) == []  # 16


def test_work_before_12_is_refused_before_15_a_warning() -> None:
    born = {"birth_date": "2000-01-01"}
    assert problems({**born, "work": [{"start": "2011-12-31"}]}) == [
        "work[0].start: 2011-12-31 means work at age 11 (the youngest maplepath accepts is 12)"
    ]
    assert warnings({**born, "work": [{"start": "2012-01-01"}]}) == [
        "work[0].start: 2012-01-01 means work at age 12: check the date"
    ]
    assert warnings({**born, "work": [{"start": "2015-01-01"}]}) == []


def test_the_spouse_is_checked_against_the_spouse_birth_date() -> None:
    found = problems(
        {
            "marital_status": "married",
            "spouse": {"birth_date": "2000-01-01", "work": [{"start": "1999-01-01"}]},
        }
    )
    assert found == ["spouse.work[0].start: 1999-01-01 is before the birth date (2000-01-01)"]


def test_infinite_or_nan_amounts_are_refused() -> None:
    for value in (float("inf"), float("nan")):
        assert problems({"settlement_funds_cad": value}) == [
            "settlement_funds_cad: Input should be a finite number"
        ]
        assert problems({"job_offers": [{"hourly_wage": value}]}) == [
            "job_offers[0].hourly_wage: Input should be a finite number"
        ]


def test_a_married_family_of_one_and_an_eca_before_its_credential_are_refused() -> None:
    assert problems({"marital_status": "married", "family_size": 1}) == [
        "family_size: 1 with a married partner: IRCC counts you and your partner (2 or more)"
    ]
    assert warnings({"marital_status": "married", "family_size": 2}) == []
    (eca,) = problems(
        {
            "education": [
                {"level": "masters", "completed": "2020-06-01", "eca": {"issued": "2020-05-31"}}
            ]
        }
    )
    assert eca.startswith("education[0].eca.issued: 2020-05-31 is before the credential")
    assert not warnings(
        {
            "education": [
                {"level": "masters", "completed": "2020-06-01", "eca": {"issued": "2020-06-01"}}
            ]
        }
    )


def test_facts_that_must_be_past_are_refused_when_in_the_future() -> None:
    found = problems(
        {
            "education": [{"level": "masters", "eca": {"issued": "2026-12-07"}}],
            "nominations": [{"province": "BC", "issued": "2026-12-07"}],
            "relatives_in_canada": [{"relation": "sibling", "birth_date": "2026-12-07"}],
        }
    )
    assert [p.split(":")[0] for p in found] == [
        "education[0].eca.issued",
        "nominations[0].issued",
        "relatives_in_canada[0].birth_date",
    ]
    assert not warnings({"nominations": [{"province": "BC", "issued": "2026-12-06"}]})


def test_unusual_amounts_are_scored_with_a_warning() -> None:
    found = warnings(
        {
            "settlement_funds_cad": 25_000_000,
            "job_offers": [{"hourly_wage": 900}],
            "work": [{"hours_per_week": 100}],
        }
    )
    assert found == [
        "work[0].hours_per_week: 100 hours a week in one job: check the figure",
        "settlement_funds_cad: $25,000,000: check the figure",
        "job_offers[0].hourly_wage: $900.00 an hour: check the figure",
    ]
    assert not warnings({"settlement_funds_cad": 20_000_000, "work": [{"hours_per_week": 80}]})


def test_every_date_anywhere_is_range_checked_by_field() -> None:
    found = problems(
        {
            "work": [{"start": "0001-01-01"}],
            "job_offers": [{"end": "9999-12-31"}],
            "spouse": {"education": [{"completed": "1899-12-31"}]},
            "marital_status": "married",
        }
    )
    assert [p.split(":")[0] for p in found] == [
        "spouse.education[0].completed",
        "work[0].start",
        "job_offers[0].end",
    ]


def test_the_cli_refuses_an_impossible_profile_with_exit_2_and_every_problem(
    tmp_path: Path,
) -> None:
    path = tmp_path / "impossible.yaml"
    path.write_text(
        yaml.safe_dump(
            {
                "birth_date": "1995-01-01",
                "work": [{"start": "1990-01-01"}],
                "settlement_funds_cad": ".inf",
                "education": [{"level": "masters", "completed": "1994-01-01"}],
            }
        ).replace("'.inf'", ".inf")
    )
    for command in ("assess", "crs", "pathways"):
        out = fails(command, str(path), "--on", "2026-11-21")
        assert "settlement_funds_cad" in out, command
        assert "work[0].start" not in out  # shape problems first: the facts are not read yet
    path.write_text(path.read_text().replace(".inf", "24000"))
    out = fails("crs", str(path))
    assert "education[0].completed" in out and "work[0].start" in out
    assert "2 problems" in out


def test_the_cli_shows_a_warning_and_still_scores(tmp_path: Path) -> None:
    path = tmp_path / "unusual.yaml"
    path.write_text("birth_date: 1995-01-01\nwork:\n  - {start: 2020-01-01, hours_per_week: 99}\n")
    out = ok("crs", str(path), "--on", "2026-11-21")
    assert "work[0].hours_per_week: 99 hours a week" in out


def test_the_cli_date_range_is_the_rule_s() -> None:
    lim = plausibility.limits(TODAY, default())
    assert lim is not None
    assert (lim.earliest, lim.latest) == (cli_common.EARLIEST, cli_common.LATEST)


def test_before_1900_no_limits_are_in_force() -> None:
    assert plausibility.check(validate_profile({}).profile, date(1899, 12, 31)) == ([], [])


def test_profile_check_before_the_eca_rule_is_a_clear_error(tmp_path: Path) -> None:
    # Found by the CLI fuzzing (make bench): an ECA and no work, checked on 2014-12-31, was
    # a TypeError traceback.
    path = tmp_path / "eca.yaml"
    path.write_text(
        "birth_date: 1990-01-01\neducation:\n"
        "  - {level: masters, completed: 2012-06-01, eca: {issued: 2013-01-10, level: masters}}\n"
    )
    out = fails("profile", "check", str(path), "--on", "2014-12-31")
    assert "cannot tell whether an ECA counts on 2014-12-31" in out
    assert "2015-01-01" in out
    ok("profile", "check", str(path), "--on", "2015-01-01")
