"""A synthetic Express Entry pool shaped like the one IRCC published with a round.

Since round 214 (2022-01-19) IRCC publishes, with each round, how many candidates were in the
pool by CRS band (0-300, 301-350, 351-400, ten-point bands from 401 to 500, 501-600, 601-1200).
Individual profiles are not published. To simulate rounds we need candidates, so:

1. a *reservoir* of plausible candidates is drawn with ``batch.synthetic_pool`` in chunks, each
   chunk from its own seed (so a chunk can be made on any machine: see ``scale``);
2. every candidate is scored with the CRS tables in force on the distribution's date;
3. from each published band we take as many reservoir candidates as IRCC counted (scaled to the
   requested pool size). When the reservoir holds fewer candidates in a band than wanted, every
   one is taken and the rest are drawn again at random (duplicates: the band keeps its published
   weight, with less variety); a band with no candidate at all gives its count to the nearest
   band that has some. Both are reported in ``BandFill``, never hidden.

Modelling assumptions (not published figures; change them here, and say so in any output):

- **Program eligibility** is derived from the CRS columns: CEC = a year or more of Canadian
  work and CLB 7 in the first language (the level for TEER 0/1 jobs); FSW = a year or more of
  skilled work and CLB 7; FST = a certificate of qualification and CLB 5; provincial nominee =
  holds a nomination. French category = NCLC 7 in all four French abilities.
- **Occupation categories**: each candidate works in at most one category's occupations, with
  the shares in ``OCCUPATION_SHARES`` (a tech-heavy pool: about 30% STEM). The categories asking
  for Canadian work experience (physicians, senior managers, researchers) also need a year of
  Canadian work.
- **French**: ``FRENCH_SHARE`` of English-first candidates are given French (NCLC 7-10) as
  their second language, on top of the few ``synthetic_pool`` makes, so French rounds have a
  plausible number of candidates (they then score the French additional points too).
- **Job offers** (no CRS points since 2025-03-25, but candidates still hold them): ``JOB_OFFER_
  SHARES``, used by the ``job-offer-restored`` scenario.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt

from maplepath.crs import batch
from maplepath.i18n import say

# Share of candidates by occupation group; the rest work outside every category's list.
OCCUPATION_SHARES: dict[str, float] = {
    "ee_category:stem": 0.30,
    "ee_category:healthcare": 0.09,
    "ee_category:trades": 0.06,
    "ee_category:transport": 0.03,
    "ee_category:education": 0.03,
    "ee_category:agriculture": 0.01,
    "ee_category:senior_managers": 0.02,
    "ee_category:researchers": 0.01,
    "ee_category:physicians": 0.005,
    "ee_category:military": 0.001,
}
NEEDS_CANADIAN_WORK = (
    "ee_category:physicians",
    "ee_category:senior_managers",
    "ee_category:researchers",
)
FRENCH_SHARE = 0.08  # English-first candidates given a French second language at NCLC 7-10
# job_offer column: none, other skilled job, NOC major group 00.
JOB_OFFER_SHARES = (0.955, 0.04, 0.005)
# Bit of each kind of round in the flags column; "general" rounds invite everyone in the pool.
FLAG_BITS: dict[str, int] = {
    "cec": 0, "fsw": 1, "fst": 2, "pnp": 3, "ee_category:french": 4,
    **{cid: 5 + i for i, cid in enumerate(OCCUPATION_SHARES)},
}  # fmt: skip
# IRCC's bands without the subtotals (451-500, 401-450) and the total.
LEAF_BANDS = (
    "601-1200", "501-600", "491-500", "481-490", "471-480", "461-470", "451-460", "441-450",
    "431-440", "421-430", "411-420", "401-410", "351-400", "301-350", "0-300",
)  # fmt: skip
Columns = dict[str, np.ndarray]
I64 = npt.NDArray[np.int64]
Rows = npt.NDArray[Any]  # reservoir row numbers: int32 below 2**31 rows (``band_rows``)


def draw_types() -> tuple[str, ...]:
    """Every kind of round a simulation can hold."""
    return ("general", *FLAG_BITS)


def chunk_columns(seed: int, index: int, size: int) -> Columns:
    """Chunk ``index`` of the reservoir for ``seed``: the same rows wherever it is made."""
    pool_seq, extra_seq = np.random.SeedSequence([seed, index]).spawn(2)
    cols = batch.synthetic_pool(size, seed=int(pool_seq.generate_state(1)[0]))
    rng = np.random.default_rng(extra_seq)
    cols["job_offer"] = rng.choice(3, size, p=JOB_OFFER_SHARES).astype(np.uint8)
    # ``synthetic_pool`` gives few candidates French at NCLC 7 (about 2%); IRCC's French rounds
    # of 4,000-5,500 invitations suggest many more: FRENCH_SHARE of the English-first get a
    # French result (NCLC 7-10) as their second language.
    fr = (rng.random(size) < FRENCH_SHARE) & ~cols["first_is_french"].astype(bool)
    for a in "lrws":
        level = np.clip(np.rint(rng.normal(8.0, 1.0, size)), 7, 10).astype(np.uint8)
        cols[f"second_{a}"] = np.where(fr, level, cols[f"second_{a}"]).astype(np.uint8)
    groups = [*OCCUPATION_SHARES.values(), 1.0 - sum(OCCUPATION_SHARES.values())]
    cols["occupation"] = rng.choice(len(groups), size, p=groups).astype(np.uint8)
    return cols


def flags(cols: Mapping[str, np.ndarray]) -> npt.NDArray[np.uint16]:
    """Which kinds of round each candidate can be invited in, as FLAG_BITS bits."""
    first = _lowest(cols, "first")
    second = _lowest(cols, "second")
    canadian = cols["canadian_years"] >= 1
    french = np.where(cols["first_is_french"].astype(bool), first, second) >= 7
    out = np.zeros(len(first), dtype=np.uint16)

    def put(name: str, mask: np.ndarray) -> None:
        out[mask] |= np.uint16(1 << FLAG_BITS[name])

    put("cec", canadian & (first >= 7))
    put("fsw", ((cols["foreign_years"] >= 1) | canadian) & (first >= 7))
    put("fst", cols["certificate"].astype(bool) & (first >= 5))
    put("pnp", cols["nomination"].astype(bool))
    put("ee_category:french", french)
    for i, cid in enumerate(OCCUPATION_SHARES):
        mask = cols["occupation"] == i
        put(cid, mask & canadian if cid in NEEDS_CANADIAN_WORK else mask)
    return out


def _lowest(cols: Mapping[str, np.ndarray], who: str) -> npt.NDArray[np.uint8]:
    low = np.asarray(cols[f"{who}_l"], dtype=np.uint8)
    for a in "rws":
        low = np.minimum(low, cols[f"{who}_{a}"])
    return low


def eligible(flag_column: np.ndarray, draw_type: str) -> npt.NDArray[np.bool_]:
    if draw_type == "general":
        return np.ones(len(flag_column), dtype=bool)
    if draw_type not in FLAG_BITS:
        raise ValueError(
            say(
                "no simulated round type %(kind)s; known: %(known)s",
                kind=repr(draw_type),
                known=", ".join(draw_types()),
            )
        )
    found: npt.NDArray[np.bool_] = (flag_column & np.uint16(1 << FLAG_BITS[draw_type])) != 0
    return found


def band_range(band: str) -> tuple[int, int]:
    lo, hi = band.split("-")
    return int(lo), int(hi)


def targets(distribution: Mapping[str, int], size: int | None = None) -> dict[str, int]:
    """Published leaf-band counts, scaled to ``size`` rows (largest remainders), or as they are."""
    counts = np.array([distribution[b] for b in LEAF_BANDS], dtype=np.float64)
    total = counts.sum()
    if total <= 0:
        raise ValueError(
            say("the round's pool distribution is empty (not published for that round)")
        )
    if size is None:
        return dict(zip(LEAF_BANDS, (int(c) for c in counts), strict=True))
    exact = counts * size / total
    out = np.floor(exact).astype(np.int64)
    short = size - int(out.sum())
    out[np.argsort(-(exact - out), kind="stable")[:short]] += 1
    return dict(zip(LEAF_BANDS, (int(c) for c in out), strict=True))


@dataclass(frozen=True)
class BandFill:
    """How one published band was filled from the reservoir."""

    band: str
    wanted: int
    available: int  # reservoir candidates scoring in the band
    duplicated: int  # rows drawn a second time because the band was under-populated
    moved_to: str | None = None  # an empty band's count went to this band

    def to_json(self) -> dict[str, object]:
        return {
            "band": self.band, "wanted": self.wanted, "available": self.available,
            "duplicated": self.duplicated, "moved_to": self.moved_to,
        }  # fmt: skip


def band_rows(scores: np.ndarray, bands: Sequence[str] = LEAF_BANDS) -> dict[str, npt.NDArray[Any]]:
    """Reservoir row numbers by band (IRCC's leaf bands, or ``bands`` refined from them)."""
    out = {}
    # Row numbers as int32 while they fit: half the memory of a pool of millions.
    dtype = np.int32 if len(scores) < 2**31 else np.int64
    for band in bands:
        lo, hi = band_range(band)
        out[band] = np.flatnonzero((scores >= lo) & (scores <= hi)).astype(dtype)
    return out


def calibrate(
    scores: np.ndarray, wanted: Mapping[str, int], rng: np.random.Generator
) -> tuple[Rows, list[BandFill]]:
    """Reservoir rows making up the pool (band by band, as ``wanted``), and how each band was
    filled. Rows are returned in random order. The bands are ``wanted``'s own, in its order."""
    bands = list(wanted)
    rows = band_rows(scores, bands)
    want = dict(wanted)
    fills: dict[str, BandFill] = {}
    for band in bands:
        if want[band] and not len(rows[band]):
            to = _nearest_populated(band, rows)
            want[to] += want[band]
            fills[band] = BandFill(band, want[band], 0, 0, to)
            want[band] = 0
    chosen = []
    for band in bands:
        have, n = rows[band], want[band]
        if band in fills:
            continue
        if n <= len(have):
            chosen.append(rng.choice(have, n, replace=False))
            fills[band] = BandFill(band, n, len(have), 0)
        else:
            chosen += [have, rng.choice(have, n - len(have), replace=True)]
            fills[band] = BandFill(band, n, len(have), n - len(have))
    picked = np.concatenate(chosen) if chosen else np.zeros(0, dtype=np.int64)
    rng.shuffle(picked)
    return picked, [fills[b] for b in bands]


def _nearest_populated(band: str, rows: Mapping[str, np.ndarray]) -> str:
    lo, hi = band_range(band)
    mid = (lo + hi) / 2
    found = [b for b in rows if len(rows[b])]
    if not found:
        raise ValueError(say("the reservoir scored no candidate in any band"))
    return min(found, key=lambda b: abs(sum(band_range(b)) / 2 - mid))


def entrants(
    scores: np.ndarray, wanted: Mapping[str, int], count: int, rng: np.random.Generator
) -> Rows:
    """``count`` reservoir rows drawn at random with the band weights of ``wanted`` (with
    replacement: new entrants look like the published pool, band for band)."""
    rows = band_rows(scores, list(wanted))
    bands = [b for b in wanted if wanted[b] and len(rows[b])]
    if not bands or count <= 0:
        return np.zeros(0, dtype=np.int64)
    weights = np.array([wanted[b] for b in bands], dtype=np.float64)
    per_band = rng.multinomial(count, weights / weights.sum())
    out = [rng.choice(rows[b], k, replace=True) for b, k in zip(bands, per_band, strict=True) if k]
    picked = np.concatenate(out)
    rng.shuffle(picked)
    return picked
