"""The profile's problems and warnings in French (pydantic's errors by type, dates, plausibility,
NOC 2016 codes), the web app's own refusals and the CLB preview, with the English unchanged."""

from __future__ import annotations

import html
from datetime import date
from typing import Any

import pytest
from fastapi.testclient import TestClient

from maplepath import i18n
from maplepath.profile import reference, shape
from maplepath.profile.load import ProfileError, validate_profile
from maplepath.web.app import create_app

TODAY = date(2026, 1, 1)
BAD_SHAPE = {
    "family_size": 0,
    "marital_status": "maried",
    "hours": 3,
    "birth_date": "1990-1-5",
    "settlement_funds_cad": "lots",
    "work": [{"hours": 40, "start": "2020-02-30", "country": "India"}],
    "education": [{"program_years": 0, "issuer": "WES"}],
    "spouse": {"accompanying": "maybe"},
}
UNUSUAL = {
    "birth_date": "1990-01-01",
    "settlement_funds_cad": 30_000_000,
    "work": [{"start": "2010-01-01", "hours_per_week": 100.5}],
    "job_offers": [{"hourly_wage": 1234.5}],
}


def _problems(doc: dict[str, Any]) -> dict[str, str]:
    with pytest.raises(ProfileError) as caught:
        validate_profile(doc, "profil.yaml", TODAY)
    return {p.path: p.message for p in caught.value.problems}


def test_pydantic_s_errors_are_said_by_type_in_french(french: None) -> None:
    said = _problems(BAD_SHAPE)
    assert said["family_size"] == "La valeur doit être supérieure ou égale à 1"
    assert said["education[0].program_years"] == "La valeur doit être supérieure à 0"
    assert said["marital_status"].startswith("La valeur doit être 'single', 'married'")
    assert said["marital_status"].endswith("'divorced' ou 'widowed'")
    # a yes/no is written as true or false: "oui" is not read as one
    assert said["spouse.accompanying"] == "La valeur doit être true ou false"
    assert "nombre valide" in said["settlement_funds_cad"]
    assert said["work[0].hours"] == "champ inconnu (vouliez-vous dire hours_per_week ?)"
    assert said["education[0].issuer"] == "champ inconnu ici : il va sous education[0].eca"
    assert "code de pays ISO à deux lettres" in said["work[0].country"]
    assert (
        said["birth_date"]
        == "'1990-1-5' n'est pas une date au format YYYY-MM-DD : écrivez 1990-01-05"
    )
    assert said["work[0].start"].endswith(": ce jour n'existe pas dans ce mois")


def test_the_english_is_pydantic_s_own_text() -> None:
    said = _problems(BAD_SHAPE)
    assert said["family_size"] == "Input should be greater than or equal to 1"
    assert said["education[0].program_years"] == "Input should be greater than 0"
    assert said["marital_status"] == (
        "Input should be 'single', 'married', 'common_law', 'separated', 'divorced' or 'widowed'"
    )
    assert said["work[0].hours"] == "unknown field (did you mean hours_per_week?)"
    assert said["work[0].start"] == (
        "'2020-02-30' is not a real date (YYYY-MM-DD): day is out of range for month"
    )


def test_a_type_not_mapped_or_a_ctx_missing_is_pydantic_s_english(french: None) -> None:
    assert shape.pydantic_message({"type": "uuid_parsing", "msg": "Input should be a UUID"}) == (
        "Input should be a UUID"
    )
    err = {"type": "greater_than", "msg": "Input should be greater than 3", "ctx": {}}
    assert shape.pydantic_message(err) == "Input should be greater than 3"
    err = {"type": "less_than_equal", "msg": "x", "ctx": {"le": 12.5}}
    assert shape.pydantic_message(err) == "La valeur doit être inférieure ou égale à 12,5"


def test_the_error_s_head_counts_in_french(french: None) -> None:
    with pytest.raises(ProfileError) as caught:
        validate_profile({"family_size": 0}, "profil.yaml", TODAY)
    first = str(caught.value).splitlines()
    assert first[0] == "profil.yaml : 1 problème"
    assert first[1] == "  family_size : La valeur doit être supérieure ou égale à 1"
    with pytest.raises(ProfileError) as caught:
        validate_profile(BAD_SHAPE, "profil.yaml", TODAY)
    assert str(caught.value).startswith("profil.yaml : 11 problèmes\n")


def test_plausibility_speaks_french_with_french_amounts(french: None) -> None:
    warnings = validate_profile(UNUSUAL, "profil.yaml", TODAY).warnings
    assert "settlement_funds_cad : 30\u00a0000\u00a0000\u00a0$ : vérifiez le montant" in warnings
    assert "job_offers[0].hourly_wage : 1\u00a0234,50\u00a0$ l'heure : vérifiez le montant" in (
        warnings
    )
    assert any("100,5 heures par semaine" in w for w in warnings)
    said = _problems({"birth_date": "2000-01-01", "work": [{"start": "2005-01-01"}]})
    assert said["work[0].start"] == (
        "2005-01-01 : travail à l'âge de 5 ans (l'âge minimal que maplepath accepte est de 12 ans)"
    )
    said = _problems({"birth_date": "1800-01-01"})
    assert "n'est pas une date plausible" in said["birth_date"]


def test_plausibility_s_english_is_unchanged() -> None:
    warnings = validate_profile(UNUSUAL, "profil.yaml", TODAY).warnings
    assert "settlement_funds_cad: $30,000,000: check the figure" in warnings
    assert "job_offers[0].hourly_wage: $1,234.50 an hour: check the figure" in warnings
    assert "work[0].hours_per_week: 100.5 hours a week in one job: check the figure" in warnings
    said = _problems({"birth_date": "2000-01-01", "work": [{"start": "2005-01-01"}]})
    assert said["work[0].start"] == (
        "2005-01-01 means work at age 5 (the youngest maplepath accepts is 12)"
    )


def test_a_noc_2016_code_and_a_future_date_in_french(french: None) -> None:
    said = _problems({"work": [{"noc": "2173"}], "birth_date": "2030-01-01"})
    assert said["work[0].noc"].startswith("Le code CNP 2016 2173 est devenu plusieurs groupes")
    assert said["birth_date"] == "2030-01-01 est dans le futur"


def test_the_template_opens_in_french(french: None) -> None:
    text = reference.template("profil.yaml")
    assert text.startswith("# Les faits de ce dossier (format : docs/profile.md).")
    assert "maplepath profile check profil.yaml" in text
    assert "Date, YYYY-MM-DD\u00a0;\n# p.\u00a0ex. 1995-04-12." in text
    i18n.use("en")
    assert reference.template().startswith("# The facts of this case (format: docs/profile.md).")


def _client(lang: str) -> TestClient:
    c = TestClient(create_app())
    assert c.get(f"/assess?lang={lang}").status_code == 200  # the CSRF and language cookies
    return c


def test_the_form_says_its_problems_beside_the_fields_in_french() -> None:
    c = _client("fr")
    data = {"csrf_token": c.cookies["maplepath_csrf"], "on": "2026-11-21", "family_size": "0"}
    r = c.post("/assess", data={**data, "work.0.country": "India"})
    text = html.unescape(r.text)
    assert r.status_code == 422
    assert "La valeur doit être supérieure ou égale à 1" in text
    assert "n'est pas un code de pays ISO à deux lettres" in text
    r = c.post("/assess", data={**data, "on": "2300-01-01"})
    assert "est hors des dates avec lesquelles maplepath travaille" in html.unescape(r.text)


def test_the_web_app_s_refusals_in_french() -> None:
    c = _client("fr")
    r = c.post("/assess", data={"csrf_token": "stale"})
    assert r.status_code == 403 and "Ce formulaire a expiré" in html.unescape(r.text)
    assert "Page introuvable" in c.get("/nowhere").text
    assert "Ce test n'existe pas" in html.unescape(c.get("/assess/clb/work.0").text)
    english = _client("en")
    assert "This form has expired" in english.post("/assess", data={"csrf_token": "x"}).text


def test_the_clb_preview_in_french() -> None:
    c = _client("fr")
    params = {
        "language_tests.0.test": "ielts_general",
        "language_tests.0.date": "2025-09-20",
        "language_tests.0.scores.listening": "8.5",
        "language_tests.0.scores.reading": "8",
        "language_tests.0.scores.writing": "7",
        "language_tests.0.scores.speaking": "7.5",
        "on": "2026-11-21",
    }
    text = html.unescape(c.get("/assess/clb/language_tests.0", params=params).text)
    assert " : NCLC 10, " in text and "valide jusqu'au 2027-09-20" in text
    half = {k: v for k, v in params.items() if "speaking" not in k}
    got = html.unescape(c.get("/assess/clb/language_tests.0", params=half).text)
    assert "Indiquez les quatre résultats" in got
