"""The CRS over columns, one section at a time: the numpy formulas of ``crs.batch``.

The CRS adds four capped sections (Ministerial Instructions, CRS criteria): core human capital
(age, education, official languages, Canadian work; 500 with a spouse who does not count,
460 otherwise), the spouse's factors (40), skill transferability (100) and the additional
points (600), and caps the total at 1,200. A policy what-if usually changes one table of one
section (the job-offer points of 2025-03-25 are one row of the additional points), so a sweep
of scenarios keeps each candidate's sections under the baseline and recomputes, per scenario,
only the sections whose tables differ (``changed``), then adds them up (``total``). For every
scenario the result equals a full ``batch.score_columns``: tested on random pools.
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np
import numpy.typing as npt

from maplepath.crs import tables as crs_tables
from maplepath.crs.tables import CrsTables

I16 = npt.NDArray[np.int16]
_TRANSFER_ROW = np.array(crs_tables.TRANSFER_ROW, dtype=np.intp)
SECTIONS = ("human", "spouse", "transfer", "additional")
# The tables (as ``flat`` names and CrsTables fields) each section reads; the total cap is
# applied when the sections are added.
READS: dict[str, tuple[str, ...]] = {
    "human": ("age", "education", "first", "second", "second_cap", "canexp", "core_cap"),
    "spouse": ("spouse_lang", "spouse_edu", "spouse_can", "spouse_language_cap", "spouse_cap"),
    "transfer": (
        "edu_lang", "edu_can", "for_lang", "for_can", "certificate", "transfer_caps",
        "language_levels", "certificate_levels",
    ),
    "additional": (
        "french", "can_edu", "job_offer", "nomination", "sibling", "additional_cap",
        "french_levels",
    ),
}  # fmt: skip


def flat(t: CrsTables) -> dict[str, I16]:
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


class Derived(NamedTuple):
    """What several sections read of a chunk: the spouse flag as an index, the first-language
    CLBs, their lowest, and the Canadian work years."""

    w: npt.NDArray[np.intp]
    first: list[np.ndarray]
    low: npt.NDArray[np.intp]
    can: npt.NDArray[np.intp]


def derive(c: dict[str, np.ndarray]) -> Derived:
    first = [c[f"first_{a}"] for a in "lrws"]
    low = np.minimum(np.minimum(first[0], first[1]), np.minimum(first[2], first[3]))
    return Derived(
        c["with_spouse"].astype(np.intp),
        first,
        low.astype(np.intp),
        c["canadian_years"].astype(np.intp),
    )


def human(c: dict[str, np.ndarray], t: CrsTables, f: dict[str, I16], d: Derived) -> I16:
    take, w = np.take, d.w
    core = take(f["age"], w * (crs_tables.MAX_AGE + 1) + c["age"])
    core += take(f["education"], w * 8 + c["education"])
    w13 = w * (crs_tables.MAX_CLB + 1)
    for clb in d.first:
        core += take(f["first"], w13 + clb)
    sec = take(f["second"], c["second_l"])
    for a in "rws":
        sec += take(f["second"], c[f"second_{a}"])
    core += np.minimum(sec, take(f["second_cap"], w))
    core += take(f["canexp"], w * 6 + d.can)
    out: I16 = np.minimum(core, take(f["core_cap"], w))
    return out


def spouse(c: dict[str, np.ndarray], t: CrsTables, f: dict[str, I16], d: Derived) -> I16:
    take = np.take
    sp = take(f["spouse_lang"], c["spouse_l"])
    for a in "rws":
        sp += take(f["spouse_lang"], c[f"spouse_{a}"])
    np.minimum(sp, t.spouse_language_cap, out=sp)
    sp += take(f["spouse_edu"], c["spouse_education"])
    sp += take(f["spouse_can"], c["spouse_canadian_years"])
    np.minimum(sp, t.spouse_cap, out=sp)
    out: I16 = sp * c["with_spouse"]
    return out


def transfer(c: dict[str, np.ndarray], t: CrsTables, f: dict[str, I16], d: Derived) -> I16:
    take, low, can = np.take, d.low, d.can
    lv, cv = t.language_levels, t.certificate_levels
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
    out: I16 = np.minimum(tr, caps["total"])
    return out


def additional(c: dict[str, np.ndarray], t: CrsTables, f: dict[str, I16], d: Derived) -> I16:
    take, low, fv = np.take, d.low, t.french_levels
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
    out: I16 = np.minimum(add, t.additional_cap)
    return out


FORMULAS = {"human": human, "spouse": spouse, "transfer": transfer, "additional": additional}


def total(parts: dict[str, I16], t: CrsTables) -> I16:
    """The sections added and capped at the total (1,200)."""
    out = parts["human"] + parts["spouse"]
    out += parts["transfer"]
    out += parts["additional"]
    capped: I16 = np.minimum(out, t.total_cap)
    return capped


def all_sections(c: dict[str, np.ndarray], t: CrsTables, f: dict[str, I16]) -> dict[str, I16]:
    d = derive(c)
    return {name: FORMULAS[name](c, t, f, d) for name in SECTIONS}


def _value(t: CrsTables, f: dict[str, I16], name: str) -> object:
    return f[name] if name in f else getattr(t, name)


def changed(
    base: tuple[CrsTables, dict[str, I16]], other: tuple[CrsTables, dict[str, I16]]
) -> tuple[str, ...]:
    """The sections whose tables differ between two rule sets (the total cap is compared by
    ``total`` itself)."""
    out = []
    for section in SECTIONS:
        for name in READS[section]:
            a, b = _value(*base, name), _value(*other, name)
            same = np.array_equal(a, np.asarray(b)) if isinstance(a, np.ndarray) else a == b
            if not same:
                out.append(section)
                break
    return tuple(out)
