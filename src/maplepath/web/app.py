"""``maplepath serve``: the questionnaire and the results page, served on loopback.

Pages are rendered on the server and work without JavaScript: the form posts, the results come
back as a page. Nothing is kept: a profile lives in the request that carries it. The guards of
the HTTP contract (DESIGN.md, "The web app and the HTTP API") are here: the Host header must
name the bound host (no DNS rebinding), every form POST carries the CSRF token of its page,
bodies are capped at 1 MiB, every page says ``Content-Security-Policy: default-src 'self'``, and
an error is a page that says what to do, never a traceback.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Request
from fastapi.responses import HTMLResponse, PlainTextResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.datastructures import UploadFile
from starlette.exceptions import HTTPException

from maplepath.i18n import noop, say, word
from maplepath.notices import DISCLAIMER
from maplepath.profile.load import (
    MAX_PROFILE_BYTES,
    Problem,
    ProfileError,
    parse_document,
    validate_profile,
)
from maplepath.web import api, live, problems, report
from maplepath.web import form as questionnaire
from maplepath.web.guard import Guard
from maplepath.web.pages import HERE, templates
from maplepath.web.pages import check_csrf as _check_csrf
from maplepath.web.pages import error_page as _error_page
from maplepath.web.pages import language as _language
from maplepath.web.pages import on_date as _on
from maplepath.web.pages import page as _page

# The details of the errors starlette raises itself (an unknown page, a wrong method).
STARLETTE_DETAILS = (noop("Not Found"), noop("Method Not Allowed"))


def create_app(
    host: str = "127.0.0.1", practice: str | Path | None = None, db: str | None = None
) -> FastAPI:
    """The application, answering for ``host`` (and loopback's other names); with the
    practice's pages under /practice when a ``practice`` folder is given."""
    app = FastAPI(title="maplepath", docs_url=None, redoc_url=None, openapi_url=None)
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")
    api.install(app)
    if practice is not None:
        from maplepath.practice import Store
        from maplepath.web import practice as practice_pages

        practice_pages.install(app, Store(practice, db))
    hosts = {host.lower(), "127.0.0.1", "localhost", "::1", "testserver"}

    @app.exception_handler(HTTPException)
    async def http_error(request: Request, exc: HTTPException) -> Response:
        if problems.is_api(request.url.path):  # in the Guard's language: no cookie is read
            return problems.problem(exc.status_code, word(str(exc.detail)), headers=exc.headers)
        _language(request)  # starlette's own details (Not Found) are said with ``word``
        return _error_page(request, exc.status_code, word(str(exc.detail)))

    @app.exception_handler(Exception)
    async def any_error(request: Request, exc: Exception) -> Response:  # never a traceback
        if problems.is_api(request.url.path):
            return problems.problem(500, say("Something went wrong on our side; nothing was kept."))
        _language(request)
        return _error_page(request, 500, say("Something went wrong on our side; nothing was kept."))

    @app.get("/healthz", response_class=PlainTextResponse)
    async def healthz() -> str:
        return "ok"

    @app.get("/favicon.ico")
    async def favicon() -> Response:
        return Response(status_code=204)  # no icon: and no 404 in the browser's console

    @app.get("/")
    async def home() -> Response:
        return RedirectResponse("/assess", status_code=303)

    @app.get("/assess", response_class=HTMLResponse)
    async def assess_form(request: Request) -> Response:
        return _form_page(request, {}, {}, [], 200)

    @app.get("/assess/clb/{slot}", response_class=HTMLResponse)
    async def clb(request: Request, slot: str) -> Response:
        """The levels of the test in ``slot`` (``language_tests.0``) as its scores are typed."""
        if slot not in {f"language_tests.{i}" for i in range(8)}:
            raise HTTPException(404, say("No such test in the questionnaire."))
        prefix = slot + "."
        params = request.query_params
        values = {k[len(prefix) :]: v for k, v in params.items() if k.startswith(prefix)}
        on, _ = _on(params.get("on", ""))
        preview = live.clb_preview(values, on or date.today())
        _language(request)
        return templates.TemplateResponse(request, "clb.html", {"key": slot, "preview": preview})

    @app.get("/assess/noc/{slot}", response_class=HTMLResponse)
    async def noc(request: Request, slot: str) -> Response:
        """The NOC codes a job's title most likely has, as the title is typed."""
        if slot not in {f"work.{i}" for i in range(8)}:
            raise HTTPException(404, say("No such job in the questionnaire."))
        found = live.noc_suggestions(request.query_params.get(f"{slot}.title", ""))
        _language(request)
        return templates.TemplateResponse(request, "noc.html", {"key": slot, "found": found})

    @app.post("/assess/profile.yaml")
    async def download(request: Request) -> Response:
        """What was entered, as a profile file to keep (nothing is kept here)."""
        data = await request.form()
        _check_csrf(request, str(data.get("csrf_token", "")))
        values = {k: v for k, v in data.items() if isinstance(v, str)}
        return Response(
            profile_yaml(questionnaire.to_document(values)),
            media_type="application/yaml",
            headers={"content-disposition": 'attachment; filename="profile.yaml"'},
        )

    @app.post("/assess", response_class=HTMLResponse)
    async def assess_post(request: Request) -> Response:
        return await _answer(request, pdf=False)

    @app.post("/plan", response_class=HTMLResponse)
    async def plan_page(request: Request) -> Response:
        """The trajectory chart and the improvement plans for the posted answers."""
        return await _answer(request, pdf=False, plan=True)

    @app.post("/plan/timeline.ics")
    async def timeline_ics(request: Request) -> Response:
        """The timeline of the posted answers as a calendar file."""
        return await _answer(request, pdf=False, calendar=True)

    @app.post("/whatif", response_class=HTMLResponse)
    async def whatif_post(request: Request) -> Response:
        """The CRS after the chosen actions: a fragment for htmx, a page without it."""
        return await _answer(request, pdf=False, whatif=True)

    @app.post("/report.pdf")
    async def report_pdf(request: Request) -> Response:
        """The same answers as POST /assess, as a printable PDF report."""
        return await _answer(request, pdf=True)

    app.add_middleware(Guard, hosts=hosts)
    return app


async def _answer(
    request: Request, pdf: bool, plan: bool = False, whatif: bool = False, calendar: bool = False
) -> Response:
    """The results (a page or a PDF) for the posted answers or profile file, or the form again
    (422) with every problem beside its field."""
    data = await request.form()
    _check_csrf(request, str(data.get("csrf_token", "")))
    _language(request)  # the PDF and the fragments are in the page's language
    values = {k: v for k, v in data.items() if isinstance(v, str)}
    on, problems = _on(values.get("on", ""))
    upload = data.get("profile")
    if isinstance(upload, UploadFile) and upload.filename:
        doc, problems = await _uploaded(upload, problems)
        values = {**questionnaire.from_document(doc), "on": values.get("on", "")}
    else:
        doc = questionnaire.to_document(values)
    if not problems:
        try:
            loaded = validate_profile(doc, "your answers", date.today())
        except ProfileError as exc:
            problems = exc.problems
    if not problems and on is not None:
        answers = {**questionnaire.from_document(doc), "on": on.isoformat()}
        try:
            if calendar:
                from maplepath.web import plan as plan_page

                return Response(
                    plan_page.calendar(loaded.profile, on),
                    media_type="text/calendar",
                    headers={"content-disposition": 'attachment; filename="maplepath.ics"'},
                )
            if plan:
                from maplepath.web import plan as plan_page

                target = _target(values.get("target", ""))
                context = plan_page.context(loaded.profile, on, target)
                return _page(request, "plan.html", 200, answers=answers, **context)
            if whatif:
                return _whatif(request, loaded.profile, on, values)
            context = {**_results(loaded, on), "answers": answers}
            context.update(_whatif_form(loaded.profile, on))
        except ValueError as exc:  # a date the rules do not cover: said beside the date
            problems = [Problem("on", str(exc))]
        else:
            if pdf:
                return Response(
                    report.pdf(templates, context, DISCLAIMER),
                    media_type="application/pdf",
                    headers={"content-disposition": 'attachment; filename="maplepath.pdf"'},
                )
            return _page(request, "results.html", 200, **context)
    beside, general = questionnaire.messages_by_field(problems)
    return _form_page(request, values, beside, general, 422)


def _whatif_form(profile: Any, on: date) -> dict[str, Any]:
    from maplepath.web import whatif

    return {"whatif_choices": whatif.choices(profile, on), "whatif_months": whatif.MONTHS}


def _whatif(request: Request, profile: Any, on: date, values: dict[str, str]) -> Response:
    from maplepath.web import whatif

    chosen = [v for k, v in values.items() if k.startswith("whatif.") and v]
    raw = values.get("whatif_months", "0")
    months = int(raw) if raw.isdigit() and int(raw) in whatif.MONTHS else 0
    found = whatif.score(profile, on, chosen, months)
    name = "whatif.html" if request.headers.get("hx-request") else "whatif_page.html"
    return _page(request, name, 200, whatif=found, a_on=on)


def _target(raw: str) -> int | None:
    try:
        value = int(raw)
    except ValueError:
        return None
    return value if 0 <= value <= 1200 else None


def profile_yaml(doc: dict[str, Any]) -> bytes:
    """The answers as a profile file: the checked profile when it is valid (numbers as
    numbers), else what was typed, so that nothing entered is lost."""
    import yaml

    try:
        profile = validate_profile(doc, "your answers").profile
        doc = profile.model_dump(mode="json", exclude_none=True, exclude_defaults=True)
    except ProfileError:
        pass
    head = say("# maplepath profile, downloaded %(day)s: see docs/profile.md", day=date.today())
    head += "\n"
    return (head + yaml.safe_dump(doc, sort_keys=False, allow_unicode=True)).encode()


async def _uploaded(upload: UploadFile, problems: list[Problem]) -> tuple[Any, list[Problem]]:
    raw = await upload.read(MAX_PROFILE_BYTES + 1)
    name = upload.filename or "profile.yaml"
    if len(raw) > MAX_PROFILE_BYTES:
        return {}, [*problems, Problem("profile", say("the file is larger than 1 MiB"))]
    try:
        return parse_document(raw.decode("utf-8-sig"), name), problems
    except UnicodeDecodeError:
        return {}, [*problems, Problem("profile", say("the file is not UTF-8 text"))]
    except ProfileError as exc:
        return {}, [*problems, *(Problem("profile", p.message) for p in exc.problems)]


def _form_page(
    request: Request,
    values: dict[str, str],
    beside: dict[str, list[str]],
    general: list[str],
    status: int,
) -> Response:
    return _page(
        request,
        "assess.html",
        status,
        groups=questionnaire.GROUPS,
        values={**values, "on": values.get("on") or date.today().isoformat()},
        errors=beside,
        general=general,
    )


def _results(loaded: Any, on: date) -> dict[str, Any]:
    from maplepath.assess import assess
    from maplepath.web import results

    a = assess(loaded.profile, on)
    a.warnings[:0] = list(loaded.warnings)
    return results.context(a, loaded.profile)
