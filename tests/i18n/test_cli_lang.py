"""``maplepath --lang fr``: the reports, the messages and the sentences inside the JSON in
French; ids, rule ids, JSON keys and verdict values as in English; English when not asked."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import date

import pytest

from maplepath import i18n
from maplepath.report import names, words

from ..cli_helpers import fails, ok, run
from ..conftest import EXAMPLES

ON = "2026-11-21"
COUPLE = str(EXAMPLES / "couple_spouse_stronger.yaml")
PGWP = str(EXAMPLES / "data_scientist_pgwp.yaml")


def _total(output: str) -> str:
    """The CRS total in the report's title, in either language ("354 points")."""
    title = next(line for line in output.splitlines() if "points" in line)
    return title.split(":")[-1].strip()


def test_the_crs_report_speaks_french_with_the_same_numbers_and_rule_ids() -> None:
    english = ok("crs", COUPLE, "--on", ON)
    french = ok("--lang", "fr", "crs", COUPLE, "--on", ON)
    assert f"SCG au {ON} :" in french and f"CRS on {ON}:" in english
    assert _total(french) == _total(english)
    for heading in ("facteur", "règle (en vigueur depuis)", "A. Facteurs de base / capital humain"):
        assert heading in french
    assert "D. Points supplémentaires" in french
    assert "crs.core.age (2015-01-01)" in french  # rule ids and dates: the same in both
    assert "A. Core / human capital" in english and "facteur" not in english
    assert "Core / human capital" not in french


def test_english_is_the_default_and_lang_en_changes_nothing() -> None:
    assert ok("--lang", "en", "crs", COUPLE, "--on", ON) == ok("crs", COUPLE, "--on", ON)


def test_the_language_ends_with_the_command() -> None:
    ok("--lang", "fr", "crs", COUPLE, "--on", ON)
    assert i18n.current() == "en"
    assert "A. Core / human capital" in ok("crs", COUPLE, "--on", ON)


def test_an_unknown_language_is_refused() -> None:
    result = run("--lang", "de", "crs", COUPLE)
    assert result.exit_code == 2
    assert "--lang" in result.output and "Traceback" not in result.output


def test_the_verdicts_read_in_french_beside_the_program_ids() -> None:
    out = ok("--lang", "fr", "assess", PGWP, "--on", ON)
    assert "FSW (ouvert ; débouché : résidence permanente) : admissible" in out
    assert f"Autres voies ouvertes le {ON} (maplepath pathways pour les raisons) :" in out
    assert "Règles vérifiées pour la dernière fois le" in out
    headings = [line for line in out.splitlines() if line.startswith(("FSW ", "CEC ", "FST "))]
    assert len(headings) == 3
    for line in headings:  # the verdict word is French; the program id is as in English
        assert line.rsplit(" : ", 1)[1] in ("admissible", "non admissible", "inconnu"), line


def test_json_keeps_its_keys_ids_and_values_and_says_its_sentences_in_french() -> None:
    english = json.loads(ok("crs", PGWP, "--on", ON, "--json"))
    french = json.loads(ok("--lang", "fr", "crs", PGWP, "--on", ON, "--json"))
    assert french.keys() == english.keys()
    assert french["total"] == english["total"]
    en_lines, fr_lines = english["lines"], french["lines"]
    assert [ln["rule"] for ln in fr_lines] == [ln["rule"] for ln in en_lines]
    assert [ln.keys() for ln in fr_lines] == [ln.keys() for ln in en_lines]
    assert [ln["factor"] for ln in fr_lines] != [ln["factor"] for ln in en_lines]


def test_a_users_mistake_is_told_in_french() -> None:
    out = fails("--lang", "fr", "crs", PGWP, "--on", "2026-13-01")
    assert "erreur :" in out and "--on : '2026-13-01' n'est pas une date" in out
    english = fails("crs", PGWP, "--on", "2026-13-01")
    assert "error: --on: '2026-13-01' is not a date (use YYYY-MM-DD, e.g. 2026-11-21)" in english


def test_profile_facts_write_decimals_and_windows_in_french() -> None:
    out = ok("--lang", "fr", "profile", "check", PGWP, "--on", ON)
    assert "qualifié au Canada, 3 dernières années" in out
    assert "2,77" in out and "2.77" not in out
    assert "Langues (NCLC/CLB)" in out and "compréhension de l'oral" in out
    english = ok("profile", "check", PGWP, "--on", ON)
    assert "canada skilled last 3y" in english and "2.77" in english


def test_the_rule_book_shows_its_headings_in_french_and_its_data_as_written() -> None:
    out = ok("--lang", "fr", "rules", "show", "crs.core.age", "--on", ON)
    assert f"▶ en vigueur le {ON}" in out and "dernière vérification :" in out
    assert "crs.core.age — CRS core points" in out  # the rule's own description stays


@pytest.mark.usefixtures("french")
def test_numbers_and_names_in_french() -> None:
    assert words.number(229100) == "229\u00a0100"
    assert words.percent(0.45) == "45\u00a0%"
    assert words.general(7.5) == "7,5"
    assert words.verdict("ineligible") == "non admissible"
    assert names.name("cec", date(2026, 11, 21)) == "Catégorie de l'expérience canadienne"
    assert names.name("ee_category:stem", date(2026, 11, 21)).startswith(
        "Catégorie d'Entrée express : "
    )


def test_numbers_and_names_in_english_are_as_before() -> None:
    assert words.number(229100) == "229,100"
    assert words.percent(0.45) == "45%"
    assert words.general(7.5) == "7.5"
    assert words.status("not_yet_open") == "not_yet_open"
    assert names.name("cec", date(2026, 11, 21)) == "Canadian Experience Class"


def test_an_english_run_does_not_load_babel() -> None:
    code = (
        "import sys\n"
        "from maplepath import cli, i18n\n"
        f"sys.argv = ['maplepath', 'crs', {PGWP!r}, '--on', '{ON}', '--json']\n"
        "try:\n    cli.main()\n"
        "except SystemExit:\n    pass\n"
        "sys.stderr.write('@@' + str(any(m.split('.')[0] == 'babel' for m in sys.modules)))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=False
    )
    assert done.stderr.rsplit("@@", 1)[1] == "False", done.stderr
