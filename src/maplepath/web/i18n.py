"""English and French for the web app: gettext catalogues read with Babel, the language of
each request, and fr-CA formats for numbers and dates.

The language of a request is ``?lang=fr`` or ``?lang=en`` (kept in a cookie), else the
cookie, else the browser's Accept-Language; the page says ``<html lang="fr-CA">``. The
catalogue is the engine's (``maplepath.i18n``): the pages' sentences and the engine's
explanation lines in one, the engine saying its lines in the request's language (the ``Guard``
sets it before anything is assessed). English is the source text itself.
"""

from __future__ import annotations

from datetime import date

from babel import Locale
from babel.dates import format_date
from babel.numbers import format_decimal
from jinja2 import Environment

from maplepath.i18n import CATALOGUES, LANGUAGES, current, money, translations, use

__all__ = ["CATALOGUES", "COOKIE", "HTML_LANG", "LANGUAGES", "choose", "current", "use"]
COOKIE = "maplepath_lang"
HTML_LANG = {"en": "en-CA", "fr": "fr-CA"}


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


def gettext(message: str) -> str:
    return translations(current()).gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    return translations(current()).ngettext(singular, plural, n)


def number(value: float) -> str:
    """``12345.5`` -> ``12,345.5`` in English, ``12 345,5`` in French (fr-CA)."""
    return format_decimal(value, locale=Locale.parse(HTML_LANG[current()], sep="-"))


def install(env: Environment) -> None:
    """The pages' ``_``/``ngettext`` (new style: ``_("%(n)s points", n=3)``) and the filters
    ``number``, ``day`` and ``money``, all in the request's language."""
    env.add_extension("jinja2.ext.i18n")
    env.install_gettext_callables(gettext, ngettext, newstyle=True)  # type: ignore[attr-defined]
    env.filters.update(number=number, day=day, money=money)


def day(value: date | str) -> str:
    """A date as ISO in English (what the rules and the CLI write) and long in French
    (``21 novembre 2026``)."""
    if isinstance(value, str):
        value = date.fromisoformat(value)
    if current() == "en":
        return value.isoformat()
    return format_date(value, "long", locale="fr_CA")
