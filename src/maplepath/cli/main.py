"""The ``maplepath`` command: a thin layer that parses options, calls the library, prints.

Only this boundary reads today's date; everything below takes ``on`` explicitly. User mistakes
(a bad profile, an unknown rule id, a malformed date) print a clear message and exit 2, never a
traceback.
"""

from __future__ import annotations

from datetime import date

import typer
from rich.console import Console

from maplepath import occupations
from maplepath.assess import DISCLAIMER, assess, staleness_warnings

# The other command groups register themselves on the shared apps when imported.
from maplepath.cli import case as cli_case  # noqa: F401
from maplepath.cli import draws as cli_draws  # noqa: F401
from maplepath.cli import evidence as cli_evidence  # noqa: F401
from maplepath.cli import plan as cli_improve  # noqa: F401
from maplepath.cli.common import (
    JSON_HELP,
    ON_HELP,
    SCENARIO_HELP,
    _date,
    _print_json,
    _scenarios,
    _user_errors,
    app,
    noc_app,
    profile_app,
    rules_app,
)
from maplepath.crs import scalar as crs
from maplepath.occupations import index as noc_index
from maplepath.profile import facts
from maplepath.profile.load import read_profile
from maplepath.programs import pathways
from maplepath.report import text as render
from maplepath.rulebook import book as rulebook


@profile_app.command("check")
def profile_check(
    profile: str = typer.Argument(..., help="Profile file (YAML or JSON)."),
    on: str | None = typer.Option(None, "--on", help=ON_HELP),
    as_json: bool = typer.Option(False, "--json", help=JSON_HELP),
) -> None:
    """Check a profile and show the facts derived from it on a date: age, CLB per ability per
    test (and whether each result is still valid), education and ECA validity, skilled work
    experience per look-back window, warnings and missing facts.

    Example: maplepath profile check examples/software_engineer_abroad.yaml --on 2026-11-21
    """
    today = date.today()
    when = _date(on)
    with _user_errors():
        loaded = read_profile(profile, today=today)
        derived = facts.derive(loaded.profile, when)
    derived.warnings[:0] = list(loaded.warnings)
    derived.warnings.extend(staleness_warnings(rulebook.default(), when))
    if as_json:
        _print_json(facts.to_json(derived))
    else:
        render.profile_facts(Console(), derived)


@app.command("assess")
def assess_command(
    profile: str = typer.Argument(..., help="Profile file (YAML or JSON)."),
    on: str | None = typer.Option(None, "--on", help=ON_HELP),
    scenario: list[str] = typer.Option([], "--scenario", help=SCENARIO_HELP),
    as_json: bool = typer.Option(False, "--json", help=JSON_HELP),
) -> None:
    """The main job: the CRS with its breakdown, the verdict of every Express Entry program
    (FSW, CEC, FST) with the criteria that decide it, the facts that are missing and would
    change a verdict, and warnings (expired results, reported rule changes, stale rules).

    Example: maplepath assess examples/data_scientist_pgwp.yaml --on 2026-11-21
    """
    when = _date(on)
    with _user_errors():
        loaded = read_profile(profile, today=date.today())
        result = assess(loaded.profile, when, tuple(_scenarios(scenario)))
    result.warnings[:0] = list(loaded.warnings)
    if as_json:
        _print_json(result.to_json())
    else:
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
        ranked = pathways.evaluate(loaded.profile, when, program or None)
    if as_json:
        _print_json([p.to_json() for p in ranked])
    else:
        render.pathways_report(Console(), ranked, when)


@app.command("crs")
def crs_command(
    profile: str = typer.Argument(..., help="Profile file (YAML or JSON)."),
    on: str | None = typer.Option(None, "--on", help=ON_HELP),
    scenario: list[str] = typer.Option([], "--scenario", help=SCENARIO_HELP),
    as_json: bool = typer.Option(False, "--json", help=JSON_HELP),
) -> None:
    """The Comprehensive Ranking System score on a date, line by line: each factor's points,
    the rule it comes from and the date that rule took effect. Couples are scored both ways.

    Example: maplepath crs examples/couple_spouse_stronger.yaml --on 2026-11-21
    """
    when = _date(on)
    with _user_errors():
        loaded = read_profile(profile, today=date.today())
        result = crs.score(loaded.profile, when, _scenarios(scenario))
    result.warnings[:0] = list(loaded.warnings)
    result.warnings.extend(staleness_warnings(rulebook.default(), when))
    if as_json:
        _print_json(result.to_json())
    else:
        render.crs_report(Console(), result)
        Console().print(f"\n[dim]{DISCLAIMER}[/]")


@rules_app.command("list")
def rules_list(
    prefix: str = typer.Argument("", help="Only ids starting with this (e.g. crs.core)."),
    as_json: bool = typer.Option(False, "--json", help=JSON_HELP),
) -> None:
    """List every rule id with its description, latest change and last verification.

    Example: maplepath rules list language
    """
    with _user_errors():
        book = rulebook.default()
        rules = [book.get(i) for i in book.ids(prefix)]
    if as_json:
        _print_json([render.rule_summary(r) for r in rules])
    else:
        render.rules_table(Console(), rules)


@rules_app.command("show")
def rules_show(
    rule_id: str = typer.Argument(..., help="A rule id, e.g. language.ielts_general."),
    on: str | None = typer.Option(None, "--on", help=ON_HELP),
    scenario: list[str] = typer.Option(
        [], "--scenario", help="Apply a reported/proposed scenario."
    ),
    as_json: bool = typer.Option(False, "--json", help=JSON_HELP),
) -> None:
    """Show every dated value of a rule with its citation; the one in force on the date is
    highlighted.

    Example: maplepath rules show language.tef_canada --on 2023-12-09
    """
    when = _date(on)
    with _user_errors():
        book = rulebook.default()
        rule = book.get(rule_id)
        ruling = book.at(rule_id, when, _scenarios(scenario))
    if as_json:
        _print_json(render.rule_detail(rule, ruling))
    else:
        render.rule_show(Console(), rule, ruling)


@rules_app.command("changes")
def rules_changes(
    since: str = typer.Option(..., "--since", help="First date (YYYY-MM-DD)."),
    until: str | None = typer.Option(None, "--until", help="Last date (YYYY-MM-DD)."),
    as_json: bool = typer.Option(False, "--json", help=JSON_HELP),
) -> None:
    """What changed in the rules between two dates, when, with citations (reported and
    proposed changes are marked).

    Example: maplepath rules changes --since 2023-01-01
    """
    start = _date(since, "--since")
    end = _date(until, "--until") if until else None
    with _user_errors():
        changes = rulebook.default().changes(start, end)
    if as_json:
        _print_json([render.change_json(c) for c in changes])
    else:
        render.changes_table(Console(), changes)


@noc_app.command("search")
def noc_search_command(
    text: list[str] = typer.Argument(..., help="A job title or a few words of duties."),
    limit: int = typer.Option(5, "--limit", help="How many unit groups to show."),
    as_json: bool = typer.Option(False, "--json", help=JSON_HELP),
) -> None:
    """Rank NOC 2021 unit groups for a job title ("SRE", "ML engineer", "full-stack dev"),
    saying why each matched. Uses the official index of example titles once imported
    (maplepath noc import).

    Example: maplepath noc search site reliability engineer --limit 3
    """
    with _user_errors():
        results = occupations.search(" ".join(text), limit)
    if as_json:
        _print_json(
            [
                {
                    "code": r.code,
                    "title": r.title,
                    "teer": r.teer,
                    "score": round(r.score, 1),
                    "why": r.why,
                }
                for r in results
            ]
        )
    else:
        render.noc_results(Console(), results)


@noc_app.command("show")
def noc_show_command(
    code: str = typer.Argument(..., help="A NOC 2021 code (5 digits) or a NOC 2016 code (4)."),
    as_json: bool = typer.Option(False, "--json", help=JSON_HELP),
) -> None:
    """A unit group's title, TEER and groups; a NOC 2016 code shows what it became.

    Example: maplepath noc show 21231
    """
    with _user_errors():
        data = occupations.describe(code)
    if as_json:
        _print_json(data)
    else:
        render.noc_description(Console(), data)


@noc_app.command("import")
def noc_import_command(
    source: str = typer.Argument(
        ..., help="Statistics Canada's NOC 2021 elements CSV (path or URL), or a code,title CSV."
    ),
    as_json: bool = typer.Option(False, "--json", help=JSON_HELP),
) -> None:
    """Import the official index of example titles (and main duties) into your data
    directory; search uses it from then on. A wrong or corrupt file leaves the previous index
    as it was.

    Example: maplepath noc import noc_2021_version_1.0_-_elements.csv
    """
    with _user_errors(), render.download_progress(source) as progress:
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
        Console().print(f"{index.summary}\nSaved to {summary['path']}", highlight=False)


def main() -> None:
    app()
