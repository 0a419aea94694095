"""What the results page shows of one assessment, in the order a person reads it: a headline
in plain words, the CRS line by line with the rule behind each line, every route with its
verdict and the criteria that decide it, then the missing facts and the warnings."""

from __future__ import annotations

from datetime import date
from typing import Any

from maplepath.assess import Assessment
from maplepath.i18n import say, say_n
from maplepath.profile.model import Profile
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


def rounds_line(a: Assessment, profile: Profile) -> str | None:
    """What the last 12 months of rounds say of this score, in one sentence for the headline:
    how many rounds the person could enter cut off at or below it, else the cut-offs of those
    they could enter (or of the largest kinds, when they could enter none). None without
    imported rounds (the plan page says how to import them)."""
    from maplepath import draws
    from maplepath.draws import odds

    try:
        found = odds.odds(profile, a.on, draws.list_rounds(), months=12)
    except (odds.NoRoundsError, draws.DamagedDatabase, OSError):
        return None
    held = [d for d in found.draw_types if d.rounds]
    mine = [d for d in held if d.eligibility == "eligible"]
    reached = [d for d in mine if d.at_or_below]
    if reached:
        n = sum(d.at_or_below for d in reached)
        kinds = ", ".join(_kind_cutoffs(d) for d in reached)
        return say_n(
            "In the last 12 months %(num)d round you could enter cut off at or below your "
            "score (%(kinds)s).",
            "In the last 12 months %(num)d rounds you could enter cut off at or below your "
            "score (%(kinds)s).",
            n,
            kinds=kinds,
        )
    if mine:
        kinds = "; ".join(_kind_cutoffs(d) for d in mine)
        return say(
            "No round you could enter cut off at or below your score in the last 12 months: "
            "%(kinds)s.",
            kinds=kinds,
        )
    largest = sorted(held, key=lambda d: -d.rounds)[:2]
    if not largest:
        return say("No round of invitations was held in the last 12 months.")
    return say(
        "No round you can enter was held in the last 12 months; %(kinds)s.",
        kinds="; ".join(_kind_cutoffs(d) for d in largest),
    )


def _kind_cutoffs(d: Any) -> str:
    low, high = min(d.cutoffs), max(d.cutoffs)
    span = str(low) if low == high else f"{low}\u2013{high}"
    return say("%(kind)s rounds cut off at %(span)s", kind=_kind(d.draw_type), span=span)


def round_kind(draw_type: str) -> str:
    """A kind of round as people name it: CEC, all-program, a category's name."""
    return _kind(draw_type)


def _kind(draw_type: str) -> str:
    if draw_type == "general":
        return say("all-program")
    if draw_type == "pnp":
        return say("Provincial Nominee Program")
    if draw_type.startswith("ee_category:"):
        return names.name(draw_type, date.max)
    return draw_type.upper()  # CEC, FSW, FST: how IRCC names these rounds


def context(a: Assessment, profile: Profile | None = None) -> dict[str, Any]:
    routes: dict[str, list[Any]] = {title: [] for title, _ in GROUPS}
    for r in a.routes:
        title = next(t for t, keep in GROUPS if keep(r.verdict.program))
        province = names.PROVINCES.get(r.verdict.program)
        routes.setdefault(f"{title}: {province}" if province else title, []).append(r.verdict)
    shown = {t: vs for t, vs in routes.items() if vs}
    return {
        "a": a,
        "headline": headline(a),
        "rounds_line": None if profile is None else rounds_line(a, profile),
        "routes": sorted(shown.items(), key=lambda tv: _order(tv[0])),
        "names": {r.verdict.program: names.name(r.verdict.program, a.on) for r in a.routes},
    }


def _order(title: str) -> tuple[int, str]:
    """Federal first, then work permits, then each province in alphabetical order."""
    rank = {"Express Entry": 0, "Express Entry categories": 1, "Work permits": 2}
    return rank.get(title, 3), title
