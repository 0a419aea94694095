"""The JSON answers of the stable commands, one serializer for both ways in: the CLI's
``--json`` prints ``dumps(answer)`` and the HTTP API (``/api/v1``) sends the same bytes, so an
integrator's CRM and a shell script read one shape (DESIGN, "Commands" and "The web app and the
HTTP API").

Each function takes a checked profile and a date, as the engine does; reading files, today's
date and the web's request bodies stay with the callers. Sentences inside the answers are said
in the language in force (``maplepath.i18n``); keys, ids and verdict values never change.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from datetime import date
from typing import Any

import orjson

from maplepath.profile.model import Profile


def dumps(data: Any) -> str:
    """The text of an answer: indented by two, UTF-8 as it is (``é``, not ``\\u00e9``), one
    newline. Written by orjson (the standard library's encoder is pure Python once indented:
    0.6 ms for one assessment, most of an API request's time); the bytes are those of
    ``json.dumps(data, indent=2, ensure_ascii=False, default=str)``, which still writes what
    orjson refuses (an integer wider than 64 bits)."""
    try:
        return orjson.dumps(data, default=str, option=_INDENTED).decode() + "\n"
    except (orjson.JSONEncodeError, TypeError):
        return json.dumps(data, indent=2, ensure_ascii=False, default=str) + "\n"


_INDENTED = orjson.OPT_INDENT_2 | orjson.OPT_NON_STR_KEYS


def crs(
    profile: Profile, on: date, scenarios: Sequence[str] = (), warnings: Iterable[str] = ()
) -> dict[str, Any]:
    """``maplepath crs --json``: the total, the sections, every line with its rule; the
    profile's own warnings first, then the rule book's staleness on ``on``."""
    from maplepath.crs import scalar
    from maplepath.notices import staleness_warnings
    from maplepath.rulebook import book

    result = scalar.score(profile, on, list(scenarios))
    result.warnings[:0] = list(warnings)
    result.warnings.extend(staleness_warnings(book.default(), on))
    return result.to_json()


def assess(
    profile: Profile, on: date, scenarios: Sequence[str] = (), warnings: Iterable[str] = ()
) -> dict[str, Any]:
    """``maplepath assess --json``: the CRS, every Express Entry program's verdict, the other
    routes, the missing facts and the warnings."""
    from maplepath.assess import assess as run

    result = run(profile, on, tuple(scenarios))
    result.warnings[:0] = list(warnings)
    return result.to_json()


def pathways(
    profile: Profile, on: date, programs: Sequence[str] | None = None
) -> list[dict[str, Any]]:
    """``maplepath pathways --json``: every route on ``on`` (or only ``programs``), ranked."""
    from maplepath.programs import pathways as routes

    return [p.to_json() for p in routes.evaluate(profile, on, list(programs) if programs else None)]


def trajectory(
    profile: Profile,
    on: date,
    months: int = 36,
    scenarios: Sequence[str] = (),
    expiries: Iterable[tuple[date, str]] = (),
) -> list[dict[str, Any]]:
    """``maplepath plan trajectory --json``: the CRS and verdicts month by month, with the
    dated events between one month and the next."""
    from maplepath.planner.trajectory import trajectory as run

    return run(profile, on, months, scenarios=scenarios, expiries=expiries).to_json()


def improve(
    profile: Profile,
    on: date,
    target: int,
    by: str = "time",
    max_actions: int = 4,
    limit: int = 5,
    scenarios: Sequence[str] = (),
    target_from: str | None = None,
) -> dict[str, Any]:
    """``maplepath plan improve --json``: the quickest (or cheapest) sets of actions that
    reach ``target``; ``target_from`` says where the target came from (a round's cut-off)."""
    from maplepath.planner import improve as optimizer

    return improvement(
        optimizer.improve(profile, on, target, by, max_actions, limit, scenarios), target_from
    )


def improvement(r: Any, target_from: str | None = None) -> dict[str, Any]:
    """An ``Improvement`` (``planner.improve``) as its JSON."""
    return {
        "on": r.on.isoformat(),
        "current": r.current,
        "target": r.target,
        "target_from": target_from,
        "by": r.by,
        "reachable": r.reachable,
        "best_score": r.best_score,
        "plans": [_plan(p) for p in r.plans],
        "best_plan": _plan(r.best_plan) if r.best_plan else None,
        "searched": r.searched,
        "scored": r.scored,
    }


def _plan(p: Any) -> dict[str, Any]:
    return {
        "days": p.days,
        "cost_cad": p.cost_cad,
        "cost_complete": p.cost_complete,
        "final_on": p.final_on.isoformat(),
        "final_score": p.final_score,
        "steps": [
            {
                "action": s.action.id,
                "title": s.action.title,
                "start": s.start.isoformat(),
                "end": s.end.isoformat(),
                "days": s.action.days,
                "cost_cad": s.action.cost_cad,
                "score_after": s.score_after,
                "rules": list(s.action.rules),
            }
            for s in p.steps
        ],
    }


def noc_search(text: str, limit: int = 5) -> list[dict[str, Any]]:
    """``maplepath noc search --json``: unit groups for a title, best first, with why."""
    from maplepath import occupations

    return [
        {"code": r.code, "title": r.title, "teer": r.teer, "score": round(r.score, 1), "why": r.why}
        for r in occupations.search(text, limit)
    ]


def noc_show(code: str) -> dict[str, Any]:
    """``maplepath noc show --json``: a unit group (or what a NOC 2016 code became), and
    ``named_by``, the programs' and Express Entry categories' occupation lists that name it,
    each with its rule id and the days it was on the list."""
    from maplepath import occupations
    from maplepath.occupations import lists

    data = occupations.describe(code)
    data["named_by"] = [listing.to_json() for listing in lists.naming(data["code"])]
    return data


def rule(rule_id: str, on: date, scenarios: Sequence[str] = ()) -> dict[str, Any]:
    """``maplepath rules show --json``: every dated value of a rule, the one in force on ``on``."""
    from maplepath.report.reference import rule_detail
    from maplepath.rulebook import book

    rules = book.default()
    return rule_detail(rules.get(rule_id), rules.at(rule_id, on, list(scenarios)))


def draws_stats() -> dict[str, Any]:
    """``maplepath draws stats --json``: per kind of round, the rounds, invitations, cut-offs."""
    from maplepath.draws.stats import stats

    return stats()
