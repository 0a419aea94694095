"""Policy scenarios: rule-book scenarios and 'job-offer-restored' (points as before 2025-03-25)."""

from __future__ import annotations

from datetime import date

import numpy as np
import pytest

from maplepath.crs import batch
from maplepath.draws import scenarios
from maplepath.draws.scenarios import JOB_OFFER_RESTORED, Scenario
from maplepath.rulebook import book as rulebook

ON = date(2026, 8, 3)


def pool_with_offers() -> dict[str, np.ndarray]:
    cols = batch.synthetic_pool(3000, seed=7)
    cols["job_offer"] = np.repeat(np.array([0, 1, 2], dtype=np.uint8), 1000)
    return cols


def test_job_offer_points_restored_are_the_rules_last_values() -> None:
    restored = scenarios.named(JOB_OFFER_RESTORED)
    assert restored.overrides == (
        ("crs.additional.arranged_employment", {"major_group_00": 200, "other": 50}),
    )
    assert rulebook.default().at("crs.additional.arranged_employment", ON).in_force is False


def test_restored_points_score_as_on_the_day_before_removal() -> None:
    cols = pool_with_offers()
    base = batch.score_columns(cols, ON)
    restored = scenarios.named(JOB_OFFER_RESTORED)
    again = batch.score_columns(cols, ON, book=restored.book())
    np.testing.assert_array_equal(again[:1000], base[:1000])  # no offer: nothing changes
    # With an offer, the gain is what the offer was worth on 2025-03-24, under the 600 cap.
    before = date(2025, 3, 24)
    worth = batch.score_columns(cols, before) - batch.score_columns(
        {**cols, "job_offer": np.zeros(3000, np.uint8)}, before
    )
    np.testing.assert_array_equal(again - base, worth)
    assert set(np.unique(worth[1000:2000])) <= {50, 0} and 50 in worth[1000:2000]
    assert 200 in worth[2000:]


def test_the_override_book_is_reused_and_the_baseline_book_is_the_default() -> None:
    restored = scenarios.named(JOB_OFFER_RESTORED)
    assert restored.book() is scenarios.named(JOB_OFFER_RESTORED).book()
    assert Scenario("baseline").book() is rulebook.default()


def test_rule_book_scenarios_are_named_and_unknown_names_are_refused() -> None:
    assert scenarios.named("crs-2026-11").rule_scenarios == ("crs-2026-11",)
    assert "crs-2026-11" in scenarios.known_names()
    with pytest.raises(ValueError, match="job-offer-restored"):
        scenarios.named("no-such-scenario")
    with pytest.raises(rulebook.UnknownRuleError):
        scenarios.override_book((("crs.nope", 1),))
