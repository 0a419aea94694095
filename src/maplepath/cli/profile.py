"""``maplepath profile check``: how a profile reads before any verdict depends on it."""

from __future__ import annotations

from datetime import date

import typer
from rich.console import Console

from maplepath.cli.common import (
    JSON_HELP,
    ON_HELP,
    _date,
    _print_json,
    _user_errors,
    group,
)
from maplepath.notices import staleness_warnings
from maplepath.profile import facts
from maplepath.profile.load import read_profile
from maplepath.report import facts as render
from maplepath.rulebook import book as rulebook

app = group("Read and check a profile file.")


@app.command("check")
def profile_check(
    profile: str = typer.Argument(..., help="Profile file (YAML or JSON)."),
    on: str | None = typer.Option(None, "--on", help=ON_HELP),
    as_json: bool = typer.Option(False, "--json", help=JSON_HELP),
) -> None:
    """Check a profile and show the facts derived from it on a date.

    Age, CLB per ability per test (and whether each result is still valid), education and
    ECA validity, skilled work experience per look-back window, warnings and missing facts.

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
