"""The fragments the questionnaire asks for as it is filled in (htmx, when JavaScript runs):
the CLB (NCLC) level of each ability of a language test, with the result's validity, as the
scores are typed. Without JavaScript the same levels are on the results page."""

from __future__ import annotations

from datetime import date
from typing import Any

from maplepath.i18n import say, word
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
        return {"text": say("Give the test date to read the scores.")}
    scores: dict[str, float] = {}
    for ability in language.ABILITIES:
        raw = values.get(f"scores.{ability}", "").strip()
        if raw:
            try:
                scores[ability] = float(raw)
            except ValueError:
                why = say("%(value)s is not a number", value=repr(raw))
                return {"text": say("%(ability)s: %(why)s", ability=word(ability), why=why)}
    if len(scores) < len(language.ABILITIES):
        return {"text": say("Give the four scores to see your levels.")}
    problems = language.score_problems(test, when, scores)
    if problems:
        return {"text": "; ".join(m for _, m in problems)}
    try:
        result = language.assess_test(test, when, scores, max(on, when))
    except ValueError as exc:
        return {"text": str(exc)}
    benchmark = say("CLB") if result.language == "english" else "NCLC"
    levels = ", ".join(
        say(
            "%(ability)s %(benchmark)s %(level)s",
            ability=word(a),
            benchmark=benchmark,
            level=result.clb[a],
        )
        for a in language.ABILITIES
    )
    if result.expires <= on:
        text = say("%(levels)s; expired until %(day)s", levels=levels, day=result.expires)
    else:
        text = say("%(levels)s; valid until %(day)s", levels=levels, day=result.expires)
    return {"text": text, "levels": result.clb}


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
