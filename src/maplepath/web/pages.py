"""What every page of the web app shares: the templates (in the request's language), the CSRF
token of its forms (a cookie the form must repeat: a page of another site cannot read it), and
the error page."""

from __future__ import annotations

import re
import secrets
from datetime import date
from pathlib import Path
from typing import Any

from fastapi import Request
from fastapi.responses import Response
from fastapi.templating import Jinja2Templates
from markupsafe import Markup, escape
from starlette.exceptions import HTTPException

from maplepath.i18n import say
from maplepath.notices import DISCLAIMER
from maplepath.profile import plausibility
from maplepath.profile.load import Problem
from maplepath.web import i18n
from maplepath.web.results import round_kind

HERE = Path(__file__).parent
CSRF_COOKIE = "maplepath_csrf"
templates = Jinja2Templates(directory=HERE / "templates")
i18n.install(templates.env)
templates.env.filters["round_kind"] = round_kind


def breakable(text: object) -> Markup:
    """An id (``crs.transferability.education_canadian_experience``, ``education.0.eca.level``)
    that may wrap after a dot or an underscore, not between any two letters: ``<wbr>`` adds no
    character, so the id a reader copies is whole."""
    escaped = escape(str(text))
    return escaped.replace(".", Markup(".<wbr>")).replace("_", Markup("_<wbr>"))


_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def whole_dates(text: object) -> Markup:
    """A sentence whose dates never wrap at their hyphens ("2019-" on one line, "07-15" on the
    next): each ``YYYY-MM-DD`` in a span the stylesheet keeps on one line."""
    escaped = str(escape(str(text)))
    return Markup(_DATE.sub(lambda m: f'<span class="date">{m.group()}</span>', escaped))


templates.env.filters["breakable"] = breakable
templates.env.filters["whole_dates"] = whole_dates


def check_csrf(request: Request, token: str) -> None:
    cookie = request.cookies.get(CSRF_COOKIE, "")
    # As bytes: compare_digest refuses text that is not ASCII (a forged token may be anything).
    if not cookie or not secrets.compare_digest(token.encode(), cookie.encode()):
        raise HTTPException(403, say("This form has expired: open it again and resubmit."))


def csrf(request: Request) -> str:
    return request.cookies.get(CSRF_COOKIE) or secrets.token_urlsafe(32)


def language(request: Request) -> str:
    """The request's language (``?lang=``, the cookie, Accept-Language), set for rendering."""
    lang = i18n.choose(
        request.query_params.get("lang"),
        request.cookies.get(i18n.COOKIE),
        request.headers.get("accept-language"),
    )
    i18n.use(lang)
    return lang


def page(request: Request, name: str, code: int, **context: Any) -> Response:
    token = csrf(request)
    lang = language(request)
    switch = context.pop("switch_url", None)
    switch = switch or (request.url.path if request.method == "GET" else "/assess")
    response = templates.TemplateResponse(
        request,
        name,
        {
            "csrf_token": token,
            "disclaimer": DISCLAIMER,
            "lang": lang,
            "html_lang": i18n.HTML_LANG[lang],
            "switch_url": switch,
            **context,
        },
        status_code=code,
    )
    response.set_cookie(CSRF_COOKIE, token, httponly=True, samesite="strict")
    if request.query_params.get("lang") in i18n.LANGUAGES:
        response.set_cookie(i18n.COOKIE, lang, samesite="lax", max_age=365 * 86400)
    return response


def error_page(request: Request, status: int, message: str) -> Response:
    return page(request, "error.html", status, status=status, message=message)


def on_date(raw: str) -> tuple[date | None, list[Problem]]:
    """The assessment date of the form (today when blank), within the dates the tool knows."""
    if not raw.strip():
        return date.today(), []
    try:
        when = date.fromisoformat(raw.strip())
    except ValueError:
        why = say("%(value)s is not a date: write it as YYYY-MM-DD", value=repr(raw))
        return None, [Problem("on", why)]
    lim = plausibility.limits(date.today())
    if lim is not None and not lim.earliest <= when <= lim.latest:
        why = say(
            "%(day)s is outside the dates maplepath works with are %(earliest)s to %(latest)s",
            day=when,
            earliest=lim.earliest,
            latest=lim.latest,
        )
        return None, [Problem("on", why)]
    return when, []
