"""TOEFL Essentials: designated by IRCC on 2025-08-21, not accepted yet (no CLB equivalence):
a profile with a result is told why it cannot count, never scored, never a traceback."""

from __future__ import annotations

from datetime import date

import pytest

from maplepath.profile import language
from maplepath.profile.load import ProfileError, validate_profile
from maplepath.rulebook.book import RuleBook


def test_the_watch_list_starts_on_the_day_of_designation(book: RuleBook) -> None:
    assert not book.at(language.PENDING_RULE, date(2025, 8, 20)).in_force
    listed = book.value(language.PENDING_RULE, date(2025, 8, 21))
    assert listed["toefl_essentials"]["designated"] == "2025-08-21"
    assert "toefl_essentials" not in language.TESTS  # not scored while on the list


def test_a_toefl_essentials_result_is_refused_with_the_reason() -> None:
    doc = {"language_tests": [{"test": "toefl_essentials", "date": "2026-02-01",
                               "scores": {"listening": 10, "reading": 10}}]}  # fmt: skip
    with pytest.raises(ProfileError) as refused:
        validate_profile(doc, "profile")
    (problem,) = refused.value.problems
    assert problem.path == "language_tests[0].test"
    assert "designated by IRCC on 2025-08-21 but is not accepted yet" in problem.message
    with pytest.raises(ValueError, match="not accepted yet"):
        language.rule_id("toefl_essentials")


def test_other_unknown_tests_keep_their_message() -> None:
    assert language.pending("duolingo") is None
    with pytest.raises(ValueError, match="not a test IRCC accepts"):
        language.rule_id("duolingo")
