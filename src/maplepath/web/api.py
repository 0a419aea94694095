"""The HTTP API (``/api/v1``): the engine's stable commands over JSON, answering with exactly
the bytes of the CLI's ``--json`` (``report.answers``), described at ``/openapi.json``.

Stateless: the rule book and the NOC index are loaded once per worker; no cookie is read or
set (so there is no CSRF surface), no CORS header is sent. Every refusal is an RFC 9457
problem (``web.problems``): 400 for a body that is not JSON, 404 for an unknown code or rule,
413 over 1 MiB, 422 for a request that cannot be assessed, with every profile problem at once.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from datetime import date
from typing import Any

from fastapi import APIRouter, FastAPI, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.openapi.utils import get_openapi
from starlette.responses import JSONResponse, Response

from maplepath.i18n import say
from maplepath.occupations.codes import NocError
from maplepath.profile.dates import EARLIEST, LATEST
from maplepath.profile.load import ProfileError, validate_profile
from maplepath.report import answers
from maplepath.rulebook import book as rulebook
from maplepath.rulebook.rulefile import RuleFileError
from maplepath.web import api_answers as out
from maplepath.web.api_models import (
    ImproveRequest,
    PathwaysRequest,
    ProfileRequest,
    TrajectoryRequest,
)
from maplepath.web.problems import (
    MEDIA_TYPE,
    FieldProblem,
    ProblemDetails,
    field_problems,
    problem,
)


class Refused(Exception):
    """A request the engine cannot answer: the status and the problem details to send."""

    def __init__(self, status: int, detail: str, errors: list[FieldProblem] | None = None):
        super().__init__(detail)
        self.status, self.detail, self.errors = status, detail, errors or []


def _problems(*statuses: int) -> dict[int | str, dict[str, Any]]:
    return {
        s: {"model": ProblemDetails, "content": {MEDIA_TYPE: {}}, "description": str(s)}
        for s in statuses
    }


BODY_ERRORS = _problems(400, 413, 422)
router = APIRouter(prefix="/api/v1", responses=_problems(413))


def _json(make: Callable[[], Any]) -> Response:
    """The CLI's bytes: ``maplepath ... --json`` prints exactly this body. What the CLI refuses
    as a user error (exit 2) is refused here too: an unknown rule or code is a 404, a date the
    rules do not cover (the CRS began on 2015-01-01) or another refused fact a 422."""
    try:
        data = make()
    except (rulebook.UnknownRuleError, NocError) as exc:
        raise Refused(404, str(exc.args[0]) if exc.args else str(exc)) from None
    except (ProfileError, RuleFileError, ValueError) as exc:
        raise Refused(422, str(exc)) from None
    return Response(answers.dumps(data).encode(), media_type="application/json")


def _day(raw: str | None, path: str = "on") -> date:
    if raw is None:
        return date.today()
    try:
        when = date.fromisoformat(raw)
    except ValueError:
        when = None
    if when is None or not EARLIEST <= when <= LATEST:
        message = say(
            "%(raw)s is not a date maplepath works with (YYYY-MM-DD, %(first)s to %(last)s)",
            raw=repr(raw),
            first=EARLIEST,
            last=LATEST,
        )
        raise Refused(422, message, [FieldProblem(path=path, message=message)])
    return when


@functools.cache
def _known_scenarios() -> frozenset[str]:
    """The scenarios of the packaged rule book (read once per worker, like the book)."""
    return frozenset(rulebook.default().scenarios())


def _scenarios(names: list[str]) -> list[str]:
    known = _known_scenarios() if names else frozenset()
    bad = [
        FieldProblem(
            path=f"scenarios.{i}",
            message=say("no rule carries a scenario named %(name)s", name=repr(name)),
        )
        for i, name in enumerate(names)
        if name not in known
    ]
    if bad:
        raise Refused(422, say("Unknown scenario."), bad)
    return names


async def _profile(
    request: Request, body: ProfileRequest
) -> tuple[Any, date, list[str], tuple[str, ...]]:
    """The profile checked as the CLI checks a file (dates, codes, plausibility), the date,
    the scenarios and the profile's warnings; every problem of the three refused at once. The
    raw JSON, not the parsed model, is what is checked: the model takes things a profile file
    may not hold (a timestamp for a date)."""
    found: list[FieldProblem] = []
    when, scenarios, loaded = date.today(), body.scenarios, None
    try:
        when = _day(body.on)
    except Refused as exc:
        found += exc.errors
    try:
        _scenarios(body.scenarios)
    except Refused as exc:
        found += exc.errors
    try:
        loaded = validate_profile((await request.json())["profile"], "profile", date.today())
    except ProfileError as exc:
        found += field_problems(exc.problems, "profile")
    if found or loaded is None:
        raise Refused(422, say("The request cannot be assessed."), found)
    return loaded.profile, when, scenarios, loaded.warnings


@router.post("/crs", responses={200: {"model": out.CrsAnswer}, **BODY_ERRORS})
async def crs(request: Request, body: ProfileRequest) -> Response:
    """The CRS on a date, line by line with the rule of each line (``maplepath crs --json``)."""
    profile, on, scenarios, warnings = await _profile(request, body)
    return _json(lambda: answers.crs(profile, on, scenarios, warnings))


@router.post("/assess", responses={200: {"model": out.AssessAnswer}, **BODY_ERRORS})
async def assess(request: Request, body: ProfileRequest) -> Response:
    """The CRS, every Express Entry program's verdict and why, the other routes, the missing
    facts and the warnings (``maplepath assess --json``)."""
    profile, on, scenarios, warnings = await _profile(request, body)
    return _json(lambda: answers.assess(profile, on, scenarios, warnings))


@router.post("/pathways", responses={200: {"model": list[out.Pathway]}, **BODY_ERRORS})
async def pathways(request: Request, body: PathwaysRequest) -> Response:
    """Every route on the date, ranked: open and eligible first (``maplepath pathways --json``)."""
    profile, on, _, _ = await _profile(request, body)
    known = set(_program_ids())
    bad = [
        FieldProblem(path=f"programs.{i}", message=say("no program %(id)s", id=repr(p)))
        for i, p in enumerate(body.programs or [])
        if p not in known
    ]
    if bad:
        raise Refused(422, say("Unknown program."), bad)
    return _json(lambda: answers.pathways(profile, on, body.programs))


def _program_ids() -> list[str]:
    from maplepath import programs

    return list(programs.registry())


@router.post("/plan/trajectory", responses={200: {"model": list[out.Month]}, **BODY_ERRORS})
async def trajectory(request: Request, body: TrajectoryRequest) -> Response:
    """The CRS and every verdict month by month, with the dated events that move them
    (``maplepath plan trajectory --json``)."""
    profile, on, scenarios, _ = await _profile(request, body)
    return _json(lambda: answers.trajectory(profile, on, body.months, scenarios))


@router.post("/plan/improve", responses={200: {"model": out.Improvement}, **BODY_ERRORS})
async def improve(request: Request, body: ImproveRequest) -> Response:
    """The quickest (or cheapest) sets of actions that reach a target score
    (``maplepath plan improve --json``)."""
    profile, on, scenarios, _ = await _profile(request, body)
    return _json(
        lambda: answers.improve(
            profile, on, body.target, body.by, body.max_actions, body.limit, scenarios
        )
    )


@router.get("/noc/search", responses={200: {"model": list[out.NocMatch]}, **_problems(422)})
async def noc_search(
    q: str = Query(min_length=1, max_length=200, description="A job title or duties."),
    limit: int = Query(5, ge=1, le=50, description="How many unit groups."),
) -> Response:
    """NOC 2021 unit groups for a job title, best first, with why each matched
    (``maplepath noc search --json``)."""
    try:
        found = answers.noc_search(q, limit)
    except ValueError as exc:
        raise Refused(422, str(exc), [FieldProblem(path="q", message=str(exc))]) from None
    return _json(lambda: found)


@router.get("/noc/{code}", responses={200: {"model": out.NocUnit}, **_problems(404)})
async def noc_show(code: str) -> Response:
    """A NOC 2021 unit group, or what a NOC 2016 code became (``maplepath noc show --json``)."""
    return _json(lambda: answers.noc_show(code))


@router.get("/rules/{rule_id}", responses={200: {"model": out.RuleAnswer}, **_problems(404, 422)})
async def rule(
    rule_id: str,
    on: str | None = Query(None, description="The date (YYYY-MM-DD); today when left out."),
) -> Response:
    """Every dated value of a rule with its citation, and the one in force on the date
    (``maplepath rules show --json``)."""
    when = _day(on)
    return _json(lambda: answers.rule(rule_id, when))


@router.get("/draws/stats", responses={200: {"model": out.DrawStats}})
async def draws_stats() -> Response:
    """Per kind of round: rounds, invitations, cut-offs over the last 12 months and all time
    (``maplepath draws stats --json``); empty until rounds are imported."""
    return _json(answers.draws_stats)


def install(app: FastAPI) -> None:
    """The API's routes, its refusals as problem details and ``/openapi.json`` (the API only:
    the pages are HTML for people, not operations)."""
    app.include_router(router)

    @app.exception_handler(Refused)
    async def refused(request: Request, exc: Refused) -> Response:
        return problem(exc.status, exc.detail, exc.errors)

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError) -> Response:
        return _invalid(exc)

    schema: dict[str, Any] = {}

    @app.get("/openapi.json", include_in_schema=False)
    async def openapi() -> JSONResponse:
        if not schema:
            schema.update(_schema(app))
        return JSONResponse(schema)


def _schema(app: FastAPI) -> dict[str, Any]:
    from maplepath import __version__

    return get_openapi(
        title="maplepath",
        version=__version__,
        summary="Every route to Canada open to a tech worker on a date, with every number "
        "traced to a dated, cited rule. An assessment, not legal advice.",
        routes=router.routes,
    )


def _invalid(exc: RequestValidationError) -> Response:
    """FastAPI's refusal of a body or a parameter, as problem details: a body that is not JSON
    is a 400; otherwise every problem, the profile's checked as the CLI checks a file."""
    errors = exc.errors()
    if any(e.get("type") == "json_invalid" for e in errors):
        return problem(400, say("The request body is not valid JSON."))
    found: list[FieldProblem] = []
    body = exc.body if isinstance(exc.body, dict) else {}
    found += _checked_beside(body)
    raw = body.get("profile")
    if isinstance(raw, dict):
        try:
            validate_profile(raw, "profile", today=date.today())
        except ProfileError as pe:
            found += field_problems(pe.problems, "profile")
    said = {f.path.split(".")[0] for f in found}
    for e in errors:
        loc = [str(part) for part in e.get("loc", ())]
        where = loc[1:] if loc and loc[0] in ("body", "query", "path") else loc
        if where[:1] and where[0] in said:
            continue  # said above, in the words the CLI uses
        found.append(FieldProblem(path=".".join(where), message=str(e.get("msg", ""))))
    return problem(422, say("The request cannot be assessed."), found)


def _checked_beside(body: dict[str, Any]) -> list[FieldProblem]:
    """The date and the scenarios of a body refused for something else, checked too, so that
    every problem comes back at once."""
    found: list[FieldProblem] = []
    on, scenarios = body.get("on"), body.get("scenarios")
    if isinstance(on, str):
        try:
            _day(on)
        except Refused as exc:
            found += exc.errors
    if isinstance(scenarios, list) and all(isinstance(x, str) for x in scenarios):
        try:
            _scenarios(scenarios)
        except Refused as exc:
            found += exc.errors
    return found
