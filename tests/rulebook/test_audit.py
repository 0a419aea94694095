"""``rules audit``: why a rule may be stale on a date — reported, unverified for 180 days, or a
yearly table past its usual update month — and never for a rule verified after the date."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from maplepath.rulebook.audit import RuleAudit, audit, audit_rule
from maplepath.rulebook.book import RuleBook
from maplepath.rulebook.rulefile import Rule, parse_rule_file

HEADER = """\
description: {description}
metadata:
  unit: cad
{extra}  last_verified: {verified}
  reference:
    - title: "A cited fact"
      href: https://www.canada.ca/example
values:
"""


def rule_file(
    tmp_path: Path,
    values: dict[str, str],
    verified: str = "2025-08-01",
    extra: str = "",
    name: str = "funds",
) -> Rule:
    """A rule file of the given dated values (``"2025-07-07": "{value: 1}"``)."""
    text = HEADER.format(description=f"rule {name}", extra=extra, verified=verified)
    text += "".join(f"  {when}: {entry}\n" for when, entry in values.items())
    path = tmp_path / f"{name}.yaml"
    path.write_text(text)
    return parse_rule_file(path, name)


YEARLY = "  updates: {every: year, month: 7}\n"


def kinds(a: RuleAudit) -> list[str]:
    return [c.kind for c in a.concerns]


def assert_no_warning(a: RuleAudit) -> None:
    assert a.concerns == () and a.warning is None, a.warning


@pytest.fixture()
def funds_2025(tmp_path: Path) -> Rule:
    """IRCC's proof-of-funds shape: tables of 2024 and 2025, a new one each year by July."""
    values = {"2024-05-28": "{value: 1}", "2025-07-07": "{value: 2}"}
    return rule_file(tmp_path, values, verified="2026-07-15", extra=YEARLY)


def test_a_yearly_table_is_not_due_until_its_month_has_passed_a_year_later(
    funds_2025: Rule,
) -> None:
    assert_no_warning(audit_rule(funds_2025, date(2026, 7, 31)))


def test_a_yearly_table_is_due_the_day_after_that_month(funds_2025: Rule) -> None:
    found = audit_rule(funds_2025, date(2026, 8, 1))
    assert kinds(found) == ["table_due"]
    assert found.warning == (
        "a new table is usually published every year by July, and the newest here took "
        "effect 2025-07-07: one was due by the end of July 2026"
    )


def test_a_newer_table_in_the_file_resets_the_schedule(tmp_path: Path) -> None:
    values = {"2025-07-07": "{value: 2}", "2026-06-20": "{value: 3}"}
    rule = rule_file(tmp_path, values, verified="2026-07-15", extra=YEARLY)
    assert_no_warning(audit_rule(rule, date(2026, 8, 1)))
    a_year_on = audit_rule(rule, date(2027, 8, 1))
    assert kinds(a_year_on) == ["unverified", "table_due"]
    assert "2026-06-20: one was due by the end of July 2027" in str(a_year_on.warning)


def test_a_published_table_not_yet_in_force_is_a_newer_table(tmp_path: Path) -> None:
    values = {"2025-07-07": "{value: 2}", "2026-09-01": "{value: 3}"}
    rule = rule_file(tmp_path, values, verified="2026-08-10", extra=YEARLY)
    assert_no_warning(audit_rule(rule, date(2026, 8, 15)))


def test_an_ended_table_and_one_not_started_are_never_due(tmp_path: Path) -> None:
    values = {"2024-05-28": "{value: 1}", "2025-01-01": "{value: null}"}
    ended = rule_file(tmp_path, values, verified="2026-08-10", extra=YEARLY)
    assert_no_warning(audit_rule(ended, date(2026, 8, 15)))
    later = rule_file(tmp_path, {"2026-09-01": "{value: 1}"}, "2026-08-10", YEARLY, "later")
    assert_no_warning(audit_rule(later, date(2026, 8, 15)))


def test_a_table_due_in_december_is_due_from_the_next_first_of_january(tmp_path: Path) -> None:
    extra = "  updates: {every: year, month: 12}\n"
    rule = rule_file(tmp_path, {"2024-03-01": "{value: 1}"}, "2025-12-31", extra)
    assert_no_warning(audit_rule(rule, date(2025, 12, 31)))
    assert kinds(audit_rule(rule, date(2026, 1, 1))) == ["table_due"]


def test_a_rule_without_a_schedule_is_never_due(tmp_path: Path) -> None:
    rule = rule_file(tmp_path, {"2020-01-01": "{value: 1}"}, verified="2026-08-10")
    assert_no_warning(audit_rule(rule, date(2026, 8, 15)))


def test_a_rule_is_unverified_from_the_181st_day(tmp_path: Path) -> None:
    rule = rule_file(tmp_path, {"2020-01-01": "{value: 1}"}, verified="2026-01-01")
    on_day_180 = audit_rule(rule, date(2026, 6, 30))
    assert on_day_180.age_days == 180
    assert_no_warning(on_day_180)
    day_181 = audit_rule(rule, date(2026, 7, 1))
    assert kinds(day_181) == ["unverified"]
    assert day_181.warning == "not verified for 181 days before 2026-07-01 (more than 180)"


def test_a_rule_verified_after_the_date_is_not_stale_then(funds_2025: Rule) -> None:
    # Verified on 2026-07-15 (no 2026 table yet); asked about a date long before.
    earlier = audit_rule(funds_2025, date(2025, 1, 10))
    assert earlier.age_days == -551
    assert_no_warning(earlier)


def test_a_table_checked_after_its_due_month_is_still_due_on_the_day_checked(
    tmp_path: Path,
) -> None:
    # The packaged proof of funds: verified 2026-12-06, no 2026 table found; the audit of that
    # day says so, the audit of a day before the check does not.
    values = {"2025-07-07": "{value: 2}"}
    rule = rule_file(tmp_path, values, verified="2026-12-06", extra=YEARLY)
    assert kinds(audit_rule(rule, date(2026, 12, 6))) == ["table_due"]
    assert_no_warning(audit_rule(rule, date(2026, 9, 1)))


def test_a_reported_rule_says_so_on_any_date(tmp_path: Path) -> None:
    extra = "  status: reported\n  scenario: crs-2026-11\n"
    rule = rule_file(tmp_path, {"2026-11-03": "{value: 1}"}, "2026-11-21", extra)
    for on in (date(2026, 1, 1), date(2026, 11, 21)):
        found = audit_rule(rule, on)
        assert found.status == "reported" and kinds(found) == ["reported"]
        assert found.warning == "reported, not yet official: applied only in scenario crs-2026-11"


def test_a_proposed_value_of_a_rule_in_force_says_its_date(tmp_path: Path) -> None:
    values = {
        "2020-01-01": "{value: 1}",
        "2027-01-01": "{value: 2, metadata: {status: proposed, scenario: bill-c-99}}",
    }
    found = audit_rule(rule_file(tmp_path, values, "2026-11-21"), date(2026, 11, 21))
    assert found.status == "in_force" and kinds(found) == ["proposed"]
    assert found.warning == (
        "proposed, not yet official: the value of 2027-01-01, applied only in scenario bill-c-99"
    )


def test_every_reason_is_said_in_one_warning(tmp_path: Path) -> None:
    values = {
        "2024-05-28": "{value: 1}",
        "2027-01-01": "{value: 2, metadata: {status: reported, scenario: s}}",
    }
    rule = rule_file(tmp_path, values, "2025-01-01", YEARLY)
    found = audit_rule(rule, date(2026, 1, 1))
    assert kinds(found) == ["reported", "unverified", "table_due"]
    assert found.warning is not None and found.warning.count("; ") == 2


def test_rules_with_a_warning_come_first_then_by_id(tmp_path: Path) -> None:
    fresh = rule_file(tmp_path, {"2020-01-01": "{value: 1}"}, "2026-11-01", name="a_fresh")
    stale = rule_file(tmp_path, {"2020-01-01": "{value: 1}"}, "2020-01-01", name="z_stale")
    old = rule_file(tmp_path, {"2020-01-01": "{value: 1}"}, "2020-01-01", name="b_stale")
    found = audit([fresh, stale, old], date(2026, 11, 21))
    assert [a.rule_id for a in found] == ["b_stale", "z_stale", "a_fresh"]


def test_the_json_of_a_rule_is_the_design_s(funds_2025: Rule) -> None:
    assert audit_rule(funds_2025, date(2026, 7, 20)).to_json() == {
        "id": "funds",
        "last_verified": "2026-07-15",
        "age_days": 5,
        "status": "in_force",
        "warning": None,
    }


def test_no_packaged_rule_older_than_180_days_goes_without_a_warning(book: RuleBook) -> None:
    on = date(2027, 12, 6)
    found = audit(book.rules.values(), on)
    assert found and all(a.warning for a in found if a.age_days > 180)
