"""Shared builders and domain assertions for the program tests.

Profiles are built from plain dicts (the shape of a profile file) so a test reads like the YAML
a person would write; language results are given as CLB levels and turned into IELTS General
Training bands with IRCC's chart (rules/language/ielts_general.yaml).
"""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from maplepath.profile.model import Profile
from maplepath.programs.verdict import Criterion, Ternary, Verdict

ON = date(2026, 11, 21)
TAKEN = date(2026, 1, 10)  # a test date whose result is still valid on ON

# IELTS General Training: the lowest band that reaches each CLB level (IRCC chart).
IELTS = {
    "listening": {4: 4.5, 5: 5.0, 6: 5.5, 7: 6.0, 8: 7.5, 9: 8.0, 10: 8.5},
    "reading": {4: 3.5, 5: 4.0, 6: 5.0, 7: 6.0, 8: 6.5, 9: 7.0, 10: 8.0},
    "writing": {4: 4.0, 5: 5.0, 6: 5.5, 7: 6.0, 8: 6.5, 9: 7.0, 10: 7.5},
    "speaking": {4: 4.0, 5: 5.0, 6: 5.5, 7: 6.0, 8: 6.5, 9: 7.0, 10: 7.5},
}


def english(clb: int = 9, taken: date = TAKEN, **levels: int) -> dict[str, Any]:
    """An IELTS General Training result at ``clb`` in every ability, unless an ability is
    given its own level (``english(7, speaking=6)``)."""
    scores = {a: IELTS[a][levels.get(a, clb)] for a in IELTS}
    return {"test": "ielts_general", "date": taken.isoformat(), "scores": scores}


def days(start: date, n: int) -> tuple[date, date]:
    """The first and last day of a period of ``n`` days."""
    return start, start + timedelta(days=n - 1)


def job(
    start: date | None,
    end: date | None = None,
    noc: str = "21231",
    hours: float | None = 40,
    country: str = "IN",
    **facts: Any,
) -> dict[str, Any]:
    """A work period: software engineering abroad, 40 hours a week, unless told."""
    period: dict[str, Any] = {
        "noc": noc,
        "country": country,
        "start": start,
        "end": end,
        "hours_per_week": hours,
    }
    if country == "CA":
        period |= {"authorized": True, "self_employed": False, "full_time_student": False}
    return period | facts


def canadian_job(start: date | None, end: date | None = None, **facts: Any) -> dict[str, Any]:
    return job(start, end, country="CA", **{"province": "ON", **facts})


def make(base: dict[str, Any], **changes: Any) -> Profile:
    """``base`` with top-level fields replaced (``None`` removes a field)."""
    fields = {k: v for k, v in (base | changes).items() if v is not None}
    return Profile.model_validate(fields)


def _explain(v: Verdict) -> str:
    lines = [f"{v.program} on its date: {v.verdict}"]
    lines += [f"  {c.status:<7} {c.id}: {c.detail} needs={list(c.needs)}" for c in v.criteria]
    return "\n".join(lines)


def assert_verdict(v: Verdict, expected: str) -> None:
    assert v.verdict == expected, _explain(v)


def assert_criterion(
    v: Verdict,
    cid: str,
    status: str,
    *,
    needs: list[str] | None = None,
    says: str | None = None,
) -> Criterion:
    """The criterion ``cid`` has ``status``; with ``needs``, exactly those facts decide it;
    with ``says``, its detail mentions that text."""
    c = v.criterion(cid)
    assert c.status == Ternary(status), _explain(v)
    if needs is not None:
        assert list(c.needs) == needs, _explain(v)
    if says is not None:
        assert says in c.detail, _explain(v)
    return c


def ircc_crawl(shared_data: Path) -> dict[str, Any]:
    """The reference crawl of IRCC's "who can apply" pages (fetched 2026-08-15)."""
    path = shared_data / "express_entry" / "ee_program_eligibility_raw.json"
    return dict(json.loads(path.read_text(encoding="utf-8")))


def requirement(crawl: dict[str, Any], program: str, factor: str, stream: str = "") -> Any:
    """The value IRCC's page gives for one requirement, as the crawl recorded it."""
    for row in crawl["requirements"]:
        if (row["program"], row["factor"], row["stream"]) == (program, factor, stream):
            return row
    raise KeyError((program, factor, stream))
