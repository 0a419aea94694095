"""English and French for the web app: gettext catalogues read with Babel, the language of
each request, and fr-CA formats for numbers and dates.

The language of a request is ``?lang=fr`` or ``?lang=en`` (kept in a cookie), else the
cookie, else the browser's Accept-Language; the page says ``<html lang="fr-CA">``. The
catalogue is ``locale/fr/LC_MESSAGES/messages.po``, read (and compiled in memory) once: no
binary ``.mo`` file is kept in the repository. English is the source text itself.

What is translated so far: every sentence of the pages (questions, headings, buttons, help).
The engine's own explanation lines (a criterion's detail, a CRS line's why) are still English
in both languages: they are f-strings in the engine, to be moved to the catalogue (issue 15).
"""

from __future__ import annotations

import io
from contextvars import ContextVar
from datetime import date
from functools import cache
from pathlib import Path

from babel import Locale
from babel.dates import format_date
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.numbers import format_decimal
from babel.support import NullTranslations, Translations

LANGUAGES = ("en", "fr")
COOKIE = "maplepath_lang"
HTML_LANG = {"en": "en-CA", "fr": "fr-CA"}
CATALOGUES = Path(__file__).parent / "locale"
_current: ContextVar[str] = ContextVar("maplepath_web_lang", default="en")


@cache
def translations(lang: str) -> NullTranslations:
    po = CATALOGUES / lang / "LC_MESSAGES" / "messages.po"
    if lang == "en" or not po.is_file():
        return NullTranslations()
    with po.open("rb") as f:
        catalog = read_po(f, locale=lang)
    buffer = io.BytesIO()
    write_mo(buffer, catalog)
    buffer.seek(0)
    return Translations(buffer)


def choose(query: str | None, cookie: str | None, accept: str | None) -> str:
    """The language of a request: the query, else the cookie, else the first of the browser's
    languages that the app speaks, else English."""
    for asked in (query, cookie):
        if asked in LANGUAGES:
            return str(asked)
    for part in (accept or "").split(","):
        code = part.split(";")[0].strip().lower()[:2]
        if code in LANGUAGES:
            return code
    return "en"


def use(lang: str) -> None:
    """Render what follows in ``lang`` (the request's own context: requests do not mix)."""
    _current.set(lang if lang in LANGUAGES else "en")


def current() -> str:
    return _current.get()


def gettext(message: str) -> str:
    return translations(current()).gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    return translations(current()).ngettext(singular, plural, n)


def number(value: float) -> str:
    """``12345.5`` -> ``12,345.5`` in English, ``12 345,5`` in French (fr-CA)."""
    return format_decimal(value, locale=Locale.parse(HTML_LANG[current()], sep="-"))


def day(value: date) -> str:
    """A date as ISO in English (what the rules and the CLI write) and long in French
    (``21 novembre 2026``)."""
    if current() == "en":
        return value.isoformat()
    return format_date(value, "long", locale="fr_CA")
