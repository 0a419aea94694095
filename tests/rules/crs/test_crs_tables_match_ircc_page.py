"""Every CRS points cell in the rule files equals IRCC's CRS criteria page.

The reference copy is a crawl of the page fetched 2026-08-15 (page updated 2026-06-22), one row per
cell (../shared/data/express_entry/crs_criteria_grid_raw.json; see its PROVENANCE.md). The page
shows the rules in force that day, so the rule files are read on 2026-08-15.
"""

from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from maplepath.rulebook.book import RuleBook

ON = date(2026, 8, 15)

EDUCATION = {
    "Less than secondary": "less_than_secondary",
    "Secondary": "secondary",
    "One-year": "one_year",
    "Two-year": "two_year",
    "Bachelor's": "bachelors",
    "Two or more certificates": "two_or_more",
    "Master's": "masters",
    "Doctoral": "doctoral",
}
TRANSFER_ROWS = {
    "Secondary school": "secondary_or_less",
    "Post-secondary program credential of one year": "one_post_secondary",
    "Two or more post-secondary": "two_or_more",
    "A university-level credential at the master's": "masters",
    "A university-level credential at the doctoral": "doctoral",
}
FOREIGN_ROWS = {
    "No foreign": "none",
    "1 or 2 years": "one_or_two",
    "3 years or more": "three_or_more",
}


@pytest.fixture(scope="module")
def grid(shared_data: Path) -> dict[str, Any]:
    path = shared_data / "express_entry" / "crs_criteria_grid_raw.json"
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return data


def _rows(grid: dict[str, Any], table: int) -> list[dict[str, Any]]:
    return [r for r in grid["rows"] if r["table"] == table and r["points"] is not None]


def _prefix(text: str, table: dict[str, str]) -> str:
    return next(v for k, v in table.items() if text.startswith(k))


def _first_int(text: str) -> int:
    found = re.search(r"\d+", text)
    return int(found.group()) if found else 0


def _spouse(column: str) -> str:
    return "without_spouse" if column.startswith("Without") else "with_spouse"


def _step(table: dict[int, int], x: int) -> int:
    return table[max(k for k in table if k <= x)]


def test_age_matches_every_row(grid: dict[str, Any], book: RuleBook) -> None:
    age = book.at("crs.core.age", ON).value
    rows = _rows(grid, 1)
    assert len(rows) == 40
    for r in rows:
        low = _first_int(r["criterion"])
        high = 29 if low == 20 else low
        for years in range(low, high + 1):
            assert _step(age[_spouse(r["column"])], years) == r["points"], r["criterion"]


def test_education_matches(grid: dict[str, Any], book: RuleBook) -> None:
    edu = book.at("crs.core.education", ON).value
    for r in _rows(grid, 2):
        assert edu[_spouse(r["column"])][_prefix(r["criterion"], EDUCATION)] == r["points"]


@pytest.mark.parametrize(
    ("table", "rule"), [(3, "crs.core.first_language"), (5, "crs.core.canadian_experience")]
)
def test_step_tables_by_spouse_match(
    grid: dict[str, Any], book: RuleBook, table: int, rule: str
) -> None:
    value = book.at(rule, ON).value
    for r in _rows(grid, table):
        level = (
            0 if r["criterion"].startswith(("Less than", "None")) else _first_int(r["criterion"])
        )
        assert _step(value[_spouse(r["column"])], level) == r["points"], r["criterion"]


def test_second_language_matches(grid: dict[str, Any], book: RuleBook) -> None:
    value = book.at("crs.core.second_language", ON).value
    for r in _rows(grid, 4):
        level = 0 if "or less" in r["criterion"] else _first_int(r["criterion"])
        assert _step(value["per_ability"], level) == r["points"]
        assert value["max"][_spouse(r["column"])] == _first_int(r["column"].split("Maximum")[1])


def test_spouse_tables_match(grid: dict[str, Any], book: RuleBook) -> None:
    edu = book.at("crs.spouse.education", ON).value
    for r in _rows(grid, 7):
        assert edu[_prefix(r["criterion"], EDUCATION)] == r["points"]
    lang = book.at("crs.spouse.language", ON).value
    for r in _rows(grid, 8):
        level = 0 if "or less" in r["criterion"] else _first_int(r["criterion"])
        assert _step(lang["per_ability"], level) == r["points"]
    exp = book.at("crs.spouse.canadian_experience", ON).value
    for r in _rows(grid, 9):
        assert _step(exp, _first_int(r["criterion"])) == r["points"]
    assert lang["max"] == 20
    assert book.at("crs.spouse.caps", ON).value == 40 == sum(r["points"] for r in _rows(grid, 6))


@pytest.mark.parametrize(
    ("table", "rule", "rows", "columns"),
    [
        (13, "crs.transferability.education_language", TRANSFER_ROWS, ("clb7", "clb9")),
        (
            14,
            "crs.transferability.education_canadian_experience",
            TRANSFER_ROWS,
            ("canadian_1", "canadian_2"),
        ),
        (15, "crs.transferability.foreign_experience_language", FOREIGN_ROWS, ("clb7", "clb9")),
        (
            16,
            "crs.transferability.foreign_experience_canadian_experience",
            FOREIGN_ROWS,
            ("canadian_1", "canadian_2"),
        ),
    ],
)
def test_transferability_tables_match(
    grid: dict[str, Any],
    book: RuleBook,
    table: int,
    rule: str,
    rows: dict[str, str],
    columns: tuple[str, str],
) -> None:
    value = book.at(rule, ON).value
    cells = _rows(grid, table)
    assert len(cells) == 2 * len(value)
    for r in cells:
        # The first column of each pair is the lower one (CLB 7 / 1 year), capped at 25.
        column = columns[0] if "Maximum 25" in r["column"] else columns[1]
        assert value[_prefix(r["criterion"], rows)][column] == r["points"], r["criterion"]


def test_certificate_and_transferability_caps_match(grid: dict[str, Any], book: RuleBook) -> None:
    cert = book.at("crs.transferability.certificate_language", ON).value
    assert sorted(r["points"] for r in _rows(grid, 17)) == [cert["clb5"], cert["clb7"]]
    caps = book.at("crs.transferability.caps", ON).value
    assert {r["points"] for r in _rows(grid, 10) + _rows(grid, 11) + _rows(grid, 12)} == {
        caps["education"],
        caps["foreign_experience"],
        caps["certificate"],
    }


def test_additional_points_match(grid: dict[str, Any], book: RuleBook) -> None:
    points = {r["criterion"]: r["points"] for r in _rows(grid, 19)}
    french = book.at("crs.additional.french", ON).value
    education = book.at("crs.additional.canadian_education", ON).value
    expected = {
        "Brother or sister": book.at("crs.additional.sibling", ON).value,
        "Scored NCLC 7 or higher on all four French language skills and scored CLB 4": french[
            "nclc7_and_clb4_or_less"
        ],
        "Scored NCLC 7 or higher on all four French language skills and scored CLB 5": french[
            "nclc7_and_clb5_or_more"
        ],
        "Post-secondary education in Canada - credential of one or two": education[
            "one_or_two_years"
        ],
        "Post-secondary education in Canada - credential three": education["three_or_more"],
        "Provincial or territorial nomination": book.at(
            "crs.additional.provincial_nomination", ON
        ).value,
    }
    assert len(points) == len(expected)
    for prefix, value in expected.items():
        assert next(p for c, p in points.items() if c.startswith(prefix)) == value, prefix


def test_no_job_offer_points_on_the_page_or_in_force(grid: dict[str, Any], book: RuleBook) -> None:
    assert not [r for r in grid["rows"] if "job offer" in r["criterion"].lower()]
    assert not book.at("crs.additional.arranged_employment", ON).in_force


def test_section_maxima_match(grid: dict[str, Any], book: RuleBook) -> None:
    quotes = {s["letter"]: s["maxQuotes"] for s in grid["sections"]}
    core = book.at("crs.core.caps", ON).value
    assert f"Maximum {core['with_spouse']} points total" in quotes["A"]
    assert f"Maximum {core['without_spouse']} points total" in quotes["A"]
    assert f"Maximum {book.at('crs.spouse.caps', ON).value} points" in quotes["B"]
    assert f"Maximum {book.at('crs.additional.caps', ON).value} points" in quotes["D"]
    transfer = book.at("crs.transferability.caps", ON).value["total"]
    assert (
        core["without_spouse"] + transfer + book.at("crs.additional.caps", ON).value
        == book.at("crs.caps", ON).value
    )
