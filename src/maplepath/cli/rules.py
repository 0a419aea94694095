"""``maplepath rules list|show|changes|audit``: the dated, cited rule book."""

from __future__ import annotations

import typer
from rich.console import Console

from maplepath.cli.common import (
    JSON_HELP,
    ON_HELP,
    _date,
    _print_json,
    _scenarios,
    _user_errors,
    group,
)
from maplepath.report import answers
from maplepath.report import reference as render
from maplepath.rulebook import audit as rule_audit
from maplepath.rulebook import book as rulebook

app = group("Browse the dated, cited rule book.")


@app.command("list")
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


@app.command("show")
def rules_show(
    rule_id: str = typer.Argument(..., help="A rule id, e.g. language.ielts_general."),
    on: str | None = typer.Option(None, "--on", help=ON_HELP),
    scenario: list[str] = typer.Option(
        [], "--scenario", help="Apply a reported/proposed scenario."
    ),
    as_json: bool = typer.Option(False, "--json", help=JSON_HELP),
) -> None:
    """Show every dated value of a rule with its citation.

    The value in force on the date is highlighted.

    Example: maplepath rules show language.tef_canada --on 2023-12-09
    """
    when = _date(on)
    with _user_errors():
        if as_json:
            _print_json(answers.rule(rule_id, when, _scenarios(scenario)))
            return
        book = rulebook.default()
        rule = book.get(rule_id)
        ruling = book.at(rule_id, when, _scenarios(scenario))
    render.rule_show(Console(), rule, ruling)


@app.command("changes")
def rules_changes(
    since: str = typer.Option(..., "--since", help="First date (YYYY-MM-DD)."),
    until: str | None = typer.Option(None, "--until", help="Last date (YYYY-MM-DD)."),
    as_json: bool = typer.Option(False, "--json", help=JSON_HELP),
) -> None:
    """What changed in the rules between two dates, with citations.

    Reported and proposed changes are marked.

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


@app.command("audit")
def rules_audit(
    on: str | None = typer.Option(None, "--on", help=ON_HELP),
    as_json: bool = typer.Option(False, "--json", help=JSON_HELP),
) -> None:
    """How current every rule is on a date: its age, its status, why it may be stale.

    Warns on a reported or proposed rule, one not verified for more than 180 days, and a
    yearly table past its usual update month; rules with a warning come first.

    Example: maplepath rules audit --on 2026-12-06
    """
    when = _date(on)
    with _user_errors():
        audits = rule_audit.audit(rulebook.default().rules.values(), when)
    if as_json:
        _print_json([a.to_json() for a in audits])
    else:
        render.audit_table(Console(), audits, when)
