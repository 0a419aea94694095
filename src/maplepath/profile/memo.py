"""Facts that several programs derive from the same profile on the same date, derived once.

Eleven Express Entry categories and three provincial streams start from "eligible for FSW, CEC
or FST"; Alberta and Ontario read the CRS score without nomination points; the categories
measure the same work in the same occupations. ``evaluate_all`` runs about thirty evaluators on
one profile and date, so each of these is worth deriving once and sharing.

``table(profile, on, book)`` is the dict that holds them for one (profile, date, rule book).
Three things keep it from ever answering for another profile:

- The key is not the profile's identity alone. A profile is a frozen model, but its lists are
  Python lists that a caller can change in place (``profile.work.append(...)``). The key is the
  identity of the profile, of its spouse, and of every element of every list, theirs included;
  the elements (work periods, tests, credentials...) are frozen models themselves, so the same
  objects mean the same facts. Any append, removal or replacement changes the key.
- The entry holds those objects and the rule book, so none of the identities in its key can be
  reused by a new object while it lives (CPython reuses the id of a freed object).
- The date and the rule book are part of the key; programs take no scenarios.

Computing the key costs a few microseconds, so ``evaluate_all`` computes it once and opens a
``session``: within it, asking for the same profile object, date and book returns the session's
table without recomputing the key (nothing can change the profile in between: the evaluators
only read it).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar, Token
from datetime import date
from itertools import chain
from typing import Any, TypeVar

from maplepath import i18n
from maplepath.profile.model import Profile
from maplepath.rulebook.book import RuleBook

T = TypeVar("T")
Table = dict[Any, Any]
_MAX_ENTRIES = 256

_MEMO: dict[tuple[Any, ...], tuple[tuple[Any, ...], RuleBook, Table]] = {}
_SESSION: ContextVar[tuple[Profile, date, RuleBook, Table] | None] = ContextVar(
    "maplepath_programs_memo", default=None
)


def _objects(profile: Profile) -> tuple[Any, ...]:
    """Every object whose identity stands for the profile's facts: the profile, its spouse, and
    a snapshot of each list (a tuple of its elements)."""
    p, sp = profile, profile.spouse
    lists: list[list[Any]] = [
        p.citizenships,
        p.education,
        p.language_tests,
        p.work,
        p.job_offers,
        p.nominations,
        p.relatives_in_canada,
        p.certificates_of_qualification,
        p.evidence,
    ]
    if sp is not None:
        lists += (sp.education, sp.language_tests, sp.work)
    return (profile, sp, *map(tuple, lists))


def _key(objects: tuple[Any, ...], on: date, book: RuleBook) -> tuple[Any, ...]:
    # The lengths delimit the lists, so the flat run of identities is unambiguous.
    lists = objects[2:]
    flat = tuple(map(id, chain.from_iterable(lists)))
    # The language too: the shared facts include sentences (a finding's detail), said in it.
    return (
        on,
        id(book),
        i18n.current(),
        id(objects[0]),
        id(objects[1]),
        tuple(map(len, lists)),
        flat,
    )


def _lookup(profile: Profile, on: date, book: RuleBook) -> Table:
    objects = _objects(profile)
    key = _key(objects, on, book)
    held = _MEMO.get(key)
    if held is None:
        if len(_MEMO) >= _MAX_ENTRIES:
            _MEMO.clear()
        held = _MEMO[key] = (objects, book, {})
    return held[2]


def table(profile: Profile, on: date, book: RuleBook) -> Table:
    """The shared facts of ``profile`` on ``on`` under ``book``."""
    session = _SESSION.get()
    if session is not None and session[0] is profile and session[1] == on and session[2] is book:
        return session[3]
    return _lookup(profile, on, book)


def active_for(profile: Profile, on: date, book: RuleBook) -> bool:
    """Whether a session for this profile object, date and book is in progress."""
    session = _SESSION.get()
    return session is not None and session[0] is profile and session[1] == on and session[2] is book


def current(on: date, book: RuleBook) -> tuple[Profile, Table] | None:
    """The profile and table of the session in progress, when it is for this date and book."""
    session = _SESSION.get()
    if session is not None and session[1] == on and session[2] is book:
        return session[0], session[3]
    return None


def get(profile: Profile, on: date, book: RuleBook, key: Any, derive: Callable[[], T]) -> T:
    """The fact ``key`` of ``profile`` on ``on``, derived by ``derive()`` the first time."""
    facts = table(profile, on, book)
    if key in facts:
        found: T = facts[key]
        return found
    value = facts[key] = derive()
    return value


def in_session(profile: Profile, on: date, book: RuleBook, key: Any, derive: Callable[[], T]) -> T:
    """Like ``get`` inside ``evaluate_all``'s session for this profile, date and book; outside
    one, just ``derive()`` (for facts too cheap to be worth computing the key for)."""
    session = _SESSION.get()
    if session is None or session[0] is not profile or session[1] != on or session[2] is not book:
        return derive()
    facts = session[3]
    if key in facts:
        found: T = facts[key]
        return found
    value = facts[key] = derive()
    return value


def peek(profile: Profile, on: date, book: RuleBook, key: Any) -> Any:
    """The fact ``key`` when a session for this profile object, date and book holds it, else
    None (nothing is derived)."""
    session = _SESSION.get()
    if session is None or session[0] is not profile or session[1] != on or session[2] is not book:
        return None
    return session[3].get(key)


@contextmanager
def session(profile: Profile, on: date, book: RuleBook) -> Iterator[None]:
    """Within the block, lookups for this profile object, date and book skip the key."""
    token = enter(profile, on, book)
    try:
        yield
    finally:
        leave(token)


def enter(profile: Profile, on: date, book: RuleBook) -> Token[Any]:
    """``session`` without the context manager, for a caller that runs once per evaluator."""
    return _SESSION.set((profile, on, book, _lookup(profile, on, book)))


def leave(token: Token[Any]) -> None:
    _SESSION.reset(token)


def clear() -> None:
    _MEMO.clear()
