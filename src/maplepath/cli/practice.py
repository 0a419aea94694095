"""``maplepath practice ...``: a consultant's clients in one database (``maplepath.practice``),
every profile version kept, every change in the audit log under the name of who made it (the
operating system's user at the command line)."""

from __future__ import annotations

import getpass
import sys
from datetime import date

import typer

from maplepath.cli.common import (
    JSON_HELP,
    ON_HELP,
    _date,
    _fail,
    _print_json,
    _user_errors,
    group,
)
from maplepath.i18n import say
from maplepath.practice import Store
from maplepath.profile.load import parse_document, read_profile

app = group("A consultant's clients in one database, audited.")

DIR_HELP = "The practice folder (holds practice.sqlite3 and files/)."
DB_HELP = "A PostgreSQL database instead of the folder's SQLite file: postgresql://..."


def _actor() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):  # no name for this user id (a bare container)
        return "unknown"


@app.command("init")
def practice_init(
    folder: str = typer.Argument(..., help=DIR_HELP),
    db: str | None = typer.Option(None, "--db", help=DB_HELP),
) -> None:
    """Make a practice folder: its database (by named migrations) and files/.

    Example: maplepath practice init ~/clients
    """
    with _user_errors():
        Store.init(folder, db)
    typer.echo(say("Practice ready in %(folder)s", folder=folder))


@app.command("add")
def practice_add(
    folder: str = typer.Argument(..., help=DIR_HELP),
    client: str = typer.Option(..., "--client", help="The client's name."),
    source: str = typer.Option(
        ..., "--from", metavar="PROFILE", help="The client's profile file (YAML or JSON)."
    ),
    file_no: str | None = typer.Option(None, "--file-no", help="Your file number for them."),
    contact: str | None = typer.Option(None, "--contact", help="How to reach them."),
    language: str = typer.Option("en", "--language", help="en or fr: their reports' language."),
    db: str | None = typer.Option(None, "--db", help=DB_HELP),
    as_json: bool = typer.Option(False, "--json", help=JSON_HELP),
) -> None:
    """Add a client with their profile, checked as every profile is; prints the client id.

    Example: maplepath practice add ~/clients --client "Priya Sharma" --from priya.yaml
    """
    if language not in ("en", "fr"):
        _fail(say("--language: en or fr, not %(lang)s", lang=repr(language)))
    with _user_errors():
        read_profile(source, today=date.today())  # refused here, before anything is kept
        with open(source, encoding="utf-8-sig") as f:
            document = parse_document(f.read(), source)
        store = Store(folder, db)
        client_id = store.add_client(client, document, _actor(), file_no, contact, language)
    if as_json:
        _print_json({"client_id": client_id})
    else:
        typer.echo(str(client_id))


@app.command("list")
def practice_list(
    folder: str = typer.Argument(..., help=DIR_HELP),
    on: str | None = typer.Option(None, "--on", help=ON_HELP),
    db: str | None = typer.Option(None, "--db", help=DB_HELP),
    as_json: bool = typer.Option(False, "--json", help=JSON_HELP),
) -> None:
    """The dashboard: each client's CRS, its change since the last recheck, the next deadline.

    Example: maplepath practice list ~/clients --on 2026-11-21
    """
    from maplepath.practice.clients import dashboard

    when = _date(on)
    with _user_errors():
        store = Store(folder, db)
        rows = dashboard(store, when)
        store.record(_actor(), "clients.list", None, str(len(rows)))
    if as_json:
        _print_json(rows)
        return
    for r in rows:
        change = "" if r["crs_change"] is None else f" ({r['crs_change']:+d})"
        due = r["next_deadline"] or "-"
        typer.echo(
            say(
                "%(id)s. %(client)s [%(file)s]: CRS %(crs)s%(change)s; next deadline %(due)s",
                id=r["client_id"],
                client=r["client"],
                file=r["file_no"] or "-",
                crs=r["crs"] if r["crs"] is not None else "?",
                change=change,
                due=due,
            )
        )


@app.command("recheck")
def practice_recheck(
    folder: str = typer.Argument(..., help=DIR_HELP),
    on: str | None = typer.Option(None, "--on", help=ON_HELP),
    db: str | None = typer.Option(None, "--db", help=DB_HELP),
    as_json: bool = typer.Option(False, "--json", help=JSON_HELP),
) -> None:
    """Re-assess every client in one run: what changed since their last recheck, and why.

    Each new assessment is kept; the next recheck starts from it.

    Example: maplepath practice recheck ~/clients --on 2026-11-21
    """
    from maplepath.practice.clients import recheck_all

    when = _date(on)
    with _user_errors():
        rows = recheck_all(Store(folder, db), when, _actor())
    if as_json:
        _print_json(rows)
        return
    for r in rows:
        typer.echo(
            say(
                "%(id)s. %(client)s: CRS %(before)s -> %(after)s",
                id=r["client_id"],
                client=r["client"],
                before=r["crs_before"] if r["crs_before"] is not None else "-",
                after=r["crs_after"] if r["crs_after"] is not None else "?",
            )
        )
        for change in r["changes"]:
            typer.echo(f"   {change}")


@app.command("import")
def practice_import(
    folder: str = typer.Argument(..., help=DIR_HELP),
    case_dir: str = typer.Argument(..., help="A case folder (maplepath case init)."),
    client: str | None = typer.Option(
        None, "--client", help="The client's name (default: the folder's)."
    ),
    db: str | None = typer.Option(None, "--db", help=DB_HELP),
    as_json: bool = typer.Option(False, "--json", help=JSON_HELP),
) -> None:
    """Bring a case folder in as a new client: profile, evidence, kept assessments.

    Example: maplepath practice import ~/clients examples/cases/priya
    """
    from maplepath.practice.exchange import import_case

    with _user_errors():
        found = import_case(Store(folder, db), case_dir, _actor(), client)
    if as_json:
        _print_json(found)
        return
    typer.echo(
        say(
            "client %(id)s: %(snapshots)s kept assessments and %(documents)s documents imported",
            id=found["client_id"],
            snapshots=found["snapshots"],
            documents=found["documents"],
        )
    )


@app.command("export")
def practice_export(
    folder: str = typer.Argument(..., help=DIR_HELP),
    client_id: int = typer.Argument(..., help="The client's id (practice list)."),
    out: str = typer.Argument(..., help="A new (or empty) folder to write the case to."),
    db: str | None = typer.Option(None, "--db", help=DB_HELP),
) -> None:
    """Write a client's file as a case folder: the latest profile and every kept assessment.

    Example: maplepath practice export ~/clients 3 priya-case
    """
    from maplepath.practice.exchange import export_case

    with _user_errors():
        written = export_case(Store(folder, db), client_id, out, _actor())
    typer.echo(say("Written to %(path)s", path=str(written)))


user_app = group("The practice's accounts.")
app.add_typer(user_app, name="user")


@user_app.command("add")
def practice_user_add(
    folder: str = typer.Argument(..., help=DIR_HELP),
    name: str = typer.Argument(..., help="The account's name (to sign in with)."),
    role: str = typer.Option(..., "--role", help="consultant (every client) or assistant."),
    password_stdin: bool = typer.Option(
        False, "--password-stdin", help="Read the password from standard input (scripts)."
    ),
    db: str | None = typer.Option(None, "--db", help=DB_HELP),
) -> None:
    """Add an account; the password is asked twice (or read from standard input).

    Example: maplepath practice user add ~/clients alice --role consultant
    """
    from maplepath.practice.accounts import add_user

    if password_stdin:
        password = sys.stdin.readline().rstrip("\r\n")
    else:
        password = typer.prompt(say("Password"), hide_input=True, confirmation_prompt=True)
    with _user_errors():
        user_id = add_user(Store(folder, db), name, role, password, _actor())
    typer.echo(say("Account %(name)s (%(role)s) added: %(id)s", name=name, role=role, id=user_id))


@app.command("report")
def practice_report(
    folder: str = typer.Argument(..., help=DIR_HELP),
    client_id: int = typer.Argument(..., help="The client's id (practice list)."),
    out: str = typer.Option(..., "--out", help="The report to write: FILE.pdf, .html or .md."),
    lang: str | None = typer.Option(None, "--lang", help="en or fr (default: the client's)."),
    on: str | None = typer.Option(None, "--on", help=ON_HELP),
    db: str | None = typer.Option(None, "--db", help=DB_HELP),
) -> None:
    """Write a client's report: assessment, review findings, documents needed, deadlines.

    Example: maplepath practice report ~/clients 3 --out priya.pdf --lang fr
    """
    from pathlib import Path

    from maplepath import i18n
    from maplepath.datadir import atomic_write_bytes
    from maplepath.practice import client_file
    from maplepath.practice import report as client_report

    target = Path(out)
    if target.suffix not in (".pdf", ".html", ".md"):
        _fail(say("--out: a .pdf, .html or .md file, not %(name)s", name=target.name))
    if lang not in (None, "en", "fr"):
        _fail(say("--lang: en or fr, not %(lang)s", lang=repr(lang)))
    when = _date(on)
    previous = i18n.current()
    try:
        with _user_errors():
            store = Store(folder, db)
            with store.engine.connect() as c:  # the client's own language unless asked
                i18n.use(lang or str(store.client_row(c, client_id)["language"]))
            f = client_file.open_file(store, client_id, when, _actor())
            if target.suffix == ".md":
                body = client_report.to_markdown(f).encode()
            else:
                from maplepath.web import practice_report as pages

                body = pages.pdf(f) if target.suffix == ".pdf" else pages.html(f).encode()
            atomic_write_bytes(target, body)
            store.record(_actor(), "client.report", client_id, i18n.current())
    finally:
        i18n.use(previous)
    typer.echo(say("Written to %(path)s", path=str(target)))


deadline_app = group("A client's own deadlines (the rules' are computed).")
app.add_typer(deadline_app, name="deadline")


@deadline_app.command("add")
def practice_deadline_add(
    folder: str = typer.Argument(..., help=DIR_HELP),
    client_id: int = typer.Argument(..., help="The client's id (practice list)."),
    due: str = typer.Option(..., "--due", help="The date it is due: YYYY-MM-DD."),
    title: str = typer.Option(..., "--title", help="What is due."),
    db: str | None = typer.Option(None, "--db", help=DB_HELP),
) -> None:
    """Add a deadline to a client's file; prints its id.

    Example: maplepath practice deadline add ~/clients 3 --due 2026-12-15 --title "Biometrics"
    """
    from maplepath.practice import deadlines

    when = _date(due)
    with _user_errors():
        typer.echo(str(deadlines.add(Store(folder, db), client_id, when, title, _actor())))


@deadline_app.command("done")
def practice_deadline_done(
    folder: str = typer.Argument(..., help=DIR_HELP),
    deadline_id: int = typer.Argument(..., help="The deadline's id."),
    db: str | None = typer.Option(None, "--db", help=DB_HELP),
) -> None:
    """Mark a deadline met (it stays in the file).

    Example: maplepath practice deadline done ~/clients 7
    """
    from maplepath.practice import deadlines

    with _user_errors():
        deadlines.done(Store(folder, db), deadline_id, _actor())


@app.command("assign")
def practice_assign(
    folder: str = typer.Argument(..., help=DIR_HELP),
    client_id: int = typer.Argument(..., help="The client's id (practice list)."),
    assistant: str = typer.Argument(..., help="The assistant's account name."),
    db: str | None = typer.Option(None, "--db", help=DB_HELP),
) -> None:
    """Give an assistant a client's file (consultants see every file).

    Example: maplepath practice assign ~/clients 3 sam
    """
    from maplepath.practice import access

    with _user_errors():
        access.assign(Store(folder, db), assistant, client_id, _actor())


@app.command("erase")
def practice_erase(
    folder: str = typer.Argument(..., help=DIR_HELP),
    client_id: int = typer.Argument(..., help="The client's id (practice list)."),
    reason: str = typer.Option(..., "--reason", help="Why the file is erased (kept)."),
    confirm: str | None = typer.Option(
        None, "--confirm", help="The client's name, to confirm (asked when not given)."
    ),
    db: str | None = typer.Option(None, "--db", help=DB_HELP),
) -> None:
    """Erase a client's file for good, once it need not be kept: recorded in the audit log.

    Export it first (practice export) if anyone may still ask for it.

    Example: maplepath practice erase ~/clients 3 --reason "retention period over"
    """
    from maplepath.practice import retention

    with _user_errors():
        store = Store(folder, db)
        typed = confirm
        if typed is None:
            typed = typer.prompt(say("Type the client's name to erase their file"))
        gone = retention.erase(store, client_id, typed, reason, _actor())
    typer.echo(
        say("Client %(id)s's file erased (%(n)s attached files deleted)", id=client_id, n=gone)
    )


evidence_app = group("A client's documents: the facts each shows, and its scan.")
app.add_typer(evidence_app, name="evidence")


@evidence_app.command("add")
def practice_evidence_add(
    folder: str = typer.Argument(..., help=DIR_HELP),
    client_id: int = typer.Argument(..., help="The client's id (practice list)."),
    facts: str = typer.Argument(..., help="The document's facts: an evidence YAML file."),
    scan: str | None = typer.Option(None, "--scan", help="The scanned document (kept)."),
    db: str | None = typer.Option(None, "--db", help=DB_HELP),
) -> None:
    """Keep a document in a client's file: its facts (as a case's evidence/ file) and scan.

    The document's id is the facts file's name; a newer document of an id is the one that
    counts, the older stays in the file.

    Example: maplepath practice evidence add ~/clients 3 passport.yaml --scan passport.pdf
    """
    from pathlib import Path

    from maplepath.practice import evidence
    from maplepath.rulebook.rulefile import load_yaml

    path = Path(facts)
    with _user_errors():
        try:
            mapping = load_yaml(path.read_text(encoding="utf-8-sig"))
            body = Path(scan).read_bytes() if scan else None
        except OSError as exc:
            _fail(say("%(path)s: %(why)s", path=exc.filename or facts, why=exc.strerror))
        if not isinstance(mapping, dict):
            _fail(say("%(path)s: the facts are a mapping: kind, then fields", path=facts))
        attachment = (Path(scan).name, body) if scan and body is not None else None
        mapping = {k: v for k, v in mapping.items() if k != "id"}
        doc = evidence.add(Store(folder, db), client_id, path.stem, mapping, _actor(), attachment)
    typer.echo(say("client %(id)s: %(doc)s kept", id=client_id, doc=doc.id))
