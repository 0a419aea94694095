"""``maplepath assess``, ``crs`` and ``pathways``: the main job, the score alone, every route."""

from __future__ import annotations

from datetime import date

import typer

from maplepath.cli.common import (
    JSON_HELP,
    ON_HELP,
    SCENARIO_HELP,
    _date,
    _print_json,
    _scenarios,
    _user_errors,
    group,
)
from maplepath.i18n import word
from maplepath.notices import DISCLAIMER, staleness_warnings
from maplepath.profile.load import read_profile
from maplepath.report import answers
from maplepath.rulebook import book as rulebook

# Each command imports what only it needs when it runs: `crs --json` does not load the
# programs, and no JSON answer loads the terminal renderer.

app = group("The main job, the score alone, and every route.")


@app.command("assess")
def assess_command(
    profile: str = typer.Argument(..., help="Profile file (YAML or JSON)."),
    on: str | None = typer.Option(None, "--on", help=ON_HELP),
    scenario: list[str] = typer.Option([], "--scenario", help=SCENARIO_HELP),
    as_json: bool = typer.Option(False, "--json", help=JSON_HELP),
) -> None:
    """The main job: the CRS and the verdict of every Express Entry program.

    The CRS with its breakdown, the verdict of FSW, CEC and FST with the criteria that
    decide it, the facts that are missing and would change a verdict, and warnings (expired
    results, reported rule changes, stale rules).

    Example: maplepath assess examples/data_scientist_pgwp.yaml --on 2026-11-21
    """
    when = _date(on)
    with _user_errors():
        loaded = read_profile(profile, today=date.today())
        if as_json:
            _print_json(answers.assess(loaded.profile, when, _scenarios(scenario), loaded.warnings))
            return
        from maplepath.assess import assess

        result = assess(loaded.profile, when, tuple(_scenarios(scenario)))
    result.warnings[:0] = list(loaded.warnings)
    from rich.console import Console

    from maplepath.report import text as render

    render.assessment(Console(), result)


@app.command("pathways")
def pathways_command(
    profile: str = typer.Argument(..., help="Profile file (YAML or JSON)."),
    on: str | None = typer.Option(None, "--on", help=ON_HELP),
    program: list[str] = typer.Option([], "--program", help="Only this program id (repeatable)."),
    as_json: bool = typer.Option(False, "--json", help=JSON_HELP),
) -> None:
    """Every route on a date, ranked: open and eligible first, fastest first.

    Express Entry programs and categories, provincial tech streams and fast work permits, each
    with its status (open, paused, closed, not yet open), the verdict and the criteria behind it.

    Example: maplepath pathways examples/us_web_developer_offer.yaml --on 2022-02-03
    """
    when = _date(on)
    with _user_errors():
        loaded = read_profile(profile, today=date.today())
        if as_json:
            _print_json(answers.pathways(loaded.profile, when, program or None))
            return
        from maplepath.programs import pathways

        ranked = pathways.evaluate(loaded.profile, when, program or None)
    from rich.console import Console

    from maplepath.report import text as render

    render.pathways_report(Console(), ranked, when)


@app.command("crs")
def crs_command(
    profile: str = typer.Argument(..., help="Profile file (YAML or JSON)."),
    on: str | None = typer.Option(None, "--on", help=ON_HELP),
    scenario: list[str] = typer.Option([], "--scenario", help=SCENARIO_HELP),
    as_json: bool = typer.Option(False, "--json", help=JSON_HELP),
) -> None:
    """The Comprehensive Ranking System score on a date, line by line.

    Each factor's points, the rule it comes from and the date that rule took effect. Couples
    are scored both ways.

    Example: maplepath crs examples/couple_spouse_stronger.yaml --on 2026-11-21
    """
    when = _date(on)
    with _user_errors():
        loaded = read_profile(profile, today=date.today())
        if as_json:
            _print_json(answers.crs(loaded.profile, when, _scenarios(scenario), loaded.warnings))
            return
        from maplepath.crs import scalar as crs

        result = crs.score(loaded.profile, when, _scenarios(scenario))
    result.warnings[:0] = list(loaded.warnings)
    result.warnings.extend(staleness_warnings(rulebook.default(), when))
    from rich.console import Console

    from maplepath.report import text as render

    render.crs_report(Console(), result)
    Console().print(f"\n[dim]{word(DISCLAIMER)}[/]")
