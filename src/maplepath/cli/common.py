"""What every ``maplepath`` sub-command shares: how a group is made, option help texts, and the one
place that turns a user's mistake into a clear message and exit status 2 (never a traceback).

Each command group lives in its own module (``cli/assess.py`` for assess, crs and pathways;
``cli/rules.py``, ``cli/case.py``, ...); ``maplepath.cli`` imports a group only when it runs.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from typing import Any, NoReturn

import typer

from maplepath.cli.groups import SummaryGroup
from maplepath.i18n import say
from maplepath.profile.dates import EARLIEST, LATEST
from maplepath.profile.load import ProfileError
from maplepath.rulebook import book as rulebook
from maplepath.rulebook.rulefile import RuleFileError


def group(help: str) -> typer.Typer:
    """A command group as every group of ``maplepath`` is made: plain help (no boxes, so it
    fits any width), each command listed with its whole first sentence."""
    return typer.Typer(
        help=help,
        cls=SummaryGroup,
        no_args_is_help=True,
        rich_markup_mode=None,
        pretty_exceptions_enable=False,
        add_completion=False,
    )


ON_HELP = "Assessment date (YYYY-MM-DD); default today."
JSON_HELP = "Print JSON instead of a report."
SCENARIO_HELP = "Apply a reported/proposed rule scenario by name (e.g. crs-2026-11)."


def _fail(message: str) -> NoReturn:
    from rich.console import Console  # only when there is something to say

    Console(stderr=True).print(
        "[bold red]" + say("error:") + f"[/] {message}", highlight=False, soft_wrap=True
    )
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
        when = date.fromisoformat(raw)
    except ValueError:
        _fail(
            say(
                "%(option)s: %(raw)s is not a date (use YYYY-MM-DD, e.g. 2026-11-21)",
                option=name,
                raw=repr(raw),
            )
        )
    if not EARLIEST <= when <= LATEST:
        _fail(
            say(
                "%(option)s: %(raw)s is outside the dates maplepath works with "
                "(%(first)s to %(last)s)",
                option=name,
                raw=raw,
                first=EARLIEST,
                last=LATEST,
            )
        )
    return when


def _scenarios(names: list[str]) -> list[str]:
    known = rulebook.default().scenarios()
    for name in names:
        if name not in known:
            listed = ", ".join(sorted(known)) or say("none")
            _fail(
                say(
                    "--scenario: no rule carries a scenario named %(name)s (known: %(known)s)",
                    name=repr(name),
                    known=listed,
                )
            )
    return names


def _print_json(data: Any) -> None:
    from maplepath.report.answers import dumps  # the API sends the same bytes

    sys.stdout.write(dumps(data))
