"""Three-valued verdicts: what every program module returns (DESIGN.md, principle 3).

A criterion is ``met``, ``unmet`` or ``unknown``. A missing fact makes a criterion ``unknown``,
never ``unmet``: someone half-way through entering their profile must not be told they are
ineligible. A program is ``eligible`` only when every required criterion is met, ``ineligible``
as soon as one is unmet, and otherwise ``unknown`` — and then ``needs`` names the profile facts
(``work[1].hours_per_week``, ``language_tests``) that would decide it.

``Verdict.to_json`` is the item shape of ``maplepath pathways --json`` (DESIGN.md, Commands).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from maplepath.i18n import kept_per_language, say, word

VERDICTS = ("eligible", "ineligible", "unknown")
STATUSES = ("open", "paused", "closed", "not_yet_open")
LEADS_TO = ("permanent_residence", "work_permit", "nomination")


class Ternary(StrEnum):
    met = "met"
    unmet = "unmet"
    unknown = "unknown"


def ternary(x: bool | None) -> Ternary:
    """True -> met, False -> unmet, None (a fact is missing) -> unknown."""
    if x is None:
        return Ternary.unknown
    return Ternary.met if x else Ternary.unmet


# The members once, as plain module constants: a verdict is built from some sixty criteria,
# and looking a member up on the enum class costs more than the rest of ``combine``.
_MET, _UNMET, _UNKNOWN = Ternary.met, Ternary.unmet, Ternary.unknown
_TERNARY: dict[bool | None, Ternary] = {True: _MET, False: _UNMET, None: _UNKNOWN}


@dataclass(frozen=True)
class Criterion:
    """One requirement of a program, measured on a date, with the rules it applied.

    ``needs`` lists the profile facts (field paths, indexes from 0) that would decide an
    ``unknown`` criterion; it is empty for ``met`` and ``unmet`` ones.

    ``timeless`` marks an ``unmet`` criterion that the passing of time cannot meet: it failed
    on facts of the profile and on rule values alone (a citizenship, an occupation off a list,
    a program closed for good), and the program asks it on every later date. It stays unmet
    until the profile or a rule changes; the planner relies on that (``settled``). It is not
    part of the criterion's value: two criteria differing only in it are equal.
    """

    id: str
    status: Ternary
    detail: str
    rules: tuple[str, ...] = ()
    needs: tuple[str, ...] = ()
    timeless: bool = field(default=False, compare=False, repr=False)

    def to_json(self) -> dict[str, Any]:
        detail = self.detail
        if self.status == Ternary.unknown and self.needs:
            needs = ", ".join(self.needs)  # profile paths: the same in every language
            detail = say("%(detail)s (would be decided by: %(needs)s)", detail=detail, needs=needs)
        return {
            "id": self.id,
            "status": str(self.status),
            "detail": detail,
            "rules": list(self.rules),
        }


@dataclass(frozen=True, init=False)
class Finding:
    """A three-valued answer on the way to a criterion: the value, why, and what would decide
    it when None."""

    value: bool | None
    detail: str
    needs: tuple[str, ...] = ()

    def __init__(self, value: bool | None, detail: str, needs: tuple[str, ...] = ()) -> None:
        # The dataclass's own ``__init__`` would set each field through ``object.__setattr__``
        # (the price of ``frozen``); writing the instance dict directly is much faster and
        # leaves the same object. Verdicts build hundreds of findings.
        d = self.__dict__
        d["value"], d["detail"], d["needs"] = value, detail, needs


def and3(*answers: bool | None) -> bool | None:
    """False if any answer is False, True if all are True, else None."""
    if False in answers:
        return False
    return None if None in answers else True


def or3(answers: Iterable[bool | None]) -> bool | None:
    """True if any answer is True, False if all are False (or there are none), else None."""
    seen = list(answers)
    if True in seen:
        return True
    return None if None in seen else False


_new = object.__new__


def criterion(cid: str, f: Finding, rules: Iterable[str], timeless: bool = False) -> Criterion:
    """The criterion ``cid`` for a finding (``needs`` kept only while it is unknown);
    ``timeless`` is kept only when the finding is unmet (see ``Criterion``)."""
    # Built without the frozen dataclass's ``__init__`` (five ``object.__setattr__`` calls):
    # the same fields in the same instance dict, so the object is equal, hashes and prints as
    # one built by ``Criterion(...)``; every verdict builds dozens of them.
    value = f.value
    c: Criterion = _new(Criterion)
    d = c.__dict__
    d["id"] = cid
    d["status"] = (
        _TERNARY[value] if value is None or value is True or value is False else ternary(value)
    )
    d["detail"] = f.detail
    d["rules"] = rules if type(rules) is tuple else tuple(rules)
    d["needs"] = f.needs if value is None else ()
    d["timeless"] = timeless and value is False
    return c


@kept_per_language
def beyond_profile(cid: str, why: str, needs: tuple[str, ...], rules: tuple[str, ...]) -> Criterion:
    """An ``unknown`` criterion on what no profile holds (an employer's registration, a
    referral): the same for everyone, so built once per language. ``why`` and ``needs`` are
    messages marked with ``noop``, said here in the language in force."""
    return criterion(cid, Finding(None, word(why), tuple(map(word, needs))), rules)


def settled(verdict: Verdict) -> bool:
    """Whether the verdict is ``ineligible`` for a reason time cannot remove (a ``timeless``
    unmet criterion): on every later date with the same rules in force, and the same profile,
    the program's verdict is ``ineligible`` again."""
    return verdict.verdict == "ineligible" and any(
        c.timeless and c.status is _UNMET for c in verdict.criteria
    )


def combine(criteria: Iterable[Criterion]) -> str:
    """``eligible`` only if every criterion is met; ``ineligible`` if any is unmet; else
    ``unknown``. No criteria at all decide nothing: ``unknown``."""
    statuses = [c.status for c in criteria]
    if _UNMET in statuses:
        return "ineligible"
    if statuses and statuses.count(_MET) == len(statuses):
        return "eligible"
    return "unknown"


@dataclass(frozen=True, init=False)
class Verdict:
    """A program's verdict on a date: eligibility, the program's status, and the reasons."""

    program: str
    verdict: str  # eligible | ineligible | unknown
    status: str  # open | paused | closed | not_yet_open: the program status rule on the date
    criteria: tuple[Criterion, ...]
    leads_to: str  # permanent_residence | work_permit | nomination
    processing: str | None

    def __init__(
        self,
        program: str,
        verdict: str,
        status: str,
        criteria: tuple[Criterion, ...],
        leads_to: str,
        processing: str | None,
    ) -> None:
        # The instance dict written directly, as for ``Finding``; the checks are those a
        # ``__post_init__`` would make.
        if verdict not in VERDICTS:
            raise ValueError(f"verdict {verdict!r} is not one of {VERDICTS}")
        if status not in STATUSES:
            raise ValueError(f"status {status!r} is not one of {STATUSES}")
        if leads_to not in LEADS_TO:
            raise ValueError(f"leads_to {leads_to!r} is not one of {LEADS_TO}")
        d = self.__dict__
        d["program"], d["verdict"], d["status"] = program, verdict, status
        d["criteria"], d["leads_to"], d["processing"] = criteria, leads_to, processing

    def criterion(self, criterion_id: str) -> Criterion:
        """The criterion with this id (KeyError naming the ids there are)."""
        for c in self.criteria:
            if c.id == criterion_id:
                return c
        raise KeyError(f"{self.program} has no criterion {criterion_id!r}: {self.ids}")

    @property
    def ids(self) -> list[str]:
        return [c.id for c in self.criteria]

    @property
    def needs(self) -> tuple[str, ...]:
        """Every fact that would decide an unknown criterion, in order, without repeats."""
        seen: dict[str, None] = {}
        for c in self.criteria:
            if c.status == Ternary.unknown:
                seen.update(dict.fromkeys(c.needs))
        return tuple(seen)

    def to_json(self) -> dict[str, Any]:
        return {
            "program": self.program,
            "verdict": self.verdict,
            "status": self.status,
            "criteria": [c.to_json() for c in self.criteria],
            "leads_to": self.leads_to,
            "processing": self.processing,
        }
