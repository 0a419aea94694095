"""What the results page shows of one assessment, in the order a person reads it: a headline
in plain words, the CRS line by line with the rule behind each line, every route with its
verdict and the criteria that decide it, then the missing facts and the warnings."""

from __future__ import annotations

from typing import Any

from maplepath.assess import Assessment
from maplepath.report import names

GROUPS = (
    ("Express Entry", lambda p: p in ("fsw", "cec", "fst")),
    ("Express Entry categories", lambda p: p.startswith("ee_category:")),
    ("Work permits", lambda p: p in ("gts_a", "gts_b", "cusma", "ict")),
    ("Provincial programs", lambda p: True),
)


def headline(a: Assessment) -> dict[str, Any]:
    """What the first line says (worded in the template, in the page's language): the open
    routes the person is eligible for, else how many depend on facts not given."""
    open_now = [
        names.name(r.verdict.program, a.on)
        for r in a.routes
        if r.verdict.verdict == "eligible" and r.verdict.status == "open"
    ]
    unsure = [r.verdict.program for r in a.routes if r.verdict.verdict == "unknown"]
    return {"open": open_now, "unsure": len(unsure)}


def context(a: Assessment) -> dict[str, Any]:
    routes: dict[str, list[Any]] = {title: [] for title, _ in GROUPS}
    for r in a.routes:
        title = next(t for t, keep in GROUPS if keep(r.verdict.program))
        province = names.PROVINCES.get(r.verdict.program)
        routes.setdefault(f"{title}: {province}" if province else title, []).append(r.verdict)
    shown = {t: vs for t, vs in routes.items() if vs}
    return {
        "a": a,
        "headline": headline(a),
        "routes": sorted(shown.items(), key=lambda tv: _order(tv[0])),
        "names": {r.verdict.program: names.name(r.verdict.program, a.on) for r in a.routes},
    }


def _order(title: str) -> tuple[int, str]:
    """Federal first, then work permits, then each province in alphabetical order."""
    rank = {"Express Entry": 0, "Express Entry categories": 1, "Work permits": 2}
    return rank.get(title, 3), title
