"""The CRS over columns of candidates (pools, simulations), with the scalar path's tables.

``score_columns(columns, on)`` takes one numpy array per field of ``CrsInputs`` (``COLUMNS``,
documented there) and returns int16 totals equal, row by row, to ``crs.score_inputs``. It works
in chunks so the extra memory stays bounded whatever the pool size.

Columns: age; with_spouse (bool); education (0-7, see crs_tables.EDUCATION_LEVELS); first_l,
first_r, first_w, first_s and second_l ... second_s (CLB 0-12 per ability); first_is_french
(bool); canadian_years (0-5); foreign_years (0-3); certificate (bool); spouse_education (0-7);
spouse_l, spouse_r, spouse_w, spouse_s (CLB); spouse_canadian_years (0-5); nomination,
sibling (bool); canadian_education (0-2); job_offer (0 none, 1 skilled, 2 major group 00).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

import numpy as np
import numpy.typing as npt

from maplepath import crs_tables
from maplepath.crs_inputs import column_names
from maplepath.crs_tables import CrsTables
from maplepath.rulebook import RuleBook

COLUMNS = column_names()
CHUNK = 1 << 16
_TRANSFER_ROW = np.array(crs_tables.TRANSFER_ROW, dtype=np.intp)

Ints = npt.NDArray[np.int32]


def _col(cols: dict[str, np.ndarray], name: str, lo: int, hi: int) -> npt.NDArray[np.intp]:
    out: npt.NDArray[np.intp] = np.clip(cols[name], lo, hi).astype(np.intp, copy=False)
    return out


def _chunk(c: dict[str, np.ndarray], t: CrsTables) -> Ints:
    w = c["with_spouse"].astype(np.intp)
    edu = _col(c, "education", 0, 7)
    first = [_col(c, f"first_{a}", 0, 12) for a in "lrws"]
    second = [_col(c, f"second_{a}", 0, 12) for a in "lrws"]
    can = _col(c, "canadian_years", 0, 5)

    core = t.age[w, _col(c, "age", 0, crs_tables.MAX_AGE)].astype(np.int32)
    core += t.education[w, edu]
    for f in first:
        core += t.first_language[w, f]
    sec = sum((t.second_language[s].astype(np.int32) for s in second), np.zeros(len(w), np.int32))
    core += np.minimum(sec, t.second_language_cap[w])
    core += t.canadian_experience[w, can]
    core = np.minimum(core, t.core_cap[w])

    sp = t.spouse_education[_col(c, "spouse_education", 0, 7)].astype(np.int32)
    spl = sum(
        (t.spouse_language[_col(c, f"spouse_{a}", 0, 12)].astype(np.int32) for a in "lrws"),
        np.zeros(len(w), np.int32),
    )
    sp += np.minimum(spl, t.spouse_language_cap)
    sp += t.spouse_canadian_experience[_col(c, "spouse_canadian_years", 0, 5)]
    core += np.where(w == 1, np.minimum(sp, t.spouse_cap), 0)

    low = np.minimum(np.minimum(first[0], first[1]), np.minimum(first[2], first[3]))
    lc = (low >= 7).astype(np.intp) + (low >= 9)
    cc = (can >= 1).astype(np.intp) + (can >= 2)
    row = _TRANSFER_ROW[edu]
    fy = _col(c, "foreign_years", 0, 3)
    frow = (fy >= 1).astype(np.intp) + (fy >= 3)
    caps = t.transfer_caps
    tr = np.minimum(
        t.edu_language[row, lc].astype(np.int32) + t.edu_canadian[row, cc], caps["education"]
    )
    tr += np.minimum(
        t.foreign_language[frow, lc].astype(np.int32) + t.foreign_canadian[frow, cc],
        caps["foreign_experience"],
    )
    cert_col = np.where(c["certificate"].astype(bool), (low >= 5).astype(np.intp) + (low >= 7), 0)
    tr += np.minimum(t.certificate[cert_col], caps["certificate"])
    core += np.minimum(tr, caps["total"])

    fr_first = c["first_is_french"].astype(bool)
    low2 = np.minimum(np.minimum(second[0], second[1]), np.minimum(second[2], second[3]))
    french, english = np.where(fr_first, low, low2), np.where(fr_first, low2, low)
    fc = np.where(french >= 7, 1 + (english >= 5).astype(np.intp), 0)
    add = (
        c["nomination"].astype(np.int32) * t.nomination + c["sibling"].astype(np.int32) * t.sibling
    )
    add += t.french[fc]
    add += t.canadian_education[_col(c, "canadian_education", 0, 2)]
    add += t.job_offer[_col(c, "job_offer", 0, 2)]
    core += np.minimum(add, t.additional_cap)
    return np.minimum(core, t.total_cap)


def score_columns(
    columns: dict[str, np.ndarray],
    on: date,
    scenarios: Iterable[str] = (),
    book: RuleBook | None = None,
    chunk: int = CHUNK,
) -> npt.NDArray[np.int16]:
    """CRS totals (int16) for every row of ``columns`` on ``on``."""
    missing = [n for n in COLUMNS if n not in columns]
    if missing:
        raise ValueError(f"missing columns: {', '.join(missing)}")
    n = len(columns["age"])
    if any(len(columns[k]) != n for k in COLUMNS):
        raise ValueError("all columns must have the same length")
    t = crs_tables.tables(on, scenarios, book)
    out = np.empty(n, dtype=np.int16)
    for start in range(0, n, chunk):
        part = {k: columns[k][start : start + chunk] for k in COLUMNS}
        out[start : start + chunk] = _chunk(part, t)
    return out


def synthetic_pool(n: int, seed: int = 0) -> dict[str, np.ndarray]:
    """A pool of ``n`` plausible Express Entry candidates (skilled workers in their 20s-30s,
    mostly university-educated, English first, about four in ten with a partner)."""
    rng = np.random.default_rng(seed)
    u8 = np.uint8

    def clb(center: float, size: int) -> np.ndarray:
        return np.clip(np.rint(rng.normal(center, 1.3, size)), 0, 12).astype(u8)

    age = np.clip(np.rint(rng.gamma(9.0, 0.9, n) + 21), 18, 50).astype(u8)
    spouse = rng.random(n) < 0.42
    education = rng.choice(8, n, p=[0.01, 0.04, 0.04, 0.07, 0.34, 0.12, 0.33, 0.05]).astype(u8)
    level = rng.normal(8.3, 1.2, n)
    cols: dict[str, np.ndarray] = {"age": age, "with_spouse": spouse, "education": education}
    for a in "lrws":
        cols[f"first_{a}"] = np.clip(np.rint(level + rng.normal(0, 0.7, n)), 4, 12).astype(u8)
    has_second = rng.random(n) < 0.06
    for a in "lrws":
        cols[f"second_{a}"] = np.where(has_second, clb(6.0, n), 0).astype(u8)
    cols["first_is_french"] = rng.random(n) < 0.03
    cols["canadian_years"] = rng.choice(6, n, p=[0.55, 0.2, 0.12, 0.06, 0.04, 0.03]).astype(u8)
    cols["foreign_years"] = rng.choice(4, n, p=[0.2, 0.2, 0.2, 0.4]).astype(u8)
    cols["certificate"] = rng.random(n) < 0.02
    cols["spouse_education"] = np.where(
        spouse, rng.choice(8, n, p=[0.02, 0.08, 0.06, 0.1, 0.4, 0.08, 0.22, 0.04]), 0
    ).astype(u8)
    for a in "lrws":
        cols[f"spouse_{a}"] = np.where(spouse, clb(6.5, n), 0).astype(u8)
    cols["spouse_canadian_years"] = np.where(
        spouse, rng.choice(6, n, p=[0.7, 0.12, 0.08, 0.05, 0.03, 0.02]), 0
    ).astype(u8)
    cols["nomination"] = rng.random(n) < 0.015
    cols["sibling"] = rng.random(n) < 0.05
    cols["canadian_education"] = rng.choice(3, n, p=[0.7, 0.18, 0.12]).astype(u8)
    cols["job_offer"] = np.zeros(n, dtype=u8)
    return cols
