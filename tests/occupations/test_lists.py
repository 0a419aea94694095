"""Which occupation lists name a code: the three ways a list is written, the program a list
belongs to, and the spans of days a code was on it."""

from __future__ import annotations

from datetime import date

from maplepath.occupations import lists
from maplepath.programs import REGISTRY
from maplepath.rulebook.book import RuleBook


def test_a_list_of_codes_names_its_codes() -> None:
    value = {"classification": "NOC 2021", "codes": ["21231", "21232"]}
    assert lists.codes_of(value) == {"21231", "21232"}


def test_a_list_of_occupations_names_the_codes_of_its_own_classification() -> None:
    # The Global Talent Occupations List in NOC 2021 keeps each entry's NOC 2016 code.
    value = {
        "classification": "NOC 2021",
        "occupations": [{"noc2016": "2173", "noc2021": ["21231", "21211"], "title": "x"}],
    }
    assert lists.codes_of(value) == {"21231", "21211"}
    before = {"classification": "NOC 2016", "occupations": [{"noc2016": "2173", "title": "x"}]}
    assert lists.codes_of(before) == {"2173"}


def test_a_mapping_of_code_to_title_names_its_keys_and_an_ended_list_names_none() -> None:
    assert lists.codes_of({"21220": "Cybersecurity specialists"}) == {"21220"}
    assert lists.codes_of(None) == frozenset()


def test_a_list_belongs_to_the_program_of_its_folder() -> None:
    assert lists.program_of("programs.bc_pnp_tech.occupations") == "bc_pnp_tech"
    assert lists.program_of("programs.ee_category.stem.occupations") == "ee_category:stem"


def test_every_packaged_list_belongs_to_a_registered_program(book: RuleBook) -> None:
    found = lists.occupation_lists(book)
    assert "programs.ee_category.stem.occupations" in found
    assert "occupations.tech_aliases" not in found  # a search aid, not a program's list
    assert {lists.program_of(i) for i in found} <= set(REGISTRY)


def test_a_code_taken_off_and_put_back_is_two_spans() -> None:
    # The transport category: retired on 2025-02-27, a new one from 2026-02-18.
    values = [
        (date(2023, 5, 31), {"72404": "Aircraft mechanics"}),
        (date(2025, 2, 27), None),
        (date(2026, 2, 18), {"72404": "Aircraft mechanics"}),
    ]
    assert lists.runs("72404", values) == [
        (date(2023, 5, 31), date(2025, 2, 27)),
        (date(2026, 2, 18), None),
    ]
    assert lists.runs("21231", values) == []


def test_the_packaged_lists_name_a_tech_code_and_not_a_food_service_one(book: RuleBook) -> None:
    named = lists.naming("21231", book)
    assert {"bc_pnp_tech", "sinp_tech", "ee_category:stem"} <= {x.program for x in named}
    assert [x.category for x in named] == sorted(x.category for x in named)
    assert lists.naming("65201", book) == []
