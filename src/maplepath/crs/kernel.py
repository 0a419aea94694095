"""The batch CRS as one compiled loop (issue 18, point 2), for pools large enough to repay it.

The numpy path (``crs.batch._chunk``) makes some forty passes over each chunk, one per table
lookup, sum and cap; it is bound by that work, not by memory (one pass over the input columns
is over fifty times faster). This kernel makes one pass: the points tables are first merged so
that a row needs few lookups and no branches (age, education and Canadian experience in one
table; the four transferability combinations, with their caps, in one table by education row,
Canadian years, foreign years, certificate and lowest first-language CLB; the French points by
which language is first and the two lowest CLBs), then a loop compiled by numba scores each row
in both orders of official languages and keeps the better, as the scalar path does. Written
without branches, the loop is vectorised by the compiler (SIMD gathers, several rows at once),
but only when it knows the output shares no memory with the thirty input arrays: a plain loop
would need a run-time overlap check per array, more than the vectoriser accepts, and stays
scalar. Compiled as a ``prange`` loop (``parallel=True``) its body becomes a kernel whose
arrays are declared not to overlap, and it vectorises: about twice as fast on one thread
(``make bench`` measures it against the numpy path and a memory pass, one thread and all). The
two paths are tested equal on random candidates and dates.

The parallel loop runs on numba's threading layer; only the thread-safe ones (OpenMP or TBB) are
used, since sweeps may score from several threads at once (numba's own ``workqueue`` aborts
then). Where neither loads, ``score`` returns None and the numpy path is used.

numba is an optional extra (``pip install maplepath[fast]``). Without it, or for pools under
``MIN_ROWS`` (importing numba and loading the compiled loop from its cache costs about 0.3 s,
what the numpy path spends on several million rows), ``score_columns`` uses numpy. The
environment variable ``MAPLEPATH_BATCH_KERNEL`` (``numpy`` or ``numba``) forces one path.
"""

from __future__ import annotations

import importlib.util
import os
from collections.abc import Callable, Mapping
from functools import cache

import numpy as np
import numpy.typing as npt

from maplepath.crs import inputs as crs_inputs
from maplepath.crs import tables as crs_tables
from maplepath.crs.tables import CrsTables

MIN_ROWS = 2_000_000
_AGES, _CLBS = crs_tables.MAX_AGE + 1, crs_tables.MAX_CLB + 1
_EXTRAS = 3 * 3 * 2 * 2  # Canadian education, job offer, nomination, sibling
I32 = npt.NDArray[np.int32]


def wanted(rows: int) -> bool:
    """Whether ``score_columns`` should use the compiled loop for ``rows`` rows."""
    forced = os.environ.get("MAPLEPATH_BATCH_KERNEL", "").strip().lower()
    if forced == "numpy":
        return False
    if forced == "numba":
        return available()
    return rows >= MIN_ROWS and available()


@cache
def available() -> bool:
    return importlib.util.find_spec("numba") is not None


def merged(t: CrsTables, flat: Mapping[str, np.ndarray]) -> tuple[tuple[I32, ...], I32]:
    """The tables merged for the loop (see the module's docstring), and its caps."""
    f = {k: np.asarray(v, dtype=np.int64) for k, v in flat.items()}
    w, age, edu, can = np.ix_(range(2), range(_AGES), range(8), range(6))
    fixed = f["age"][w * _AGES + age] + f["education"][w * 8 + edu] + f["canexp"][w * 6 + can]
    sedu, scan = np.ix_(range(8), range(6))
    spouse_rest = f["spouse_edu"][sedu] + f["spouse_can"][scan]
    cedu, job, nom, sib = np.ix_(range(3), range(3), range(2), range(2))
    extra = f["can_edu"][cedu] + f["job_offer"][job] + nom * t.nomination + sib * t.sibling
    caps, lv, cv, fv = t.transfer_caps, t.language_levels, t.certificate_levels, t.french_levels
    rows = len(crs_tables.TRANSFER_ROWS)
    r, cc, fy, cert, low = np.ix_(range(rows), range(3), range(3), range(2), range(_CLBS))
    lc = (low >= lv[0]).astype(np.int64) + (low >= lv[1])
    tr = np.minimum(f["edu_lang"][r * 3 + lc] + f["edu_can"][r * 3 + cc], caps["education"])
    tr = tr + np.minimum(
        f["for_lang"][fy * 3 + lc] + f["for_can"][fy * 3 + cc], caps["foreign_experience"]
    )
    ct = ((low >= cv[0]).astype(np.int64) + (low >= cv[1])) * cert
    tr = np.minimum(tr + np.minimum(f["certificate"][ct], caps["certificate"]), caps["total"])
    french_first, low1, low2 = np.ix_(range(2), range(_CLBS), range(_CLBS))
    french = np.where(french_first == 1, low1, low2)
    english = np.where(french_first == 1, low2, low1)
    french_points = f["french"][(french >= fv[0]).astype(np.int64) * (1 + (english >= fv[1]))]
    # The additional points, capped: French (by order and the two lowest CLBs) with the rest.
    additional = np.minimum(french_points[..., None] + extra.ravel(), t.additional_cap)

    def i32(a: np.ndarray) -> I32:
        return np.ascontiguousarray(a.ravel(), dtype=np.int32)

    # Two abilities at a time: the first language by partner and two CLBs; the second language and
    # the partner's by two CLBs.
    first = f["first"].reshape(2, _CLBS)
    first_pairs = first[:, :, None] + first[:, None, :]
    second_pairs = f["second"][:, None] + f["second"][None, :]
    spouse_pairs = f["spouse_lang"][:, None] + f["spouse_lang"][None, :]
    tables = (fixed, first_pairs, second_pairs, spouse_pairs, spouse_rest, tr, additional)
    limits = [*f["second_cap"], *f["core_cap"], t.spouse_language_cap, t.spouse_cap]
    limits += [t.additional_cap, t.total_cap]
    return tuple(map(i32, tables)), np.array(limits, dtype=np.int32)


def score(
    columns: Mapping[str, np.ndarray], t: CrsTables, flat: Mapping[str, np.ndarray]
) -> npt.NDArray[np.int16] | None:
    """The totals of every row, by the compiled loop (columns named as ``crs.inputs``); None
    when no thread-safe threading layer loads (the caller then scores with numpy)."""
    loop = _compiled()
    if loop is None:
        return None
    cols = [np.ascontiguousarray(columns[n]) for n in crs_inputs.column_names()]
    cols = [c.view(np.uint8) if c.dtype == np.bool_ else c for c in cols]
    out = np.empty(len(cols[0]), dtype=np.int16)
    tables, limits = merged(t, flat)
    row = np.asarray(crs_tables.TRANSFER_ROW, dtype=np.int32)
    loop(out, tables, limits, row, *cols)
    return out


@cache
def _compiled() -> Callable[..., None] | None:
    import numba  # the optional extra: imported only when a large pool is scored

    if "NUMBA_THREADING_LAYER" not in os.environ:  # the user's own choice stands
        numba.config.THREADING_LAYER = "threadsafe"  # type: ignore[attr-defined]  # OpenMP or TBB
    try:
        numba.get_num_threads()  # loads the threading layer, or says none can be
    except ValueError:
        return None
    global prange
    prange = numba.prange  # read by the compiler as the loop's range (see ``_loop``)
    compiled: Callable[..., None] = numba.njit(cache=True, nogil=True, parallel=True)(_loop)
    return compiled


# The loop's range: numba's ``prange`` once ``_compiled`` has imported numba (the compiler reads
# the global when it compiles); ``range`` until then, so the module imports without numba.
prange = range


# fmt: off
def _loop(out, tables, s, row, age, w, edu, f0, f1, f2, f3, s0, s1, s2, s3, fr, can, fy, cert,  # type: ignore[no-untyped-def]
          sedu, p0, p1, p2, p3, scan, nom, sib, cedu, job):
    # fmt: on
    """``crs.batch._best`` row by row. After the output, the merged tables and caps (``merged``)
    and ``TRANSFER_ROW``, the arguments are ``crs.inputs``'s columns in their order. Written
    without branches (comparisons count as 0 or 1) so that the compiler vectorises it."""
    fixed_t, first_t, second_t, splang_t, sprest_t, trans_t, additional_t = tables
    for i in prange(len(out)):
        ww = np.int32(w[i] != 0)
        fixed = fixed_t[((ww * _AGES + np.int32(age[i])) * 8 + edu[i]) * 6 + can[i]]
        sp = splang_t[np.int32(p0[i]) * _CLBS + p1[i]] + splang_t[np.int32(p2[i]) * _CLBS + p3[i]]
        partner = min(min(sp, s[4]) + sprest_t[np.int32(sedu[i]) * 6 + scan[i]], s[5]) * ww
        nomination, sibling = np.int32(nom[i] != 0), np.int32(sib[i] != 0)
        extra = ((np.int32(cedu[i]) * 3 + job[i]) * 2 + nomination) * 2 + sibling
        c, y = np.int32(can[i]), np.int32(fy[i])
        cc = np.int32(c >= 1) + np.int32(c >= 2)
        years = np.int32(y >= 1) + np.int32(y >= 3)
        trans = (((row[edu[i]] * 3 + cc) * 3 + years) * 2 + np.int32(cert[i] != 0)) * _CLBS
        second_cap = s[0] + ww * (s[1] - s[0])
        core_cap = s[2] + ww * (s[3] - s[2])
        base = ww * _CLBS * _CLBS
        a0, a1, a2, a3 = np.int32(f0[i]), np.int32(f1[i]), np.int32(f2[i]), np.int32(f3[i])
        b0, b1, b2, b3 = np.int32(s0[i]), np.int32(s1[i]), np.int32(s2[i]), np.int32(s3[i])
        low_a, low_b = min(min(a0, a1), min(a2, a3)), min(min(b0, b1), min(b2, b3))
        french_a = np.int32(fr[i] != 0)
        a01, a23 = a0 * _CLBS + a1, a2 * _CLBS + a3
        b01, b23 = b0 * _CLBS + b1, b2 * _CLBS + b3
        first_a = first_t[base + a01] + first_t[base + a23]
        first_b = first_t[base + b01] + first_t[base + b23]
        second_a, second_b = second_t[a01] + second_t[a23], second_t[b01] + second_t[b23]
        # As given (a first) and swapped (b first); with no second language the swapped order
        # scores a first language of CLB 0, always lower, so taking the maximum is safe.
        given = min(fixed + first_a + min(second_b, second_cap), core_cap) + partner
        given += trans_t[trans + low_a]
        french_b = 1 - french_a
        given += additional_t[((french_a * _CLBS + low_a) * _CLBS + low_b) * _EXTRAS + extra]
        swapped = min(fixed + first_b + min(second_a, second_cap), core_cap) + partner
        swapped += trans_t[trans + low_b]
        swapped += additional_t[((french_b * _CLBS + low_b) * _CLBS + low_a) * _EXTRAS + extra]
        out[i] = min(max(given, swapped), s[7])
