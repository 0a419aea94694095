"""``maplepath case ...`` (init, assess, recheck) and ``maplepath plan trajectory``: the case
folder and the score over time. Thin: the work is in ``maplepath.planner``."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import typer
from rich.console import Console

from maplepath.assess import assess
from maplepath.cli.common import (
    JSON_HELP,
    ON_HELP,
    SCENARIO_HELP,
    _date,
    _print_json,
    _scenarios,
    _user_errors,
    case_app,
    plan_app,
)
from maplepath.planner import (
    assumptions,
    case,
    chart,
    evidence,
    recheck,
    report,
    snapshot,
    trajectory,
)
from maplepath.profile.load import read_profile
from maplepath.profile.model import Profile
from maplepath.report import text as render
from maplepath.rulebook import book as rulebook


@case_app.command("init")
def case_init(
    folder: str = typer.Argument(..., help="The case folder to create."),
    from_profile: str | None = typer.Option(
        None, "--from", help="Copy this profile file in (default: a template to fill in)."
    ),
) -> None:
    """Create a case folder: profile.yaml, evidence/ and assessments/. Never overwrites.

    Example: maplepath case init my-case --from examples/software_engineer_abroad.yaml
    """
    with _user_errors():
        root = case.init(folder, from_profile)
    Console().print(
        f"Case created in {root}: edit {root / case.PROFILE}, add documents to "
        f"{root / case.EVIDENCE}, then run: maplepath case assess {root}",
        highlight=False,
    )


@case_app.command("assess")
def case_assess(
    folder: str = typer.Argument(..., help="The case folder."),
    on: str | None = typer.Option(None, "--on", help=ON_HELP),
    scenario: list[str] = typer.Option([], "--scenario", help=SCENARIO_HELP),
    as_json: bool = typer.Option(False, "--json", help=JSON_HELP),
) -> None:
    """Assess the case and save a snapshot in CASE/assessments/ (the date, the rule-book
    fingerprint and every rule used), so a later recheck can say what changed and why.

    Example: maplepath case assess examples/cases/priya --on 2026-11-22
    """
    when = _date(on)
    book = rulebook.default()
    with _user_errors():
        root = _case_folder(folder)
        profile_path = case.profile_file(root)
        loaded = read_profile(profile_path, today=date.today())
        result = assess(loaded.profile, when, tuple(_scenarios(scenario)), book)
        result.warnings[:0] = list(loaded.warnings)
        documents = evidence.load_documents(root, loaded.profile)
        confirmed = assumptions.confirm(loaded.profile, documents, when, book)
        saved = snapshot.save(root, result, profile_path, datetime.now(), book, confirmed)
    if as_json:
        _print_json({"snapshot": str(saved), **snapshot.assessment_json(result, confirmed)})
        return
    console = Console()
    render.assessment(
        console,
        result,
        lambda rule: confirmed.assumed_for_line(rule, result.crs.principal_applicant),
        confirmed.assumed_for_criterion,
    )
    report.assumptions(console, confirmed, result)
    console.print(f"Snapshot saved: {saved}", highlight=False)


@case_app.command("recheck")
def case_recheck(
    folder: str = typer.Argument(..., help="The case folder."),
    on: str | None = typer.Option(None, "--on", help=ON_HELP),
    save: bool = typer.Option(False, "--save", help="Also save the new assessment."),
    as_json: bool = typer.Option(False, "--json", help=JSON_HELP),
) -> None:
    """Re-assess with today's rule book and say what changed since the last snapshot and why
    (a rule changed, a program closed, a fact expired), with citations; list the rules the
    case depends on that were last verified more than 180 days ago.

    Example: maplepath case recheck examples/cases/priya --on 2027-07-01
    """
    when = _date(on)
    book = rulebook.default()
    with _user_errors():
        root = _case_folder(folder)
        last = snapshot.latest(root)
        if last is None:
            raise case.CaseError(f"{root} has no snapshot yet: run maplepath case assess {root}")
        profile_path = case.profile_file(root)
        loaded = read_profile(profile_path, today=date.today())
        now = assess(loaded.profile, when, (), book)
        result = recheck.recheck(last, now, snapshot.profile_hash(profile_path), book)
        if save:  # saved as `case assess` saves it, assumptions included
            documents = evidence.load_documents(root, loaded.profile)
            confirmed = assumptions.confirm(loaded.profile, documents, when, book)
            snapshot.save(root, now, profile_path, datetime.now(), book, confirmed)
    if as_json:
        _print_json(result.to_json())
    else:
        report.recheck(Console(), result)


@plan_app.command("trajectory")
def plan_trajectory(
    case_or_profile: str = typer.Argument(..., help="A case folder or a profile file."),
    months: int = typer.Option(36, "--months", help="How many months ahead (0-240)."),
    on: str | None = typer.Option(None, "--on", help="Start date (YYYY-MM-DD); default today."),
    scenario: list[str] = typer.Option([], "--scenario", help=SCENARIO_HELP),
    out: str | None = typer.Option(None, "--chart", help="Also draw it: FILE.png or FILE.svg."),
    all_months: bool = typer.Option(False, "--all-months", help="Show months with no change."),
    as_json: bool = typer.Option(False, "--json", help=JSON_HELP),
) -> None:
    """The CRS month by month and each program's verdict, with the dated events that move
    them: birthdays, Canadian experience anniversaries, expiring test results, ECAs and
    documents, job offers running out, rule changes already dated in the rule book.

    Example: maplepath plan trajectory examples/data_scientist_pgwp.yaml --months 36 --chart t.png
    """
    when = _date(on)
    with _user_errors():
        if out is not None:
            chart.chart_format(Path(out))
        loaded = read_profile(case.profile_file(case_or_profile), today=date.today())
        folder = case.case_dir(case_or_profile)
        expiries = document_expiries(folder, loaded.profile, when) if folder else []
        t = trajectory.trajectory(
            loaded.profile, when, months, scenarios=_scenarios(scenario), expiries=expiries
        )
        if out is not None:
            chart.render(t, Path(out))
    if as_json:
        _print_json(t.to_json())
    else:
        report.trajectory(Console(), t, all_months)
        if out is not None:
            Console().print(f"Chart written to {out}", highlight=False)


def document_expiries(folder: Path, profile: Profile, on: date) -> list[tuple[date, str]]:
    """Expiry dates the profile does not hold: passports, permits, medical exams, police
    certificates from the case's evidence (test results and ECAs come from the profile)."""
    out = []
    for doc in evidence.load_documents(folder, profile):
        if doc.kind in ("language_test_result", "eca_report"):
            continue
        until = doc.valid_until(on)
        if until is not None:
            whose = "spouse's " if doc.about == "spouse" else ""
            out.append((until, f"{whose}{doc.title} ({doc.id}) expires"))
    return out


def _case_folder(folder: str) -> Path:
    root = Path(folder)
    if not root.is_dir():
        raise case.CaseError(f"{root}: not a case folder (make one: maplepath case init {root})")
    return root
