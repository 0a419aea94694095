"""Parsing IRCC's rounds file: every field typed, every spelling of a name given a stable id."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime
from typing import Any

import pytest

from maplepath.draws import rounds
from maplepath.draws.rounds import DrawsImportError, category_of, parse_round, parse_rounds
from maplepath.programs import ee_category

from . import FIXTURES, REFERENCE_ROUNDS, reference_file


def _item(**changes: str) -> dict[str, Any]:
    item: dict[str, Any] = json.loads((FIXTURES / "two_rounds.json").read_text())["rounds"][0]
    return item | changes


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("No Program Specified", "general"),
        ("General", "general"),
        ("Canadian Experience Class", "cec"),
        ("Provincial Nominee Program", "pnp"),
        ("Federal Skilled Worker", "fsw"),
        ("Federal Skilled Trades", "fst"),
        ("STEM occupations (2023-1)", "ee_category:stem"),
        ("French language proficiency (2023-1)", "ee_category:french"),
        ("French-Language proficiency 2026-Version 2", "ee_category:french"),
        ("Healthcare and Social Services Occupations, 2026-Version 3", "ee_category:healthcare"),
        ("Trade occupations (Version 1)", "ee_category:trades"),
        ("Trades Occupations, 2026-Version 3", "ee_category:trades"),
        ("Agriculture and agri-food occupations (Version 1)", "ee_category:agriculture"),
        ("Physicians with Canadian Work Experience, 2026-Version 1", "ee_category:physicians"),
        (
            "Senior managers with Canadian Work Experience, 2026-Version 1",
            "ee_category:senior_managers",
        ),
        ("Skilled Military Recruits, 2026-Version 1", "ee_category:military"),
        ("Something IRCC has never called a round", "unknown"),
    ],
)
def test_round_names_map_to_stable_ids(name: str, expected: str) -> None:
    assert category_of(name) == expected


def test_every_category_id_is_an_express_entry_category() -> None:
    ids = [i.removeprefix("ee_category:") for i in rounds.known_ids() if ":" in i]
    assert set(ids) == set(ee_category.ALL_CATEGORIES)


def test_every_reference_round_maps_to_exactly_one_known_id() -> None:
    parsed = parse_rounds(reference_file().read_bytes())
    assert len(parsed) == REFERENCE_ROUNDS
    assert [r.number for r in parsed if r.category == "unknown"] == []
    for name in {r.name for r in parsed}:
        assert len(list(rounds._matches(name))) == 1, name
    assert all(r.programs for r in parsed)


def test_reference_round_1_and_the_split_round_91() -> None:
    by_number = {r.number: r for r in parse_rounds(reference_file().read_bytes())}
    first = by_number["1"]
    assert (first.date, first.invitations, first.cutoff) == (date(2015, 1, 31), 779, 886)
    assert first.category == "general" and first.programs == ("fsw", "cec", "fst", "pnp")
    assert first.tie_break is None and first.distribution is None  # not published in 2015
    assert (by_number["91a"].category, by_number["91b"].category) == ("fst", "pnp")


def test_round_208s_tie_break_has_no_year_and_takes_the_rounds_year() -> None:
    r = {r.number: r for r in parse_rounds(reference_file().read_bytes())}["208"]
    assert r.tie_break == datetime(2021, 10, 7, 16, 38, 21, tzinfo=UTC)


def test_a_round_parses_into_typed_fields() -> None:
    r = parse_round(_item())
    assert r.number == "9002" and r.date == date(2031, 2, 14)
    assert r.category == "ee_category:stem" and r.programs == ("fsw", "cec", "fst")
    assert (r.invitations, r.cutoff) == (1250, 488)
    assert r.drawn_at == datetime(2031, 2, 14, 15, 2, 9, tzinfo=UTC)
    assert r.tie_break == datetime(2031, 1, 3, 7, 45, tzinfo=UTC)
    assert r.distribution_as_on == date(2031, 2, 10)
    pool = r.pool()
    assert pool is not None and pool["601-1200"] == 612 and pool["total"] == 228_712


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("August 7, 2026 at 10:08:20 UTC", datetime(2026, 8, 7, 10, 8, 20, tzinfo=UTC)),
        ("April 26,2023 18:10:04 UTC", datetime(2023, 4, 26, 18, 10, 4, tzinfo=UTC)),
        ("July 3rd 2026 at 21:35:13 UTC", datetime(2026, 7, 3, 21, 35, 13, tzinfo=UTC)),
        ("March 02. 2024 at 01:58:34 UTC", datetime(2024, 3, 2, 1, 58, 34, tzinfo=UTC)),
        ("May 31, 2024 at12:48:30 UTC", datetime(2024, 5, 31, 12, 48, 30, tzinfo=UTC)),
        ("March 01, 2023, at 17:24:39 UTC", datetime(2023, 3, 1, 17, 24, 39, tzinfo=UTC)),
        ("March 27, 2015 at 23:59:47", datetime(2015, 3, 27, 23, 59, 47, tzinfo=UTC)),
        ("June 22, 2021 at 20:19:59 PM UTC", datetime(2021, 6, 22, 20, 19, 59, tzinfo=UTC)),
        ("September 30, 2023 at 04:22:17 AM UTC", datetime(2023, 9, 30, 4, 22, 17, tzinfo=UTC)),
        (
            "January 23, 2025 at 2025-01-23 15:30:04 UTC",
            datetime(2025, 1, 23, 15, 30, 4, tzinfo=UTC),
        ),
    ],
)
def test_time_stamps_in_irccs_spellings(text: str, expected: datetime) -> None:
    assert parse_round(_item(drawDateTime=text)).drawn_at == expected


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("drawSize", "1,25O"),
        ("drawSize", "12,34"),
        ("drawSize", ""),
        ("drawCRS", "-5"),
        ("drawDate", "2031-02-30"),
        ("drawDate", "Febtember 3, 2031"),
        ("drawDateTime", "February 14, 2031 at 25:02:09 UTC"),
        ("drawDateTime", "January 23, 2025 at 2025-01-24 15:30:04 UTC"),
        ("drawDistributionAsOn", "sometime"),
        ("dd7", "n/a"),
        ("drawName", ""),
    ],
)
def test_a_bad_value_names_the_round_and_the_field(field: str, value: str) -> None:
    with pytest.raises(DrawsImportError, match=f"round 9002, field {field}") as e:
        parse_round(_item(**{field: value}))
    assert (e.value.number, e.value.field) == ("9002", field)


def test_a_missing_field_names_the_round_and_the_field() -> None:
    item = _item()
    del item["drawCutOff"]
    with pytest.raises(DrawsImportError, match="round 9002, field drawCutOff: missing"):
        parse_round(item)


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        (b'{"rounds": [', "not valid JSON"),
        (b"[]", 'no "rounds" list'),
        (b'{"rounds": [{"drawNumber": 5}]}', "position 0: bad drawNumber"),
    ],
)
def test_a_file_that_is_not_a_rounds_file_is_refused(raw: bytes, message: str) -> None:
    with pytest.raises(DrawsImportError, match=message):
        parse_rounds(raw)


def test_a_round_number_given_twice_is_refused() -> None:
    raw = json.dumps({"rounds": [_item(), _item()]}).encode()
    with pytest.raises(DrawsImportError, match="round 9002, field drawNumber: appears twice"):
        parse_rounds(raw)


def test_rounds_come_oldest_first_with_91a_before_91b() -> None:
    assert rounds.number_key("91a") < rounds.number_key("91b") < rounds.number_key("92")
    parsed = parse_rounds((FIXTURES / "two_rounds.json").read_bytes())
    assert [r.number for r in parsed] == ["9001", "9002"]
    assert parsed[0].cutoff is None and parsed[0].tie_break is None
