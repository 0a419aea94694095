"""The default simulation schedule follows the last 12 months of published rounds."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from maplepath.draws import schedule, simulate
from maplepath.draws.rounds import Round, parse_rounds
from maplepath.draws.simulate import Plan, plan_days

from . import reference_file


def rnd(number: int, day: date, category: str, size: int) -> Round:
    return Round(str(number), day, category, category, (), size, 500, None, None, None, None)


def test_the_pattern_counts_each_kind_with_its_median_size_and_spacing() -> None:
    on = date(2026, 8, 3)
    rounds = [
        *(rnd(i, on - timedelta(days=14 * i), "pnp", 400 + i) for i in range(1, 27)),
        rnd(100, on - timedelta(days=30), "cec", 3000),
        rnd(101, on - timedelta(days=200), "cec", 1000),
        rnd(102, on - timedelta(days=400), "general", 5000),  # before the window
        rnd(103, on + timedelta(days=1), "ee_category:french", 5000),  # after it
    ]
    found = schedule.recent_pattern(rounds, on)
    assert [p.draw_type for p in found] == ["pnp", "cec"]
    pnp, cec = found
    assert (pnp.rounds, pnp.size, pnp.gap_days) == (26, 414, 365 / 26)
    assert (cec.rounds, cec.size, cec.last) == (2, 2000, on - timedelta(days=30))
    with pytest.raises(ValueError, match="--category"):
        schedule.recent_pattern(rounds, on + timedelta(days=800))


def test_plans_carry_each_kind_on_at_its_pace_from_its_last_round() -> None:
    day0 = date(2026, 8, 3)
    patterns = [
        schedule.Pattern("pnp", 26, 400, 14.0, day0 - timedelta(days=4)),
        schedule.Pattern("cec", 12, 3000, 30.0, day0 - timedelta(days=40)),
    ]
    plans = schedule.plans(patterns, day0, weeks=8)
    assert [(p.draw_type, p.day) for p in plans] == [
        ("pnp", 10), ("cec", 20), ("pnp", 24), ("pnp", 38), ("cec", 50), ("pnp", 52),
    ]  # fmt: skip
    assert {p.size for p in plans if p.draw_type == "cec"} == {3000}
    assert {p.size for p in schedule.plans(patterns, day0, 8, size=10)} == {10}


def test_plan_days_default_to_weekly_and_must_not_go_back() -> None:
    assert plan_days([Plan("cec", 1), Plan("cec", 1)]) == [7, 14]
    assert plan_days([Plan("cec", 1, 3), Plan("cec", 1), Plan("pnp", 1, 10)]) == [3, 10, 10]
    with pytest.raises(ValueError, match="date order"):
        plan_days([Plan("cec", 1, 9), Plan("pnp", 1, 2)])
    with pytest.raises(ValueError, match="date order"):
        plan_days([Plan("cec", 1, 0)])


def test_the_reference_pattern_has_no_general_round_and_simulates() -> None:
    rounds = parse_rounds(reference_file().read_bytes())
    start = simulate.starting_round(rounds)
    plans, found = schedule.recent_plans(rounds, start, weeks=8, pool_size=20_000)
    kinds = [p.draw_type for p in found]
    assert "general" not in kinds  # none held since 2024-04-23
    assert kinds[:3] == ["pnp", "cec", "ee_category:french"]
    assert all(1 <= p.day <= 56 for p in plans if p.day is not None)
    assert [p.day for p in plans] == sorted(p.day for p in plans if p.day is not None)
    sim = simulate.simulate(start, plans, pool_size=20_000, seed=0)
    assert [r.draw_type for r in sim.rounds] == [p.draw_type for p in plans]
    assert [r.date for r in sim.rounds] == [
        start.distribution_as_on + timedelta(days=p.day)  # type: ignore[operator]
        for p in plans
    ]
    assert sim.rounds[-1].week <= 8
    assert "pnp every 15 days" in schedule.describe(found, sim.start)
