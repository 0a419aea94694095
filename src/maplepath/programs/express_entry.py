"""The three federal Express Entry programs' verdicts for one person on one date, once.

Many routes start with "eligible for an Express Entry program": every category of
category-based selection, Ontario's and Alberta's Express Entry streams. Profiles are
immutable, so the FSW, CEC and FST verdicts are memoised by the profile object itself for a
(date, rule book) and shared by every route that asks.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from maplepath.profile import Profile
from maplepath.programs import cec, fst, fsw
from maplepath.rulebook import RuleBook
from maplepath.verdict import Verdict

_EVALUATORS = {"fsw": fsw.evaluate, "cec": cec.evaluate, "fst": fst.evaluate}
_MEMO: dict[tuple[int, date, int], tuple[Profile, dict[str, Verdict]]] = {}


def verdict(program: str, profile: Profile, on: date, book: RuleBook) -> Verdict:
    key = (id(profile), on, id(book))
    held = _MEMO.get(key)
    if held is None or held[0] is not profile:  # an id can be reused once a profile is gone
        if len(_MEMO) > 256:
            _MEMO.clear()
        held = _MEMO[key] = (profile, {})
    found = held[1].get(program)
    if found is None:
        found = held[1][program] = _EVALUATORS[program](profile, on, book)
    return found


def verdicts(
    profile: Profile, on: date, book: RuleBook, programs: Iterable[str] = ("fsw", "cec", "fst")
) -> list[Verdict]:
    return [verdict(p, profile, on, book) for p in programs]
