"""The language maplepath speaks to a person: English, or French through a gettext catalogue.

Every sentence a person reads goes through ``say``: the English text, with ``%(name)s`` for
what varies, is the catalogue's key (its msgid), and the call returns the sentence in the
language in force (``use("fr")``; the web sets it per request, the CLI from ``--lang``). The
text is translated when it is produced, as gettext does, so a verdict built in French says its
criteria in French; caches that keep sentences (``profile.memo``) include the language in their
key. The first argument of ``say`` is always a literal string: ``tools/catalogue.py`` finds the
messages by reading the source (Babel's extractor, keywords ``say``, ``say_n`` and ``noop``) and
refuses a call whose message is not one; a word kept in a table is marked with ``noop`` where
it is written and said with ``word`` where it is shown.

The catalogue is ``locale/fr/LC_MESSAGES/messages.po``, read and compiled in memory once (no
binary ``.mo`` is kept). What stays English in every language, because programs read it: ids
(``ee_category:stem``, rule ids, profile paths), verdict and status values, and the JSON keys.
Numbers in sentences: ``money`` and ``decimal`` write ``$12,345`` / ``1.50`` in English and
``12 345 $`` / ``1,50`` in French (fr-CA); dates stay ISO 8601 in both, as IRCC writes them in
its forms.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from contextvars import ContextVar
from functools import cache, lru_cache, wraps
from pathlib import Path
from typing import TYPE_CHECKING, Any, ParamSpec, TypeVar

if TYPE_CHECKING:
    from babel.support import NullTranslations

LANGUAGES = ("en", "fr")
CATALOGUES = Path(__file__).parent / "locale"
_current: ContextVar[str] = ContextVar("maplepath_lang", default="en")
_NBSP = "\u00a0"
P = ParamSpec("P")
T = TypeVar("T")


@cache
def translations(lang: str) -> NullTranslations:
    # Babel is imported only when a language other than English is spoken: an English run of
    # the command line starts without it.
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po
    from babel.support import NullTranslations, Translations

    po = CATALOGUES / lang / "LC_MESSAGES" / "messages.po"
    if lang == "en" or not po.is_file():
        return NullTranslations()
    with po.open("rb") as f:
        catalog = read_po(f, locale=lang)
    buffer = io.BytesIO()
    write_mo(buffer, catalog)
    buffer.seek(0)
    return Translations(buffer)


def use(lang: str) -> None:
    """Speak ``lang`` from now on in this context (a web request's own: requests do not mix)."""
    _current.set(lang if lang in LANGUAGES else "en")


def current() -> str:
    return _current.get()


def say(message: str, /, **params: object) -> str:
    """``message`` in the current language, its ``%(name)s`` filled from ``params``."""
    lang = _current.get()
    if lang != "en":
        message = translations(lang).gettext(message)
    return message % params if params else message


def noop(message: str, /) -> str:
    """Mark a word for the catalogue where it is written (a table of ability or factor names)
    and leave it English; ``word`` says it in the current language where it is shown."""
    return message


def word(message: str, /) -> str:
    """A message marked with ``noop`` (or said elsewhere), in the current language."""
    lang = _current.get()
    return message if lang == "en" else translations(lang).gettext(message)


def say_n(singular: str, plural: str, n: int, /, **params: object) -> str:
    """The singular or plural of a message as the language counts ``n`` (``%(num)d`` is n)."""
    lang = _current.get()
    if lang == "en":  # English counts as gettext does without a catalogue
        message = singular if n == 1 else plural
    else:
        message = translations(lang).ngettext(singular, plural, n)
    return message % {"num": n, **params}


def years(n: int) -> str:
    """A whole number of years, as the language counts them: ``1 year``, ``2 years``; in
    French ``1 an``, ``2 ans`` (and ``0 an``: French counts 0 with the singular)."""
    return say_n("%(num)d year", "%(num)d years", n)


def money(amount: float) -> str:
    """Canadian dollars, whole: ``$12,345`` in English, ``12 345 $`` in French."""
    whole = f"{amount:,.0f}"
    if _current.get() == "fr":
        return whole.replace(",", _NBSP) + _NBSP + "$"
    return "$" + whole


def decimal(text: str) -> str:
    """A decimal already written in English (``1.50``, ``12,345.5``) in the current language."""
    if _current.get() == "fr":
        return text.replace(",", _NBSP).replace(".", ",")
    return text


def kept_per_language(f: Callable[P, T]) -> Callable[P, T]:
    """``f`` computed once per arguments and language in force (``lru_cache`` keyed by both),
    for what is said the same to everyone: a criterion built from rule values alone on a date,
    say. Positional, hashable arguments only; ``cache_clear`` empties it."""

    plain: Callable[..., T] = f  # called with the positional arguments ``run`` was given

    @lru_cache(maxsize=1024)
    def said(lang: str, *args: Any) -> T:
        return plain(*args)

    @wraps(f)
    def run(*args: P.args, **kwargs: P.kwargs) -> T:
        if kwargs:
            raise TypeError(f"{f.__name__} is kept by position: no keyword arguments")
        return said(_current.get(), *args)

    run.cache_clear = said.cache_clear  # type: ignore[attr-defined]
    return run
