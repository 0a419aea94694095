"""The CRS over columns of candidates (pools, simulations), with the scalar path's tables.

``score_columns(columns, on)`` takes one numpy array per field of ``CrsInputs`` (``COLUMNS``,
documented there) and returns int16 totals equal, row by row, to the scalar path's
(``crs.score``), the better order of official languages included. It works in chunks so the extra
memory stays bounded whatever the pool size. ``columns_from_profiles`` makes the columns from
profiles, with the scalar path's own derivation of the inputs.

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

from maplepath.crs import kernel
from maplepath.crs import shared as crs_shared
from maplepath.crs import tables as crs_tables
from maplepath.crs.inputs import CrsInputs, column_names
from maplepath.crs.tables import CrsTables
from maplepath.profile.model import Profile
from maplepath.rulebook.book import RuleBook, default

COLUMNS = column_names()
CHUNK = 1 << 14  # 16k rows: the working set of a chunk stays in cache (measured best)
_TRANSFER_ROW = np.array(crs_tables.TRANSFER_ROW, dtype=np.intp)


# Valid range of every column; values outside are an error (not silently clipped).
LIMITS = {
    "age": crs_tables.MAX_AGE,
    "education": 7,
    "canadian_years": 5,
    "foreign_years": 3,
    "spouse_education": 7,
    "spouse_canadian_years": 5,
    "canadian_education": 2,
    "job_offer": 2,
    **{f"{who}_{a}": crs_tables.MAX_CLB for who in ("first", "second", "spouse") for a in "lrws"},
}
I16 = npt.NDArray[np.int16]


def _flat(t: CrsTables) -> dict[str, I16]:
    """The tables as 1-D int16 arrays; two-dimensional ones indexed by ``row * width + column``
    (one ``take`` each)."""

    def a(table: list[object]) -> I16:
        return np.array(table, dtype=np.int16).ravel()

    return {
        "age": a(t.age),
        "education": a(t.education),
        "first": a(t.first_language),
        "canexp": a(t.canadian_experience),
        "edu_lang": a(t.edu_language),
        "edu_can": a(t.edu_canadian),
        "for_lang": a(t.foreign_language),
        "for_can": a(t.foreign_canadian),
        "second": a(t.second_language),
        "second_cap": a(t.second_language_cap),
        "core_cap": a(t.core_cap),
        "spouse_lang": a(t.spouse_language),
        "spouse_edu": a(t.spouse_education),
        "spouse_can": a(t.spouse_canadian_experience),
        "certificate": a(t.certificate),
        "french": a(t.french),
        "can_edu": a(t.canadian_education),
        "job_offer": a(t.job_offer),
    }


def _chunk(c: dict[str, np.ndarray], t: CrsTables, f: dict[str, I16]) -> I16:
    w = c["with_spouse"].astype(np.intp)
    take = np.take
    core = take(f["age"], w * (crs_tables.MAX_AGE + 1) + c["age"])
    core += take(f["education"], w * 8 + c["education"])
    w13 = w * (crs_tables.MAX_CLB + 1)
    first = [c[f"first_{a}"] for a in "lrws"]
    for clb in first:
        core += take(f["first"], w13 + clb)
    sec = take(f["second"], c["second_l"])
    for a in "rws":
        sec += take(f["second"], c[f"second_{a}"])
    core += np.minimum(sec, take(f["second_cap"], w))
    can = c["canadian_years"].astype(np.intp)
    core += take(f["canexp"], w * 6 + can)
    core = np.minimum(core, take(f["core_cap"], w))

    sp = take(f["spouse_lang"], c["spouse_l"])
    for a in "rws":
        sp += take(f["spouse_lang"], c[f"spouse_{a}"])
    np.minimum(sp, t.spouse_language_cap, out=sp)
    sp += take(f["spouse_edu"], c["spouse_education"])
    sp += take(f["spouse_can"], c["spouse_canadian_years"])
    np.minimum(sp, t.spouse_cap, out=sp)
    core += sp * c["with_spouse"]

    low = np.minimum(np.minimum(first[0], first[1]), np.minimum(first[2], first[3])).astype(np.intp)
    lv, cv, fv = t.language_levels, t.certificate_levels, t.french_levels
    lc = (low >= lv[0]).astype(np.intp) + (low >= lv[1])
    cc = (can >= 1).astype(np.intp) + (can >= 2)
    row3 = take(_TRANSFER_ROW, c["education"]) * 3
    fy = c["foreign_years"]
    frow3 = ((fy >= 1).astype(np.intp) + (fy >= 3)) * 3
    caps = t.transfer_caps
    tr = np.minimum(
        take(f["edu_lang"], row3 + lc) + take(f["edu_can"], row3 + cc), caps["education"]
    )
    tr += np.minimum(
        take(f["for_lang"], frow3 + lc) + take(f["for_can"], frow3 + cc), caps["foreign_experience"]
    )
    cert = c["certificate"].astype(np.intp) * ((low >= cv[0]).astype(np.intp) + (low >= cv[1]))
    tr += np.minimum(take(f["certificate"], cert), caps["certificate"])
    core += np.minimum(tr, caps["total"])

    second = [c[f"second_{a}"] for a in "lrws"]
    low2 = np.minimum(np.minimum(second[0], second[1]), np.minimum(second[2], second[3]))
    fr_first = c["first_is_french"].astype(bool)
    french, english = np.where(fr_first, low, low2), np.where(fr_first, low2, low)
    fc = (french >= fv[0]).astype(np.intp) * (1 + (english >= fv[1]))
    add = take(f["french"], fc)
    add += c["nomination"].astype(np.int16) * np.int16(t.nomination)
    add += c["sibling"].astype(np.int16) * np.int16(t.sibling)
    add += take(f["can_edu"], c["canadian_education"])
    add += take(f["job_offer"], c["job_offer"])
    core += np.minimum(add, t.additional_cap)
    total: I16 = np.minimum(core, t.total_cap)
    return total


def _check_ranges(columns: dict[str, np.ndarray]) -> None:
    for name, hi in LIMITS.items():
        col = columns[name]
        if len(col) and (col.min() < 0 or col.max() > hi):
            raise ValueError(f"column {name} has values outside 0..{hi}")


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
    _check_ranges(columns)
    t = crs_tables.tables(on, scenarios, book)
    flat = _flat(t)
    if kernel.wanted(n):
        return kernel.score(columns, t, flat)
    out = np.empty(n, dtype=np.int16)
    for start in range(0, n, chunk):
        part = {k: columns[k][start : start + chunk] for k in COLUMNS}
        out[start : start + chunk] = _best(part, t, flat)
    return out


_FIRST = tuple(f"first_{a}" for a in "lrws")
_SECOND = tuple(f"second_{a}" for a in "lrws")


def _best(c: dict[str, np.ndarray], t: CrsTables, f: dict[str, I16]) -> I16:
    """The totals in the better order of official languages, as the scalar path keeps them: a
    candidate with results in both languages has them counted first-and-second both ways (the
    first official language is whichever scores higher), and the higher total is the score."""
    total = _chunk(c, t, f)
    both = (c["second_l"] > 0) | (c["second_r"] > 0) | (c["second_w"] > 0) | (c["second_s"] > 0)
    rows = np.flatnonzero(both)
    if len(rows):
        swapped = {k: v[rows] for k, v in c.items()}
        for a, b in zip(_FIRST, _SECOND, strict=True):
            swapped[a], swapped[b] = swapped[b], swapped[a]
        swapped["first_is_french"] = ~swapped["first_is_french"].astype(bool)
        total[rows] = np.maximum(total[rows], _chunk(swapped, t, f))
    return total


def columns_from_profiles(
    profiles: Iterable[Profile], on: date, book: RuleBook | None = None
) -> dict[str, np.ndarray]:
    """The batch columns of ``profiles`` on ``on``: each profile's CRS inputs as the scalar path
    derives them (the profile as given: the partner-as-principal arrangement is only reported),
    one row per profile, so ``score_columns(columns_from_profiles(ps, on), on)`` equals
    ``[crs.score(p, on).total for p in ps]``."""
    book = book or default()
    rows = [crs_shared.as_given(p, on, book).inputs for p in profiles]
    columns: dict[str, np.ndarray] = {}
    for k, name in enumerate(COLUMNS):
        values = [r[k] for r in rows]
        if isinstance(getattr(_EMPTY, name), bool):
            columns[name] = np.array(values, dtype=bool)
        else:
            # Ages above the table's last row score as its last row does (0 points).
            hi = LIMITS.get(name)
            arr = np.array(values, dtype=np.int64)
            columns[name] = (np.minimum(arr, hi) if hi is not None else arr).astype(np.uint8)
    return columns


_EMPTY = CrsInputs()


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
