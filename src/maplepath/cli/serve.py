"""``maplepath serve``: the web app on this machine (FastAPI, uvicorn)."""

from __future__ import annotations

import typer

from maplepath.cli.common import _fail, group
from maplepath.i18n import say

app = group("Open the questionnaire and the results in your browser.")


@app.command("serve")
def serve_command(
    host: str = typer.Option("127.0.0.1", "--host", help="Address to listen on (loopback)."),
    port: int = typer.Option(8765, "--port", help="Port to listen on."),
) -> None:
    """Open the questionnaire and the results in your browser, served on this machine.

    Nothing you enter is stored or sent anywhere. Only loopback addresses are served until the
    practice (accounts) exists.

    Example: maplepath serve --port 8765, then open http://127.0.0.1:8765/assess
    """
    if host not in ("127.0.0.1", "localhost", "::1"):
        _fail(
            say(
                "--host %(host)s: only loopback is served (127.0.0.1); another host needs accounts",
                host=host,
            )
        )
    import uvicorn

    from maplepath.web.app import create_app

    typer.echo(
        say("maplepath: http://%(host)s:%(port)s/assess (Ctrl-C to stop)", host=host, port=port)
    )
    uvicorn.run(create_app(host), host=host, port=port, log_level="warning", access_log=False)
