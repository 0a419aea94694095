"""Which occupation lists name a NOC code, and since when: ``maplepath noc show`` says which
programs and Express Entry categories list the code, and ``docs/programs/`` lists each
program's codes.

An occupation list is a rule of unit ``noc_codes`` under ``rules/programs/``; its program is
its folder (``programs.bc_pnp_tech.occupations`` is ``bc_pnp_tech``,
``programs.ee_category.stem.occupations`` the category ``ee_category:stem``). A list is
written one of three ways: ``{classification, codes: [...]}``; ``{classification,
occupations: [{noc2016, noc2021: [...], ...}]}`` (the Global Talent Occupations List, whose
NOC 2021 version keeps each entry's NOC 2016 code beside it); or a mapping of code to title
(the categories). A code is named by the codes of the list's own classification only: a
NOC 2016 code kept for reference on a NOC 2021 list does not count.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

from maplepath.rulebook import book as rulebook
from maplepath.rulebook.rulefile import IN_FORCE

LIST_UNIT = "noc_codes"
PROGRAMS = "programs."
CATEGORY = "ee_category"


@dataclass(frozen=True)
class Listing:
    """One run of days on which a list named the code."""

    program: str  # the program id (``bc_pnp_tech``, ``ee_category:stem``)
    rule_id: str
    since: date  # the first day the list named it
    until: date | None  # the first day it no longer did; None while it still does

    @property
    def category(self) -> bool:
        """An Express Entry category rather than a program."""
        return self.program.startswith(CATEGORY + ":")

    def to_json(self) -> dict[str, Any]:
        return {
            "program": self.program,
            "kind": "ee_category" if self.category else "program",
            "rule": self.rule_id,
            "since": self.since.isoformat(),
            "until": self.until.isoformat() if self.until else None,
        }


def codes_of(value: Any) -> frozenset[str]:
    """The NOC codes one dated value of a list names (none when the list has ended)."""
    if not isinstance(value, dict):
        return frozenset()
    if isinstance(value.get("codes"), list):
        return frozenset(str(c) for c in value["codes"])
    if isinstance(value.get("occupations"), list):
        field = "noc2021" if "2021" in str(value.get("classification", "")) else "noc2016"
        found: set[str] = set()
        for entry in value["occupations"]:
            code = entry.get(field) if isinstance(entry, dict) else None
            found.update(str(c) for c in (code if isinstance(code, list) else [code]) if c)
        return frozenset(found)
    return frozenset(str(k) for k in value if str(k).isdigit())


def program_of(rule_id: str) -> str:
    """The program an occupation list belongs to, by its folder."""
    parts = rule_id.removeprefix(PROGRAMS).split(".")[:-1]
    if len(parts) == 2 and parts[0] == CATEGORY:
        return f"{CATEGORY}:{parts[1]}"
    return ".".join(parts)


def occupation_lists(book: rulebook.RuleBook | None = None, prefix: str = PROGRAMS) -> list[str]:
    """The ids of every occupation list under ``prefix``."""
    book = book or rulebook.default()
    return [i for i in book.ids(prefix) if book.get(i).unit == LIST_UNIT]


def runs(code: str, values: Iterable[tuple[date, Any]]) -> list[tuple[date, date | None]]:
    """The spans of dated values (oldest first) that name ``code``: (first day, first day
    after), the last open while the newest value names it."""
    out: list[tuple[date, date | None]] = []
    start: date | None = None
    for when, value in values:
        named = code in codes_of(value)
        if named and start is None:
            start = when
        elif not named and start is not None:
            out.append((start, when))
            start = None
    if start is not None:
        out.append((start, None))
    return out


def naming(code: str, book: rulebook.RuleBook | None = None) -> list[Listing]:
    """Every occupation list that names ``code`` (as written: a NOC 2016 code matches the lists
    of NOC 2016 days), each span on its own, Express Entry categories after programs."""
    book = book or rulebook.default()
    code = code.strip()
    found = []
    for rule_id in occupation_lists(book):
        # In-force values only: a reported list is not one a program applies.
        dated = [
            (dv.effective_from, dv.value)
            for dv in book.get(rule_id).values
            if dv.status == IN_FORCE
        ]
        found += [Listing(program_of(rule_id), rule_id, s, u) for s, u in runs(code, dated)]
    return sorted(found, key=lambda f: (f.category, f.program, f.since))
