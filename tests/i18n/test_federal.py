"""The federal programs (FSW, CEC, FST, Express Entry categories) and the language, education
and experience facts they read, in French: the same verdicts, said in French, and English
unchanged after them."""

from __future__ import annotations

from datetime import date

import pytest

from maplepath import i18n
from maplepath.profile import facts, language
from maplepath.profile.model import Profile
from maplepath.programs import cec, ee_category, fst, fsw, pathways
from maplepath.programs.verdict import Criterion, Ternary

from ..programs import ON, canadian_job, english, job, make
from ..programs.test_fsw import ENGINEER

SHORT_OF_FUNDS = make(ENGINEER, language_tests=[english(7, speaking=6)], settlement_funds_cad=5000)
TEF = {
    "test": "tef_canada",
    "date": "2026-01-10",
    "scores": {"listening": 300, "reading": 250, "writing": 350, "speaking": 350},
}


def _details(program: str, profile: Profile, on: date = ON) -> dict[str, str]:
    run = {"fsw": fsw.evaluate, "cec": cec.evaluate, "fst": fst.evaluate}[program]
    return {c.id: c.to_json()["detail"] for c in run(profile, on).criteria}


def test_fsw_criteria_are_said_in_french_with_french_numbers(french: None) -> None:
    said = _details("fsw", SHORT_OF_FUNDS)
    assert said["experience"] == "7,42 ans comme CNP 21231 du 2019-07-01 au 2026-11-21"
    assert said["language"] == (
        "IELTS General Training du 2026-01-10 : NCLC CO7 CE7 EE7 EO6 : expression orale sous "
        "le minimum du TQF, soit NCLC 7 dans chaque compétence"
    )
    assert said["proof_of_funds"] == (
        "5\u00a0000\u00a0$ : il manque 10\u00a0263\u00a0$ pour atteindre 15\u00a0263\u00a0$ "
        "pour une famille de 1 (barème du 2025-07-07)"
    )
    grid = said["selection_grid"]
    assert grid.startswith("62 points sur 100 (note de passage 67) : première langue officielle 12")
    assert "âge 12 (31 ans le 2026-11-21)" in grid
    assert "capacité d'adaptation 0 (aucun point obtenu)" in grid
    assert "years" not in grid and "CLB" not in grid


def test_english_is_unchanged_after_french() -> None:
    before = _details("fsw", SHORT_OF_FUNDS)
    i18n.use("fr")
    try:
        assert _details("fsw", SHORT_OF_FUNDS) != before
    finally:
        i18n.use("en")
    assert _details("fsw", SHORT_OF_FUNDS) == before
    assert before["proof_of_funds"] == (
        "$5,000 is $10,263 short of $15,263 for a family of 1 (table of 2025-07-07)"
    )
    assert before["language"].startswith("IELTS General Training of 2026-01-10: CLB L7 R7 W7 S6")


def test_an_unknown_criterion_names_the_facts_that_would_decide_it_in_french(
    french: None,
) -> None:
    c = Criterion("experience", Ternary.unknown, "dépend de faits manquants", (), ("work",))
    assert c.to_json()["detail"] == "dépend de faits manquants (serait tranché par : work)"
    said = _details("fsw", make(ENGINEER, work=[job(None)]))
    assert said["experience"].endswith(
        "dépend de faits manquants (serait tranché par : work[0].start)"
    )


def test_a_result_is_summarised_in_each_language_it_is_asked_in() -> None:
    # One TestResult is shared by every assessment (it is cached): its summary and levels must
    # follow the language in force, not the first one that asked.
    scores = {"listening": 7.5, "reading": 3, "writing": 6, "speaking": 6}
    result = language.assess_test("ielts_general", date(2026, 1, 10), scores, ON)
    english_summary = "IELTS General Training of 2026-01-10: CLB L8 R0 W7 S7"
    assert result.summary == english_summary
    i18n.use("fr")
    try:
        assert result.summary == "IELTS General Training du 2026-01-10 : NCLC CO8 CE0 EE7 EO7"
        assert result.levels["listening"].detail == (
            "IELTS General Training 7,5 en compréhension de l'oral = NCLC 8"
        )
        assert result.levels["reading"].detail == (
            "IELTS General Training 3,0 en compréhension de l'écrit = sous NCLC 4"
        )
    finally:
        i18n.use("en")
    assert result.summary == english_summary
    assert result.levels["reading"].detail == "IELTS General Training 3.0 reading = below CLB 4"


def test_score_problems_in_french(french: None) -> None:
    problems = dict(language.score_problems("ielts_general", ON, {"listening": 9.7, "reading": 6}))
    assert problems["listening"] == (
        "le résultat IELTS General Training de 9,7 en compréhension de l'oral est hors de "
        "l'échelle 0-9 des tests passés le 2026-11-21"
    )
    assert problems["writing"].startswith("résultat manquant en expression écrite")
    [(_, academic)] = language.score_problems("ielts_academic", ON, {})
    assert academic.startswith("IRCC n'accepte pas IELTS Academic")


def test_cec_and_fst_in_french(french: None) -> None:
    hours_unknown = make(
        ENGINEER,
        work=[canadian_job(date(2025, 6, 1), hours_per_week=None)],
        language_tests=[english(6)],
    )
    said = _details("cec", hours_unknown)
    assert said["experience"].startswith(
        "0,00 ans d'expérience de travail qualifié au Canada admissible au cours des 3 années "
        "précédant le 2026-11-21 (1 requis) ; jusqu'à 1,48 si les faits manquants"
    )
    assert "est sous NCLC 7, requis sans une année de travail TEER 2, 3" in said["language"]
    trades = _details("fst", hours_unknown)
    assert trades["experience"].startswith("aucun travail dans un métier du TMSF au cours des 5")
    assert trades["job_offer_or_certificate"] == (
        "aucune offre d'emploi ni certificat de compétence fourni"
        " (serait tranché par : job_offers, certificates_of_qualification)"
    )


def test_categories_in_french(french: None) -> None:
    p = make(ENGINEER, language_tests=[english(9), TEF])
    stem = {c.id: c.detail for c in ee_category.evaluate("stem", p, ON).criteria}
    assert stem["express_entry_program"].startswith(
        "admissible à un programme d'Entrée express (TQF : admissible, CEC : non admissible"
    )
    assert stem["occupation_experience"].endswith(
        "requis : 12 mois dans une même profession de la liste au cours des 3 années "
        "précédant le 2026-11-21"
    )
    french_category = ee_category.evaluate("french", p, ON).criterion("french_language")
    assert french_category.detail.endswith("sous NCLC 7/7/7/7 en français")
    retired = ee_category.evaluate("agriculture", p, ON).criterion("category_in_force")
    assert retired.detail.startswith("la catégorie 'Agriculture")
    assert retired.detail.endswith("a été retirée le 2026-02-18")


def test_the_category_need_is_said_in_each_language() -> None:
    # The wording of a category's need is cached per date: the language is part of the key.
    p = make(ENGINEER)
    english_text = ee_category.evaluate("stem", p, ON).criterion("occupation_experience").detail
    i18n.use("fr")
    try:
        french_text = ee_category.evaluate("stem", p, ON).criterion("occupation_experience").detail
    finally:
        i18n.use("en")
    assert "12 mois dans une même profession de la liste" in french_text
    assert english_text.endswith(
        "12 months in one listed occupation in the 3 years before 2026-11-21"
    )
    assert ee_category.evaluate("stem", p, ON).criterion("occupation_experience").detail == (
        english_text
    )


def test_profile_facts_in_french(french: None) -> None:
    old = english(6, taken=date(2020, 1, 1))
    p = make(
        ENGINEER, language_tests=[old], spouse={"language_tests": [old]}, marital_status="married"
    )
    derived = facts.derive(p, ON)
    assert derived.warnings == [
        "ielts_general du 2020-01-01 a expiré le 2022-01-01 : repassez-le",
        "époux ou conjoint de fait : ielts_general du 2020-01-01 a expiré le 2022-01-01 : "
        "repassez-le",
    ]
    assert [e.detail for e in derived.applicant.education] == [
        "EDE de WES valide jusqu'au 2029-01-10"
    ]


def test_an_unknown_program_is_refused_in_french(french: None) -> None:
    with pytest.raises(
        pathways.UnknownProgramError, match=r"^aucun programme 'nope' \(connus : fsw"
    ):
        pathways.evaluate(make(ENGINEER), ON, only=["nope"])
