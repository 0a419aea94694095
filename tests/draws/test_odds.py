"""The person's odds: eligibility per kind of round, shares, expected waits, the trajectory."""

from __future__ import annotations

from datetime import date

import pytest

from maplepath.crs import scalar as crs
from maplepath.draws.odds import CAVEAT, NoRoundsError, odds
from maplepath.draws.rounds import Round, parse_rounds
from maplepath.profile.load import load_profile
from maplepath.profile.model import Nomination, Profile

from ..conftest import EXAMPLES
from . import reference_file

ON = date(2026, 11, 22)


def rnd(number: int, day: date, category: str, cutoff: int | None) -> Round:
    return Round(str(number), day, category, category, (), 1000, cutoff, None, None, None, None)


@pytest.fixture(scope="module")
def wei() -> Profile:
    """Data scientist on a PGWP: CRS 478, eligible for CEC and FSW."""
    return load_profile(EXAMPLES / "data_scientist_pgwp.yaml")


@pytest.fixture(scope="module")
def history() -> list[Round]:
    return parse_rounds(reference_file().read_bytes())


def test_share_and_expected_wait_count_only_rounds_of_the_kind_in_the_window(wei: Profile) -> None:
    rounds = [
        rnd(1, date(2025, 11, 1), "cec", 400),  # before the 12-month window (2025-11-22, ...]
        rnd(2, date(2025, 12, 1), "cec", 470),
        rnd(3, date(2026, 3, 1), "cec", 478),  # at the score: counts
        rnd(4, date(2026, 6, 1), "cec", 479),
        rnd(5, date(2026, 9, 1), "cec", 520),
        rnd(6, date(2026, 10, 1), "general", 600),
    ]
    result = odds(wei, ON, rounds)
    assert result.crs == 478
    cec = result.get("cec")
    assert (cec.eligibility, cec.rounds, cec.at_or_below) == ("eligible", 4, 2)
    assert cec.share == 0.5
    assert cec.median_cutoff == 478.5
    assert cec.expected_wait_days == 182  # 365 days over 2 such rounds
    general = result.get("general")
    assert (general.rounds, general.at_or_below, general.expected_wait_days) == (1, 0, None)
    assert result.rounds_in_window == 5


def test_every_kind_of_round_is_listed_with_eligibility_and_unknown_ones_say_what_decides(
    history: list[Round],
) -> None:
    result = odds(Profile(), ON, history)
    kinds = {d.draw_type: d for d in result.draw_types}
    assert {"general", "cec", "fsw", "fst", "pnp", "ee_category:french"} <= set(kinds)
    assert kinds["general"].eligibility == "unknown" and kinds["general"].needs
    assert kinds["pnp"].eligibility == "unknown" and "nominations" in kinds["pnp"].needs
    assert all(d.eligibility != "ineligible" or not d.needs for d in result.draw_types)


def test_a_nominee_is_eligible_for_pnp_rounds_with_600_more_points(
    wei: Profile, history: list[Round]
) -> None:
    nominee = wei.model_copy(
        update={
            "nominations": [
                Nomination(province="ON", issued=date(2026, 10, 1), express_entry_aligned=True)
            ]
        }
    )
    result = odds(nominee, ON, history)
    # 600 nomination points; additional points are capped at 600, and Wei already has 30.
    assert result.crs == crs.score(nominee, ON).total == crs.score(wei, ON).total + 570
    pnp = result.get("pnp")
    assert pnp.eligibility == "eligible"
    assert pnp.rounds > 0 and pnp.at_or_below == pnp.rounds  # every recent PNP cut-off <= 1078
    assert result.draw_types[0].eligibility == "eligible"


def test_a_paper_based_nomination_does_not_open_pnp_rounds(wei: Profile) -> None:
    paper = wei.model_copy(
        update={
            "nominations": [
                Nomination(province="ON", issued=date(2026, 10, 1), express_entry_aligned=False)
            ]
        }
    )
    result = odds(paper, ON, [rnd(1, date(2026, 10, 1), "pnp", 700)])
    assert result.get("pnp").eligibility == "ineligible"


def test_ineligible_kinds_are_ranked_last(wei: Profile, history: list[Round]) -> None:
    order = [d.eligibility for d in odds(wei, ON, history).draw_types]
    assert order == sorted(order, key=["eligible", "unknown", "ineligible"].index)


def test_the_trajectory_reports_the_first_month_reaching_the_median_cutoff(
    wei: Profile,
) -> None:
    rounds = [rnd(i, date(2026, m, 1), "cec", c) for i, (m, c) in enumerate([(3, 500), (6, 510)])]
    path = [(date(2026, 12, 1), 480), (date(2027, 3, 1), 505), (date(2027, 6, 1), 520)]
    cec = odds(wei, ON, rounds, trajectory=path).get("cec")
    assert cec.clears_median == (date(2027, 3, 1), 505)
    assert cec.to_json()["trajectory_clears_median"] == {"month": "2027-03", "crs": 505}
    never = odds(wei, ON, rounds, trajectory=path[:1]).get("cec")
    assert never.clears_median is None
    assert "trajectory_clears_median" not in odds(wei, ON, rounds).get("cec").to_json()


def test_the_trajectory_reports_when_a_score_at_the_median_falls_below_it(wei: Profile) -> None:
    rounds = [rnd(1, date(2026, 6, 1), "cec", 470), rnd(2, date(2026, 7, 1), "cec", 476)]
    path = [(date(2026, 12, 1), 478), (date(2027, 6, 1), 389), (date(2027, 9, 1), 480)]
    cec = odds(wei, ON, rounds, trajectory=path).get("cec")  # 478 >= median 473 today
    assert cec.drops_below_median == (date(2027, 6, 1), 389)
    assert cec.to_json()["trajectory_drops_below_median"] == {"month": "2027-06", "crs": 389}
    higher = [rnd(1, date(2026, 6, 1), "cec", 500)]
    assert odds(wei, ON, higher, trajectory=path).get("cec").drops_below_median is None


def test_the_json_says_past_rounds_promise_nothing(wei: Profile, history: list[Round]) -> None:
    data = odds(wei, ON, history).to_json()
    assert data["caveat"] == CAVEAT and "do not promise" in CAVEAT
    assert data["window"] == {"from": "2025-11-22", "to": "2026-11-22"}
    assert any("draws update" in w for w in data["warnings"])  # latest round 2026-08-07


def test_only_rounds_held_by_the_date_count(wei: Profile, history: list[Round]) -> None:
    past = odds(wei, date(2024, 1, 1), history)
    assert past.latest_round <= date(2024, 1, 1)
    assert not any("draws update" in w for w in past.warnings)


def test_no_rounds_is_a_clear_error(wei: Profile) -> None:
    with pytest.raises(NoRoundsError, match="maplepath draws update"):
        odds(wei, ON, [])
    with pytest.raises(NoRoundsError):
        odds(wei, date(2020, 1, 1), [rnd(1, date(2021, 1, 1), "cec", 400)])
    with pytest.raises(ValueError, match="months"):
        odds(wei, ON, [rnd(1, date(2021, 1, 1), "cec", 400)], months=0)
