"""The practice's pages (``maplepath serve --practice DIR``): sign in, the dashboard of the
clients one may see, a client's file (profile versions and what changed, documents with their
scans, what the review finds, the checklist, deadlines, the timeline), recheck-all with its
summary, and the client's report as a PDF in English or French.

Every page asks who is signed in first; an assistant opening a client not assigned to them
gets the same "not found" as for a client that does not exist (the URL tells them nothing).
Every opening of a client's file is in the audit log under the reader's name, as every change
is. Forms carry the CSRF token of their page, the sign-in form too (no one signs a person in
to an account of theirs from another site)."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import date
from typing import Any, TypeVar

from fastapi import FastAPI, Request
from fastapi.responses import RedirectResponse, Response
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile
from starlette.exceptions import HTTPException

from maplepath.i18n import say
from maplepath.planner.evidence import KINDS, EvidenceError
from maplepath.practice import access, client_file, clients, deadlines, evidence
from maplepath.practice.store import PracticeError, Store
from maplepath.profile.load import MAX_PROFILE_BYTES, ProfileError, parse_document
from maplepath.report import names
from maplepath.web import i18n
from maplepath.web.pages import check_csrf, on_date, page
from maplepath.web.session import COOKIE, Sessions

FAILED = (PracticeError, EvidenceError, ProfileError)
# A date refused (PracticeError), or one the rules do not cover (the engine's ValueError).
DATES = (PracticeError, ValueError)
T = TypeVar("T")
# A checklist's pathways, headed as the results page heads its groups.
PATHWAYS = {"express_entry": "Express Entry", "provincial_nominee": "Provincial programs",
            "work_permit": "Work permits"}  # fmt: skip


def install(app: FastAPI, store: Store) -> None:
    """Add the practice's pages to ``app``, over ``store``."""
    sessions = Sessions(store)

    def who(request: Request) -> access.User | None:
        return sessions.user(request.cookies.get(COOKIE))

    def signin_again(request: Request) -> Response:
        return RedirectResponse("/practice/signin", status_code=303)

    def client_or_404(user: access.User, client_id: int) -> None:
        """A client the user may open, else "not found": the same for one that does not exist,
        was erased, or is not assigned to them (the address tells nothing)."""
        try:
            with store.engine.connect() as c:
                store.client_row(c, client_id)
        except PracticeError:
            raise HTTPException(404, say("No such client in this practice.")) from None
        if not access.may_open(store, user, client_id):
            raise HTTPException(404, say("No such client in this practice."))

    async def posted(request: Request) -> tuple[dict[str, Any], access.User | None]:
        data = await request.form()
        check_csrf(request, str(data.get("csrf_token", "")))
        return dict(data), who(request)

    @app.get("/practice/signin")
    async def signin_form(request: Request) -> Response:
        return _page(request, "practice_signin.html", 200, account="", message="")

    @app.post("/practice/signin")
    async def signin(request: Request) -> Response:
        data, _ = await posted(request)
        name, password = str(data.get("name", "")), str(data.get("password", ""))
        try:
            user = access.sign_in(store, name, password)
        except access.Locked as exc:
            return _page(request, "practice_signin.html", 429, account=name, message=str(exc))
        if user is None:
            message = say("The name or the password is not right.")
            return _page(request, "practice_signin.html", 401, account=name, message=message)
        response = RedirectResponse("/practice", status_code=303)
        response.set_cookie(
            COOKIE,
            sessions.issue(user),
            httponly=True,
            samesite="strict",
            secure=request.url.scheme == "https",
            max_age=None,  # ends with the browser, or after MAX_AGE, whichever is first
        )
        return response

    @app.post("/practice/signout")
    async def signout(request: Request) -> Response:
        _, user = await posted(request)
        if user is not None:
            sessions.end(user)  # every cookie issued until now stops being a session
        response = RedirectResponse("/practice/signin", status_code=303)
        response.delete_cookie(COOKIE)
        return response

    @app.get("/practice")
    async def dashboard(request: Request) -> Response:
        user = who(request)
        if user is None:
            return signin_again(request)
        try:
            on = _on(request.query_params.get("on"))
            rows = await _off_loop(clients.dashboard, store, on, access.visible(store, user))
        except DATES as exc:
            return _refused(request, user, exc, "/practice")
        # One entry for the list (not one per client: the file itself is opened on its page).
        store.record(user.name, "clients.list", None, str(len(rows)))
        return _page(request, "practice_dashboard.html", 200, user=user, rows=rows, on=on)

    @app.post("/practice/clients")
    async def add_client(request: Request) -> Response:
        data, user = await posted(request)
        if user is None:
            return signin_again(request)
        if not user.sees_all:
            raise HTTPException(403, say("Only a consultant adds clients."))
        try:
            document = await _profile_upload(data.get("profile"))
            cid = store.add_client(
                str(data.get("client", "")),
                document,
                user.name,
                file_no=str(data.get("file_no", "")).strip() or None,
                contact=str(data.get("contact", "")).strip() or None,
                language=str(data.get("language", "en")) if data.get("language") == "fr" else "en",
            )
        except FAILED as exc:
            return _refused(request, user, exc, "/practice")
        return RedirectResponse(f"/practice/clients/{cid}", status_code=303)

    @app.post("/practice/recheck")
    async def recheck(request: Request) -> Response:
        data, user = await posted(request)
        if user is None:
            return signin_again(request)
        try:
            on = _on(str(data.get("on", "")))
            only = access.visible(store, user)
            rows = await _off_loop(clients.recheck_all, store, on, user.name, only)
        except DATES as exc:
            return _refused(request, user, exc, "/practice")
        return _page(request, "practice_recheck.html", 200, user=user, rows=rows, on=on)

    @app.get("/practice/clients/{client_id}")
    async def client_page(request: Request, client_id: int) -> Response:
        user = who(request)
        if user is None:
            return signin_again(request)
        client_or_404(user, client_id)
        try:
            on = _on(request.query_params.get("on"))
            f = await _off_loop(client_file.open_file, store, client_id, on, user.name)
        except DATES as exc:
            return _refused(request, user, exc, "/practice")
        newest = f.versions[0]["version"] if f.versions else 1
        shown = _version(request.query_params.get("diff"), newest)
        diff = None
        if shown > 1:
            before, after = store.profile(client_id, shown - 1), store.profile(client_id, shown)
            diff = {"version": shown, "changes": client_file.changes(before, after)}
        assistants = access.assistants(store) if user.sees_all else []
        routes = f.assessment.routes if f.assessment else []
        named = {r.verdict.program: names.name(r.verdict.program, on) for r in routes}
        return _page(
            request, "practice_client.html", 200, user=user, f=f, diff=diff, kinds=KINDS,
            assistants=assistants, names=named, pathways=PATHWAYS,
        )  # fmt: skip

    async def change(
        request: Request, client_id: int, anchor: str, work: Callable[..., Awaitable[None]]
    ) -> Response:
        """A change to a client's file: the token, who is signed in, the client's file theirs
        to open; then ``work(data, user)``, refused with the reason and nothing kept."""
        data, user = await posted(request)
        if user is None:
            return signin_again(request)
        client_or_404(user, client_id)
        back = f"/practice/clients/{client_id}"
        try:
            await work(data, user)
        except FAILED as exc:
            return _refused(request, user, exc, back)
        return RedirectResponse(back + anchor, status_code=303)

    @app.post("/practice/clients/{client_id}/evidence")
    async def add_evidence(request: Request, client_id: int) -> Response:
        async def work(data: dict[str, Any], user: access.User) -> None:
            fields = parse_document(str(data.get("fields", "")), say("the document's fields"))
            facts = {"kind": str(data.get("kind", "")), "fields": fields}
            scan = data.get("scan")
            attachment = None
            if isinstance(scan, UploadFile) and scan.filename:
                body = await scan.read(evidence.MAX_FILE + 1)
                attachment = (scan.filename, body)
            doc_id = str(data.get("doc_id", "")).strip()
            evidence.add(store, client_id, doc_id, facts, user.name, attachment)

        return await change(request, client_id, "#documents", work)

    @app.post("/practice/clients/{client_id}/profile")
    async def new_version(request: Request, client_id: int) -> Response:
        async def work(data: dict[str, Any], user: access.User) -> None:
            store.save_profile(client_id, await _profile_upload(data.get("profile")), user.name)

        return await change(request, client_id, "#versions", work)

    @app.post("/practice/clients/{client_id}/deadlines")
    async def add_deadline(request: Request, client_id: int) -> Response:
        async def work(data: dict[str, Any], user: access.User) -> None:
            due = _date(str(data.get("due", "")))
            deadlines.add(store, client_id, due, str(data.get("title", "")), user.name)

        return await change(request, client_id, "#deadlines", work)

    @app.post("/practice/clients/{client_id}/assign")
    async def assign(request: Request, client_id: int) -> Response:
        data, user = await posted(request)
        if user is None:
            return signin_again(request)
        if not user.sees_all:
            raise HTTPException(403, say("Only a consultant assigns clients."))
        back = f"/practice/clients/{client_id}"
        try:
            access.assign(store, str(data.get("assistant", "")), client_id, user.name)
        except FAILED as exc:
            return _refused(request, user, exc, back)
        return RedirectResponse(back, status_code=303)

    @app.get("/practice/clients/{client_id}/report.pdf")
    async def report(request: Request, client_id: int) -> Response:
        user = who(request)
        if user is None:
            return signin_again(request)
        client_or_404(user, client_id)
        from maplepath.web import practice_report

        try:
            on = _on(request.query_params.get("on"))
            f = await _off_loop(client_file.open_file, store, client_id, on, user.name)
            body = await _off_loop(practice_report.pdf, f)
        except DATES as exc:
            return _refused(request, user, exc, f"/practice/clients/{client_id}")
        lang = i18n.current()  # ?lang= or the page's, set by the Guard
        store.record(user.name, "client.report", client_id, lang)
        name = f"client-{client_id}-{on.isoformat()}-{lang}.pdf"
        return Response(
            body,
            media_type="application/pdf",
            headers={"content-disposition": f'attachment; filename="{name}"'},
        )


def _page(request: Request, name: str, code: int, **context: Any) -> Response:
    return page(request, name, code, practice=True, switch_url=request.url.path, **context)


def _refused(request: Request, user: access.User, exc: Exception, back: str) -> Response:
    """A change refused: the reason, and the way back (nothing was kept)."""
    return _page(request, "practice_refused.html", 422, user=user, message=str(exc), back=back)


def _on(raw: str | None) -> date:
    """The day the files are assessed on: the one asked for (within the dates the tool works
    with), else today."""
    when, problems = on_date(raw or "")
    if when is None:
        raise PracticeError(problems[0].message)
    return when


def _date(raw: str) -> date:
    """A deadline's date, within the dates the tool works with."""
    if not raw.strip():
        raise PracticeError(say("%(value)s is not a date: write it as YYYY-MM-DD", value=repr(raw)))
    return _on(raw)


async def _off_loop(work: Callable[..., T], *args: Any) -> T:
    """``work`` in a worker thread, in the request's language: assessing every client or
    printing a PDF does not hold up the other browsers' requests meanwhile."""
    lang = i18n.current()

    def run() -> T:
        i18n.use(lang)
        return work(*args)

    return await run_in_threadpool(run)


def _version(raw: str | None, newest: int) -> int:
    return int(raw) if raw and raw.isdigit() and 1 < int(raw) <= newest else newest


async def _profile_upload(upload: Any) -> dict[str, Any]:
    """An uploaded profile file, checked as every profile is (refused with the reason)."""
    from maplepath.profile.load import validate_profile

    if not isinstance(upload, UploadFile) or not upload.filename:
        raise PracticeError(say("choose the client's profile file (YAML or JSON)"))
    raw = await upload.read(MAX_PROFILE_BYTES + 1)
    if len(raw) > MAX_PROFILE_BYTES:
        raise PracticeError(say("the file is larger than 1 MiB"))
    try:
        document = parse_document(raw.decode("utf-8-sig"), upload.filename)
    except UnicodeDecodeError:
        raise PracticeError(say("the file is not UTF-8 text")) from None
    validate_profile(document, upload.filename, date.today())
    return document
