"""Confirmed vs assumed facts, and what each CRS line and program criterion rests on."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from maplepath import programs
from maplepath.crs import scalar as crs
from maplepath.planner.assumptions import (
    Confirmations,
    annotate_crs,
    annotate_verdict,
    confirm,
    paths_for_line,
    used_by,
)
from maplepath.planner.evidence import load_documents, parse_document
from maplepath.profile.load import load_profile
from maplepath.profile.model import Profile

from ..conftest import EXAMPLES, FIXTURES

ON = date(2026, 11, 22)
PRIYA = EXAMPLES / "cases" / "priya"
CLEAN = FIXTURES / "cases" / "clean"
PLANTED = FIXTURES / "cases" / "planted"


def _confirm(case: Path, on: date = ON) -> Confirmations:
    profile = load_profile(case / "profile.yaml")
    return confirm(profile, load_documents(case, profile), on)


def test_every_fact_of_priya_is_confirmed_by_her_folder() -> None:
    c = _confirm(PRIYA)
    assert c.assumptions() == []
    assert c.confirmed["language_tests[0]"] == ("ielts_2025",)
    assert c.confirmed["education[0].eca"] == ("eca_wes",)
    assert c.confirmed["work[1]"] == ("reference_razorpay",)
    assert c.confirmed["birth_date"] == ("passport",)


def test_an_expired_language_result_confirms_nothing() -> None:
    c = _confirm(PRIYA, date(2027, 3, 6))
    (a,) = c.assumptions()
    assert a.path == "language_tests[0]"
    assert a.why == "ielts_2025 expired on 2027-03-06"
    assert "IELTS General Training of 2025-03-06" in a.confirm_with
    assert _confirm(PRIYA, date(2027, 3, 5)).assumptions() == []


def test_an_expired_eca_confirms_nothing() -> None:
    c = _confirm(PRIYA, date(2028, 8, 21))
    assert "education[0].eca" in c.assumed
    assert "education[0]" in c.confirmed  # the diploma itself does not expire


def test_an_expired_passport_does_not_confirm_the_date_of_birth() -> None:
    c = _confirm(PRIYA, date(2031, 9, 1))
    assert c.assumed["birth_date"].why == "passport expired on 2031-09-01"


def test_a_document_that_disagrees_does_not_confirm_and_says_why() -> None:
    c = _confirm(PLANTED)
    assert c.assumed["language_tests[0]"].why == "ielts writing 6.5, not 7.5"
    assert c.assumed["work[1]"].why == "reference_flutterwave shows 20 h/week, not 40"
    assert c.assumed["education[0].eca"].why == "eca level bachelors, not masters"
    # Letters from other employers are not reasons against a job.
    assert "paystack" not in c.assumed["work[0]"].why


def test_a_fact_without_any_document_is_assumed() -> None:
    c = _confirm(CLEAN)
    assert [(a.path, a.why) for a in c.assumptions()] == [("spouse.education[0]", "no document")]


def test_a_missing_fact_is_never_an_assumption(tmp_path: Path) -> None:
    c = confirm(Profile(), [], ON)
    assert c.assumptions() == [] and c.confirmed == {}


def test_a_spouse_document_does_not_confirm_the_applicant() -> None:
    profile = Profile(birth_date=date(1990, 1, 1))
    doc = parse_document(
        {"kind": "passport", "fields": {"about": "spouse", "date_of_birth": "1990-01-01"}},
        "p",
        "p",
    )
    assert confirm(profile, [doc], ON).assumed["birth_date"].why == "no document"


def test_crs_lines_name_the_assumed_facts_they_rest_on() -> None:
    profile = load_profile(PRIYA / "profile.yaml")
    c = confirm(profile, [], ON)
    assert c.assumed_for_line("crs.core.age") == ["birth_date"]
    assert c.assumed_for_line("crs.core.first_language") == ["language_tests[0]"]
    assert c.assumed_for_line("crs.core.education") == ["education[0]", "education[0].eca"]
    assert c.assumed_for_line("crs.transferability.foreign_experience_language") == [
        "work[0]",
        "work[1]",
        "language_tests[0]",
    ]
    assert c.assumed_for_line("crs.core.canadian_experience") == []  # no Canadian work
    assert c.assumed_for_line("crs.additional.sibling") == []


def test_every_line_of_a_real_score_maps_to_known_fact_paths() -> None:
    profile = load_profile(EXAMPLES / "couple_spouse_stronger.yaml")
    c = confirm(profile, [], ON)
    result = crs.score(profile, ON)
    assumed = {a.path for a in c.assumptions()}
    for line in result.lines:
        assert set(c.assumed_for_line(line.rule)) <= assumed
    assert "spouse.language_tests[0]" in c.assumed_for_line("crs.spouse.language")
    assert "relatives_in_canada[0]" in c.assumed_for_line("crs.additional.sibling")


def test_with_the_spouse_as_principal_the_core_lines_rest_on_the_spouse() -> None:
    profile = load_profile(EXAMPLES / "couple_spouse_stronger.yaml")
    assert paths_for_line(profile, "crs.core.age", ON, principal="spouse") == ["spouse.birth_date"]
    assert "language_tests[0]" in paths_for_line(
        profile, "crs.spouse.language", ON, principal="spouse"
    )


@pytest.mark.parametrize(
    ("program", "criterion", "expected"),
    [
        ("fsw", "language", ["language_tests[0]"]),
        ("fsw", "proof_of_funds", ["settlement_funds_cad"]),
        ("fsw", "experience", ["work[0]", "work[1]"]),
        ("cec", "experience", []),  # only Canadian work counts; Priya has none
        ("fsw", "education", ["education[0]", "education[0].eca"]),
        ("cusma", "citizenship", ["citizenships"]),
        ("gts_a", "referral", []),
    ],
)
def test_criteria_name_the_assumed_facts_they_rest_on(
    program: str, criterion: str, expected: list[str]
) -> None:
    profile = load_profile(PRIYA / "profile.yaml")
    assert confirm(profile, [], ON).assumed_for_criterion(program, criterion) == expected


def test_every_criterion_of_every_program_maps_without_error() -> None:
    profile = load_profile(FIXTURES / "cases" / "clean" / "profile.yaml")
    c = confirm(profile, [], ON)
    for verdict in programs.evaluate_all(profile, ON):
        for criterion in verdict.criteria:
            assert set(c.assumed_for_criterion(verdict.program, criterion.id)) <= set(c.assumed)
    assert "job_offers[0]" in c.assumed_for_criterion("gts_b", "wage_floor")


def test_confirmations_json_lists_confirmed_and_assumed() -> None:
    data = _confirm(PLANTED).to_json()
    assert data["on"] == "2026-11-22"
    assert data["confirmed"]["birth_date"] == ["passport"]
    assert {a["path"] for a in data["assumed"]} >= {"language_tests[0]", "work[1]"}


def test_crs_json_annotated_with_assumed_facts_per_line() -> None:
    profile = load_profile(PRIYA / "profile.yaml")
    docs = [d for d in load_documents(PRIYA, profile) if d.kind != "language_test_result"]
    c = confirm(profile, docs, ON)
    data = annotate_crs(crs.score(profile, ON), c)
    by_rule = {line["rule"]: line["assumed"] for line in data["lines"]}
    assert by_rule["crs.core.first_language"] == ["language_tests[0]"]
    assert by_rule["crs.core.age"] == []
    assert data["assumed_facts"] == ["language_tests[0]"]


def test_verdict_json_annotated_with_assumed_facts_per_criterion() -> None:
    profile = load_profile(PRIYA / "profile.yaml")
    c = confirm(profile, [], ON)
    (fsw,) = [v for v in programs.evaluate_all(profile, ON) if v.program == "fsw"]
    data = annotate_verdict(fsw, c)
    crit = {item["id"]: item["assumed"] for item in data["criteria"]}
    assert crit["proof_of_funds"] == ["settlement_funds_cad"]
    assert "birth_date" in data["assumed_facts"]


def test_used_by_names_what_falls_if_a_fact_cannot_be_proven() -> None:
    profile = load_profile(PLANTED / "profile.yaml")
    c = confirm(profile, load_documents(PLANTED, profile), ON)
    uses = used_by(c, crs.score(profile, ON), programs.evaluate_all(profile, ON))
    assert uses["settlement_funds_cad"] == ["fsw/proof_of_funds"]  # FST is ineligible here
    assert "CRS education" in uses["education[0].eca"]
    assert set(uses) == {a.path for a in c.assumptions()}


def test_a_document_issued_after_the_date_confirms_nothing_yet() -> None:
    c = _confirm(PRIYA, date(2021, 1, 1))  # the passport was issued on 2021-09-02
    assert c.assumed["birth_date"].why == "passport was issued after 2021-01-01 (2021-09-02)"
    assert c.assumed["language_tests[0]"].why.startswith("ielts_2025 was issued after")
