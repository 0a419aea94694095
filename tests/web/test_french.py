"""English and French: the language of a request, the catalogue complete, the pages in French
with the same numbers as in English."""

from __future__ import annotations

import re
from pathlib import Path

from fastapi.testclient import TestClient

from maplepath.web import i18n
from maplepath.web.app import create_app

from ..conftest import EXAMPLES

ROOT = Path(__file__).resolve().parents[2]


def test_every_sentence_of_the_pages_has_its_french() -> None:
    import subprocess
    import sys

    out = subprocess.run(
        [sys.executable, str(ROOT / "tools" / "catalogue.py"), "--check"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert ", 0 to translate" in out, out
    assert "up to date" in out, "run tools/catalogue.py and commit the catalogue"


def test_the_language_is_the_query_then_the_cookie_then_the_browser_s() -> None:
    assert i18n.choose("fr", "en", "en-CA") == "fr"
    assert i18n.choose(None, "fr", "en-CA") == "fr"
    assert i18n.choose(None, None, "de-DE,fr-CA;q=0.8,en;q=0.5") == "fr"
    assert i18n.choose("xx", None, "de") == "en"


def test_french_pages_say_so_and_keep_the_numbers() -> None:
    c = TestClient(create_app())
    page = c.get("/assess?lang=fr")
    assert '<html lang="fr-CA">' in page.text and "<h1>Votre évaluation</h1>" in page.text
    assert c.cookies["maplepath_lang"] == "fr"
    assert 'hreflang="en"' in page.text  # the switch back, on every page
    again = c.get("/assess")  # the cookie keeps it
    assert "Votre évaluation" in again.text
    path = EXAMPLES / "data_scientist_pgwp.yaml"
    data = {"csrf_token": c.cookies["maplepath_csrf"], "on": "2026-11-21"}
    fr = c.post("/assess", data=data, files={"profile": (path.name, path.read_bytes())})
    assert "Système de classement global" in fr.text and ">admissible<" in fr.text
    en = c.get("/assess?lang=en")
    assert '<html lang="en-CA">' in en.text
    data["csrf_token"] = c.cookies["maplepath_csrf"]
    en = c.post("/assess", data=data, files={"profile": (path.name, path.read_bytes())})
    total = re.compile(r'data-crs-total="(\d+)"')
    assert total.findall(fr.text) == total.findall(en.text)
    assert "Comprehensive Ranking System" in en.text


def test_french_formats() -> None:
    from datetime import date

    i18n.use("fr")
    try:
        assert i18n.number(12345.5) == "12\u00a0345,5"
        assert i18n.day(date(2026, 11, 21)) == "21 novembre 2026"
        assert i18n.ngettext("%(num)d month", "%(num)d months", 12) == "%(num)d mois"
    finally:
        i18n.use("en")
    assert i18n.number(12345.5) == "12,345.5"


# Words a template may write as they are: the name, and each language named in its own words.
AS_THEY_ARE = {"maplepath", "English", "Français"}


def _untranslated(template: str) -> list[str]:
    """The words of a template a reader sees that are not inside ``_()``/``ngettext()``:
    the text between tags and the ``alt``, ``title``, ``aria-label`` and ``placeholder``."""
    s = re.sub(r"\{#.*?#\}|<(script|style)\b.*?</\1>", " ", template, flags=re.S)
    s = re.sub(r"\{\{.*?\}\}|\{%.*?%\}", " ", s, flags=re.S)
    shown = re.findall(r'\b(?:alt|title|aria-label|placeholder)="([^"]*)"', s)
    shown += re.split(r"<[^>]*>", s)
    words = re.findall(r"[^\W\d_][\w'’-]*", " ".join(shown))
    return [w for w in words if w not in AS_THEY_ARE]


def test_no_template_writes_a_word_outside_the_catalogue() -> None:
    templates = ROOT / "src" / "maplepath" / "web" / "templates"
    found = {p.name: _untranslated(p.read_text()) for p in sorted(templates.glob("*.html"))}
    assert {name: words for name, words in found.items() if words} == {}
    # and the check finds what it is for
    assert _untranslated('<p>Your plan</p><img alt="A chart">') == ["A", "chart", "Your", "plan"]
