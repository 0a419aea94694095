"""What every ``maplepath`` sub-command shares: the Typer apps, option help texts, and the one
place that turns a user's mistake into a clear message and exit status 2 (never a traceback).

The commands themselves live in ``cli.py`` (assess, crs, pathways, profile, rules, noc),
``cli_draws.py`` (draws), and the planner's modules; ``cli.main`` imports them all.
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

from maplepath.profile.load import ProfileError
from maplepath.rulebook import book as rulebook
from maplepath.rulebook.rulefile import RuleFileError

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
case_app = typer.Typer(
    help="A case folder: profile, evidence, saved assessments.", no_args_is_help=True
)
plan_app = typer.Typer(
    help="Plan a route: trajectory, improvements, timeline.", no_args_is_help=True
)
app.add_typer(profile_app, name="profile")
app.add_typer(rules_app, name="rules")
app.add_typer(noc_app, name="noc")
app.add_typer(draws_app, name="draws")
app.add_typer(case_app, name="case")
app.add_typer(plan_app, name="plan")

ON_HELP = "Assessment date (YYYY-MM-DD); default today."
JSON_HELP = "Print JSON instead of a report."
SCENARIO_HELP = "Apply a reported/proposed rule scenario by name (e.g. crs-2026-11)."


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
