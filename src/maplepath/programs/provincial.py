"""What the provincial streams share: dated occupation lists in NOC 2016 or NOC 2021
(``on_list``), experience in listed occupations over any window (``listed_experience``, and the
first day it may answer differently, ``listed_steady``), three-valued lists of checks
(``all_of``), and a program's verdict before its rules or after it closed for good.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import replace
from datetime import date, timedelta
from functools import lru_cache
from typing import Any, NamedTuple

from maplepath import i18n
from maplepath.i18n import decimal, noop, say, word
from maplepath.occupations import codes as occupations
from maplepath.profile import experience
from maplepath.profile.model import WorkPeriod
from maplepath.programs import common, steady
from maplepath.programs.verdict import Finding, Verdict, and3, criterion
from maplepath.rulebook.book import RuleBook

NOMINATION = "crs.additional.provincial_nomination"
Check = tuple[bool | None, str, tuple[str, ...]]  # answer, why it fails, facts that would decide
_DAY = timedelta(days=1)
# The classifications of the dated lists, said as "CNP 2021" in French (``word``).
CLASSIFICATIONS = (noop("NOC 2016"), noop("NOC 2021"))
# Credential levels as the profile writes them, for the sentences that show them (``word``).
LEVELS = (
    noop("secondary"),
    noop("one_year"),
    noop("two_year"),
    noop("bachelors"),
    noop("masters"),
    noop("professional"),
    noop("doctoral"),
)
# What separates the reasons of a list ("in ON; not full-time"): " ; " in French.
SEPARATOR = noop("; ")


def early(program: str, on: date, book: RuleBook, leads_to: str) -> Verdict | None:
    """``common.before_rules`` with the program's own ``leads_to``."""
    verdict = common.before_rules(program, on, book)
    return replace(verdict, leads_to=leads_to) if verdict else None


def ended(program: str, on: date, book: RuleBook, leads_to: str, why: str) -> Verdict | None:
    """A program that has closed for good takes no one: one unmet criterion saying since when
    and why (None while it is not closed)."""
    if common.status(program, on, book) != "closed":
        return None
    return _closed(program, on, book, leads_to, why)


@i18n.kept_per_language
def _closed(program: str, on: date, book: RuleBook, leads_to: str, why: str) -> Verdict:
    # The verdict of a closed program is the same for everyone on a date (a book never
    # changes; verdicts are immutable): built once per program, date and language.
    rule_id = f"programs.{program}.status"
    since = book.at(rule_id, on).effective_from
    closed = say("closed since %(since)s: %(why)s", since=since, why=why)
    gone = criterion("program_open", Finding(False, closed), [rule_id], True)
    return Verdict(program, "ineligible", "closed", (gone,), leads_to, None)


def nomination_note(on: date, book: RuleBook) -> str:
    points = book.value(NOMINATION, on)
    return say(
        "a nomination under an Express Entry-aligned stream adds %(points)s CRS points",
        points=points,
    )


def join(parts: Iterable[str]) -> str:
    """Reasons as one list, separated as the language in force writes it."""
    return word(SEPARATOR).join(parts)


def years_text(y: float) -> str:
    """``common.years`` in the language in force (``1,50`` in French)."""
    return decimal(common.years(y))


@lru_cache(maxsize=8)
def _sources_2016(book: RuleBook) -> dict[str, frozenset[str]]:
    """NOC 2021 unit group -> the NOC 2016 unit groups it came from (Statistics Canada)."""
    table = book.value(occupations.CONCORDANCE_RULE, date(2022, 11, 16))
    out: dict[str, set[str]] = {}
    for code2016, entry in table.items():
        for code2021 in entry["noc2021"]:
            out.setdefault(str(code2021), set()).add(str(code2016))
    return {k: frozenset(v) for k, v in out.items()}


def _every(answers: Iterable[bool]) -> bool | None:
    """True if all are True, False if none is (or there are none), None if they differ."""
    seen = set(answers)
    return None if len(seen) > 1 else (seen.pop() if seen else False)


def on_list(code: str, listing: Mapping[str, Any], book: RuleBook) -> bool | None:
    """Whether a NOC code is on a dated list ``{classification, codes}``. Across versions it is
    on the list when every unit group it corresponds to is listed, off when none is, and unknown
    in between (a NOC 2021 software engineer, 21231, came only from NOC 2016 2173)."""
    # One or a few membership tests: scanning the list (some 35 codes) costs less than
    # building a set of it on every call, and reads the list as it is now.
    codes = listing["codes"]
    width = 4 if listing["classification"] == "NOC 2016" else 5
    if len(code) == width:
        return code in codes
    if width == 5:
        mapped = occupations.map_2016(code, book)
        return None if mapped is None else _every(c in codes for c in mapped.candidates)
    sources = _sources_2016(book).get(code)
    return None if not sources else _every(c in codes for c in sources)


def in_province(province: str | None, code: str) -> bool | None:
    return None if province is None else province == code


def window_start(on: date, years: int = 0, months: int = 0) -> date:
    """The first day of the ``years`` and ``months`` ending on ``on``."""
    return common.shift(on, -years, -months) + _DAY


class Listed(NamedTuple):
    """The work ``listed_experience`` counts: surely (``sure``) and at best (``best``), the
    periods each keeps, and the periods whose NOC may or may not be on the list."""

    sure: experience.Accrual
    best: experience.Accrual
    sure_idx: list[int]
    best_idx: list[int]
    maybe: dict[int, str]  # period index -> a NOC that may or may not be on the list


def listed_accruals(
    work: Sequence[WorkPeriod],
    on: date,
    book: RuleBook,
    *,
    since: date | None,
    listing: Mapping[str, Any] | None = None,
    keep: Callable[[WorkPeriod], bool | None] | None = None,
) -> Listed:
    """The two accruals of ``listed_experience`` (see there), before any threshold."""
    if keep is None:  # every period kept
        sure_idx = best_idx = list(range(len(work)))
    else:
        kept = [keep(p) for p in work]
        sure_idx = [i for i, k in enumerate(kept) if k is True]
        best_idx = [i for i, k in enumerate(kept) if k is not False]
    sure_nocs: set[str] | None = None  # None: any skilled occupation
    maybe: dict[int, str] = {}
    if listing is not None:
        sure_nocs = set()
        for i in best_idx:
            noc = work[i].noc
            answer = None if noc is None else on_list(noc, listing, book)
            if answer and noc is not None:
                sure_nocs.add(noc)
            elif answer is None and noc is not None:
                maybe[i] = noc
    sure = _accrue(work, sure_idx, on, book, since, sure_nocs)
    if not maybe and len(sure_idx) == len(best_idx):
        # Nothing in doubt (every kept period surely kept, every NOC surely on or off the
        # list): the favourable count is the same call on the same periods.
        best = sure
    else:
        nocs = None if sure_nocs is None else sure_nocs | set(maybe.values())
        best = _accrue(work, best_idx, on, book, since, nocs)
    # As a plain tuple of the fields in order (the generated constructor costs more).
    return tuple.__new__(Listed, (sure, best, sure_idx, best_idx, maybe))


def _accrue(
    work: Sequence[WorkPeriod],
    idx: list[int],
    on: date,
    book: RuleBook,
    since: date | None,
    nocs: set[str] | None,
) -> experience.Accrual:
    """Authorized work among the periods ``idx`` (ascending indexes of ``work``): in the ``nocs``
    given, else in any skilled occupation; ``since`` clips each period to the stream's look-back
    (see experience.accrue)."""
    periods = work if len(idx) == len(work) else [work[i] for i in idx]
    return experience.accrue_listed(periods, on, nocs, since, book)


def listed_experience(
    work: Sequence[WorkPeriod],
    on: date,
    book: RuleBook,
    *,
    years: float,
    since: date | None,
    listing: Mapping[str, Any] | None = None,
    keep: Callable[[WorkPeriod], bool | None] | None = None,
) -> Finding:
    """Whether full-time-equivalent ``years`` of authorized work done from ``since`` are reached
    in the listed occupations (any skilled one when ``listing`` is None) among the periods
    ``keep`` accepts (a province, say; all when None). Missing facts widen the bound, never
    shrink it."""
    found = listed_accruals(work, on, book, since=since, listing=listing, keep=keep)
    sure, best, sure_idx, best_idx, maybe = found
    value = True if sure.at_least(years) else False if best.at_least(years) is False else None
    needed = decimal(f"{years:g}")
    text = say(
        "%(years)s years counted (%(needed)s needed)", years=years_text(sure.years), needed=needed
    )
    if value is not None:
        return Finding(value, text)  # decided: no fact is needed (none would be kept)
    needs = common.work_needs(work, [best_idx[j] for j in best.unknown], common.WORK_FACTS)
    needs += [f"work[{i}].noc" for i in maybe]
    needs += [f"work[{i}].province" for i in best_idx if i not in sure_idx]
    return Finding(value, text, tuple(dict.fromkeys(needs)))


def all_of(checks: Sequence[Check], ok: str, failed: str) -> Finding:
    """Three-valued AND of checks: the failed reasons when one fails, else what decides it."""
    value = and3(*(answer for answer, _, _ in checks))
    if value is False:
        reasons = join(w for a, w, _ in checks if a is False)
        return Finding(False, say("%(failed)s: %(reasons)s", failed=failed, reasons=reasons))
    needs = tuple(n for answer, _, ns in checks if answer is None for n in ns)
    return Finding(value, ok, needs)


def best(findings: Sequence[Finding]) -> Finding:
    """The most favourable finding: met, then unknown, then unmet (with every reason)."""
    top = min(findings, key=lambda f: {True: 0, None: 1, False: 2}[f.value])
    return Finding(False, join(f.detail for f in findings)) if top.value is False else top


def listed_steady(
    work: Sequence[WorkPeriod],
    on: date,
    book: RuleBook,
    years: Iterable[float],
    *,
    since: date | None,
    listing: Mapping[str, Any] | None = None,
    keep: Callable[[WorkPeriod], bool | None] | None = None,
) -> date:
    """The first day ``listed_experience`` may answer differently for one of ``years``
    (``programs/steady.py``); a ``since`` that moves with the date is a window."""
    found = listed_accruals(work, on, book, since=since, listing=listing, keep=keep)
    grows = since is None
    years = tuple(years)
    return min(steady.experience(a, on, book, years, grows) for a in (found.sure, found.best))
