"""Quebec's Skilled Worker Selection Program (PSTQ): paused from 2024-11-29, inviting from
2025-07-17; stream 1 (FEER 0-2, 12 months in 5 years, oral French 7 and written 5) or stream 2
(FEER 3-5, 24 months in 5 years with 12 in Quebec, oral French 5); what a profile cannot say
(intent to settle, self-support) stays unknown."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from maplepath import programs
from maplepath.programs import quebec_pstq
from maplepath.rulebook import book as rulebook
from maplepath.rulebook.book import RuleBook

from . import ON, TAKEN, assert_criterion, assert_verdict, english, job, make

PAUSED, INVITING = date(2024, 11, 29), date(2025, 7, 17)


def tef(nclc: int, taken: date = TAKEN, **levels: int) -> dict[str, Any]:
    chart = rulebook.default().value("language.tef_canada", taken)["clb"]
    scores = {a: chart[a][levels.get(a, nclc)] for a in chart}
    return {"test": "tef_canada", "date": taken.isoformat(), "scores": scores}


# A francophone software engineer abroad since 2020 with a master's.
ENGINEER: dict[str, Any] = {
    "birth_date": date(1994, 3, 1),
    "education": [{"level": "masters", "country": "FR", "completed": date(2019, 6, 30)}],
    "language_tests": [tef(8), english(7)],
    "work": [job(date(2020, 1, 6), country="FR")],
}


def evaluate(on: date = ON, **changes: Any) -> Any:
    return quebec_pstq.evaluate(make(ENGINEER, **changes), on)


def test_the_program_is_paused_until_its_first_invitations_and_then_open() -> None:
    assert evaluate(PAUSED - timedelta(days=1)).status == "not_yet_open"
    assert evaluate(PAUSED).status == "paused"
    assert evaluate(INVITING - timedelta(days=1)).status == "paused"
    v = evaluate(INVITING)
    assert v.status == "open" and v.leads_to == "permanent_residence"
    assert evaluate(ON).status == "open"


def test_a_francophone_engineer_meets_stream_1_all_but_what_no_profile_says() -> None:
    v = evaluate()
    assert_verdict(v, "unknown")
    assert_criterion(v, "stream", "met", says="stream 1")
    assert_criterion(v, "experience", "met")
    assert_criterion(v, "education", "met")
    assert_criterion(v, "french", "met", says="oral French 7, written 5")
    assert_criterion(v, "settlement_and_support", "unknown")
    assert "quebec_pstq" in programs.REGISTRY


def test_oral_french_below_7_or_written_below_5_fails_stream_1() -> None:
    assert_criterion(evaluate(language_tests=[tef(8, speaking=6)]), "french", "unmet")
    assert_criterion(evaluate(language_tests=[tef(8, writing=4)]), "french", "unmet")
    assert_criterion(evaluate(language_tests=[tef(7, reading=5, writing=5)]), "french", "met")


def test_english_alone_is_not_french_and_no_test_at_all_is_unknown() -> None:
    assert_verdict(evaluate(language_tests=[english(10)]), "ineligible")
    assert_criterion(evaluate(language_tests=[]), "french", "unknown", needs=["language_tests"])


def test_stream_1_needs_twelve_months_of_feer_0_2_work_in_five_years() -> None:
    recent = job(ON - timedelta(days=300), country="FR")
    assert_criterion(evaluate(work=[recent]), "experience", "unmet")
    year = job(ON - timedelta(days=380), country="FR")
    assert_criterion(evaluate(work=[year]), "experience", "met")
    old = job(date(2015, 1, 5), date(2020, 12, 31), country="FR")
    assert_criterion(evaluate(work=[old]), "experience", "unmet")  # before the five years


def test_a_degree_surely_counts_a_college_diploma_is_unknown_school_does_not() -> None:
    def school(level: str) -> list[dict[str, Any]]:
        return [{"level": level, "country": "FR", "completed": date(2015, 6, 30)}]

    assert_criterion(evaluate(education=school("bachelors")), "education", "met")
    assert_criterion(evaluate(education=school("two_year")), "education", "unknown")
    assert_criterion(evaluate(education=school("secondary")), "education", "unmet")


def test_feer_3_work_is_stream_2_with_a_year_in_quebec() -> None:
    clerk = "33102"  # nurse aides, orderlies and patient service associates: TEER 3
    abroad = [job(date(2020, 1, 6), noc=clerk, country="FR")]
    v = evaluate(work=abroad, language_tests=[tef(6)])
    assert_criterion(v, "stream", "met", says="stream 2")
    assert_criterion(v, "experience", "unmet", says="in Quebec")
    in_quebec = [job(date(2020, 1, 6), noc=clerk, country="CA", province="QC", authorized=True)]
    v = evaluate(work=in_quebec, language_tests=[tef(6)])
    assert_criterion(v, "experience", "met")
    assert_criterion(v, "french", "met", says="oral French 5")


def test_under_18_is_refused(book: RuleBook) -> None:
    assert book.value("programs.quebec_pstq.streams", ON)["min_age"] == 18
    assert_criterion(evaluate(birth_date=date(2010, 1, 1)), "age", "unmet")


def test_an_empty_profile_is_unknown_never_ineligible() -> None:
    assert_verdict(quebec_pstq.evaluate(make({}), ON), "unknown")
