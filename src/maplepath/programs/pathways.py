"""Every route on a date, ordered: what is open and fits first, the fastest first.

Each program module gives a verdict; this module ranks them the way a person reads them —
open programs before paused or closed ones, eligible before unknown before ineligible, then
the quickest typical processing — and says since when a program has been closed or paused,
so a run today shows what has closed since an earlier one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Any

from maplepath import programs
from maplepath.i18n import say
from maplepath.profile import memo
from maplepath.profile.model import Profile
from maplepath.programs.verdict import Verdict
from maplepath.rulebook import book as rulebook

STATUS_ORDER = {"open": 0, "paused": 1, "not_yet_open": 2, "closed": 3}
VERDICT_ORDER = {"eligible": 0, "unknown": 1, "ineligible": 2}
_UNIT_DAYS = {"day": 1, "week": 7, "month": 30, "year": 365}
_DURATION = re.compile(
    r"(\d+(?:\.\d+)?)\s*(?:business\s+|working\s+|calendar\s+)?(day|week|month|year)s?",
    re.IGNORECASE,
)


class UnknownProgramError(ValueError):
    pass


@dataclass(frozen=True)
class Pathway:
    verdict: Verdict
    status_since: date | None  # when the program's current status took effect

    def to_json(self) -> dict[str, Any]:
        return self.verdict.to_json()


def processing_days(text: str | None) -> float | None:
    """Typical processing as days, read from a processing rule's text ("2 weeks ...")."""
    if not text:
        return None
    m = _DURATION.search(text)
    return float(m.group(1)) * _UNIT_DAYS[m.group(2).lower()] if m else None


def status_since(program: str, on: date, book: rulebook.RuleBook) -> date | None:
    """When the program's status on ``on`` took effect (``ee_category:stem`` reads
    ``programs.ee_category.stem.status``)."""
    rule_id = f"programs.{program.replace(':', '.')}.status"
    if rule_id not in book.rules:
        return None
    return book.at(rule_id, on).effective_from


def _key(p: Pathway) -> tuple[int, int, float, str]:
    v = p.verdict
    days = processing_days(v.processing)
    return (
        STATUS_ORDER.get(v.status, 9),
        VERDICT_ORDER.get(v.verdict, 9),
        days if days is not None else float("inf"),
        v.program,
    )


def evaluate(
    profile: Profile,
    on: date,
    only: list[str] | None = None,
    book: rulebook.RuleBook | None = None,
) -> list[Pathway]:
    """Every registered program's verdict on ``on`` (or only the named ones), ranked."""
    book = book or rulebook.default()
    registry = programs.registry(on)
    wanted = only or list(registry)
    unknown = [p for p in wanted if p not in registry]
    if unknown:
        raise UnknownProgramError(
            say(
                "no program %(programs)s (known: %(known)s)",
                programs=", ".join(map(repr, unknown)),
                known=", ".join(registry),
            )
        )
    # One memo session for all of them: the facts programs share are derived once.
    with memo.session(profile, on, book):
        found = [Pathway(registry[p](profile, on, book), status_since(p, on, book)) for p in wanted]
    return sorted(found, key=_key)


def fastest(paths: list[Pathway], leads_to: str) -> Pathway | None:
    """The quickest open route of a kind the person is (or may be) eligible for."""
    for p in paths:
        v = p.verdict
        if v.leads_to == leads_to and v.status == "open" and v.verdict != "ineligible":
            return p
    return None
