"""The rule book: every threshold, points table and list, dated and cited.

A rule is one YAML file under ``rules/``; its path is its id (``rules/crs/core/age.yaml`` is
``crs.core.age``). Values are keyed by the date they took effect; ``value: null`` ends a rule.
Nothing is ever deleted, so any past date can be evaluated. The file format is OpenFisca's
parameter format with a few additions (``last_verified``, ``status``, ``scenario``); the strict
parser lives in ``rulefile.py``.

Values whose status is ``reported`` or ``proposed`` are never applied by default: they are
applied only when the caller names their scenario (``at(..., scenarios={"crs-2026-11"})``).
"""

from __future__ import annotations

import difflib
import threading
from bisect import bisect_right
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any

from maplepath.rulebook import cache as compiled
from maplepath.rulebook.rulefile import (
    IN_FORCE,
    Brackets,
    DatedValue,
    Reference,
    Rule,
    RuleFileError,
    parse_rule_bytes,
)

__all__ = [
    "Brackets",
    "Change",
    "Reference",
    "Rule",
    "RuleBook",
    "RuleFileError",
    "Ruling",
    "UnknownRuleError",
    "at",
    "default",
]

RULES_ROOT = Path(__file__).parents[1] / "rules"


class UnknownRuleError(KeyError):
    """A rule id that no file defines."""

    def __init__(self, rule_id: str, suggestions: list[str]) -> None:
        hint = f" (did you mean {', '.join(suggestions)}?)" if suggestions else ""
        self.message = f"no rule with id {rule_id!r}{hint}"
        super().__init__(self.message)

    def __str__(self) -> str:
        return self.message


@dataclass(frozen=True)
class Ruling:
    """What a rule says on a date: its value, since when, on whose authority.

    ``in_force`` is False when the rule had not started yet or had ended on that date; then
    ``value`` is None and ``reason`` says why. Asking is never an error.
    """

    rule_id: str
    on: date
    value: Any
    effective_from: date | None
    references: tuple[Reference, ...]
    status: str
    unit: str | None
    reason: str | None = None

    @property
    def in_force(self) -> bool:
        return self.reason is None

    def lookup(self, x: float) -> Any:
        """The bracket value for ``x`` when the rule is a bracket table."""
        if not isinstance(self.value, Brackets):
            raise TypeError(f"{self.rule_id} is not a bracket table on {self.on}")
        return self.value.lookup(x)


@dataclass(frozen=True)
class Change:
    """One dated value of one rule, as listed by ``rules changes``."""

    rule_id: str
    effective_from: date
    value: Any
    previous: Any
    references: tuple[Reference, ...]
    status: str
    scenario: str | None


_NO_SCENARIOS: frozenset[str] = frozenset()
_new = object.__new__


class RuleBook:
    """All rule files under one root, parsed once on first use."""

    def __init__(self, root: Path = RULES_ROOT) -> None:
        self.root = root
        self._rules: dict[str, Rule] | None = None
        self._fingerprint: str | None = None
        self._lock = threading.Lock()
        # Rulings are immutable and every score asks for the same few dozen: memoise them.
        self._rulings: dict[tuple[str, date, frozenset[str]], Ruling] = {}
        # Nearly every call names no scenario: those are kept by date, then by rule id, so a
        # lookup is two dict probes on keys whose hashes are cached (a date, an interned id)
        # rather than the hash of a fresh (id, date, frozenset) tuple. Same Rulings, same bound.
        self._plain: dict[date, dict[str, Ruling]] = {}
        self._plain_count = 0
        # Per rule, the dates of its in-force values, to find the one in force by bisection.
        self._in_force: dict[str, tuple[list[date], tuple[DatedValue, ...]]] = {}

    @property
    def rules(self) -> dict[str, Rule]:
        if self._rules is None:
            with self._lock:
                if self._rules is None:
                    self._rules = self._load()
        return self._rules

    def _load(self) -> dict[str, Rule]:
        # Every file is read (the cache is keyed by their content), but parsed only when the
        # compiled book in the data directory is missing, damaged or of another rule set.
        files = {self.rule_id_for(p): p for p in sorted(self.root.rglob("*.yaml"))}
        contents = {rule_id: path.read_bytes() for rule_id, path in files.items()}
        self._fingerprint = compiled.content_hash(list(contents.items()))
        key = compiled.cache_key(self._fingerprint)
        where = compiled.cache_path(self.root)
        if where is not None:
            cached = compiled.load(where, key, self.root)
            if cached is not None and cached.keys() == files.keys():
                return cached
        rules = {
            rule_id: parse_rule_bytes(contents[rule_id], files[rule_id], rule_id)
            for rule_id in files
        }
        if where is not None:
            compiled.save(where, key, rules, self.root)
        return rules

    def rule_id_for(self, path: Path) -> str:
        return ".".join(path.relative_to(self.root).with_suffix("").parts)

    def get(self, rule_id: str) -> Rule:
        try:
            return self.rules[rule_id]
        except KeyError:
            close = difflib.get_close_matches(rule_id, self.rules, n=3, cutoff=0.6)
            raise UnknownRuleError(rule_id, close) from None

    def ids(self, prefix: str = "") -> list[str]:
        return sorted(i for i in self.rules if i.startswith(prefix))

    def at(self, rule_id: str, on: date, scenarios: Iterable[str] = ()) -> Ruling:
        """The value of ``rule_id`` in force on ``on``.

        Values of status ``reported``/``proposed`` count only when their scenario is named.
        """
        if scenarios == ():
            by_rule = self._plain.get(on)
            if by_rule is not None:
                found = by_rule.get(rule_id)
                if found is not None:
                    return found
            return self._plain_miss(rule_id, on)
        wanted = frozenset(scenarios)
        if not wanted:
            return self.at(rule_id, on)  # an empty list or set: the same Ruling as ``()``
        key = (rule_id, on, wanted)
        ruling = self._rulings.get(key)
        if ruling is None:
            if len(self._rulings) > 65_536:
                self._rulings.clear()
            ruling = self._rulings[key] = self._at(rule_id, on, wanted)
        return ruling

    def _plain_miss(self, rule_id: str, on: date) -> Ruling:
        ruling = self._at(rule_id, on, _NO_SCENARIOS)  # raises for an unknown id: nothing kept
        if self._plain_count > 65_536:
            self._plain.clear()
            self._plain_count = 0
        self._plain.setdefault(on, {})[rule_id] = ruling
        self._plain_count += 1
        return ruling

    def _at(self, rule_id: str, on: date, wanted: frozenset[str]) -> Ruling:
        rule = self.get(rule_id)
        chosen: DatedValue | None = None
        if wanted:
            for dv in rule.values:
                if dv.effective_from > on:
                    break
                if dv.status == IN_FORCE or dv.scenario in wanted:
                    chosen = dv
        else:
            chosen = self.dated_value(rule_id, on)
        if chosen is None:
            first = rule.values[0].effective_from
            return self._not_in_force(rule, on, f"no rule in force: {rule_id} starts {first}")
        if chosen.ended:
            return self._not_in_force(
                rule, on, f"no rule in force: {rule_id} ended on {chosen.effective_from}"
            )
        # Every new date builds a Ruling per rule asked: its instance dict is written at once
        # (the frozen dataclass's ``__init__`` sets eight fields one ``object.__setattr__`` at a
        # time); the object is the one ``Ruling(...)`` would build.
        ruling: Ruling = _new(Ruling)
        ruling.__dict__.update(
            rule_id=rule_id,
            on=on,
            value=chosen.value,
            effective_from=chosen.effective_from,
            references=chosen.references or rule.references,
            status=chosen.status,
            unit=rule.unit,
            reason=None,
        )
        return ruling

    def dated_value(self, rule_id: str, on: date) -> DatedValue | None:
        """The in-force dated value that applies on ``on`` — the ``null`` that ended the rule
        included, so a rule that stopped applying is dated and cited too; None before it began."""
        # Only in-force values count: the last one that started by ``on`` (the values are
        # sorted by date, without duplicates: the loader checks).
        dated = self._in_force.get(rule_id)
        if dated is None:
            kept = tuple(dv for dv in self.get(rule_id).values if dv.status == IN_FORCE)
            dated = self._in_force[rule_id] = ([dv.effective_from for dv in kept], kept)
        i = bisect_right(dated[0], on)
        return dated[1][i - 1] if i else None

    def _not_in_force(self, rule: Rule, on: date, reason: str) -> Ruling:
        return Ruling(rule.id, on, None, None, rule.references, rule.status, rule.unit, reason)

    def value(self, rule_id: str, on: date, scenarios: Iterable[str] = ()) -> Any:
        """Shorthand for ``at(...).value`` (None when no rule is in force)."""
        if scenarios == ():
            by_rule = self._plain.get(on)
            if by_rule is not None:
                found = by_rule.get(rule_id)
                if found is not None:
                    return found.value
        return self.at(rule_id, on, scenarios).value

    def scenarios(self) -> dict[str, list[str]]:
        """Scenario name -> the rule ids that carry values for it."""
        out: dict[str, list[str]] = {}
        for rule in self.rules.values():
            for name in sorted({dv.scenario for dv in rule.values if dv.scenario}):
                out.setdefault(name, []).append(rule.id)
        return out

    def changes(self, since: date, until: date | None = None) -> list[Change]:
        """Every dated value that took effect in [since, until], oldest first."""
        out: list[Change] = []
        for rule in self.rules.values():
            previous: Any = None
            for dv in rule.values:
                in_range = dv.effective_from >= since and (
                    until is None or dv.effective_from <= until
                )
                if in_range:
                    out.append(
                        Change(
                            rule.id,
                            dv.effective_from,
                            dv.value,
                            previous,
                            dv.references or rule.references,
                            dv.status,
                            dv.scenario,
                        )
                    )
                if dv.status == IN_FORCE:
                    previous = dv.value
        out.sort(key=lambda c: (c.effective_from, c.rule_id))
        return out

    def stale(self, on: date, max_age_days: int = 180) -> list[Rule]:
        """Rules whose last verification is older than ``max_age_days`` on ``on``."""
        return [r for r in self.rules.values() if (on - r.last_verified).days > max_age_days]

    def last_verified(self) -> date:
        """The oldest ``last_verified`` in the book: the date up to which all of it was checked."""
        return min(r.last_verified for r in self.rules.values())

    def fingerprint(self) -> str:
        """A hash of every rule file's bytes: two assessments with equal fingerprints used the
        same rules."""
        if self._fingerprint is None:
            self.rules  # noqa: B018  (loading computes it)
        assert self._fingerprint is not None
        return self._fingerprint[:16]


@cache
def default() -> RuleBook:
    """The rule book shipped with the package."""
    return RuleBook()


def at(rule_id: str, on: date, scenarios: Iterable[str] = ()) -> Ruling:
    """``rulebook.at("crs.core.age", on)`` on the packaged rule book."""
    return default().at(rule_id, on, scenarios)
