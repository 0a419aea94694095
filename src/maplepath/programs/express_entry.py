"""The three federal Express Entry programs' verdicts for one person on one date, once.

Many routes start with "eligible for an Express Entry program": every category of
category-based selection, Ontario's and Alberta's Express Entry streams. The FSW, CEC and FST
verdicts are kept in the per-profile memo (``memo.py``: keyed by every object of the profile,
so a profile changed in place is a new profile) for a (date, rule book) and shared by every
route that asks.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from maplepath.profile import memo
from maplepath.profile.model import Profile
from maplepath.programs import cec, fst, fsw
from maplepath.programs.verdict import Verdict
from maplepath.rulebook.book import RuleBook

_EVALUATORS = {"fsw": fsw.evaluate, "cec": cec.evaluate, "fst": fst.evaluate}


def verdict(program: str, profile: Profile, on: date, book: RuleBook) -> Verdict:
    facts = memo.table(profile, on, book)
    key = ("express_entry", program)
    found: Verdict | None = facts.get(key)
    if found is None:
        found = facts[key] = _EVALUATORS[program](profile, on, book)
    return found


def verdicts(
    profile: Profile, on: date, book: RuleBook, programs: Iterable[str] = ("fsw", "cec", "fst")
) -> list[Verdict]:
    facts = memo.table(profile, on, book)  # one lookup for the three
    out = []
    for program in programs:
        key = ("express_entry", program)
        found: Verdict | None = facts.get(key)
        if found is None:
            found = facts[key] = _EVALUATORS[program](profile, on, book)
        out.append(found)
    return out
