"""The compiled rule book in the data directory: JSON, keyed by content, never trusted blindly."""

from __future__ import annotations

import json
import os
import pickle
import shutil
from datetime import date
from pathlib import Path

import pytest

from maplepath.rulebook import cache
from maplepath.rulebook.book import RULES_ROOT, RuleBook
from maplepath.rulebook.rulefile import Brackets, RuleFileError, parse_rule_file

from ..conftest import FIXTURES

GOOD = FIXTURES / "good_rules"
BAD = FIXTURES / "bad_rules"


@pytest.fixture
def rules(tmp_path: Path) -> Path:
    shutil.copytree(GOOD, tmp_path / "rules")
    return tmp_path / "rules"


def _cache_of(root: Path) -> Path:
    where = cache.cache_path(root)
    assert where is not None
    return where


def test_a_parsed_book_is_kept_as_json_and_read_back_without_parsing(rules: Path) -> None:
    RuleBook(rules).ids()
    data = json.loads(_cache_of(rules).read_text())
    assert data["format"] == cache.FORMAT and {r["id"] for r in data["rules"]} == {
        "crs.age",
        "crs.job_offer",
    }
    # A second book reads the cache: the rules are equal to a fresh parse, field by field.
    again = RuleBook(rules)
    for rule_id in again.ids():
        path = rules / (rule_id.replace(".", "/") + ".yaml")
        assert again.get(rule_id) == parse_rule_file(path, rule_id)


def test_the_packaged_book_survives_the_round_trip_exactly() -> None:
    parsed = {
        r_id: parse_rule_file(RULES_ROOT / (r_id.replace(".", "/") + ".yaml"), r_id)
        for r_id in RuleBook().ids()
    }
    RuleBook().ids()  # writes (or reads) the cache
    cached = RuleBook()
    assert cached.rules == parsed  # integer keys, bracket tables, nulls, notes: all equal
    assert any(isinstance(dv.value, Brackets) for r in parsed.values() for dv in r.values)


def test_an_edit_of_the_same_size_with_the_old_time_stamp_is_not_served_stale(
    rules: Path,
) -> None:
    assert RuleBook(rules).value("crs.age", date(2020, 1, 1)).lookup(40) == 50
    age = rules / "crs" / "age.yaml"
    stamp = age.stat()
    age.write_text(age.read_text().replace("value: 50", "value: 51"))
    os.utime(age, ns=(stamp.st_atime_ns, stamp.st_mtime_ns))
    assert age.stat().st_size == stamp.st_size
    assert RuleBook(rules).value("crs.age", date(2020, 1, 1)).lookup(40) == 51


@pytest.mark.parametrize(
    "damage",
    [
        b"not json",
        b"",
        b"[]",
        b'{"format": 1, "key": "someone else\'s", "rules": []}',
        pickle.dumps({"crs.age": "planted"}),
        b'{"format": 999}',
    ],
    ids=["garbage", "empty", "wrong-shape", "foreign-key", "pickle", "other-format"],
)
def test_a_damaged_or_foreign_cache_is_rebuilt_silently(rules: Path, damage: bytes) -> None:
    RuleBook(rules).ids()
    _cache_of(rules).write_bytes(damage)
    assert RuleBook(rules).ids() == ["crs.age", "crs.job_offer"]
    assert json.loads(_cache_of(rules).read_text())["format"] == cache.FORMAT  # rebuilt


def test_a_cache_with_the_right_key_but_broken_rules_is_rebuilt(rules: Path) -> None:
    RuleBook(rules).ids()
    where = _cache_of(rules)
    data = json.loads(where.read_text())
    data["rules"][0]["values"] = [["not a date", 1, [], "in_force", None, None]]
    where.write_text(json.dumps(data))
    assert RuleBook(rules).value("crs.age", date(2020, 1, 1)).lookup(40) == 50


def test_a_cache_missing_a_rule_file_is_not_used(rules: Path) -> None:
    RuleBook(rules).ids()
    where = _cache_of(rules)
    data = json.loads(where.read_text())
    data["rules"] = [r for r in data["rules"] if r["id"] != "crs.job_offer"]
    where.write_text(json.dumps(data))
    assert RuleBook(rules).ids() == ["crs.age", "crs.job_offer"]


def test_a_broken_file_is_refused_even_when_a_cache_exists(rules: Path) -> None:
    RuleBook(rules).ids()
    shutil.copy(BAD / "unsorted_dates.yaml", rules / "crs" / "broken.yaml")
    with pytest.raises(RuleFileError, match=r"broken\.yaml"):
        RuleBook(rules).ids()


def test_an_old_pickle_cache_is_removed_and_never_read(rules: Path) -> None:
    folder = _cache_of(rules).parent
    folder.mkdir(parents=True, exist_ok=True)
    planted = folder / "rules-0123456789abcdef01234567.pickle"
    planted.write_bytes(pickle.dumps("planted"))
    RuleBook(rules).ids()
    assert not planted.exists()


def test_the_fingerprint_is_the_hash_of_every_file_whatever_the_cache(rules: Path) -> None:
    first = RuleBook(rules).fingerprint()
    assert RuleBook(rules).fingerprint() == first  # from the cache
    (rules / "crs" / "age.yaml").write_text(
        (rules / "crs" / "age.yaml").read_text().replace("value: 50", "value: 52")
    )
    assert RuleBook(rules).fingerprint() != first


@pytest.mark.parametrize(
    "value",
    [None, 3, 2.5, "x", True, [1, "a", None], {"a": 1}, {7: "CLB 7", 8: [1, 2]}, {"k": {1: {}}}],
)
def test_values_keep_their_types(value: object) -> None:
    assert cache.decode(json.loads(json.dumps(cache.encode(value)))) == value
    decoded = cache.decode(cache.encode({1: value}))
    assert list(decoded) == [1]


def test_a_value_json_cannot_hold_is_refused_not_guessed() -> None:
    with pytest.raises(ValueError):
        cache.encode({"when": date(2020, 1, 1)})
