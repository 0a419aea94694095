"""The plain answer of draws odds (issue 18, point 4): one sentence saying which rounds the
person can enter, whether any ran, their cut-offs and the chance within 6 and 12 months with
its range; rounds the person cannot enter show no share and no wait."""

from __future__ import annotations

import math
from datetime import date, timedelta

from rich.console import Console

from maplepath.draws.odds import DrawOdds, Odds, chance
from maplepath.report.odds import headline, print_odds

ON = date(2026, 8, 7)


def _kind(name: str, eligibility: str, rounds: int, at_or_below: int) -> DrawOdds:
    cutoffs = tuple([470] * at_or_below + [520] * (rounds - at_or_below))
    return DrawOdds(name, eligibility, "", (), rounds, at_or_below, cutoffs, ON, 365)


def _odds(*kinds: DrawOdds, crs: int = 480) -> Odds:
    return Odds(ON, crs, 12, ON - timedelta(days=365), 40, ON, tuple(kinds))


def test_the_chance_follows_the_pace_of_rounds_the_person_clears() -> None:
    found = _odds(_kind("cec", "eligible", 6, 2), _kind("general", "eligible", 0, 0))
    estimate, low, high, k = chance(found, 365)
    assert k == 2 and math.isclose(estimate, 1 - math.exp(-2))
    assert low < estimate < high
    text = headline(found)
    assert text.startswith("You can enter CEC, all-program rounds; 6 were held")
    assert "cutting off at 470\u2013520" in text and "from 2 rounds" in text
    assert "within 6 months" in text and "within 12" in text


def test_no_round_held_or_none_cleared_is_said_not_guessed() -> None:
    assert "none was held" in headline(_odds(_kind("general", "eligible", 0, 0)))
    assert chance(_odds(_kind("general", "eligible", 0, 0)), 365) is None
    none = headline(_odds(_kind("cec", "eligible", 5, 0), crs=450))
    assert "None cut off at or below your score (450)" in none
    assert "can enter no kind of round" in headline(_odds(_kind("cec", "ineligible", 5, 5)))


def test_rounds_one_cannot_enter_show_no_share_and_no_wait() -> None:
    found = _odds(_kind("cec", "eligible", 6, 2), _kind("ee_category:stem", "ineligible", 4, 4))
    console = Console(record=True, width=160)
    print_odds(console, found)
    out = console.export_text()
    stem = next(line for line in out.splitlines() if "STEM" in line or "stem" in line)
    assert "100%" not in stem and "days" not in stem
