"""What the rounds history says: the `maplepath draws stats --json` shape (DESIGN.md)."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from maplepath.draws import stats as draws_stats
from maplepath.draws.stats import months_before, stats
from maplepath.draws.store import import_rounds

from . import FIXTURES, REFERENCE_ROUNDS, reference_file


@pytest.fixture(scope="module")
def imported(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("draws-data")
    import_rounds(reference_file(), data_dir=path)
    return path


@pytest.fixture(scope="module")
def summary(imported: Path) -> dict[str, Any]:
    return stats(data_dir=imported)


def test_the_shape_of_draws_stats(summary: dict[str, Any]) -> None:
    assert set(summary) == {"rounds", "latest", "categories"}
    assert summary["rounds"] == REFERENCE_ROUNDS
    assert summary["latest"] == {
        "date": "2026-08-07",
        "category": "ee_category:transport",
        "invitations": 300,
        "cutoff": 470,
    }
    for cid, c in summary["categories"].items():
        assert set(c) == {"rounds", "invitations", "cutoff", "days_between_rounds", "last"}, cid
        assert set(c["cutoff"]) == {"last_12_months", "all_time"}
        assert set(c["cutoff"]["all_time"]) == {"min", "median", "max"}
        assert set(c["days_between_rounds"]) == {"median"}
    assert sum(c["rounds"] for c in summary["categories"].values()) == REFERENCE_ROUNDS
    json.dumps(summary)  # JSON-ready as it is


def test_general_rounds_all_time(summary: dict[str, Any]) -> None:
    general = summary["categories"]["general"]
    assert general["rounds"] == 178
    assert general["cutoff"]["all_time"]["max"] == 886  # round 1, 2015-01-31


def test_no_stem_round_in_the_last_12_months(summary: dict[str, Any]) -> None:
    stem = summary["categories"]["ee_category:stem"]
    assert stem["last"] == "2024-04-11"
    assert stem["cutoff"]["last_12_months"] == {"min": None, "median": None, "max": None}
    assert stem["cutoff"]["all_time"]["min"] is not None


def test_one_category(imported: Path) -> None:
    cec = stats("cec", data_dir=imported)
    assert cec["rounds"] == 66 and list(cec["categories"]) == ["cec"]
    assert cec["latest"]["category"] == "cec"


def test_windows_end_on_the_date_asked(imported: Path) -> None:
    then = stats(on=date(2016, 12, 31), data_dir=imported)
    assert then["latest"]["date"] <= "2016-12-31"
    assert all(c["last"] <= "2016-12-31" for c in then["categories"].values())
    assert "ee_category:french" not in then["categories"]  # category rounds began in 2023
    one = stats(windows=(("last_6_months", 6),), data_dir=imported)
    assert set(one["categories"]["cec"]["cutoff"]) == {"last_6_months"}


def test_days_between_rounds_on_a_small_history(tmp_path: Path) -> None:
    import_rounds(FIXTURES / "two_rounds.json", data_dir=tmp_path)
    small = stats(data_dir=tmp_path)
    assert small["categories"]["general"]["days_between_rounds"] == {"median": None}
    assert small["categories"]["general"]["cutoff"]["all_time"]["min"] is None  # not given
    assert small["latest"]["cutoff"] == 488


def test_no_rounds_imported(tmp_path: Path) -> None:
    assert stats(data_dir=tmp_path) == {"rounds": 0, "latest": None, "categories": {}}


@pytest.mark.parametrize(
    ("on", "months", "expected"),
    [
        (date(2026, 8, 7), 12, date(2025, 8, 7)),
        (date(2024, 2, 29), 12, date(2023, 2, 28)),
        (date(2026, 3, 31), 1, date(2026, 2, 28)),
        (date(2026, 1, 15), 1, date(2025, 12, 15)),
    ],
)
def test_months_before(on: date, months: int, expected: date) -> None:
    assert months_before(on, months) == expected


def test_summarize_needs_no_database() -> None:
    assert draws_stats.summarize([]) == {"rounds": 0, "latest": None, "categories": {}}
