"""The ``maplepath`` command: a thin layer over the library.

Only this boundary reads today's date; everything below takes ``on`` explicitly. User mistakes
(a bad profile, an unknown rule id, a malformed date) print a clear message and exit 2, never a
traceback. One module per command group; a group is imported only when it runs, so
``maplepath --help`` and ``maplepath crs`` do not pay for the planner, the draws or matplotlib.
``--lang fr`` makes every command speak French (``maplepath.i18n``), its JSON's sentences too;
ids, keys and verdict values stay as they are.
"""

from __future__ import annotations

from typing import ClassVar, Literal

import typer

from maplepath import __version__
from maplepath.cli.groups import Entry, LazyGroup

COMMANDS = {
    "assess": Entry(
        "maplepath.cli.assess",
        "assess",
        "The main job: the CRS and the verdict of every Express Entry program.",
    ),
    "crs": Entry(
        "maplepath.cli.assess",
        "crs",
        "The Comprehensive Ranking System score on a date, line by line.",
    ),
    "pathways": Entry(
        "maplepath.cli.assess",
        "pathways",
        "Every route on a date, ranked: open and eligible first, fastest first.",
    ),
    "profile": Entry("maplepath.cli.profile", None, "Read and check a profile file."),
    "rules": Entry("maplepath.cli.rules", None, "Browse the dated, cited rule book."),
    "noc": Entry("maplepath.cli.noc", None, "Find and check NOC 2021 occupation codes."),
    "case": Entry(
        "maplepath.cli.case", None, "A case folder: profile, evidence, saved assessments."
    ),
    "plan": Entry("maplepath.cli.plan", None, "Plan a route: trajectory, improvements, timeline."),
    "draws": Entry(
        "maplepath.cli.draws",
        None,
        "Express Entry rounds of invitations: import, list, stats, odds, simulations.",
    ),
    "practice": Entry(
        "maplepath.cli.practice", None, "A consultant's clients in one database, audited."
    ),
    "serve": Entry(
        "maplepath.cli.serve",
        "serve",
        "Open the questionnaire and the results in your browser, served on this machine.",
    ),
}


class _Root(LazyGroup):
    entries: ClassVar[dict[str, Entry]] = COMMANDS


def _version(value: bool) -> None:
    if value:
        typer.echo(f"maplepath {__version__}")
        raise typer.Exit()


app = typer.Typer(
    cls=_Root,
    help="Every route to Canada open to a tech worker on a given date, with every number "
    "traced to a dated, cited rule. An assessment, not legal advice.",
    no_args_is_help=True,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
    add_completion=False,
)


@app.callback()
def _root(
    ctx: typer.Context,
    version: bool = typer.Option(
        False, "--version", is_eager=True, callback=_version, help="Print the version and exit."
    ),
    # maplepath.i18n.LANGUAGES, written out: the listing (--help) imports nothing of the engine.
    lang: Literal["en", "fr"] = typer.Option(
        "en",
        "--lang",
        help="The language of the report: en (English) or fr (French).",
    ),
) -> None:
    """Every route to Canada open to a tech worker on a given date, with every number traced to
    a dated, cited rule. An assessment, not legal advice.

    Example: maplepath assess examples/data_scientist_pgwp.yaml --on 2026-11-21
    """
    from maplepath import i18n

    # In force for this command only: an in-process caller (a test, a notebook) gets its own
    # language back when the command ends.
    before = i18n.current()
    i18n.use(lang)
    ctx.call_on_close(lambda: i18n.use(before))


def main() -> None:
    app()
