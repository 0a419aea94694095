"""``maplepath serve``: the web app on this machine (FastAPI, uvicorn)."""

from __future__ import annotations

import typer

from maplepath.cli.common import _fail, _user_errors, group
from maplepath.i18n import say

app = group("Open the questionnaire and the results in your browser.")


@app.command("serve")
def serve_command(
    host: str = typer.Option("127.0.0.1", "--host", help="Address to listen on (loopback)."),
    port: int = typer.Option(8765, "--port", help="Port to listen on."),
    practice: str | None = typer.Option(
        None, "--practice", help="A practice folder: adds its signed-in pages under /practice."
    ),
    db: str | None = typer.Option(
        None, "--db", help="The practice's PostgreSQL database instead of its SQLite file."
    ),
) -> None:
    """Open the questionnaire and the results in your browser, served on this machine.

    Nothing you enter is stored or sent anywhere, except in a practice's own database when
    --practice is given. Only loopback addresses are served without a practice (its pages
    need a signed-in account; the questionnaire stays open to anyone who reaches the host).

    Example: maplepath serve --port 8765, then open http://127.0.0.1:8765/assess
    """
    if host in ("0.0.0.0", "::") and practice is not None:
        _fail(
            say(
                "--host %(host)s: give the address other machines reach this one at (its name "
                "or LAN address): the server answers only for the address it was started on",
                host=host,
            )
        )
    if host not in ("127.0.0.1", "localhost", "::1") and practice is None:
        _fail(
            say(
                "--host %(host)s: only loopback is served (127.0.0.1); another host needs "
                "--practice (accounts)",
                host=host,
            )
        )
    import uvicorn

    from maplepath.web.app import create_app

    with _user_errors():
        application = create_app(host, practice, db)
    where = "practice" if practice else "assess"
    typer.echo(
        say(
            "maplepath: http://%(host)s:%(port)s/%(page)s (Ctrl-C to stop)",
            host=host,
            port=port,
            page=where,
        )
    )
    uvicorn.run(application, host=host, port=port, log_level="warning", access_log=False)
