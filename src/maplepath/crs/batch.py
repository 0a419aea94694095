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

from collections.abc import Iterable, Sequence
from datetime import date

import numpy as np
import numpy.typing as npt

from maplepath.crs import kernel, sections
from maplepath.crs import shared as crs_shared
from maplepath.crs import tables as crs_tables
from maplepath.crs.inputs import CrsInputs, column_names
from maplepath.crs.tables import CrsTables
from maplepath.profile.model import Profile
from maplepath.rulebook.book import RuleBook, default

COLUMNS = column_names()
CHUNK = 1 << 14  # 16k rows: the working set of a chunk stays in cache (measured best)


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


def _chunk(c: dict[str, np.ndarray], t: CrsTables, f: dict[str, I16]) -> I16:
    """The totals of one chunk in the order of languages given (``crs.sections``)."""
    return sections.total(sections.all_sections(c, t, f), t)


def _check_ranges(columns: dict[str, np.ndarray]) -> None:
    for name, hi in LIMITS.items():
        col = columns[name]
        if len(col) and (col.min() < 0 or col.max() > hi):
            raise ValueError(f"column {name} has values outside 0..{hi}")


def _validate(columns: dict[str, np.ndarray]) -> int:
    """The number of rows, once every column is there, of one length, within its range."""
    missing = [n for n in COLUMNS if n not in columns]
    if missing:
        raise ValueError(f"missing columns: {', '.join(missing)}")
    n = len(columns["age"])
    if any(len(columns[k]) != n for k in COLUMNS):
        raise ValueError("all columns must have the same length")
    _check_ranges(columns)
    return n


def score_columns(
    columns: dict[str, np.ndarray],
    on: date,
    scenarios: Iterable[str] = (),
    book: RuleBook | None = None,
    chunk: int = CHUNK,
) -> npt.NDArray[np.int16]:
    """CRS totals (int16) for every row of ``columns`` on ``on``."""
    n = _validate(columns)
    t = crs_tables.tables(on, scenarios, book)
    flat = sections.flat(t)
    if kernel.wanted(n):
        fast = kernel.score(columns, t, flat)
        if fast is not None:
            return fast
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
    rows, swapped = _swapped(c)
    if len(rows):
        total[rows] = np.maximum(total[rows], _chunk(swapped, t, f))
    return total


def _swapped(c: dict[str, np.ndarray]) -> tuple[npt.NDArray[np.intp], dict[str, np.ndarray]]:
    """The rows with results in both languages, and those rows with the languages swapped."""
    both = (c["second_l"] > 0) | (c["second_r"] > 0) | (c["second_w"] > 0) | (c["second_s"] > 0)
    rows = np.flatnonzero(both)
    swapped = {k: v[rows] for k, v in c.items()}
    for a, b in zip(_FIRST, _SECOND, strict=True):
        swapped[a], swapped[b] = swapped[b], swapped[a]
    swapped["first_is_french"] = ~swapped["first_is_french"].astype(bool)
    return rows, swapped


RuleSet = tuple[Iterable[str], RuleBook | None]  # (rule scenarios, book), as score_columns


def score_scenarios(
    columns: dict[str, np.ndarray],
    on: date,
    rule_sets: Sequence[RuleSet],
    chunk: int = CHUNK,
) -> npt.NDArray[np.int16]:
    """``score_columns`` under each rule set (a row each), the first being the baseline: each
    candidate's sections are computed once under the baseline, and a rule set recomputes only
    the sections whose tables differ from it (``crs.sections.changed``)."""
    n = _validate(columns)
    tabs = [crs_tables.tables(on, sc, bk) for sc, bk in rule_sets]
    flats = [sections.flat(t) for t in tabs]
    base = (tabs[0], flats[0])
    redo = [sections.changed(base, tf) for tf in zip(tabs, flats, strict=True)]
    out = np.empty((len(rule_sets), n), dtype=np.int16)
    for start in range(0, n, chunk):
        c = {k: columns[k][start : start + chunk] for k in COLUMNS}
        rows, swapped = _swapped(c)
        orders = [(c, sections.derive(c)), (swapped, sections.derive(swapped))]
        kept = [sections.all_sections(part, *base) for part, _ in orders]
        for i, (t, f) in enumerate(zip(tabs, flats, strict=True)):
            totals = []
            for (part, derived), parts in zip(orders, kept, strict=True):
                mine = {**parts, **{s: sections.FORMULAS[s](part, t, f, derived) for s in redo[i]}}
                totals.append(sections.total(mine, t))
            total, other = totals
            if len(rows):
                total[rows] = np.maximum(total[rows], other)
            out[i, start : start + chunk] = total
    return out


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
