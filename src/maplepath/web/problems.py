"""The HTTP API's errors as RFC 9457 problem details (``application/problem+json``): a
``type``, a ``title``, the ``status``, a ``detail`` in the request's language, and for a
profile every problem at once in ``errors`` as ``{path, message}`` (paths written the way the
questionnaire names its fields, ``education.0.eca.level``)."""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping

from pydantic import BaseModel
from starlette.responses import Response

from maplepath.i18n import noop, word
from maplepath.profile.load import Problem as ProfileProblem

MEDIA_TYPE = "application/problem+json"

# The kinds of problem, by status: the English title (said in the request's language) and the
# ``type`` URI, which stays the same in every language (RFC 9457, section 3.1.1).
TITLES = {
    400: noop("The request body is not JSON"),
    404: noop("Not found"),
    405: noop("Method not allowed"),
    413: noop("The request is too large"),
    421: noop("Wrong host"),
    422: noop("The request cannot be assessed"),
    500: noop("Something went wrong on our side"),
}
TYPES = {
    400: "malformed-json",
    404: "not-found",
    405: "method-not-allowed",
    413: "too-large",
    421: "wrong-host",
    422: "invalid-request",
    500: "internal",
}
TYPE_BASE = "https://maplepath.invalid/problems/"  # names, not pages: nothing is fetched


class FieldProblem(BaseModel):
    """One thing wrong with one field of the request."""

    path: str  # "profile.education.0.eca.level"; "" for the request as a whole
    message: str


class ProblemDetails(BaseModel):
    """RFC 9457 problem details, with every field problem of the request in ``errors``."""

    type: str
    title: str
    status: int
    detail: str
    errors: list[FieldProblem] = []


def dotted(path: str) -> str:
    """A profile path as the API and the form name it: ``work[2].start`` -> ``work.2.start``."""
    return re.sub(r"\[(\d+)\]", r".\1", path)


def field_problems(problems: Iterable[ProfileProblem], prefix: str) -> list[FieldProblem]:
    """The profile loader's problems, each under ``prefix`` (``profile``)."""
    out = []
    for p in problems:
        path = ".".join(part for part in (prefix, dotted(p.path)) if part)
        out.append(FieldProblem(path=path, message=p.message))
    return out


def problem(
    status: int,
    detail: str,
    errors: Iterable[FieldProblem] = (),
    headers: Mapping[str, str] | None = None,
) -> Response:
    """The response for one problem; the body is the ``ProblemDetails`` of the status.
    ``headers`` keeps what the status requires (``Allow`` on a 405, RFC 9110)."""
    body = ProblemDetails(
        type=TYPE_BASE + TYPES.get(status, "error"),
        title=word(TITLES.get(status, TITLES[500])),
        status=status,
        detail=detail,
        errors=list(errors),
    )
    text = json.dumps(body.model_dump(), ensure_ascii=False)
    return Response(text.encode(), status, headers=dict(headers or {}), media_type=MEDIA_TYPE)


def is_api(path: str) -> bool:
    """Whether a request is for the API (its errors are problem details, not pages)."""
    return path == "/api" or path.startswith("/api/")
