"""Each kind of round's share of the pool, fitted to its latest published round (draws.fit):
read from the published bands, from rounds before the pool's date only, and applied so that
the kind's candidates are that share of the simulated pool."""

from __future__ import annotations

from datetime import date

import numpy as np
import pytest

from maplepath.draws import fit, pool, simulate
from maplepath.draws.rounds import Round, parse_rounds

from . import reference_file


@pytest.fixture(scope="module")
def rounds() -> list[Round]:
    return parse_rounds(reference_file().read_bytes())


def test_the_count_at_or_above_a_cutoff_reads_the_bands_linearly() -> None:
    dist = {b: 0 for b in pool.LEAF_BANDS} | {"601-1200": 100, "501-600": 1000, "491-500": 50}
    assert fit.above(dist, 601) == 100
    assert fit.above(dist, 501) == 1100
    assert fit.above(dist, 551) == pytest.approx(100 + 1000 * 50 / 100)
    assert fit.above(dist, 496) == pytest.approx(1100 + 25)


def test_a_kind_s_share_is_its_latest_round_over_the_pool_above_its_cutoff(
    rounds: list[Round],
) -> None:
    start = simulate.starting_round(rounds)  # round 434, pool as on 2026-08-03
    assert start.number == "434"
    shares = fit.shares(rounds, start)
    # The latest French round before 2026-08-03 is 429 (2026-07-22): 5,000 invited down to 399.
    french = next(r for r in rounds if r.number == "429")
    assert (french.invitations, french.cutoff) == (5000, 399)
    dist = start.pool()
    assert dist is not None
    assert shares["ee_category:french"] == pytest.approx(5000 / fit.above(dist, 399))
    assert 0.02 < shares["ee_category:french"] < 0.05
    # Provincial nominee and general rounds are not fitted; STEM (no round in 12 months) neither.
    assert "pnp" not in shares and "general" not in shares
    assert "ee_category:stem" not in shares


def test_only_rounds_before_the_date_inform_the_fit(rounds: list[Round]) -> None:
    start = simulate.starting_round(rounds)
    later = fit.shares(rounds, start, before=date(2026, 8, 7))  # 433 (French, 08-06) is seen
    r433 = next(r for r in rounds if r.number == "433")
    dist = start.pool()
    assert dist is not None
    assert later["ee_category:french"] == pytest.approx(r433.invitations / fit.above(dist, 391))
    assert fit.shares(rounds, start) != later


def test_the_fitted_share_of_the_simulated_pool_holds_the_kind() -> None:
    flags = np.full(200_000, 0xFFFF, dtype=np.uint16)
    got = fit.apply(flags, {"ee_category:french": 0.03}, np.random.default_rng(0))
    french = pool.eligible(got, "ee_category:french")
    assert french.mean() == pytest.approx(0.03, abs=0.002)
    assert pool.eligible(got, "cec").all()  # other kinds untouched


def test_a_fitted_simulation_puts_the_french_cutoff_near_the_latest_one(
    rounds: list[Round],
) -> None:
    start = simulate.starting_round(rounds)
    plans = [simulate.Plan("ee_category:french", round(5000 * 20_000 / 229_100), day=3)]
    fitted = simulate.simulate(
        start, plans, pool_size=20_000, seed=0, fitted=fit.fit(rounds, start)
    )
    unfitted = simulate.simulate(start, plans, pool_size=20_000, seed=0)
    got, mix = fitted.rounds[0].cutoffs["baseline"], unfitted.rounds[0].cutoffs["baseline"]
    assert got is not None and mix is not None
    assert abs(got - 399) < abs(mix - 399)  # closer to round 429's 399 than the synthetic mix
    assert abs(got - 399) <= 25
    assert fitted.to_json()["pool"]["fitted"]["shares"]["ee_category:french"] > 0


def test_nominees_are_placed_in_the_top_band_as_the_latest_nominee_round_says(
    rounds: list[Round],
) -> None:
    start = simulate.starting_round(rounds)
    # Round 427 (PNP, 2026-07-20): 511 invited down to 744, of 511 in the 601-1200 band.
    found = fit.fit(rounds, start)
    assert found.top == (744, 1.0)
    rng = np.random.default_rng(0)
    placed = fit.nominee_scores(10_000, found, rng)
    assert placed is not None and placed.min() >= 744 and placed.max() <= 1200
    # spread evenly: about half at or above the middle of 744-1200
    assert (placed >= 972).mean() == pytest.approx(0.5, abs=0.02)
    half = fit.nominee_scores(20_000, fit.Fit(top=(700, 0.25)), rng)
    assert half is not None and half.min() >= 601
    assert (half >= 700).mean() == pytest.approx(0.25, abs=0.01)
    assert fit.nominee_scores(5, fit.Fit(), rng) is None


def test_a_fitted_simulation_puts_the_nominee_cutoff_near_the_latest_one(
    rounds: list[Round],
) -> None:
    # The generator's own nominees score far higher than IRCC's; placed by the latest round,
    # the cut-off of a round inviting every nominee (as IRCC's nearly do) comes near its 744.
    start = simulate.starting_round(rounds)
    size = 20_000
    plans = [simulate.Plan("pnp", 1_000, day=3)]
    fitted = simulate.simulate(start, plans, pool_size=size, seed=0, fitted=fit.fit(rounds, start))
    unfitted = simulate.simulate(start, plans, pool_size=size, seed=0)
    got, mix = fitted.rounds[0].cutoffs["baseline"], unfitted.rounds[0].cutoffs["baseline"]
    assert got is not None and mix is not None
    assert abs(got - 744) <= 15 < abs(mix - 744)


def test_nominees_arrive_at_the_pace_of_the_pnp_invitations(rounds: list[Round]) -> None:
    start = simulate.starting_round(rounds)
    since = date(2025, 8, 3)
    invited = sum(
        r.invitations for r in rounds if since <= r.date < date(2026, 8, 3) and r.category == "pnp"
    )
    weekly = fit.fit(rounds, start).nominees_weekly
    assert weekly == pytest.approx(invited / (365 / 7))
    assert 150 < weekly < 600  # a few hundred a week, against a top band of about 500


def test_newcomers_take_each_kind_at_the_pace_of_its_invitations(rounds: list[Round]) -> None:
    start = simulate.starting_round(rounds)
    found = fit.fit(rounds, start)
    french = found.weekly["ee_category:french"]
    assert french > 1000  # IRCC invites thousands of French speakers a week on average
    # In a pool a tenth of IRCC's with 700 newcomers a week, French takes its pace's share.
    assert found.newcomer_shares(0.1, 700)["ee_category:french"] == pytest.approx(
        min(1.0, french * 0.1 / 700)
    )
    flags = np.zeros(100_000, dtype=np.uint16)
    new = np.arange(100_000) >= 50_000
    got = fit.apply(flags, {"cec": 0.1}, np.random.default_rng(1), new, {"cec": 0.5})
    cec = pool.eligible(got, "cec")
    assert cec[~new].mean() == pytest.approx(0.1, abs=0.01)
    assert cec[new].mean() == pytest.approx(0.5, abs=0.01)
