"""The ``maplepath`` command: a thin layer that parses options, calls the library, prints.

Only this boundary reads today's date; everything below takes ``on`` explicitly. User mistakes
(a bad profile, an unknown rule id, a malformed date) print a clear message and exit 2, never a
traceback.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from typing import Any, NoReturn

import typer
from rich.console import Console

from maplepath import crs, draws, facts, noc_index, occupations, pathways, render, rulebook
from maplepath.assess import DISCLAIMER, assess, staleness_warnings
from maplepath.draws.stats import stats as draw_stats
from maplepath.profile_load import ProfileError, read_profile
from maplepath.rulefile import RuleFileError

app = typer.Typer(
    help="Every route to Canada open to a tech worker on a given date, with every number "
    "traced to a dated, cited rule. An assessment, not legal advice.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
)
profile_app = typer.Typer(help="Read and check a profile file.", no_args_is_help=True)
rules_app = typer.Typer(help="Browse the dated, cited rule book.", no_args_is_help=True)
noc_app = typer.Typer(help="Find and check NOC 2021 occupation codes.", no_args_is_help=True)
draws_app = typer.Typer(
    help="Express Entry rounds of invitations: import, list, stats.", no_args_is_help=True
)
app.add_typer(profile_app, name="profile")
app.add_typer(rules_app, name="rules")
app.add_typer(noc_app, name="noc")
app.add_typer(draws_app, name="draws")

ON_HELP = "Assessment date (YYYY-MM-DD); default today."
JSON_HELP = "Print JSON instead of a report."


def _fail(message: str) -> NoReturn:
    Console(stderr=True).print(f"[bold red]error:[/] {message}", highlight=False, soft_wrap=True)
    raise typer.Exit(2)


@contextmanager
def _user_errors() -> Iterator[None]:
    try:
        yield
    except ProfileError as exc:
        _fail(str(exc))
    except (RuleFileError, rulebook.UnknownRuleError) as exc:
        _fail(str(exc))
    except ValueError as exc:  # a date outside what the rules cover, a bad code, a bad file
        _fail(str(exc))
    except OSError as exc:  # a file that cannot be read, a download that fails
        _fail(f"{exc.__class__.__name__}: {exc}")


def _date(raw: str | None, name: str = "--on") -> date:
    if raw is None:
        return date.today()
    try:
        return date.fromisoformat(raw)
    except ValueError:
        _fail(f"{name}: {raw!r} is not a date (use YYYY-MM-DD, e.g. 2026-11-21)")


def _scenarios(names: list[str]) -> list[str]:
    known = rulebook.default().scenarios()
    for name in names:
        if name not in known:
            listed = ", ".join(sorted(known)) or "none"
            _fail(f"--scenario: no rule carries a scenario named {name!r} (known: {listed})")
    return names


def _print_json(data: Any) -> None:
    sys.stdout.write(json.dumps(data, indent=2, ensure_ascii=False, default=str) + "\n")


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


SCENARIO_HELP = "Apply a reported/proposed rule scenario by name (e.g. crs-2026-11)."


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


def main() -> None:
    app()
