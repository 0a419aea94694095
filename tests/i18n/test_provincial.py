"""The provincial and work-permit programs in French: Alberta, B.C., Ontario, Saskatchewan,
Manitoba and Quebec, the Global Talent Stream, CUSMA professionals and intra-company transfers.

Each case reads a sentence in French and the same one in English, which must not move."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date
from typing import Any

import pytest

from maplepath import i18n
from maplepath.profile.model import Profile
from maplepath.programs import (
    aaip,
    bc_pnp_tech,
    cusma,
    gts,
    ict,
    mpnp,
    oinp_hcp_tech,
    quebec,
    sinp_tech,
)
from maplepath.programs.verdict import Verdict

from ..programs import ON, canadian_job, english, job, make

NBSP = "\u00a0"
ON_2025 = date(2025, 6, 1)
PATH = re.compile(r"^[a-z_]+(\[\d+\])?(\.[a-z_]+)*$")  # a profile path: never translated

# A software engineer from India now working in Alberta, with an Alberta offer.
ENGINEER: dict[str, Any] = {
    "birth_date": "1992-03-01",
    "citizenships": ["IN"],
    "language_tests": [english(8)],
    "education": [{"level": "bachelors", "country": "IN", "completed": "2014-06-01"}],
    "work": [
        job(date(2019, 1, 1), date(2023, 12, 31)),
        canadian_job(date(2024, 2, 1), province="AB", employer="Acme"),
    ],
    "job_offers": [
        {
            "employer": "Acme",
            "noc": "21231",
            "province": "AB",
            "full_time": True,
            "hourly_wage": 30.0,
            "employer_relationship": "subsidiary",
        }
    ],
}

EVALUATE: list[Callable[[Profile, date], Verdict]] = [
    aaip.evaluate_tech,
    aaip.evaluate_opportunity,
    bc_pnp_tech.evaluate,
    oinp_hcp_tech.evaluate,
    sinp_tech.evaluate,
    mpnp.evaluate,
    quebec.evaluate_ai,
    quebec.evaluate_it_vfx,
    gts.evaluate_a,
    gts.evaluate_b,
    cusma.evaluate,
    ict.evaluate,
]


def said(evaluate: Callable[[Profile, date], Verdict], profile: Profile, on: date, cid: str) -> str:
    return evaluate(profile, on).criterion(cid).detail


def in_french(
    evaluate: Callable[[Profile, date], Verdict], profile: Profile, on: date, cid: str
) -> str:
    i18n.use("fr")
    try:
        return said(evaluate, profile, on, cid)
    finally:
        i18n.use("en")


def test_every_criterion_is_said_in_french_and_english_stays_as_it_was() -> None:
    profile = make(ENGINEER)
    before = [e(profile, ON_2025) for e in EVALUATE]
    i18n.use("fr")
    try:
        french = [e(profile, ON_2025) for e in EVALUATE]
    finally:
        i18n.use("en")
    after = [e(profile, ON_2025) for e in EVALUATE]
    assert after == before
    for en, fr in zip(before, french, strict=True):
        assert [c.status for c in fr.criteria] == [c.status for c in en.criteria]
        for c_en, c_fr in zip(en.criteria, fr.criteria, strict=True):
            assert c_fr.detail != c_en.detail, (en.program, c_en.id, c_en.detail)
            for n_en, n_fr in zip(c_en.needs, c_fr.needs, strict=True):
                # Paths stay as the profile writes them; a sentence is translated.
                assert (n_fr == n_en) == bool(PATH.match(n_en)), (en.program, n_en, n_fr)


def test_ict_says_the_relationship_and_the_months_in_french(french: None) -> None:
    profile = make(ENGINEER)
    assert said(ict.evaluate, profile, ON_2025, "relationship") == (
        "Acme est une filiale de l'employeur à l'étranger"
    )
    employment = said(ict.evaluate, profile, ON_2025, "employment")
    assert employment.startswith("aucun mois de travail continu à temps plein pour Acme")
    assert "on ne sait pas si vous y travaillez le 2025-06-01" in employment


def test_ict_english_is_unchanged() -> None:
    profile = make(ENGINEER)
    assert said(ict.evaluate, profile, ON_2025, "relationship") == (
        "Acme is a subsidiary of the employer abroad"
    )
    assert said(ict.evaluate, profile, ON_2025, "position") == (
        "NOC 21231 is TEER 1, not managerial: only specialized knowledge could qualify"
    )


@pytest.mark.parametrize("first", ["en", "fr"])
def test_a_closed_pilot_is_cached_per_language(first: str) -> None:
    # The Quebec pilot closed on 2026-01-01; its verdict is built once per date and language.
    profile = make(ENGINEER)
    english_text = (
        "closed since 2026-01-01: the pilot ran until 2026-01-01 as scheduled; Quebec's other "
        "programs remain"
    )
    french_text = (
        "fermé depuis le 2026-01-01 : le programme pilote a pris fin le 2026-01-01 comme prévu ; "
        "les autres programmes du Québec demeurent"
    )
    for lang in (first, "fr" if first == "en" else "en", first):
        i18n.use(lang)
        try:
            text = said(quebec.evaluate_ai, profile, ON, "program_open")
        finally:
            i18n.use("en")
        assert text == (french_text if lang == "fr" else english_text)


def test_gts_wages_are_written_in_french_dollars() -> None:
    profile = make(ENGINEER)
    assert said(gts.evaluate_a, profile, ON_2025, "salary") == (
        "$30.00 an hour is below $38.46 an hour ($80,000 a year)"
    )
    assert in_french(gts.evaluate_a, profile, ON_2025, "salary") == (
        f"30,00{NBSP}$ l'heure est sous 38,46{NBSP}$ l'heure (80{NBSP}000{NBSP}$ par année)"
    )


def test_quebec_salary_in_french() -> None:
    offer = {"employer": "Ubisoft", "province": "QC", "full_time": True, "hourly_wage": 40.0}
    profile = make(ENGINEER, job_offers=[offer])
    on = date(2024, 1, 15)
    assert said(quebec.evaluate_ai, profile, on, "salary") == (
        "$83,200 a year against $75,000 (outside Montreal) / $100,000 (inside)"
    )
    assert in_french(quebec.evaluate_ai, profile, on, "salary") == (
        f"83{NBSP}200{NBSP}$ par année, comparé à 75{NBSP}000{NBSP}$ (hors de Montréal) / "
        f"100{NBSP}000{NBSP}$ (à Montréal)"
    )


def test_a_refused_offer_lists_its_reasons_the_french_way() -> None:
    offer = {"employer": "Acme", "noc": "21231", "province": "AB", "full_time": False}
    profile = make(ENGINEER, job_offers=[offer])
    english_text = said(bc_pnp_tech.evaluate, profile, ON_2025, "tech_job_offer")
    assert english_text.startswith("offer from Acme: in AB; not full-time (dedicated tech draws")
    french_text = in_french(bc_pnp_tech.evaluate, profile, ON_2025, "tech_job_offer")
    assert french_text.startswith("offre de Acme : en AB ; pas à temps plein (les rondes")
    assert "ajoute 600 points au SCG" in french_text


def test_years_counted_take_a_decimal_comma() -> None:
    profile = make(ENGINEER)
    category = in_french(bc_pnp_tech.evaluate, profile, ON_2025, "skills_immigration_category")
    assert category == (
        "Travailleur qualifié : travail qualifié 6,35 ans comptés (2 requis) ; Diplômé "
        "international : fermé"
    )
    assert said(bc_pnp_tech.evaluate, profile, ON_2025, "skills_immigration_category") == (
        "Skilled Worker: skilled work 6.35 years counted (2 needed); International Graduate: closed"
    )


def test_express_entry_programs_take_their_french_names() -> None:
    profile = make(ENGINEER)
    text = in_french(oinp_hcp_tech.evaluate, profile, ON_2025, "express_entry")
    assert text.startswith("Entrée express : TQF ")
    assert "CEC " in text and "admissible" in text
    assert said(oinp_hcp_tech.evaluate, profile, ON_2025, "express_entry").startswith(
        "Express Entry: FSW "
    )


def test_cusma_names_the_agreement_in_french() -> None:
    profile = make(ENGINEER)
    assert in_french(cusma.evaluate, profile, ON_2025, "citizenship") == (
        "citoyen de IN : l'ACEUM ne vise que les citoyens de US et MX"
    )
    assert said(cusma.evaluate, profile, ON_2025, "citizenship") == (
        "citizen of IN: CUSMA covers citizens of US and MX only"
    )


def test_mpnp_and_sinp_in_french() -> None:
    profile = make(ENGINEER)
    experience = in_french(mpnp.evaluate, profile, ON_2025, "experience")
    assert experience.endswith("un âge de 21 à 45 ans, âge : 33 ans")
    language = in_french(sinp_tech.evaluate, profile, ON_2025, "language")
    assert language.endswith("(NCLC 7 pour la voie Entrée express)")
    assert said(sinp_tech.evaluate, profile, ON_2025, "language").endswith(
        "(CLB 7 for the Express Entry route)"
    )
