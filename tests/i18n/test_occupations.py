"""NOC search and lookup in French: why a unit group matched and what its TEER means are said
in the language in force; codes and the official (English) titles stay as they are."""

from __future__ import annotations

from maplepath import i18n, occupations


def test_why_a_title_matched_is_said_in_french(french: None) -> None:
    found = occupations.search("SRE", 3)
    assert found[0].code == occupations.search("site reliability engineer", 1)[0].code
    assert "« sre » -> site reliability engineer" in found[0].why
    assert "words" not in found[0].why and "title" not in found[0].why.replace("titre", "")


def test_the_teer_is_explained_in_french_and_in_english_when_english_is_asked() -> None:
    english = occupations.describe("21231")
    i18n.use("fr")
    try:
        french = occupations.describe("21231")
    finally:
        i18n.use("en")
    assert english["teer_meaning"] == "usually a university degree"
    assert french["teer_meaning"] == "habituellement un diplôme universitaire"
    assert french["code"] == english["code"] and french["title"] == english["title"]
