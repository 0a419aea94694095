"""Quebec's AI, IT and visual effects pilot (2021-04-22 to 2026-01-01): a job in Quebec, a
French-speaking or Francization profile, and each component's conditions; a CSQ, then
permanent residence."""

from __future__ import annotations

from datetime import date
from typing import Any

from maplepath.programs import quebec
from maplepath.rulebook import book as rulebook
from maplepath.rulebook.book import RuleBook

from . import ON, assert_criterion, assert_verdict, english, job, make

AI, IT_VFX = quebec.PROGRAMS["quebec_ai"], quebec.PROGRAMS["quebec_it_vfx"]
WORLD = date(2022, 2, 3)
DENTAL_ASSISTANT = "33100"  # TEER 3: skilled as NOC 2016 level B, not TEER 0-2
OFFER: dict[str, Any] = {
    "employer": "Mila Labs",
    "noc": "21211",
    "province": "QC",
    "full_time": True,
    "hourly_wage": 60.0,  # $124,800 a year
}
# A machine-learning engineer in Paris since 2016 with a Montreal offer; English CLB 9.
ENGINEER: dict[str, Any] = {
    "birth_date": date(1990, 10, 1),
    "education": [{"level": "masters", "country": "FR", "completed": date(2015, 9, 30)}],
    "language_tests": [english(9, taken=date(2021, 6, 1))],
    "work": [job(date(2016, 1, 4), noc="21211", country="FR")],
    "job_offers": [OFFER],
}


def tef(nclc: int, taken: date) -> dict[str, Any]:
    chart = rulebook.default().value("language.tef_canada", taken)["clb"]
    return {
        "test": "tef_canada",
        "date": taken.isoformat(),
        "scores": {a: chart[a][nclc] for a in chart},
    }


def ai(on: date = WORLD, **changes: Any) -> Any:
    return AI(make(ENGINEER, **changes), on, None)


def it_vfx(on: date = WORLD, **changes: Any) -> Any:
    return IT_VFX(make(ENGINEER, **changes), on, None)


def test_on_2022_02_03_the_pilot_is_open_and_leads_to_permanent_residence() -> None:
    for v in (ai(), it_vfx()):
        assert v.status == "open"
        assert v.leads_to == "permanent_residence"
        assert_criterion(v, "quebec_job", "met", says="CSQ")


def test_the_pilot_ran_from_2021_04_22_and_closed_on_2026_01_01() -> None:
    for evaluate in (ai, it_vfx):
        assert evaluate(date(2021, 4, 21)).status == "not_yet_open"
        assert evaluate(date(2021, 4, 22)).status == "open"
        assert evaluate(date(2025, 12, 31)).status == "open"
        closed = evaluate(date(2026, 1, 1))
        assert closed.status == "closed"
        assert_criterion(closed, "program_open", "unmet")
        assert evaluate(ON).status == "closed"
        assert_verdict(evaluate(ON), "ineligible")


def test_an_ai_foreign_worker_meets_everything_but_the_expert_committee() -> None:
    v = ai()
    for cid in ("quebec_job", "french_profile", "ai_qualification", "salary"):
        assert_criterion(v, cid, "met")
    assert_criterion(v, "ai_sector", "unknown", says="expert committee")
    assert_verdict(v, "unknown")


def test_the_salary_threshold_depends_on_montreal_which_a_profile_cannot_tell() -> None:
    middle = ai(job_offers=[OFFER | {"hourly_wage": 40.0}])  # $83,200
    low = ai(job_offers=[OFFER | {"hourly_wage": 30.0}])  # $62,400
    assert_criterion(middle, "salary", "unknown", says="$83,200")
    assert_criterion(low, "salary", "unmet")


def test_oral_french_level_7_is_the_french_speaking_profile() -> None:
    v = ai(language_tests=[tef(7, date(2021, 6, 1))])
    assert_criterion(v, "french_profile", "met", says="French-speaking profile")


def test_without_french_the_francization_profile_applies() -> None:
    assert_criterion(ai(), "french_profile", "met", says="Francization profile")


def test_the_it_vfx_francization_profile_was_full_from_2022_06_30_to_2022_10_31() -> None:
    assert_criterion(it_vfx(date(2022, 6, 29)), "french_profile", "met")
    assert_criterion(it_vfx(date(2022, 6, 30)), "french_profile", "unmet", says="full")
    assert_criterion(it_vfx(date(2022, 10, 31)), "french_profile", "unmet")
    assert_criterion(it_vfx(date(2022, 11, 1)), "french_profile", "met")
    francophone = it_vfx(date(2022, 7, 15), language_tests=[tef(8, date(2022, 1, 10))])
    assert_criterion(francophone, "french_profile", "met")


def test_teer_3_work_counted_for_the_ai_stream_until_2022_11_15_only() -> None:
    work = [job(date(2019, 1, 7), noc=DENTAL_ASSISTANT, country="FR")]
    college = [{"level": "bachelors", "country": "FR", "completed": date(2012, 6, 30)}]
    before = ai(date(2022, 11, 15), work=work, education=college)
    after = ai(date(2022, 11, 16), work=work, education=college)
    assert_criterion(before, "ai_qualification", "met", says="TEER 0-3")
    assert_criterion(after, "ai_qualification", "unmet", says="TEER 0-2")


def test_a_recent_canadian_masters_may_be_a_quebec_graduate() -> None:
    degree = [{"level": "masters", "country": "CA", "completed": date(2021, 8, 31)}]
    v = ai(
        work=[job(date(2021, 9, 6), country="CA", province="QC", authorized=True)], education=degree
    )
    assert_criterion(v, "ai_qualification", "met", says="recent master's or doctorate met")
    later = ai(
        date(2023, 6, 30),
        work=[job(date(2023, 6, 5), country="CA", province="QC", authorized=True)],
        education=degree,
    )
    assert_criterion(
        later, "ai_qualification", "unknown", says="possible if a recent Canadian degree"
    )


def test_it_vfx_needs_a_technical_diploma_and_two_years() -> None:
    certificate = [{"level": "one_year", "country": "FR", "completed": date(2014, 6, 30)}]
    assert_criterion(it_vfx(education=certificate), "education", "unmet")
    assert_criterion(it_vfx(), "education", "met")
    assert_criterion(it_vfx(work=[job(date(2020, 6, 1), country="FR")]), "experience", "unmet")
    assert_criterion(it_vfx(), "experience", "met")
    assert_criterion(it_vfx(), "occupation_and_wage", "unknown", says="does not encode")


def test_a_job_outside_quebec_does_not_count() -> None:
    v = ai(job_offers=[OFFER | {"province": "ON"}])
    assert_criterion(v, "quebec_job", "unmet")


def test_seed_fact_550_people_a_year(book: RuleBook) -> None:
    intake = book.value("programs.quebec.annual_intake", WORLD)
    assert intake["total"] == 550
    assert intake["artificial_intelligence"] + intake["it_vfx"] == 550
    assert not book.at("programs.quebec.annual_intake", date(2026, 1, 1)).in_force


def test_an_empty_profile_is_unknown_never_ineligible() -> None:
    for evaluate in (AI, IT_VFX):
        assert_verdict(evaluate(make({}), WORLD, None), "unknown")
