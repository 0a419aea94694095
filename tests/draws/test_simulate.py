"""Simulated rounds: ranking, tie-break by submission time, expiry, categories, scenarios."""

from __future__ import annotations

from datetime import date

import numpy as np
import pytest

from maplepath.draws import pool, scenarios, simulate
from maplepath.draws.rounds import BANDS, Round, parse_rounds
from maplepath.draws.simulate import Plan, _run

from . import reference_file


def arrays(scores: list[int], entered: list[float], flags: list[int] | None = None) -> tuple:
    return (
        np.array(scores, dtype=np.int16),
        np.array(flags or [0] * len(scores), dtype=np.uint16),
        np.array(entered, dtype=np.float64),
    )


def test_a_round_invites_the_highest_scores_and_reports_the_lowest_invited() -> None:
    s, f, e = arrays([400, 500, 450, 480], [-1, -2, -3, -4])
    assert _run(s, f, e, 365, [Plan("general", 2)]) == [(480, 2, 4, -4.0)]


def test_at_equal_scores_the_profile_submitted_first_is_invited() -> None:
    s, f, e = arrays([450, 450, 450, 450], [-5.0, -50.0, -20.0, -30.0])
    first, second = _run(s, f, e, 365, [Plan("general", 2), Plan("general", 1)])
    assert first == (450, 2, 4, -30.0)  # -50 and -30 invited: tie-break at day -30
    assert second == (450, 1, 2, -20.0)


def test_expired_and_not_yet_arrived_profiles_are_not_invited() -> None:
    s, f, e = arrays([900, 800, 300], [-400.0, 10.0, -1.0])  # expired; arrives on day 10
    out = _run(s, f, e, 365, [Plan("general", 1), Plan("general", 1)])
    assert out == [(300, 1, 1, -1.0), (800, 1, 1, 10.0)]
    # A profile leaves the pool 12 months (the validity) after submission.
    s, f, e = arrays([700], [-360.0])
    assert _run(s, f, e, 365, [Plan("general", 1)]) == [(None, 0, 0, None)]


def test_a_category_round_invites_only_that_category() -> None:
    french = 1 << pool.FLAG_BITS["ee_category:french"]
    s, f, e = arrays([600, 410, 390], [-1, -1, -1], [0, french, french])
    assert _run(s, f, e, 365, [Plan("ee_category:french", 5)]) == [(390, 2, 2, -1.0)]
    assert _run(s, f, e, 365, [Plan("pnp", 5)]) == [(None, 0, 0, None)]


def _by_sorting(
    scores: np.ndarray, flags: np.ndarray, entered: np.ndarray, validity: int, plans: list[Plan]
) -> list[tuple]:
    """The rounds by the plain definition: sort the live candidates by (score, earliest
    submission) and take the first ``size``."""
    invited: set[int] = set()
    out = []
    for day, plan in zip(simulate.plan_days(plans), plans, strict=True):
        ok = pool.eligible(flags, plan.draw_type)
        live = [
            i
            for i in range(len(scores))
            if entered[i] <= day < entered[i] + validity and ok[i] and i not in invited
        ]
        live.sort(key=lambda i: (-int(scores[i]), entered[i]))
        top = live[: plan.size]
        invited.update(top)
        if not top:
            out.append((None, 0, len(live), None))
            continue
        cutoff = int(scores[top[-1]])
        tie = max(float(entered[i]) for i in top if scores[i] == cutoff)
        out.append((cutoff, len(top), len(live), tie))
    return out


@pytest.mark.parametrize("seed", range(20))
def test_the_rounds_equal_the_plain_sort_by_score_then_submission(seed: int) -> None:
    rng = np.random.default_rng(seed)
    n = int(rng.integers(1, 400))
    scores = rng.integers(300, 330, n).astype(np.int16)  # few scores: many ties at cut-offs
    french = 1 << pool.FLAG_BITS["ee_category:french"]
    flags = np.where(rng.random(n) < 0.3, french, 0).astype(np.uint16)
    entered = rng.uniform(-400, 60, n)
    kinds = ["general", "ee_category:french"]
    plans = [Plan(kinds[int(rng.integers(2))], int(rng.integers(1, 60))) for _ in range(10)]
    assert _run(scores, flags, entered, 365, plans) == _by_sorting(
        scores, flags, entered, 365, plans
    )


@pytest.fixture(scope="module")
def latest() -> Round:
    return simulate.starting_round(parse_rounds(reference_file().read_bytes()))


def test_the_simulation_starts_from_the_latest_published_pool(latest: Round) -> None:
    assert latest.number == "434" and latest.distribution is not None
    rounds = parse_rounds(reference_file().read_bytes())
    with pytest.raises(ValueError, match="round 214"):
        simulate.starting_round(rounds, "100")
    with pytest.raises(ValueError, match="no round number"):
        simulate.starting_round(rounds, "9999")


def test_a_simulation_is_reproducible_and_scenarios_move_cutoffs(latest: Round) -> None:
    plans = [Plan("general", 500), Plan("ee_category:french", 300)] * 2
    chosen = [scenarios.named("job-offer-restored"), scenarios.named("crs-2026-11")]
    a = simulate.simulate(latest, plans, scenarios=chosen, pool_size=20_000, seed=3)
    b = simulate.simulate(latest, plans, scenarios=chosen, pool_size=20_000, seed=3)
    assert a.to_json() == b.to_json()
    c = simulate.simulate(latest, plans, pool_size=20_000, seed=4)
    assert [r.cutoffs["baseline"] for r in c.rounds] != [r.cutoffs["baseline"] for r in a.rounds]
    assert a.pool_size == 20_000 and a.validity_months == 12
    assert a.weekly_entrants == round(20_000 / 52 + 400)
    assert a.start == date(2026, 8, 3) and a.rounds[0].date == date(2026, 8, 10)
    tie = a.rounds[0].tie_breaks["baseline"]
    assert tie is not None and tie.date() <= date(2026, 8, 10)
    first = a.rounds[0]
    # Restored points only add to scores, so the first round's cut-off cannot fall.
    assert first.cutoffs["job-offer-restored"] >= first.cutoffs["baseline"]
    assert all(r.invited["baseline"] <= r.size for r in a.rounds)
    assert any("crs-2026-11: no change" in n for n in a.notes)
    summary = a.summary()
    assert summary["baseline"]["general"]["mean_change_vs_baseline"] == 0
    assert summary["job-offer-restored"]["general"]["mean_change_vs_baseline"] >= 0


def test_the_pool_matches_the_published_bands(latest: Round) -> None:
    sim = simulate.simulate(latest, [Plan("general", 10)], pool_size=20_000, seed=0)
    fills = {f.band: f for f in sim.fills}
    assert sum(f.wanted for f in fills.values()) == 20_000
    dist = latest.pool()
    assert dist is not None and set(fills) < set(BANDS)
    assert fills["351-400"].wanted == round(dist["351-400"] * 20_000 / dist["total"])


def test_bad_plans_are_refused(latest: Round) -> None:
    with pytest.raises(ValueError, match="no simulated round type"):
        simulate.simulate(latest, [Plan("unknown", 10)], pool_size=5000)
    with pytest.raises(ValueError, match="at least 1"):
        simulate.simulate(latest, [Plan("general", 0)], pool_size=5000)
