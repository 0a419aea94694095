"""The CRS lines, the assessment's notes and the rounds' sentences in French, and the same calls
in English unchanged."""

from __future__ import annotations

import re
import sqlite3
from datetime import date
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_file

from maplepath import i18n, notices
from maplepath.assess import assess
from maplepath.crs import scalar, tables, wording
from maplepath.draws import odds as draws_odds
from maplepath.draws import simulate
from maplepath.draws.chart import chart_format
from maplepath.draws.odds import odds
from maplepath.draws.rounds import DrawsImportError, Round, parse_rounds
from maplepath.draws.store import DamagedDatabase, ImportSummary, import_rounds, list_rounds
from maplepath.profile.load import load_profile, validate_profile
from maplepath.profile.model import Profile
from maplepath.programs import oinp_hcp_tech
from maplepath.rulebook import book as rulebook

from ..conftest import EXAMPLES

ON = date(2026, 11, 21)
SRC = Path(__file__).resolve().parents[2] / "src" / "maplepath"
MINE = [
    *sorted((SRC / "crs").glob("*.py")),
    *sorted((SRC / "draws").glob("*.py")),
    SRC / "assess.py",
    SRC / "notices.py",
]
PLACEHOLDER = re.compile(r"%\(\w+\)s")
HALF = {
    "birth_date": "1994-03-01",
    "work": [{"noc": "21231", "country": "CA", "start": "2024-01-01"}],
}


def _lines(profile: Profile) -> dict[str, tuple[int, str]]:
    return {ln.factor: (ln.points, ln.detail) for ln in scalar.score(profile, ON).lines}


def _half() -> Profile:
    return validate_profile(HALF, "p").profile


def test_every_message_of_the_crs_and_the_rounds_has_its_french_with_the_same_placeholders() -> (
    None
):
    keywords = {"say": (1,), "say_n": (1, 2), "noop": (1,)}
    fr = i18n.translations("fr")
    found = 0
    for path in MINE:
        for _, message, _, _ in extract_from_file("python", str(path), keywords=keywords):
            assert isinstance(message, str)
            french = fr.gettext(message)
            assert french != message or message in ("CEC",), message
            assert sorted(PLACEHOLDER.findall(french)) == sorted(PLACEHOLDER.findall(message))
            found += 1
    assert found > 120


def test_the_crs_lines_say_their_factors_and_details_in_french(french: None) -> None:
    lines = _lines(load_profile(EXAMPLES / "couple_spouse_stronger.yaml"))
    assert lines["âge"] == (65, "36 ans")
    assert lines["études"] == (112, "baccalauréat")
    assert lines["deuxième langue"] == (0, "NCLC 0/0/0/0 (CO/CE/EE/EO), plafonné à 22")
    assert lines[i18n.word("spouse language")][1] == "NCLC 10/9/9/9 (CO/CE/EE/EO)"
    assert lines["expérience à l'étranger + langue"] == (
        25,
        "3 ans à l'étranger, NCLC le plus faible en première langue : 7",
    )
    assert lines["emploi réservé"] == (0, "aucune offre d'emploi admissible")
    assert "première langue : compréhension de l'oral" in lines


def test_the_crs_lines_are_english_as_before_after_french_was_spoken() -> None:
    profile = load_profile(EXAMPLES / "couple_spouse_stronger.yaml")
    i18n.use("fr")
    try:
        scalar.score(profile, ON)
    finally:
        i18n.use("en")
    lines = _lines(profile)
    assert lines["age"] == (65, "age 36")
    assert lines["second language"] == (0, "CLB 0/0/0/0 (L/R/W/S), capped at 22")
    assert lines["education + language"] == (
        13,
        "one post secondary, lowest first-language CLB 7",
    )
    assert lines["provincial nomination"] == (0, "none")


def test_the_line_wordings_follow_the_tables_education_levels() -> None:
    spaced = tuple(lv.replace("_", " ") for lv in tables.EDUCATION_LEVELS)
    assert wording.words().levels == spaced
    assert wording.words().rows == tuple(r.replace("_", " ") for r in tables.TRANSFER_ROWS)


def test_reported_rule_changes_are_kept_per_language() -> None:
    book = rulebook.default()
    english = scalar.reported_warnings(ON, (), book)
    i18n.use("fr")
    try:
        french = scalar.reported_warnings(ON, (), book)
    finally:
        i18n.use("en")
    assert english and english[0].startswith("the CRS may have changed on 2026-11-03: ")
    assert french[0].startswith("le SCG a peut-être changé le 2026-11-03 : ")
    assert "(essayez --scenario crs-2026-11)" in french[0]
    assert scalar.reported_warnings(ON, (), book) == english


def test_a_stronger_spouse_is_said_in_french(french: None) -> None:
    warnings = scalar.score(load_profile(EXAMPLES / "couple_spouse_stronger.yaml"), ON).warnings
    assert (
        "avec l'époux ou le conjoint de fait comme demandeur principal, la note serait de 589 "
        "(+235)" in warnings
    )


def test_the_missing_facts_keep_their_paths_for_the_ontario_streams_in_french() -> None:
    """Ontario's tech draws read the facts back from the CRS notes: the same in both languages."""
    book = rulebook.default()
    profile = _half()
    english = oinp_hcp_tech.crs_before_nomination(profile, ON, book)
    i18n.use("fr")
    try:
        _, missing = scalar.total_before_nomination(profile, ON, book)
        french = oinp_hcp_tech.crs_before_nomination(profile, ON, book)
    finally:
        i18n.use("en")
    assert "education: points pour les études comptés à 0" in missing
    counted = "expérience canadienne : 0 an pris en compte, 2 ans si"
    assert any(m.startswith(counted) for m in missing)
    assert french == english and english[1] and "work[0].hours_per_week" in english[1]


def test_the_assessment_says_missing_facts_warnings_and_disclaimer_in_french(french: None) -> None:
    a = assess(_half(), ON)
    assert "work[0].authorized: permettrait de trancher l'admissibilité (TQF)" in a.missing
    assert "language_tests: permettrait de trancher l'admissibilité (CEC)" in a.missing
    assert (
        "supposé : marital_status non indiqué : note calculée comme pour une personne célibataire"
        in a.warnings
    )
    data = a.to_json()
    assert data["disclaimer"] == notices.disclaimer() != notices.DISCLAIMER
    assert data["disclaimer"].startswith("maplepath évalue vos propres faits")


def test_the_assessment_in_english_is_unchanged() -> None:
    a = assess(_half(), ON)
    assert "work[0].authorized: would decide FSW eligibility" in a.missing
    assert "assumed: marital_status not given: scored as single" in a.warnings
    assert a.to_json()["disclaimer"] == notices.DISCLAIMER == notices.disclaimer()


def test_stale_rules_are_said_in_french(french: None) -> None:
    book = rulebook.default()
    later = date(2099, 1, 1)
    (warning,) = notices.staleness_warnings(book, later)
    assert warning == (
        f"règles vérifiées pour la dernière fois le {book.last_verified()} ; évaluation au "
        "2099-01-01 : les changements ultérieurs ne sont pas connus"
    )


def _round(number: int, day: date, category: str, cutoff: int) -> Round:
    return Round(str(number), day, category, category, (), 1000, cutoff, None, None, None, None)


def test_the_odds_give_their_reasons_and_caveat_in_french(french: None) -> None:
    wei = load_profile(EXAMPLES / "data_scientist_pgwp.yaml")
    rounds = [_round(1, date(2026, 3, 1), "cec", 470), _round(2, date(2026, 6, 1), "general", 600)]
    result = odds(wei, date(2026, 11, 22), rounds)
    general = result.get("general")
    assert general.reason in ("admissible : TQF, CEC", "admissible : CEC, TQF")
    assert result.get("pnp").reason.startswith("aucune nomination provinciale dans le profil")
    assert any(
        w.startswith("la dernière ronde importée date du 2026-06-01") for w in result.warnings
    )
    assert result.to_json()["caveat"].startswith("Les rondes passées ne garantissent pas")
    assert draws_odds.caveat() != draws_odds.CAVEAT
    assert simulate.caveat().startswith("Une simulation d'un bassin synthétique")


def test_the_odds_in_english_are_unchanged() -> None:
    wei = load_profile(EXAMPLES / "data_scientist_pgwp.yaml")
    result = odds(wei, date(2026, 11, 22), [_round(1, date(2026, 10, 1), "cec", 470)])
    assert result.get("general").reason.startswith("eligible for ")
    assert result.to_json()["caveat"] == draws_odds.CAVEAT


def test_rounds_file_errors_are_said_in_french(french: None) -> None:
    with pytest.raises(DrawsImportError) as bad:
        parse_rounds(b"{}", "ee.json")
    assert (
        str(bad.value)
        == "ee.json n'a pas de liste \"rounds\" : ce n'est pas un fichier de rondes d'IRCC"
    )
    assert str(DrawsImportError("vide", "12", "drawCRS")) == "ronde 12, champ drawCRS : vide"
    with pytest.raises(
        ValueError, match=r"le graphique doit être un fichier \.png ou \.svg, et non '\.jpg'"
    ):
        chart_format(Path("out.jpg"))


def test_import_summaries_are_said_in_french(french: None) -> None:
    assert (
        ImportSummary(2, 430, 435, 3).text
        == "435 rondes lues : 2 ajoutées, 3 corrigées, 430 inchangées"
    )


def test_a_damaged_database_is_said_in_french(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, french: None
) -> None:
    monkeypatch.setenv("MAPLEPATH_DATA_DIR", str(tmp_path))
    import_rounds(Path(__file__).resolve().parents[1] / "fixtures" / "draws" / "two_rounds.json")
    with sqlite3.connect(tmp_path / "draws.sqlite3") as db:
        db.execute("DROP TABLE rounds")
    with pytest.raises(DamagedDatabase) as damaged:
        list_rounds()
    text = str(damaged.value)
    assert (
        "est endommagée (la table des rondes est absente ou n'est pas celle de maplepath)" in text
    )
    assert "exécutez `maplepath draws update --rebuild`" in text
    assert str(DamagedDatabase(Path("x"), "r")).startswith("la base de données des rondes x")
