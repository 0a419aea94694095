"""Meta-tests over every packaged rule file, and the sentence-named scenarios in tests/rules/.

House rule: every effective date of every rule has a scenario case on each side of it — the
day before and the day itself — so a wrong date fails a test. Scenario files mirror the rule
tree (tests/rules/crs/core/age.yaml tests rules/crs/core/age.yaml).
"""

from __future__ import annotations

import warnings
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest

from maplepath.rulebook.book import RuleBook, default
from maplepath.rulebook.rulefile import load_yaml

from ..conftest import HERE

SCENARIOS = HERE / "rules"
CASE_KEYS = {"name", "date", "expect", "in_force", "lookup", "path", "scenarios"}


def _scenario_files() -> list[Path]:
    return sorted(SCENARIOS.rglob("*.yaml"))


def _rule_id(path: Path) -> str:
    return ".".join(path.relative_to(SCENARIOS).with_suffix("").parts)


def _cases(path: Path) -> list[dict[str, Any]]:
    cases = load_yaml(path.read_text(encoding="utf-8"))
    assert isinstance(cases, list) and cases, f"{path}: expected a list of cases"
    for case in cases:
        assert set(case) <= CASE_KEYS, f"{path}: unknown keys {set(case) - CASE_KEYS}"
        assert "name" in case and "date" in case, f"{path}: each case needs a name and a date"
    return cases


def _all_cases() -> list[tuple[str, dict[str, Any]]]:
    return [(_rule_id(p), c) for p in _scenario_files() for c in _cases(p)]


def test_every_rule_file_loads_and_is_cited(book: RuleBook) -> None:
    assert book.ids(), "no rule files found"
    for rule in book.rules.values():
        assert rule.references, rule.id
        assert all(r.href.startswith("https://") for r in rule.references), rule.id


def test_every_packaged_rule_file_types_its_values() -> None:
    # The loader checks each dated value against metadata.schema (rulebook/schema.py); a
    # packaged file without one would let a mistyped value through. tools/rule_schemas.py
    # writes a first schema for a new file.
    from maplepath.rulebook.book import RULES_ROOT

    untyped = [
        str(p.relative_to(RULES_ROOT))
        for p in sorted(RULES_ROOT.rglob("*.yaml"))
        if "schema" not in (load_yaml(p.read_text(encoding="utf-8")).get("metadata") or {})
    ]
    assert not untyped, untyped


def test_rules_not_verified_in_180_days_are_listed_as_warnings(book: RuleBook) -> None:
    # A reminder, not a failure: the assessment date is real-world today here on purpose.
    for rule in book.stale(date.today()):
        warnings.warn(f"{rule.id} last verified {rule.last_verified}", stacklevel=1)


def test_every_scenario_file_names_an_existing_rule(book: RuleBook) -> None:
    for path in _scenario_files():
        book.get(_rule_id(path))


def test_every_effective_date_has_a_case_the_day_before_and_on_the_day(book: RuleBook) -> None:
    covered: dict[str, set[date]] = {}
    for rule_id, case in _all_cases():
        covered.setdefault(rule_id, set()).add(date.fromisoformat(str(case["date"])))
    missing = []
    for rule in book.rules.values():
        for dv in rule.values:
            for day in (dv.effective_from - timedelta(days=1), dv.effective_from):
                if day not in covered.get(rule.id, set()):
                    missing.append(f"{rule.id}: no case on {day}")
    assert not missing, "\n".join(missing)


def _dig(value: Any, path: str | None) -> Any:
    for key in (path or "").split("."):
        if key:
            if isinstance(value, list):
                value = value[int(key)]
            else:
                value = value[int(key)] if key not in value and key.isdigit() else value[key]
    return value


@pytest.mark.parametrize(
    ("rule_id", "case"), _all_cases(), ids=[c["name"] for _, c in _all_cases()]
)
def test_scenario(rule_id: str, case: dict[str, Any]) -> None:
    ruling = default().at(rule_id, date.fromisoformat(str(case["date"])), case.get("scenarios", ()))
    if "in_force" in case:
        assert ruling.in_force is case["in_force"], ruling.reason
    if "expect" not in case:
        return
    assert ruling.in_force, ruling.reason
    value = ruling.lookup(case["lookup"]) if "lookup" in case else ruling.value
    assert _dig(value, case.get("path")) == case["expect"]
