"""Policy scenarios for pool simulations: the same candidates, scored under other rules.

A scenario is either a rule-book scenario (a ``reported`` or ``proposed`` value named in the
rule files, such as ``crs-2026-11``: the high-wage occupation factor reported from 2026-11-03)
or an override of one rule's value on every date. The named override ``job-offer-restored``
puts back the arranged-employment points as they stood before their removal on 2025-03-25
(50 points, 200 for NOC major group 00, from 2016-11-19): the value is read from the rule's
own history, never typed here.

``crs-2026-11`` changes nothing in a simulation today: the rule file records the factor but no
points for it (no source gives them), so the CRS awards 0 and the simulation says so.
"""

from __future__ import annotations

import dataclasses
import json
from dataclasses import dataclass
from datetime import date
from typing import Any

from maplepath.i18n import say
from maplepath.rulebook import book as rulebook
from maplepath.rulebook.book import RuleBook, Ruling

BASELINE = "baseline"
ARRANGED_EMPLOYMENT = "crs.additional.arranged_employment"
JOB_OFFER_RESTORED = "job-offer-restored"


@dataclass(frozen=True)
class Scenario:
    """A named way of scoring: rule-book scenarios applied, and rules whose value is replaced
    on every date by ``overrides`` ((rule id, value) pairs)."""

    name: str
    rule_scenarios: tuple[str, ...] = ()
    overrides: tuple[tuple[str, Any], ...] = ()

    def book(self, base: RuleBook | None = None) -> RuleBook:
        return override_book(self.overrides, base)


def last_value(rule_id: str, book: RuleBook | None = None) -> Any:
    """The last in-force value a rule had (its value just before it ended)."""
    book = book or rulebook.default()
    values = [
        dv.value for dv in book.get(rule_id).values if not dv.ended and dv.status == "in_force"
    ]
    if not values:
        raise ValueError(f"{rule_id} never had an in-force value")
    return values[-1]


def named(name: str, book: RuleBook | None = None) -> Scenario:
    """``baseline``, ``job-offer-restored``, or a rule-book scenario name (``crs-2026-11``)."""
    book = book or rulebook.default()
    if name == BASELINE:
        return Scenario(BASELINE)
    if name == JOB_OFFER_RESTORED:
        return Scenario(
            name, overrides=((ARRANGED_EMPLOYMENT, last_value(ARRANGED_EMPLOYMENT, book)),)
        )
    known = book.scenarios()
    if name in known:
        return Scenario(name, rule_scenarios=(name,))
    listed = ", ".join([BASELINE, JOB_OFFER_RESTORED, *sorted(known)])
    raise ValueError(
        say("no scenario named %(name)s (known: %(known)s)", name=repr(name), known=listed)
    )


def known_names(book: RuleBook | None = None) -> list[str]:
    return [BASELINE, JOB_OFFER_RESTORED, *sorted((book or rulebook.default()).scenarios())]


class _OverrideBook(RuleBook):
    """The same rules, with some values replaced on every date."""

    def __init__(self, base: RuleBook, overrides: dict[str, Any]) -> None:
        super().__init__(base.root)
        self._rules = base.rules
        self._overrides = overrides

    def at(self, rule_id: str, on: date, scenarios: Any = ()) -> Ruling:
        ruling = super().at(rule_id, on, scenarios)
        if rule_id not in self._overrides:
            return ruling
        since = ruling.effective_from or on
        return dataclasses.replace(
            ruling, value=self._overrides[rule_id], effective_from=since, reason=None
        )


# Override books live as long as the process: the CRS table cache is keyed by the book's id,
# so a book must never be collected and its id reused by another.
_BOOKS: dict[tuple[int, str], RuleBook] = {}


def override_book(overrides: tuple[tuple[str, Any], ...], base: RuleBook | None = None) -> RuleBook:
    base = base or rulebook.default()
    if not overrides:
        return base
    for rule_id, _ in overrides:
        base.get(rule_id)  # an unknown id is an error, with suggestions
    key = (
        id(base),
        json.dumps(sorted(overrides, key=lambda kv: kv[0]), sort_keys=True, default=str),
    )
    found = _BOOKS.get(key)
    if found is None:
        found = _BOOKS[key] = _OverrideBook(base, dict(overrides))
    return found
