"""``maplepath plan improve`` and ``maplepath plan timeline``: thin layers over
``planner.improve`` and ``planner.timeline``."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path
from typing import Any

import typer
from rich.console import Console

from maplepath import draws
from maplepath.cli.common import (
    JSON_HELP,
    ON_HELP,
    SCENARIO_HELP,
    _date,
    _fail,
    _print_json,
    _scenarios,
    _user_errors,
    group,
)
from maplepath.datadir import atomic_write_bytes
from maplepath.i18n import money, noop, say, word
from maplepath.planner import case, chart, evidence, trajectory
from maplepath.planner import improve as optimizer
from maplepath.planner import timeline as tl
from maplepath.planner.case import profile_file
from maplepath.planner.ics import REMINDERS, to_ics
from maplepath.profile.load import read_profile
from maplepath.profile.model import Profile
from maplepath.report import answers
from maplepath.report import case as report
from maplepath.report.tables import WholeTable

CASE_HELP = "A case folder (with profile.yaml) or a profile file."

app = group("Plan a route: trajectory, improvements, timeline.")


def _profile(path: str) -> Profile:
    return read_profile(profile_file(path), today=date.today()).profile


def _draw_target(category: str, on: date) -> tuple[int, str]:
    """The cut-off of the latest round of ``category`` in the year before ``on``."""
    rounds = [
        r
        for r in draws.list_rounds(category, on - timedelta(days=365))
        if r.date <= on and r.cutoff is not None
    ]
    if not rounds:
        _fail(
            say(
                "--target-draw %(category)s: no imported %(category)s rounds in the year before "
                "%(on)s (import them with: maplepath draws update), or give a score with --target",
                category=category,
                on=on,
            )
        )
    last = rounds[-1]
    assert last.cutoff is not None
    why = say(
        "the %(category)s round of %(on)s (cut-off %(cutoff)s)",
        category=category,
        on=last.date,
        cutoff=last.cutoff,
    )
    return last.cutoff, why


@app.command("improve")
def improve_command(
    case: str = typer.Argument(..., help=CASE_HELP),
    target: int | None = typer.Option(None, "--target", help="The CRS score to reach."),
    target_draw: str | None = typer.Option(
        None, "--target-draw", help="Aim at the cut-off of the latest round of this category."
    ),
    by: str = typer.Option("time", "--by", help="time (quickest first) or cost (cheapest)."),
    max_actions: int = typer.Option(4, "--max-actions", help="Most actions in one plan."),
    limit: int = typer.Option(5, "--limit", help="Most plans shown."),
    on: str | None = typer.Option(None, "--on", help=ON_HELP),
    scenario: list[str] = typer.Option([], "--scenario", help="Apply a reported rule change."),
    as_json: bool = typer.Option(False, "--json", help=JSON_HELP),
) -> None:
    """The quickest (or cheapest) sets of actions that reach a CRS target.

    Language retakes per ability, a French test, the spouse's test or ECA, switching
    principal applicant, more experience over time, a provincial nomination you are eligible
    for.

    Example: maplepath plan improve examples/software_engineer_abroad.yaml --target 500
    """
    when = _date(on)
    if (target is None) == (target_draw is None):
        _fail(say("give exactly one of --target SCORE or --target-draw CATEGORY"))
    if by not in optimizer.BY:
        _fail(
            say(
                "--by must be one of %(ways)s, not %(by)s",
                ways=", ".join(optimizer.BY),
                by=repr(by),
            )
        )
    if max_actions < 1 or limit < 1:
        _fail(say("--max-actions and --limit must be at least 1"))
    scen = _scenarios(scenario)
    with _user_errors():
        profile = _profile(case)
        why = None
        if target_draw is not None:
            target, why = _draw_target(target_draw, when)
        assert target is not None
        result = optimizer.improve(profile, when, target, by, max_actions, limit, scen)
    if as_json:
        _print_json(answers.improvement(result, why))
    else:
        _improvement_text(Console(), result, why)


# How a plan is sorted, as --by names it.
BY_WORDS = {"time": noop("time"), "cost": noop("cost")}


def _cost(p: optimizer.Plan) -> str:
    cost = money(p.cost_cad)
    return cost if p.cost_complete else say("%(cost)s + fees not known", cost=cost)


def _plan_table(console: Console, title: str, p: optimizer.Plan) -> None:
    table = WholeTable(title=title, title_justify="left")
    table.add_column(say("action"))
    table.add_column(say("from"))
    table.add_column(say("to"))
    table.add_column(say("cost"), justify="right")
    table.add_column(say("CRS after"), justify="right")
    for s in p.steps:
        cost = "?" if s.action.cost_cad is None else money(s.action.cost_cad)
        table.add_row(s.action.title, str(s.start), str(s.end), cost, str(s.score_after))
    console.print(table)


def _improvement_text(console: Console, r: optimizer.Improvement, why: str | None) -> None:
    aim = f"{r.target}" + (f" ({why})" if why else "")
    by = word(BY_WORDS.get(r.by, r.by))
    line = say(
        "CRS on %(on)s: %(current)s; target %(aim)s; plans by %(by)s",
        on=r.on,
        current=r.current,
        aim=aim,
        by=by,
    )
    console.print(line, highlight=False)
    if r.current >= r.target:
        console.print(say("Already at or above the target: nothing to do."))
        return
    if not r.plans:
        console.print(
            say(
                "The target cannot be reached with these actions: the best reachable score is "
                "%(best)s.",
                best=r.best_score,
            ),
            highlight=False,
        )
        if r.best_plan:
            best = say(
                "Best plan: %(score)s on %(on)s",
                score=r.best_plan.final_score,
                on=r.best_plan.final_on,
            )
            _plan_table(console, best, r.best_plan)
        return
    for n, p in enumerate(r.plans, 1):
        title = say(
            "Plan %(n)s: %(score)s by %(on)s (%(days)s days, %(cost)s)",
            n=n,
            score=p.final_score,
            on=p.final_on,
            days=p.days,
            cost=_cost(p),
        )
        _plan_table(console, title, p)
    searched = say(
        "%(searched)s combinations considered, %(scored)s scored. Preparation time per CLB "
        "level is an assumption (maplepath rules show planner.actions.preparation).",
        searched=r.searched,
        scored=r.scored,
    )
    console.print(f"[dim]{searched}[/]")


@app.command("timeline")
def timeline_command(
    case: str = typer.Argument(..., help=CASE_HELP),
    pathway: str | None = typer.Option(
        None, "--pathway", help="fsw, cec, fst, ee_category:<id> or a provincial route id."
    ),
    by: str | None = typer.Option(None, "--by", help="Submit the application by this date."),
    invited: str | None = typer.Option(
        None, "--invited", help="Plan the invitation on this date (default: from recent rounds)."
    ),
    ics: Path | None = typer.Option(None, "--ics", help="Also write an iCalendar file."),
    remind: list[int] = typer.Option(
        [], "--remind", help="Days before each deadline to remind (repeatable; default 14, 2)."
    ),
    on: str | None = typer.Option(None, "--on", help=ON_HELP),
    as_json: bool = typer.Option(False, "--json", help=JSON_HELP),
) -> None:
    """The steps of a permanent residence application, dated, and the hard deadlines.

    Forwards from today, or backwards from --by. Deadlines: 60 days after an invitation, a
    profile valid 12 months, test results valid 2 years, ECAs 5 years, Ontario's 45 days
    after an NOI, a BC job offer with 120 days left.

    Example: maplepath plan timeline examples/software_engineer_abroad.yaml --ics plan.ics
    """
    when = _date(on)
    target = _date(by, "--by") if by else None
    with _user_errors():
        profile = _profile(case)
        expected = _invitation(profile, when, _date(invited, "--invited") if invited else None)
        plan = tl.timeline(profile, when, pathway, target, invitation=expected)
        data = to_ics(plan, remind or REMINDERS) if ics else b""
        if ics:
            atomic_write_bytes(ics, data)
    if as_json:
        _print_json(_timeline_json(plan))
    else:
        _timeline_text(Console(), plan)
    if ics and not as_json:
        events = data.count(b"BEGIN:VEVENT")
        Console().print(say("Wrote %(ics)s (%(n)s events).", ics=ics, n=events), highlight=False)


def _invitation(profile: Any, on: date, picked: date | None) -> tl.Invitation:
    """The invitation the timeline plans: the date given, else an estimate from the imported
    rounds of the last 12 months, else assumed on the profile's day (and said so)."""
    if picked is not None:
        return tl.Invitation(
            "picked", on=picked, note=say("on %(day)s, the date you gave", day=picked)
        )
    from maplepath import draws
    from maplepath.draws import odds

    try:
        found = odds.odds(profile, on, draws.list_rounds(), months=12)
    except (odds.NoRoundsError, draws.DamagedDatabase, OSError):
        return tl.Invitation()
    wait = odds.invitation_wait(found)
    if wait is None:
        note = say(
            "no round you could enter cut off at or below your score in the last 12 months: no "
            "invitation date can be estimated; the plan assumes the earliest (the profile's day)"
        )
        return tl.Invitation(note=note)
    typical, late, n = wait
    note = say(
        "estimated from the %(n)s rounds of the last 12 months you could enter that cut off at "
        "or below your score: typically %(days)s days after the profile, 9 in 10 within "
        "%(late)s days (past rounds do not promise future ones)",
        n=n,
        days=typical,
        late=late,
    )
    return tl.Invitation("estimated", after_days=typical, late_days=late, note=note)


def _timeline_json(t: tl.Timeline) -> dict[str, Any]:
    return {
        "on": t.on.isoformat(),
        "pathway": t.pathway,
        "target": t.target.isoformat() if t.target else None,
        "invitation": t.invitation.to_json(),
        "steps": [
            {
                "id": s.id,
                "title": s.title,
                "start": s.start.isoformat(),
                "end": s.end.isoformat(),
                "done": s.done,
                "detail": s.detail,
                "rules": list(s.rules),
                "latest_end": s.latest_end.isoformat() if s.latest_end else None,
                "start_by": s.start_by.isoformat() if s.start_by else None,
            }
            for s in t.steps
        ],
        "deadlines": [
            {
                "id": d.id,
                "title": d.title,
                "due": d.due.isoformat(),
                "detail": d.detail,
                "rules": list(d.rules),
            }
            for d in t.deadlines
        ],
        "warnings": t.warnings,
    }


def _timeline_text(console: Console, t: tl.Timeline) -> None:
    title = say("%(pathway)s: steps from %(on)s", pathway=t.pathway, on=t.on)
    table = WholeTable(title=title, title_justify="left")
    for col in (say("step"), say("from"), say("to"), say("detail")):
        table.add_column(col)
    for s in t.steps:
        name = "[dim]✔ " + say("%(step)s (done)", step=s.title) + "[/]" if s.done else s.title
        dates = ("", "") if s.done else (str(s.start), str(s.end))
        table.add_row(name, *dates, s.detail)
    console.print(table)
    deadlines = WholeTable(title=say("Hard deadlines"), title_justify="left")
    for col in (say("due"), say("deadline"), say("rule")):
        deadlines.add_column(col)
    for d in t.deadlines:
        deadlines.add_row(str(d.due), d.title, ", ".join(d.rules))
    console.print(deadlines)
    inv = t.invitation
    if inv.basis != "assumed":
        console.print(say("invitation: %(note)s", note=inv.note or inv.basis), highlight=False)
    for w in t.warnings:
        console.print(say("warning: %(warning)s", warning=w), highlight=False)


@app.command("trajectory")
def plan_trajectory(
    case_or_profile: str = typer.Argument(..., help="A case folder or a profile file."),
    months: int = typer.Option(36, "--months", help="How many months ahead (0-240)."),
    on: str | None = typer.Option(None, "--on", help="Start date (YYYY-MM-DD); default today."),
    scenario: list[str] = typer.Option([], "--scenario", help=SCENARIO_HELP),
    out: str | None = typer.Option(None, "--chart", help="Also draw it: FILE.png or FILE.svg."),
    all_months: bool = typer.Option(False, "--all-months", help="Show months with no change."),
    as_json: bool = typer.Option(False, "--json", help=JSON_HELP),
) -> None:
    """The CRS and each program's verdict month by month, and why they move.

    The dated events: birthdays, Canadian experience anniversaries, expiring test results,
    ECAs and documents, job offers running out, rule changes already dated in the rule book.

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
            Console().print(say("Chart written to %(out)s", out=out), highlight=False)


def document_expiries(folder: Path, profile: Profile, on: date) -> list[tuple[date, str]]:
    """Expiry dates the profile does not hold: passports, permits, medical exams, police
    certificates from the case's evidence (test results and ECAs come from the profile)."""
    out = []
    for doc in evidence.load_documents(folder, profile):
        if doc.kind in ("language_test_result", "eca_report"):
            continue
        until = doc.valid_until(on)
        if until is not None:
            if doc.about == "spouse":
                text = say("spouse's %(title)s (%(id)s) expires", title=doc.title, id=doc.id)
            else:
                text = say("%(title)s (%(id)s) expires", title=doc.title, id=doc.id)
            out.append((until, text))
    return out
