"""The fragments the questionnaire asks for as it is filled in (htmx, when JavaScript runs):
the CLB (NCLC) level of each ability of a language test, with the result's validity, as the
scores are typed. Without JavaScript the same levels are on the results page."""

from __future__ import annotations

from datetime import date
from typing import Any

from maplepath.profile import language


def clb_preview(values: dict[str, str], on: date) -> dict[str, Any]:
    """What the line under a test's scores says: the level of each ability, or what is
    missing or wrong. Never raises: a half-typed score is a message."""
    test, taken = values.get("test", ""), values.get("date", "")
    if not test:
        return {"text": ""}
    try:
        when = date.fromisoformat(taken)
    except ValueError:
        return {"text": "Give the test date to read the scores."}
    scores: dict[str, float] = {}
    for ability in language.ABILITIES:
        raw = values.get(f"scores.{ability}", "").strip()
        if raw:
            try:
                scores[ability] = float(raw)
            except ValueError:
                return {"text": f"{ability}: {raw!r} is not a number"}
    if len(scores) < len(language.ABILITIES):
        return {"text": "Give the four scores to see your levels."}
    problems = language.score_problems(test, when, scores)
    if problems:
        return {"text": "; ".join(m for _, m in problems)}
    try:
        result = language.assess_test(test, when, scores, max(on, when))
    except ValueError as exc:
        return {"text": str(exc)}
    benchmark = "CLB" if result.language == "english" else "NCLC"
    levels = ", ".join(f"{a} {benchmark} {result.clb[a]}" for a in language.ABILITIES)
    state = "expired" if result.expires <= on else "valid"
    return {"text": f"{levels}; {state} until {result.expires}", "levels": result.clb}


def noc_suggestions(title: str, limit: int = 5) -> list[dict[str, Any]]:
    """The NOC 2021 unit groups a job title most likely belongs to, with why (the matched title
    or duties), for the line under a job's title; none for a blank or unreadable title."""
    from maplepath import occupations

    if len(title.strip()) < 2:
        return []
    try:
        found = occupations.search(title, limit)
    except ValueError:
        return []
    return [{"code": r.code, "title": r.title, "teer": r.teer, "why": r.why} for r in found]
