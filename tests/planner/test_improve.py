"""The optimizer: exact against brute force on small spaces, honest when a target is out of
reach, and scored on the day each plan ends."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from maplepath.crs import scalar as crs
from maplepath.planner import actions, improve
from maplepath.profile.load import read_profile
from maplepath.profile.model import Profile

from ..conftest import EXAMPLES

ON = date(2026, 11, 22)


def load(name: str) -> Profile:
    return read_profile(EXAMPLES / f"{name}.yaml").profile


def found(p: Profile, target: int, by: str, max_actions: int = 4) -> list[tuple[str, ...]]:
    r = improve.improve(p, ON, target, by, max_actions=max_actions, limit=1000)
    return [tuple(sorted(plan.ids)) for plan in r.plans]


@pytest.mark.parametrize("by", ["time", "cost"])
@pytest.mark.parametrize(
    ("name", "gains", "max_actions"),
    [
        ("software_engineer_abroad", (1, 20, 40, 60, 70), 4),
        ("francophone_engineer", (1, 5, 10, 18), 4),
        ("data_scientist_pgwp", (10, 30, 60, 90), 2),
        ("us_web_developer_offer", (10, 40, 70), 2),
    ],
)
def test_the_optimizer_finds_exactly_the_brute_force_pareto_front(
    name: str, gains: tuple[int, ...], max_actions: int, by: str
) -> None:
    p = load(name)
    current = crs.score(p, ON).total
    for gain in gains:
        expected = improve.brute_force(p, ON, current + gain, by, max_actions)
        assert found(p, current + gain, by, max_actions) == expected, (name, gain)


def test_each_plan_reaches_the_target_on_the_day_it_ends() -> None:
    p = load("data_scientist_pgwp")
    r = improve.improve(p, ON, 530, max_actions=3)
    assert r.reachable and r.plans
    for plan in r.plans:
        assert plan.final_score >= 530
        assert plan.final_on == ON + timedelta(days=plan.days)
        assert plan.steps[-1].end <= plan.final_on


def test_plans_come_quickest_first_by_time_and_cheapest_first_by_cost() -> None:
    p = load("software_engineer_abroad")
    by_time = improve.improve(p, ON, 527, "time", limit=10).plans
    assert [x.days for x in by_time] == sorted(x.days for x in by_time)
    by_cost = improve.improve(p, ON, 527, "cost", limit=10).plans
    keys = [(not x.cost_complete, x.cost_cad) for x in by_cost]
    assert keys == sorted(keys)


def test_one_persons_tests_follow_each_other_while_an_eca_runs_beside_them() -> None:
    wei = load("data_scientist_pgwp")
    cat = {a.id: a for a in actions.catalogue(wei, ON)}
    english, french = cat["applicant:english:L9-R9-W9-S9"], cat["applicant:french:L7-R7-W7-S7"]
    eca = cat["applicant:eca:0"]
    assert improve.measures([english, french])[0] == english.days + french.days
    assert improve.measures([english, eca])[0] == max(english.days, eca.days)
    assert improve.measures([english, eca])[1] == (1, 264)  # CELPIP's fee is unknown


def test_an_unreachable_target_says_so_and_gives_the_best_reachable_score() -> None:
    p = load("software_engineer_abroad")
    r = improve.improve(p, ON, 900)
    assert not r.reachable and r.plans == []
    assert r.best_plan is not None and r.best_score == r.best_plan.final_score
    assert r.best_score > r.current
    # the best over every combination, scored by hand
    scorer = improve._Scorer(p, ON, (), __import__("maplepath").rulebook.default())
    combos = improve._combinations(actions.catalogue(p, ON), 4)
    best = max(scorer.score(c, ON + timedelta(days=improve.measures(c)[0])) for c in combos)
    assert r.best_score == best


def test_a_target_already_met_needs_no_plan() -> None:
    r = improve.improve(load("software_engineer_abroad"), ON, 400)
    assert r.reachable and r.plans == [] and r.current >= 400


def test_age_points_lost_while_waiting_count_against_a_plan() -> None:
    # Scored on the day the plan ends: a plan that waits is scored with the age on that day.
    wei = load("data_scientist_pgwp")
    wait = next(a for a in actions.catalogue(wei, ON) if a.group == "wait")
    plan = improve._plan([wait], improve._Scorer(wei, ON, (), crs.default()), ON)
    assert plan.final_score == crs.score(wei, plan.final_on).total


def test_the_couple_reaches_a_higher_score_by_switching_principal_applicant() -> None:
    couple = load("couple_spouse_stronger")
    current = crs.score(couple, ON).total
    r = improve.improve(couple, ON, current + 40)
    assert r.plans[0].ids == ("swap",) and r.plans[0].days == 0


def test_bad_arguments_are_refused() -> None:
    with pytest.raises(ValueError, match="by must be"):
        improve.improve(load("software_engineer_abroad"), ON, 500, by="fastest")
    with pytest.raises(ValueError, match="max_actions"):
        improve.improve(load("software_engineer_abroad"), ON, 500, max_actions=0)


def test_the_bound_is_never_below_a_combinations_score() -> None:
    from maplepath.rulebook.book import default

    p = load("data_scientist_pgwp")
    cat = actions.catalogue(p, ON)
    scorer = improve._Scorer(p, ON, (), default())
    bounds = improve._Bounds(cat, scorer)
    for combo in improve._combinations(cat, 2):
        days = improve.measures(combo)[0]
        assert scorer.score(combo, ON + timedelta(days=days)) <= bounds.of(combo), combo


def test_the_best_reachable_score_of_a_couple_is_exact_and_pruned() -> None:
    from maplepath.rulebook.book import default

    couple = load("couple_spouse_stronger")
    r = improve.improve(couple, ON, 900, max_actions=2)
    scorer = improve._Scorer(couple, ON, (), default())
    combos = improve._combinations(actions.catalogue(couple, ON), 2)
    best = max(scorer.score(c, ON + timedelta(days=improve.measures(c)[0])) for c in combos)
    assert not r.reachable and r.best_score == best
    assert r.scored < r.searched  # the bound spared scoring part of the space
