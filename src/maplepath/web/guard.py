"""What every request passes first: the Host check (no DNS rebinding: the server answers only
for the address it was started on), the 1 MiB body cap, the request's language, and the
security headers on every answer (CSP ``default-src 'self'``: nothing is fetched from
elsewhere). The API's refusals are problem details; the pages' are plain text."""

from __future__ import annotations

import re
from urllib.parse import parse_qs

from starlette.exceptions import HTTPException
from starlette.requests import cookie_parser
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from maplepath.i18n import say
from maplepath.web import i18n, problems

MAX_BODY = 1 << 20
# A practice's document upload carries a scan (practice.evidence.MAX_FILE, 20 MiB) and its form.
MAX_UPLOAD = 21 << 20
UPLOADS = re.compile(r"/practice/clients/\d+/evidence")
SECURITY_HEADERS = {
    # data: images only: the plan's chart is an SVG inside the page (nothing is fetched).
    "content-security-policy": (
        "default-src 'self'; img-src 'self' data:; frame-ancestors 'none'; form-action 'self'"
    ),
    "x-content-type-options": "nosniff",
    "referrer-policy": "no-referrer",
    "x-frame-options": "DENY",
}


class Guard:
    """The Host check, the body cap and the security headers, around every request."""

    def __init__(self, app: ASGIApp, hosts: set[str]) -> None:
        self.app, self.hosts = app, hosts

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = {k.decode("latin-1"): v.decode("latin-1") for k, v in scope["headers"]}
        i18n.use(_asked_language(scope, headers))  # the refusals below are said in it too
        host = headers.get("host", "").rsplit(":", 1)[0].strip("[]").lower()
        if host not in self.hosts:
            text = say("This server answers only on the address it was started on.")
            await _refuse(scope, send, 421, text)
            return
        length = headers.get("content-length", "0")
        upload = UPLOADS.fullmatch(scope.get("path", "")) is not None
        cap = MAX_UPLOAD if upload else MAX_BODY
        if not length.isdigit() or int(length) > cap:
            if upload:
                text = say("The document is larger than 20 MiB: scan it at a lower resolution.")
            else:
                text = say("The request is larger than 1 MiB: a profile is a few KB.")
            await _refuse(scope, send, 413, text)
            return
        seen = 0

        async def capped() -> Message:
            nonlocal seen
            message = await receive()
            seen += len(message.get("body", b""))
            if seen > cap:
                raise HTTPException(413, say("The request is larger than 1 MiB."))
            return message

        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                extra = [(k.encode(), v.encode()) for k, v in SECURITY_HEADERS.items()]
                message["headers"] = [*message.get("headers", []), *extra]
            await send(message)

        await self.app(scope, capped, with_headers)


def _asked_language(scope: Scope, headers: dict[str, str]) -> str:
    """The request's language, set before any route runs: the engine says its explanation lines
    in it (they are made while assessing, before the page is rendered). The API reads no
    cookie: its language is ``?lang=`` or Accept-Language."""
    query = parse_qs(scope.get("query_string", b"").decode("latin-1")).get("lang", [None])[0]
    cookie = None
    if not problems.is_api(scope.get("path", "")):
        cookie = cookie_parser(headers.get("cookie", "")).get(i18n.COOKIE)
    return i18n.choose(query, cookie, headers.get("accept-language"))


async def _refuse(scope: Scope, send: Send, status: int, text: str) -> None:
    """A refusal before any route runs: problem details for the API, plain text otherwise."""
    if problems.is_api(scope.get("path", "")):
        response = problems.problem(status, text)
        body, kind = bytes(response.body), problems.MEDIA_TYPE.encode()
    else:
        body, kind = text.encode(), b"text/plain; charset=utf-8"
    headers = [(b"content-type", kind)]
    headers += [(k.encode(), v.encode()) for k, v in SECURITY_HEADERS.items()]
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": body})
