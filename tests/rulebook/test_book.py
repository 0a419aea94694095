"""The rule book: strict loading, dated lookup, scenarios, changes."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest

from maplepath.rulebook.book import Brackets, RuleBook, RuleFileError, UnknownRuleError
from maplepath.rulebook.rulefile import Updates, parse_rule_file

from ..conftest import FIXTURES

GOOD = FIXTURES / "good_rules"
BAD = FIXTURES / "bad_rules"


@pytest.fixture()
def good() -> RuleBook:
    return RuleBook(GOOD)


def test_a_rules_id_is_its_path(good: RuleBook) -> None:
    assert good.ids() == ["crs.age", "crs.job_offer"]


def test_before_a_rule_existed_no_rule_is_in_force(good: RuleBook) -> None:
    ruling = good.at("crs.job_offer", date(2014, 12, 31))
    assert not ruling.in_force
    assert ruling.value is None
    assert "starts 2015-01-01" in (ruling.reason or "")


def test_on_the_first_day_the_first_value_applies(good: RuleBook) -> None:
    ruling = good.at("crs.job_offer", date(2015, 1, 1))
    assert ruling.in_force and ruling.value == 600
    assert ruling.effective_from == date(2015, 1, 1)
    assert ruling.references[0].href == "https://www.canada.ca/file-level"


def test_the_day_before_a_change_keeps_the_old_value(good: RuleBook) -> None:
    assert good.value("crs.job_offer", date(2016, 11, 18)) == 600


def test_on_the_day_of_a_change_the_new_value_and_its_own_citation_apply(good: RuleBook) -> None:
    ruling = good.at("crs.job_offer", date(2016, 11, 19))
    assert ruling.value == 50
    assert ruling.references[0].title.startswith("Value-level source")


def test_an_ended_rule_is_not_in_force(good: RuleBook) -> None:
    assert good.value("crs.job_offer", date(2025, 3, 24)) == 50
    ruling = good.at("crs.job_offer", date(2025, 3, 25))
    assert not ruling.in_force
    assert "ended on 2025-03-25" in (ruling.reason or "")


def test_a_reported_value_applies_only_in_its_named_scenario(good: RuleBook) -> None:
    assert not good.at("crs.job_offer", date(2026, 11, 3)).in_force
    ruling = good.at("crs.job_offer", date(2026, 11, 3), scenarios={"crs-2026-11"})
    assert ruling.value == 25 and ruling.status == "reported"
    assert not good.at("crs.job_offer", date(2026, 11, 3), scenarios={"other"}).in_force
    assert good.scenarios() == {"crs-2026-11": ["crs.job_offer"]}


def test_a_bracket_table_looks_up_the_highest_threshold_not_above(good: RuleBook) -> None:
    ruling = good.at("crs.age", date(2020, 1, 1))
    assert isinstance(ruling.value, Brackets)
    assert [ruling.lookup(a) for a in (17, 18, 35, 36, 99)] == [0, 100, 100, 50, 50]
    with pytest.raises(ValueError, match="below the table's first threshold"):
        ruling.lookup(-1)


def test_a_value_that_is_not_a_table_cannot_be_looked_up(good: RuleBook) -> None:
    with pytest.raises(TypeError, match="not a bracket table"):
        good.at("crs.job_offer", date(2020, 1, 1)).lookup(3)


def test_an_unknown_rule_id_suggests_close_ones(good: RuleBook) -> None:
    with pytest.raises(UnknownRuleError, match=r"did you mean crs\.job_offer"):
        good.at("crs.job_ofer", date(2020, 1, 1))


def test_changes_since_a_date_list_each_dated_value_with_the_previous_one(good: RuleBook) -> None:
    changes = good.changes(since=date(2016, 1, 1))
    assert [(c.rule_id, c.effective_from, c.value, c.previous) for c in changes] == [
        ("crs.job_offer", date(2016, 11, 19), 50, 600),
        ("crs.job_offer", date(2025, 3, 25), None, 50),
        ("crs.job_offer", date(2026, 11, 3), 25, None),
    ]
    assert changes[-1].status == "reported"
    assert good.changes(since=date(2016, 1, 1), until=date(2020, 1, 1))[-1].value == 50


def test_stale_rules_are_those_not_verified_within_180_days(good: RuleBook) -> None:
    assert [r.id for r in good.stale(date(2026, 11, 21))] == ["crs.age"]
    assert good.last_verified() == date(2020, 1, 1)


def test_the_fingerprint_changes_when_a_rule_file_changes(tmp_path: Path) -> None:
    shutil.copytree(GOOD, tmp_path / "rules")
    before = RuleBook(tmp_path / "rules").fingerprint()
    age = tmp_path / "rules" / "crs" / "age.yaml"
    age.write_text(age.read_text().replace("value: 50", "value: 51"))
    assert RuleBook(tmp_path / "rules").fingerprint() != before


BAD_CASES = {
    "unsorted_dates": ("values.2019-01-01", "dates must increase"),
    "duplicate_dates": ("", "duplicate key '2019-01-01'"),
    "non_iso_date": ("values.2019-1-5", "not an ISO date"),
    "impossible_date": ("values.2019-02-30", "not a real date"),
    "unknown_key": ("values.2019-01-01", "unknown key(s) valeu"),
    "unknown_metadata_key": ("metadata", "unknown key(s) verified_by"),
    "missing_reference": ("metadata.reference", "no reference"),
    "reference_without_href": ("metadata.reference[0].href", "needs an http(s) href"),
    "missing_last_verified": ("metadata.last_verified", "missing"),
    "reported_without_scenario": ("values.2026-11-03", "needs a scenario name"),
    "bad_status": ("values.2019-01-01.metadata.status", "'rumoured' is not one of"),
    "brackets_not_increasing": ("values.2019-01-01.brackets[1].threshold", "must increase"),
    "value_and_brackets": ("values.2019-01-01", "exactly one of value: or brackets:"),
    "no_values": ("values", "expected a mapping of effective date"),
    "not_yaml": ("", "not valid YAML"),
    # Value types (metadata.schema): each loaded before, and broke scoring later, unnamed.
    "string_for_number": ("values.2019-01-01.value.other", "'fifty' is not a whole number"),
    "negative_points": ("values.2019-01-01.value", "-5 is not a whole number of 0 or more"),
    "misspelt_value_key": ("values.2019-01-01.value.othr", "unknown key (the rule's keys"),
    "bracket_value_type": ("values.2019-01-01.brackets[1].value", "True is not a whole number"),
    "bad_schema": ("metadata.schema.points", "'integer' is not a type"),
    "last_verified_in_future": ("metadata.last_verified", "2099-01-01 is in the future"),
    # metadata.updates: how often the publisher replaces the table (rules audit reads it).
    "updates_unknown_key": ("metadata.updates", "unknown key(s) day"),
    "updates_every_month": ("metadata.updates.every", "'month' is not one of ['year']"),
    "updates_month_13": ("metadata.updates.month", "13 is not a month (1 to 12)"),
    "updates_not_a_mapping": ("metadata.updates", "expected a mapping, got str"),
    "updates_without_month": ("metadata.updates.month", "None is not a month"),
}


def test_every_bad_fixture_has_a_case() -> None:
    assert sorted(p.stem for p in BAD.glob("*.yaml")) == sorted(BAD_CASES)


@pytest.mark.parametrize("name", sorted(BAD_CASES))
def test_the_loader_refuses_a_bad_file_naming_file_and_key(name: str) -> None:
    key, message = BAD_CASES[name]
    path = BAD / f"{name}.yaml"
    with pytest.raises(RuleFileError) as caught:
        parse_rule_file(path, name)
    assert caught.value.path == path
    assert caught.value.key == key
    assert message in str(caught.value)
    assert str(path) in str(caught.value)


def test_a_yearly_schedule_is_read_and_a_file_without_one_has_none(tmp_path: Path) -> None:
    text = (BAD / "updates_month_13.yaml").read_text()
    good = tmp_path / "funds.yaml"
    good.write_text(text.replace("month: 13", "month: 7"))
    assert parse_rule_file(good, "funds").updates == Updates("year", 7)
    assert parse_rule_file(GOOD / "crs" / "age.yaml", "crs.age").updates is None
    good.write_text(text.replace("month: 13", "month: true"))  # YAML 1.2's true is no month
    with pytest.raises(RuleFileError, match="True is not a month"):
        parse_rule_file(good, "funds")


def test_the_packaged_proof_of_funds_says_it_is_replaced_every_year_by_july(
    book: RuleBook,
) -> None:
    assert book.get("programs.express_entry.proof_of_funds").updates == Updates("year", 7)


def test_a_bad_file_anywhere_in_the_tree_stops_the_whole_book(tmp_path: Path) -> None:
    shutil.copytree(GOOD, tmp_path / "rules")
    shutil.copy(BAD / "unsorted_dates.yaml", tmp_path / "rules" / "crs" / "broken.yaml")
    with pytest.raises(RuleFileError, match=r"broken\.yaml"):
        RuleBook(tmp_path / "rules").ids()


def test_a_broken_file_is_refused_even_when_an_older_cache_exists(tmp_path: Path) -> None:
    shutil.copytree(GOOD, tmp_path / "rules")
    RuleBook(tmp_path / "rules").ids()
    shutil.copy(BAD / "unsorted_dates.yaml", tmp_path / "rules" / "crs" / "broken.yaml")
    with pytest.raises(RuleFileError, match=r"broken\.yaml"):
        RuleBook(tmp_path / "rules").ids()


def test_dated_value_dates_the_end_of_a_rule_too(book: RuleBook) -> None:
    rule = "crs.additional.arranged_employment"
    ended = book.dated_value(rule, date(2025, 3, 25))
    assert ended is not None and ended.value is None
    assert ended.effective_from == date(2025, 3, 25)
    assert not book.at(rule, date(2025, 3, 25)).in_force
    before = book.dated_value(rule, date(2025, 3, 24))
    assert (
        before is not None
        and before.effective_from == book.at(rule, date(2025, 3, 24)).effective_from
    )
    assert book.dated_value(rule, date(2014, 12, 31)) is None
