"""``maplepath draws ...``: import, list and summarise Express Entry rounds of invitations."""

from __future__ import annotations

import typer
from rich.console import Console

from maplepath import draws, render
from maplepath.cli_common import JSON_HELP, _date, _print_json, _user_errors, draws_app
from maplepath.draws.stats import stats as draw_stats


@draws_app.command("update")
def draws_update(
    source: str = typer.Option(
        draws.OFFICIAL_URL, "--from", help="IRCC's rounds file (path or URL)."
    ),
    as_json: bool = typer.Option(False, "--json", help=JSON_HELP),
) -> None:
    """Import IRCC's rounds-of-invitations file into your data directory, idempotently (a newer
    file adds rounds; a corrupt one changes nothing).

    Example: maplepath draws update --from ee_rounds_123_en.json
    """
    with _user_errors(), render.download_progress(source) as progress:
        summary = draws.import_rounds(source, progress=progress)
    data = {
        "source": summary.source,
        "added": summary.added,
        "updated": summary.updated,
        "unchanged": summary.unchanged,
        "total": summary.total,
    }
    if as_json:
        _print_json(data)
    else:
        Console().print(
            f"{summary.added} rounds added, {summary.updated} corrected, "
            f"{summary.unchanged} unchanged ({summary.total} in the file)",
            highlight=False,
        )


@draws_app.command("list")
def draws_list(
    category: str | None = typer.Option(
        None, "--category", help="general, cec, fsw, fst, pnp, stem, french, ..."
    ),
    since: str | None = typer.Option(None, "--since", help="First date (YYYY-MM-DD)."),
    as_json: bool = typer.Option(False, "--json", help=JSON_HELP),
) -> None:
    """The imported rounds, oldest first: date, round type, invitations, lowest CRS invited.

    Example: maplepath draws list --category cec --since 2025-01-01
    """
    start = _date(since, "--since") if since else None
    with _user_errors():
        rounds = draws.list_rounds(category, start)
    if as_json:
        _print_json(
            [
                {
                    "number": r.number,
                    "date": r.date.isoformat(),
                    "category": r.category,
                    "name": r.name,
                    "invitations": r.invitations,
                    "cutoff": r.cutoff,
                }
                for r in rounds
            ]
        )
    else:
        render.rounds_table(Console(), rounds)


@draws_app.command("stats")
def draws_stats(as_json: bool = typer.Option(False, "--json", help=JSON_HELP)) -> None:
    """Per round type: rounds, invitations, cut-offs (last 12 months and all time), days between
    rounds. Past rounds do not promise future ones.

    Example: maplepath draws stats --json
    """
    with _user_errors():
        data = draw_stats()
    if as_json:
        _print_json(data)
    else:
        render.draw_stats(Console(), data)
