"""Years are counted as the language counts them: "1 year", "2 years" ("1 an", "2 ans"), never
"year(s)", in the CRS lines, the CRS's notes on missing facts and the planner's waits."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from maplepath import i18n
from maplepath.crs import notes, scalar
from maplepath.planner import actions
from maplepath.profile import experience
from maplepath.profile.load import load_profile
from maplepath.profile.model import WorkPeriod

from ..conftest import EXAMPLES

ON = date(2026, 11, 21)


@pytest.mark.parametrize(
    ("speaking", "said"),
    [
        ("en", ["0 years", "1 year", "2 years", "5 years"]),
        ("fr", ["0 an", "1 an", "2 ans", "5 ans"]),
    ],
    indirect=["speaking"],
)
def test_years_are_counted_as_the_language_counts(speaking: str, said: list[str]) -> None:
    assert [i18n.years(n) for n in (0, 1, 2, 5)] == said


@pytest.mark.parametrize("speaking", ["en", "fr"], indirect=True)
@pytest.mark.parametrize("path", sorted(EXAMPLES.glob("*.yaml")), ids=lambda p: p.stem)
def test_no_crs_line_says_year_s(speaking: str, path: Path) -> None:
    for line in scalar.score(load_profile(path), ON).lines:
        assert "(s)" not in line.detail, (line.factor, line.detail)


def test_the_transferability_lines_count_each_kind_of_year() -> None:
    lines = {
        ln.factor: ln.detail
        for ln in scalar.score(load_profile(EXAMPLES / "couple_spouse_stronger.yaml"), ON).lines
    }
    assert lines["foreign experience + language"] == "3 years abroad, lowest first-language CLB 7"
    assert lines["foreign experience + Canadian experience"] == "3 years abroad, 0 years in Canada"
    assert lines["Canadian work experience"] == "0 years"


def _unknown_hours() -> list[WorkPeriod]:
    # Every fact given but the hours.
    period = WorkPeriod.model_construct(
        start=date(2020, 1, 1),
        noc="21231",
        hours_per_week=None,
        country="CA",
        authorized=True,
        self_employed=False,
        full_time_student=False,
    )
    return [period]


def test_a_note_on_missing_facts_counts_its_years() -> None:
    acc = experience.Accrual(1.2, 3.5, (0,))
    note = notes.years_note(acc, 5, "Canadian experience", _unknown_hours(), "")
    assert note == (
        "Canadian experience: 1 year counted, 3 years if these facts allow: work[0].hours_per_week"
    )
    unbounded = experience.Accrual(2.0, float("inf"), (0,))
    assert notes.years_note(unbounded, 5, "x", _unknown_hours(), "") == (
        "x: 2 years counted, more if these facts allow: work[0].hours_per_week"
    )


def test_a_note_on_missing_facts_counts_its_years_in_french(french: None) -> None:
    note = notes.years_note(experience.Accrual(1.0, 2.0, (0,)), 5, "x", _unknown_hours(), "")
    said = "x : 1 an pris en compte, 2 ans si ces faits le permettent : work[0].hours_per_week"
    assert note == said


def test_a_wait_counts_each_kind_of_year() -> None:
    until = date(2027, 3, 1)
    assert actions._wait_title(until, 1, 0, 0) == (
        "wait until 2027-03-01, when 1 year in Canada and 0 years abroad count"
    )
    assert actions._wait_title(until, 2, 3, 1) == (
        "wait until 2027-03-01, when 2 years in Canada, 3 years abroad and the spouse's 1 year "
        "in Canada count"
    )
