"""Who can enter each kind of round, fitted to IRCC's published rounds (the pool's mix per kind).

IRCC publishes the whole pool by CRS band, not how many candidates each kind of round could
invite. The synthetic pool's own mix (``pool.flags``: program eligibility from the CRS facts,
occupations at fixed shares, French speakers) puts too many eligible candidates at high
scores, so its category cut-offs come out far too high. A round does say something about its
kind: it invited ``N`` candidates down to a cut-off ``c``, so just before it about ``N`` of the
kind's candidates had ``c`` or more. With the pool's published count at or above ``c``
(``above``, read from the bands, linear within a band), the kind's share of the pool is
``N / above`` — assumed the same at every score, since nothing published says otherwise.

``shares`` fits that share for each kind from its latest round held in the 12 months before
the pool's date (the rounds a walk-forward backtest may see); a kind with no such round keeps
the synthetic mix; ``apply`` gives each simulated candidate each fitted kind with that
probability.

Provincial nominee rounds are fitted another way. Their candidates are the 600-point band
(``601-1200``), nearly all of it invited in each round, so a share would not move the lowest
nominee's score, which is the round's cut-off. The latest nominee round says where in the band
they are: it invited ``N`` of the band's ``B`` candidates down to ``c``, so a share ``N / B`` of
the band scored ``c`` or more (``top``). The synthetic nominees' own scores are far higher than
IRCC's (the generator's lowest of a hundred nominees is about 850, where IRCC's rounds cut off
at 700-800), so ``nominee_scores`` gives every simulated nominee, of the pool and newcomer, a
score of its own: ``c`` or more with the share ``N / B``, below ``c`` otherwise, spread evenly
over each part, as ``above`` reads a published band. A nominee's other facts (and what a
scenario changes in its score) stay the synthetic candidate's.

The published pool is a stock; newcomers are a flow. A kind whose rounds invite many of its
candidates often (French, PNP) would be drained in weeks if its newcomers came at its share of
the stock, while IRCC's pool stays steady. So newcomers take each kind at the pace of its
invitations of the 12 months (``weekly``: a kind's share of the newcomers is its invitations a
week over the newcomers a week), and new nominees, drawn from the top band and placed as above,
arrive at the pace of the PNP invitations (``nominees_weekly``).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import numpy as np
import numpy.typing as npt

from maplepath.draws import pool
from maplepath.draws.rounds import Round
from maplepath.draws.stats import months_before

NOT_FITTED = ("general", "pnp")
TOP_BAND = "601-1200"
# Only a round of the last 12 months says something about today's pool (as the schedule).
WINDOW_MONTHS = 12


def _window(start: Round, before: date | None) -> tuple[date, date]:
    """The 12 months before ``before`` (default: the pool's date), as (first day, end)."""
    when = before or start.distribution_as_on or start.date
    return months_before(when, WINDOW_MONTHS), when


def above(distribution: Mapping[str, int], cutoff: int) -> float:
    """Candidates with ``cutoff`` or more in a published distribution (within a band, the
    count is spread evenly over its scores)."""
    total = 0.0
    for band in pool.LEAF_BANDS:
        lo, hi = pool.band_range(band)
        n = distribution.get(band, 0)
        if cutoff <= lo:
            total += n
        elif cutoff <= hi:
            total += n * (hi - cutoff + 1) / (hi - lo + 1)
    return total


def shares(rounds: Sequence[Round], start: Round, before: date | None = None) -> dict[str, float]:
    """Each kind's share of the pool from its latest round before ``before`` (default: the
    pool's date), with ``start``'s published distribution."""
    dist = start.pool()
    if dist is None:
        return {}
    since, when = _window(start, before)
    kinds = set(pool.draw_types()) - set(NOT_FITTED)
    latest: dict[str, Round] = {}
    for r in sorted(rounds, key=lambda r: r.date):
        if since <= r.date < when and r.category in kinds and r.cutoff and r.invitations:
            latest[r.category] = r
    out = {}
    for kind, r in latest.items():
        count = above(dist, int(r.cutoff or 0))
        if count > 0:
            out[kind] = min(1.0, r.invitations / count)
    return out


def apply(
    flag_col: npt.NDArray[np.uint16],
    fitted: Mapping[str, float],
    rng: np.random.Generator,
    newcomers: npt.NDArray[np.bool_] | None = None,
    newcomer_shares: Mapping[str, float] | None = None,
) -> npt.NDArray[np.uint16]:
    """``flag_col`` with each fitted kind given to each candidate with its fitted share (to
    the ``newcomers`` with their own share, when given)."""
    out = flag_col.copy()
    for kind in sorted(fitted):
        bit = np.uint16(1 << pool.FLAG_BITS[kind])
        share = np.full(len(out), fitted[kind])
        if newcomers is not None and newcomer_shares is not None:
            share[newcomers] = newcomer_shares.get(kind, fitted[kind])
        out &= ~bit
        out[rng.random(len(out)) < share] |= bit
    return out


@dataclass(frozen=True)
class Fit:
    """What a simulation takes from the recent rounds: each kind's share of the pool, and
    where the nominees stand in the top band (the latest PNP round's cut-off and the share of
    the band at or above it)."""

    shares: dict[str, float] = field(default_factory=dict)
    top: tuple[int, float] | None = None
    # New nominees a week in the whole pool: the PNP invitations of the window, spread evenly.
    nominees_weekly: float = 0.0
    # Each fitted kind's invitations a week over the window: in a steady pool, as many of the
    # kind's candidates arrive (``newcomer_shares``).
    weekly: dict[str, float] = field(default_factory=dict)

    def newcomer_shares(self, scale: float, inflow: float) -> dict[str, float]:
        """Each kind's share of the newcomers when ``inflow`` candidates arrive a week in a
        pool ``scale`` times IRCC's: its weekly invitations over the inflow (at most 1)."""
        if inflow <= 0:
            return dict.fromkeys(self.shares, 0.0)
        return {k: min(1.0, self.weekly.get(k, 0.0) * scale / inflow) for k in self.shares}

    def to_json(self) -> dict[str, Any]:
        return {
            "shares": {k: round(v, 4) for k, v in sorted(self.shares.items())},
            "top_band": None
            if self.top is None
            else {"cutoff": self.top[0], "share_at_or_above": round(self.top[1], 4)},
            "nominees_weekly": round(self.nominees_weekly, 1),
            "weekly_invitations": {k: round(v, 1) for k, v in sorted(self.weekly.items())},
        }


def top(
    rounds: Sequence[Round], start: Round, before: date | None = None
) -> tuple[int, float] | None:
    """The latest PNP round's cut-off in the 12 months before ``before`` (default: the pool's
    date) and the share of its own published top band it invited."""
    since, when = _window(start, before)
    held = [r for r in rounds if since <= r.date < when and r.category == "pnp" and r.cutoff]
    if not held:
        return None
    last = max(held, key=lambda r: r.date)
    dist = last.pool() or start.pool() or {}
    band = dist.get(TOP_BAND, 0)
    if not band or not 601 < int(last.cutoff or 0) <= 1200:
        return None
    return int(last.cutoff or 0), min(1.0, last.invitations / band)


def weekly(rounds: Sequence[Round], start: Round, before: date | None = None) -> dict[str, float]:
    """Invitations a week of each kind of round over the 12 months before ``before``."""
    since, when = _window(start, before)
    weeks = (when - since).days / 7
    out: dict[str, float] = {}
    for r in rounds:
        if since <= r.date < when:
            out[r.category] = out.get(r.category, 0.0) + r.invitations / weeks
    return out


def fit(rounds: Sequence[Round], start: Round, before: date | None = None) -> Fit:
    found = shares(rounds, start, before)
    pace = weekly(rounds, start, before)
    return Fit(
        found,
        top(rounds, start, before),
        pace.get("pnp", 0.0),
        {k: v for k, v in pace.items() if k in found},
    )


def nominee_scores(
    count: int, found: Fit, rng: np.random.Generator
) -> npt.NDArray[np.int16] | None:
    """``count`` nominees' scores placed as the latest PNP round says (``Fit.top``): a share at
    or above its cut-off and the rest below it, each spread evenly over its scores, as
    ``above`` reads a published band (None when no PNP round was fitted)."""
    if found.top is None:
        return None
    cutoff, share = found.top
    high = rng.random(count) < share
    out = rng.integers(601, cutoff, count, endpoint=False) if cutoff > 601 else np.full(count, 601)
    out[high] = rng.integers(cutoff, 1200, int(high.sum()), endpoint=True)
    return out.astype(np.int16)
