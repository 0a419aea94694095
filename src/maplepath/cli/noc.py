"""``maplepath noc search|show|import``: NOC 2021 codes, found by title and explained."""

from __future__ import annotations

import typer
from rich.console import Console

from maplepath import occupations
from maplepath.cli.common import (
    JSON_HELP,
    _print_json,
    _user_errors,
    group,
)
from maplepath.i18n import say
from maplepath.occupations import index as noc_index
from maplepath.report import answers
from maplepath.report import reference as render
from maplepath.report.text import download_progress

app = group("Find and check NOC 2021 occupation codes.")


@app.command("search")
def noc_search_command(
    text: list[str] = typer.Argument(..., help="A job title or a few words of duties."),
    limit: int = typer.Option(5, "--limit", help="How many unit groups to show."),
    as_json: bool = typer.Option(False, "--json", help=JSON_HELP),
) -> None:
    """Rank NOC 2021 unit groups for a job title, saying why each matched.

    A title or a few words of duties ("SRE", "ML engineer", "full-stack dev").

    Example: maplepath noc search site reliability engineer --limit 3
    """
    with _user_errors():
        if as_json:
            _print_json(answers.noc_search(" ".join(text), limit))
            return
        results = occupations.search(" ".join(text), limit)
    render.noc_results(Console(), results)


@app.command("show")
def noc_show_command(
    code: str = typer.Argument(..., help="A NOC 2021 code (5 digits) or a NOC 2016 code (4)."),
    as_json: bool = typer.Option(False, "--json", help=JSON_HELP),
) -> None:
    """A unit group's title, TEER and groups.

    A NOC 2016 code shows what it became.

    Example: maplepath noc show 21231
    """
    with _user_errors():
        data = answers.noc_show(code)
    if as_json:
        _print_json(data)
    else:
        render.noc_description(Console(), data)


@app.command("import")
def noc_import_command(
    source: str = typer.Argument(
        ..., help="Statistics Canada's NOC 2021 elements CSV (path or URL), or a code,title CSV."
    ),
    as_json: bool = typer.Option(False, "--json", help=JSON_HELP),
) -> None:
    """Import the official index of example titles into your data directory.

    The main duties too; search uses the index from then on.

    Example: maplepath noc import noc_2021_version_1.0_-_elements.csv
    """
    with _user_errors(), download_progress(source) as progress:
        index = noc_index.import_index(source, progress=progress)
    summary = {
        "source": index.source,
        "titles": len(index.titles),
        "duties": len(index.duties),
        "skipped": index.skipped,
        "path": str(noc_index.index_path()),
    }
    if as_json:
        _print_json(summary)
    else:
        saved = say("Saved to %(path)s", path=summary["path"])
        Console().print(f"{index.summary}\n{saved}", highlight=False)
