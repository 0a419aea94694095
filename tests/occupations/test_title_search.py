"""NOC search: a job title (or a few words of duties) finds its NOC 2021 unit group.

The built-in corpora are the unit-group titles, the project's alias table and its keywords
(rule ``occupations.tech_aliases``); an imported official index of example titles is searched
too when given. Quality is measured on Statistics Canada's example titles in ../shared/data.
"""

from __future__ import annotations

import csv
from datetime import date
from pathlib import Path

import pytest

from maplepath.occupations import codes as occupations
from maplepath.occupations import title_search as noc_search
from maplepath.occupations.title_search import normalise, search
from maplepath.rulebook import book as rulebook

EXAMPLE_TITLES = Path("noc") / "noc_2021_v1.0_example_titles_en.csv"
# The major groups maplepath's users and their spouses mostly work in: business and finance
# (10-12), natural and applied sciences (20-22), law, education and government (41), art,
# culture and communication (51-52).
MAJOR_GROUPS = ("10", "11", "12", "20", "21", "22", "41", "51", "52")


def assert_first(text: str, code: str) -> None:
    results = search(text)
    assert results[0].code == code, [(r.code, r.title, r.why) for r in results]


def assert_in_top_3(text: str, *codes: str) -> None:
    found = [r.code for r in search(text, limit=3)]
    assert set(codes) <= set(found), (text, found)


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("SRE", "21231"),
        ("devops", "21231"),
        ("cloud engineer", "21231"),
        ("software engineer", "21231"),
        ("swe", "21231"),
        ("k8s", "21231"),
        ("tech lead", "21231"),
        ("software developer", "21232"),
        ("programmer", "21232"),
        ("backend dev", "21232"),
        ("backend", "21232"),
        ("game developer", "21232"),
        ("web developer", "21234"),
        ("frontend", "21234"),
        ("full-stack dev", "21234"),
        ("web designer", "21233"),
        ("data scientist", "21211"),
        ("ML engineer", "21211"),
        ("data eng", "21211"),
        ("QA automation", "22222"),
        ("software tester", "22222"),
        ("network admin", "22220"),
        ("sysadmin", "22220"),
        ("DBA", "21223"),
        ("IT support", "22221"),
        ("help desk", "22221"),
        ("cybersecurity", "21220"),
        ("infosec", "21220"),
        ("business analyst", "21221"),
        ("BA", "21221"),
        ("CTO", "20012"),
        ("engineering manager", "20010"),  # StatCan's example title; 20012 is offered beside it
        ("technical writer", "51112"),
    ],
)
def test_a_tech_title_finds_its_unit_group_first(text: str, code: str) -> None:
    assert_first(text, code)


@pytest.mark.parametrize(
    ("text", "usual", "other"),
    [
        # Web designers design the interfaces of sites and apps; graphic designers do visual work.
        ("UX designer", "21233", "52120"),
        # A product owner turns business needs into requirements (business systems specialist).
        ("product owner", "21221", "20012"),
        # StatCan files "Product manager" under 60010 (corporate sales managers); a software
        # product manager who directs development is 20012, offered beside it.
        ("product manager", "60010", "20012"),
        # StatCan files "Engineering manager" under 20010; in a software company it is 20012.
        ("engineering manager", "20010", "20012"),
        # "Computer programmer" is an example title of 21230, beside 21232.
        ("computer programmer", "21230", "21232"),
        ("embedded engineer", "21231", "21311"),
        ("solutions architect", "21231", "21222"),
        ("data analyst", "21223", "21211"),
        ("BI developer", "21223", "21232"),
        ("scrum master", "21222", "20012"),
    ],
)
def test_an_ambiguous_title_ranks_the_usual_reading_first_and_offers_the_other(
    text: str, usual: str, other: str
) -> None:
    results = search(text, limit=3)
    assert results[0].code == usual
    assert other in [r.code for r in results[1:]]
    assert "ambiguous" in results[0].why


def test_pm_is_read_as_product_and_as_project_manager_and_why_says_so() -> None:
    results = search("PM", limit=3)
    # "product manager" is StatCan's example title of 60010; the software reading 20012 follows
    assert results[0].code == "60010"
    assert "20012" in [r.code for r in results]
    assert "ambiguous" in results[0].why
    assert "product manager" in results[0].why and "project manager" in results[0].why


@pytest.mark.parametrize(
    "text",
    [
        "engineer software",
        "software engineers",
        "SOFTWARE ENGINEER",
        "Software-Engineer!!",
        "  software   engineer  ",
        "Senior Software Engineer",
        "sofware engineer",
    ],
)
def test_word_order_plurals_case_punctuation_seniority_and_typos_do_not_matter(text: str) -> None:
    assert_first(text, "21231")


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("write code for mobile apps", "21232"),
        ("fix computers and help users", "22221"),
        ("test software and find bugs", "22222"),
        ("train machine learning models", "21211"),
    ],
)
def test_a_few_words_of_duties_find_the_unit_group(text: str, code: str) -> None:
    assert_first(text, code)


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("civil engineer", "21300"),
        ("electronics engineers", "21310"),
        ("lawyer", "41101"),
        ("secondary school teacher", "41220"),
        ("graphic designer", "52120"),
        ("investment director - financial brokerage", "10020"),
        ("plant physiologist", "21110"),
    ],
)
def test_titles_outside_tech_use_unit_group_titles_related_nouns_and_keywords(
    text: str, code: str
) -> None:
    assert_in_top_3(text, code)


@pytest.mark.parametrize(
    ("text", "normalised"),
    [
        ("Full-Stack Devs!", "full stack developer"),
        ("SREs", "site reliability engineer"),
        ("Sr. QA Engineers", "senior quality assurance engineer"),
        ("Network Admin", "network administrator"),
        ("admin assistant", "administrative assistant"),
        ("Data Center Technicians", "data centre technician"),
        (".NET / C# developer", "dotnet csharp developer"),
        ("PM", "product manager"),
    ],
)
def test_normalise_lowercases_strips_punctuation_singularises_and_expands(
    text: str, normalised: str
) -> None:
    assert normalise(text) == normalised


@pytest.mark.parametrize("text", ["", "   ", "\n\t", "!!!", "the and of"])
def test_an_empty_query_is_refused(text: str) -> None:
    with pytest.raises(ValueError, match="empty query: give a job title or a few words of duties"):
        search(text)


@pytest.mark.parametrize("limit", [0, -1])
def test_a_limit_below_one_is_refused(limit: int) -> None:
    with pytest.raises(ValueError, match="limit"):
        search("software engineer", limit=limit)


@pytest.mark.parametrize(
    "text", ["software engineer", "manager", "data", "PM", "zzyzx", "I build websites"]
)
def test_results_are_unique_unit_groups_sorted_by_score_with_a_reason(text: str) -> None:
    results = search(text, limit=8)
    assert len(results) == 8
    assert len({r.code for r in results}) == 8
    assert [r.score for r in results] == sorted((r.score for r in results), reverse=True)
    for r in results:
        group = occupations.lookup(r.code)
        assert (r.title, r.teer) == (group.title, group.teer)
        assert 0 <= r.score <= 100
        assert r.why


def test_why_names_the_abbreviation_and_the_alias() -> None:
    why = search("SRE")[0].why
    assert '"sre" -> site reliability engineer' in why
    assert 'alias "site reliability engineer"' in why


def test_why_names_the_title_words_that_matched() -> None:
    assert search("electrical engineers")[0].why == 'title "Electrical engineers"'
    assert "physiologist" in search("plant physiologist")[0].why


def test_an_official_example_title_ranks_its_code_first_even_over_an_alias() -> None:
    index = [("20010", "Engineering manager"), ("21399", "Quantum widget engineer")]
    first = search("Engineering Manager", extra_titles=index)[0]
    assert (first.code, first.why) == ("20010", 'official example title "Engineering manager"')
    assert search("quantum widget engineers", extra_titles=index)[0].code == "21399"
    assert search("quantm widget engineer", extra_titles=index)[0].code == "21399"
    # without the index the alias decides; where an alias is itself an official example title
    # it gives StatCan's code first (rule occupations.tech_aliases)
    assert search("engineering manager")[0].code == "20010"
    assert search("quantum widget engineers")[0].code != "21399"


def test_an_imported_title_with_an_unknown_code_is_refused() -> None:
    with pytest.raises(ValueError, match="99999"):
        search("engineer", extra_titles=[("99999", "Imaginary engineer")])


def test_every_alias_and_keyword_names_a_unit_group() -> None:
    table = rulebook.default().value(noc_search.ALIAS_RULE, date(2022, 11, 16))
    assert len(table["aliases"]) >= 300
    for alias, value in table["aliases"].items():
        for code in [value] if isinstance(value, str) else value:
            assert occupations.is_unit_group(code), (alias, code)
    for code in table["keywords"]:
        assert occupations.is_unit_group(code), code


def test_no_two_aliases_normalise_to_the_same_words_with_different_codes() -> None:
    table = rulebook.default().value(noc_search.ALIAS_RULE, date(2022, 11, 16))["aliases"]
    seen: dict[str, object] = {}
    for alias, value in table.items():
        key = " ".join(sorted(set(normalise(alias).split())))
        assert seen.setdefault(key, value) == value, (alias, key)


def _example_titles(shared_data: Path) -> list[dict[str, str]]:
    with (shared_data / EXAMPLE_TITLES).open(encoding="utf-8") as f:
        return list(csv.DictReader(f))


def test_built_in_search_finds_official_example_titles_in_the_top_3(shared_data: Path) -> None:
    # Measured on every example title of these major groups: top-3 74%, top-1 61%. A sample
    # keeps the test fast; the threshold is the project's quality target.
    rows = [r for r in _example_titles(shared_data) if r["noc_code"].startswith(MAJOR_GROUPS)]
    sample = rows[::8]
    found = sum(r["noc_code"] in [x.code for x in search(r["example_title"], 3)] for r in sample)
    assert found / len(sample) >= 0.70


def test_with_the_official_index_an_example_title_finds_its_code_first(shared_data: Path) -> None:
    rows = _example_titles(shared_data)
    index = [(r["noc_code"], r["example_title"]) for r in rows]
    sample = rows[::150]
    found = sum(search(r["example_title"], 1, index)[0].code == r["noc_code"] for r in sample)
    assert found / len(sample) >= 0.97
