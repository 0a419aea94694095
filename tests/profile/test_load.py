"""The profile file: shape, semantic checks, NOC 2016 mapping, and messages by field path."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from maplepath.profile.load import ProfileError, load_profile, read_profile, validate_profile
from maplepath.profile.model import Profile

from ..conftest import EXAMPLES

TODAY = date(2026, 11, 21)


def problems_of(data: Any, today: date | None = TODAY) -> list[str]:
    with pytest.raises(ProfileError) as caught:
        validate_profile(data, "p.yaml", today)
    return [str(p) for p in caught.value.problems]


def assert_problem(data: Any, expected: str, today: date | None = TODAY) -> None:
    found = problems_of(data, today)
    assert any(expected in p for p in found), found


def work(**kw: Any) -> dict[str, Any]:
    return {"noc": "21231", "country": "IN", "start": "2020-01-01", "hours_per_week": 40, **kw}


@pytest.mark.parametrize("path", sorted(EXAMPLES.glob("*.yaml")), ids=lambda p: p.stem)
def test_every_example_profile_loads(path: Path) -> None:
    assert isinstance(load_profile(path, today=TODAY), Profile)


def test_an_empty_document_is_a_valid_profile_with_every_fact_unknown() -> None:
    loaded = validate_profile({}, "p.yaml", TODAY)
    assert loaded.profile.birth_date is None and loaded.profile.work == []


def test_end_before_start_names_the_start_field() -> None:
    data = {"work": [work(), work(), work(start="2021-05-01", end="2020-01-01")]}
    assert problems_of(data) == ["work[2].start: date is after end (2020-01-01)"]


def test_a_job_offer_ending_before_it_starts_is_refused() -> None:
    assert_problem(
        {"job_offers": [{"start": "2027-01-01", "end": "2026-01-01"}]},
        "job_offers[0].start: date is after end",
    )


def test_wrong_types_name_the_field() -> None:
    assert_problem({"work": [work(hours_per_week="forty")]}, "work[0].hours_per_week:")
    assert_problem({"birth_date": "last spring"}, "birth_date:")
    assert_problem({"family_size": 2.5}, "family_size:")


def test_impossible_dates_are_refused() -> None:
    assert_problem({"birth_date": "1995-02-30"}, "birth_date:")


def test_negative_hours_are_refused() -> None:
    assert_problem(
        {"work": [work(hours_per_week=-5)]},
        "work[0].hours_per_week: Input should be greater than or equal to 0",
    )


def test_unknown_enum_values_list_the_choices() -> None:
    assert_problem({"marital_status": "engaged"}, "marital_status: Input should be 'single'")
    assert_problem({"education": [{"level": "phd"}]}, "education[0].level:")


def test_an_unknown_field_suggests_the_right_one() -> None:
    assert_problem(
        {"work": [work(hours=40)]}, "work[0].hours: unknown field (did you mean hours_per_week?)"
    )


def test_future_facts_are_refused_only_relative_to_today() -> None:
    data = {
        "language_tests": [
            {
                "test": "ielts_general",
                "date": "2027-01-05",
                "scores": {"listening": 7, "reading": 7, "writing": 7, "speaking": 7},
            }
        ]
    }
    assert_problem(data, "language_tests[0].date: 2027-01-05 is in the future")
    assert_problem({"birth_date": "2030-01-01"}, "birth_date: 2030-01-01 is in the future")
    assert_problem(
        {"work": [work(start="2027-01-01")]}, "work[0].start: 2027-01-01 is in the future"
    )
    validate_profile(data, "p.yaml", today=None)  # the library without a clock does not judge


def test_an_unaccepted_test_says_which_test_to_take() -> None:
    data = {
        "language_tests": [
            {
                "test": "ielts_academic",
                "date": "2025-01-05",
                "scores": {"listening": 7, "reading": 7, "writing": 7, "speaking": 7},
            }
        ]
    }
    found = problems_of(data)
    assert found[0].startswith("language_tests[0].test: ") and "General Training" in found[0]


def test_an_out_of_range_score_names_the_ability() -> None:
    data = {
        "language_tests": [
            {
                "test": "ielts_general",
                "date": "2025-01-05",
                "scores": {"listening": 10, "reading": 7, "writing": 7, "speaking": 7},
            }
        ]
    }
    assert_problem(data, "language_tests[0].scores.listening:")


def test_a_spouse_needs_a_partner_status() -> None:
    assert_problem(
        {"marital_status": "single", "spouse": {"accompanying": True}},
        "spouse: only for married or common_law",
    )


def test_the_same_evidence_id_twice_is_refused() -> None:
    ev = {"id": "ielts", "kind": "language_test_result"}
    assert_problem({"evidence": [ev, ev]}, "evidence[1].id: 'ielts' is used twice")


def test_a_province_that_is_not_canadian_is_refused() -> None:
    assert_problem(
        {"work": [work(country="CA", province="WA")]},
        "work[0].province: 'WA' is not a Canadian province",
    )


def test_a_one_to_one_noc_2016_code_is_mapped_with_a_warning() -> None:
    loaded = validate_profile({"work": [work(noc="0213")]}, "p.yaml", TODAY)
    assert loaded.profile.work[0].noc == "20012"
    assert loaded.warnings == (
        "work[0].noc: NOC 2016 0213 read as NOC 2021 20012 "
        "(Computer and information systems managers)",
    )


def test_a_split_noc_2016_code_lists_the_candidates() -> None:
    found = problems_of({"work": [work(noc="2173")]})
    assert found[0].startswith(
        "work[0].noc: NOC 2016 2173 became several NOC 2021 groups (21211, 21231)"
    )


def test_a_spouses_noc_2016_code_is_mapped_too() -> None:
    data = {"marital_status": "married", "spouse": {"work": [work(noc="2282")]}}
    assert validate_profile(data, "p.yaml", TODAY).profile.spouse.work[0].noc == "22221"  # type: ignore[union-attr]


def test_an_unquoted_noc_that_lost_its_leading_zeros_is_refused() -> None:
    assert_problem({"work": [work(noc=12)]}, "lost its leading zeros")


def test_a_noc_of_the_wrong_length_is_refused() -> None:
    assert_problem({"work": [work(noc="212310")]}, "is not a NOC code")


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b"", "the file is empty"),
        (b"   \n", "the file is empty"),
        (b"work: [unclosed\n", "not valid YAML: line"),
        (b"- just\n- a list\n", "expected a mapping of fields, got a list"),
        (b"\xff\xfe\x00garbage", "not UTF-8"),
        (b"birth_date: 1990-01-01\nbirth_date: 1991-01-01\n", "duplicate key"),
    ],
)
def test_files_that_are_not_profiles_get_one_clear_message(
    tmp_path: Path, content: bytes, expected: str
) -> None:
    path = tmp_path / "me.yaml"
    path.write_bytes(content)
    with pytest.raises(ProfileError) as caught:
        read_profile(path, TODAY)
    assert expected in str(caught.value)


def test_json_profiles_are_read_too(tmp_path: Path) -> None:
    path = tmp_path / "me.json"
    path.write_text(json.dumps({"birth_date": "1995-04-12", "citizenships": ["in"]}))
    assert load_profile(path).citizenships == ["IN"]
    path.write_text("{not json")
    with pytest.raises(ProfileError, match="not valid JSON"):
        load_profile(path)


def test_a_missing_file_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(ProfileError, match="cannot read the file"):
        load_profile(tmp_path / "nope.yaml")


_scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(10**6), 10**6),
    st.floats(allow_nan=True),
    st.text(max_size=12),
    st.dates().map(str),
)
_keys = st.sampled_from(
    [
        "birth_date",
        "work",
        "spouse",
        "language_tests",
        "education",
        "noc",
        "start",
        "end",
        "scores",
        "test",
        "date",
        "hours_per_week",
        "marital_status",
        "family_size",
        "junk",
    ]
)
_garbage = st.recursive(
    _scalars,
    lambda inner: st.one_of(st.lists(inner, max_size=4), st.dictionaries(_keys, inner, max_size=5)),
    max_leaves=25,
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_garbage)
def test_garbage_never_escapes_as_anything_but_a_profile_error(data: Any) -> None:
    try:
        validate_profile(data, "p.yaml", TODAY)
    except ProfileError as exc:
        assert exc.problems and all(p.message for p in exc.problems)


@settings(max_examples=150, deadline=None)
@given(st.binary(max_size=200))
def test_garbage_bytes_never_escape_as_anything_but_a_profile_error(
    tmp_path_factory: Any, raw: bytes
) -> None:
    path = tmp_path_factory.mktemp("g") / "g.yaml"
    path.write_bytes(raw)
    try:
        read_profile(path, TODAY)
    except ProfileError as exc:
        assert exc.problems


@settings(max_examples=100, deadline=None)
@given(
    st.dictionaries(
        st.sampled_from(["listening", "reading", "writing", "speaking"]),
        st.floats(-50, 1000, allow_nan=False),
        min_size=4,
        max_size=4,
    ),
    st.sampled_from(["ielts_general", "celpip_general", "pte_core", "tef_canada", "tcf_canada"]),
    st.dates(date(2010, 1, 1), date(2026, 11, 21)),
)
def test_any_language_scores_are_either_accepted_or_named_problems(
    scores: dict[str, float], test: str, when: date
) -> None:
    data = {"language_tests": [{"test": test, "date": when.isoformat(), "scores": scores}]}
    try:
        validate_profile(data, "p.yaml", TODAY)
    except ProfileError as exc:
        assert all(p.path.startswith("language_tests[0]") for p in exc.problems)


def test_yaml_round_trip_of_an_example_is_stable() -> None:
    p = load_profile(EXAMPLES / "couple_spouse_stronger.yaml", TODAY)
    again = validate_profile(
        yaml.safe_load(yaml.safe_dump(p.model_dump(mode="json"))), "x", TODAY
    ).profile
    assert again == p


def test_ontario_and_norway_are_not_booleans() -> None:
    # YAML 1.1 would read ON as True and NO as False.
    data = yaml.safe_load("work: [{country: NO, start: 2020-01-01}, {country: CA, province: ON}]")
    assert data["work"][0]["country"] is False  # what a naive loader does
    from maplepath.rulebook.rulefile import load_yaml

    loaded = validate_profile(
        load_yaml("work: [{country: NO}, {country: CA, province: ON}]"), "p", TODAY
    )
    assert [w.country for w in loaded.profile.work] == ["NO", "CA"]
    assert loaded.profile.work[1].province == "ON"


def test_a_five_digit_code_that_is_not_a_noc_2021_unit_group_is_refused_with_neighbours() -> None:
    found = problems_of({"work": [work(noc="21239")]})
    assert found == [
        "work[0].noc: 21239 is not a NOC 2021 unit group "
        "(in the same group: 21230, 21231, 21232, 21233, 21234)"
    ]
    assert_problem(
        {"job_offers": [{"noc": "99999"}]}, "job_offers[0].noc: 99999 is not a NOC 2021 unit group"
    )


# --- messages name the exact path, and bad dates say the format -----------------------------


def test_a_nested_error_names_the_full_path_down_to_the_field() -> None:
    found = problems_of({"education": [{"level": "masters", "eca": {"level": "phd"}}]})
    assert len(found) == 1 and found[0].startswith("education[0].eca.level: Input should be")
    data = {"marital_status": "married", "spouse": {"education": [{}, {"eca": {"level": "x"}}]}}
    assert problems_of(data)[0].startswith("spouse.education[1].eca.level: ")
    assert_problem(
        {"language_tests": [{"test": "ielts_general", "date": "2025-01-05", "scores": {"x": 1}}]},
        "language_tests[0].scores.x: unknown field",
    )


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("12 April 1995", "'12 April 1995' is not a date: write it as YYYY-MM-DD"),
        ("1995/04/12", "is not a date: write it as YYYY-MM-DD"),
        ("1995-4-2", "'1995-4-2' is not a date in the form YYYY-MM-DD: write 1995-04-02"),
        ("1995-02-30", "'1995-02-30' is not a real date (YYYY-MM-DD): day is out of range"),
        ("1995-13-01", "is not a real date (YYYY-MM-DD): month must be in 1..12"),
        ("2020-01-01T10:00:00", "is not a date: write it as YYYY-MM-DD"),
        (1995, "1995 is not a date: write it as YYYY-MM-DD"),
        (True, "True is not a date: write it as YYYY-MM-DD"),
    ],
)
def test_a_bad_date_says_the_format(value: Any, expected: str) -> None:
    found = problems_of({"education": [{"eca": {"issued": value}}]})
    assert len(found) == 1 and found[0].startswith("education[0].eca.issued: "), found
    assert expected in found[0]


def test_dates_pydantic_would_accept_are_refused_too() -> None:
    # A number is seconds since 1970 to pydantic (0 is 1970-01-01) and a midnight datetime a
    # date: neither is how a person writes a date.
    assert problems_of({"birth_date": 0}) == [
        "birth_date: 0 is not a date: write it as YYYY-MM-DD (e.g. 2024-01-31)"
    ]
    assert_problem({"work": [work(end="2021-01-01T00:00")]}, "work[0].end: '2021-01-01T00:00'")
    assert validate_profile({"birth_date": date(1995, 4, 12)}, "p", TODAY).profile.birth_date


def test_bad_dates_in_a_yaml_file_say_the_format_beside_other_problems(tmp_path: Path) -> None:
    path = tmp_path / "me.yaml"
    path.write_text(
        "birth_date: 1995\n"
        "education:\n"
        "  - completed: 2019-5-31\n"
        "    eca: {issuer: WES, issued: 10/01/2024, level: master}\n"
    )
    with pytest.raises(ProfileError) as caught:
        read_profile(path, TODAY)
    assert [str(p) for p in caught.value.problems] == [
        "birth_date: 1995 is not a date: write it as YYYY-MM-DD (e.g. 2024-01-31)",
        "education[0].completed: '2019-5-31' is not a date in the form YYYY-MM-DD: "
        "write 2019-05-31",
        "education[0].eca.issued: '10/01/2024' is not a date: write it as YYYY-MM-DD "
        "(e.g. 2024-01-31)",
        "education[0].eca.level: Input should be 'secondary', 'one_year', 'two_year', "
        "'bachelors', 'masters', 'professional' or 'doctoral'",
    ]


def test_a_missing_required_date_or_choice_says_what_to_give() -> None:
    found = problems_of({"language_tests": [{"test": "ielts_general", "scores": {}}]})
    assert found == ["language_tests[0].date: required here (a date, YYYY-MM-DD)"]
    assert_problem(
        {"relatives_in_canada": [{"status": "citizen"}]},
        "relatives_in_canada[0].relation: required here (one of sibling, parent,",
    )


def test_a_field_at_the_wrong_level_says_where_it_belongs() -> None:
    assert problems_of({"education": [{"level": "masters", "issuer": "WES"}]}) == [
        "education[0].issuer: unknown field here: it belongs under education[0].eca"
    ]
    assert problems_of({"accompanying": True}) == [
        "accompanying: unknown field here: it belongs under spouse"
    ]
    assert problems_of({"noc": "21231"}) == [
        "noc: unknown field here: it belongs under work[] or job_offers[]"
    ]


def test_suggestions_come_from_the_fields_of_the_mapping_at_hand() -> None:
    # "date" is a field of a language test, not of an ECA: no suggestion that cannot work.
    assert problems_of({"education": [{"eca": {"date": "2024-01-10"}}]}) == [
        "education[0].eca.date: unknown field"
    ]
    assert_problem(
        {"education": [{"eca": {"isued": "2024-01-10"}}]},
        "education[0].eca.isued: unknown field (did you mean issued?)",
    )


def test_a_numeric_mapping_key_is_not_shown_as_a_list_index() -> None:
    found = problems_of({"evidence": [{"id": "a", "kind": "passport", "fields": {1: "x"}}]})
    assert found == ["evidence[0].fields: key 1: Input should be a valid string"]
