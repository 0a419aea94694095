"""Terminal rendering of the planner's results (rich). No computation happens here."""

from __future__ import annotations

from rich.console import Console

from maplepath.assess import DISCLAIMER, Assessment
from maplepath.i18n import noop, say, say_n, word
from maplepath.planner.assumptions import Confirmations, used_by
from maplepath.planner.recheck import Recheck
from maplepath.planner.trajectory import Trajectory
from maplepath.report.tables import WholeTable

# What a recheck's difference is about (``crs`` has a line of its own).
DIFFERENCES = {"crs line": noop("crs line"), "program": noop("program")}


def trajectory(console: Console, t: Trajectory, all_months: bool = False) -> None:
    title = say("CRS trajectory from %(on)s", on=t.start.isoformat())
    table = WholeTable(title=title, title_justify="left")
    table.add_column(say("month"))
    table.add_column(say("CRS"), justify="right")
    table.add_column(say("change"), justify="right")
    table.add_column(say("what happens (date)"))
    previous = None
    for p in t.points:
        delta = "" if previous is None or p.crs == previous else f"{p.crs - previous:+d}"
        score_events = [e for e in p.events if e.kind != "program"]
        if all_months or previous is None or score_events or delta:
            text = "\n".join(f"{e.on.isoformat()} {e.text}" for e in score_events)
            table.add_row(p.month, str(p.crs), delta, text)
        previous = p.crs
    console.print(table)
    moves = [e for e in t.events if e.kind == "program"]
    if moves:
        console.print("[bold]" + say("Programs that change over this period") + "[/]")
        for e in moves:
            console.print(f"  {e.on.isoformat()}  {e.text}", highlight=False)
    else:
        console.print(say("No program verdict changes over this period."))
    if not all_months:
        hidden = say("Months with no change are hidden (--all-months shows them).")
        console.print(f"[dim]{hidden}[/]")
    console.print(f"[dim]{word(DISCLAIMER)}[/]")


def assumptions(console: Console, c: Confirmations, a: Assessment) -> None:
    """The facts no document confirms, what would confirm each, and what rests on it."""
    pending = c.assumptions()
    if not pending:
        console.print(
            "\n[green]" + say("Every fact of the profile is confirmed by a document.") + "[/]"
        )
        return
    uses = used_by(c, a.crs, [r.verdict for r in a.routes])
    heading = say("Assumptions to resolve before applying (%(n)s)", n=len(pending))
    console.print(f"\n[bold]{heading}[/]")
    for x in pending:
        rests = uses.get(x.path, [])
        on = say("; rests on it: %(uses)s", uses=", ".join(rests)) if rests else ""
        line = say(
            "%(path)s (%(what)s): %(why)s; confirm with %(confirm_with)s%(rests)s",
            path=x.path,
            what=x.what,
            why=x.why,
            confirm_with=x.confirm_with,
            rests=on,
        )
        console.print(f"  - {line}", highlight=False)


def recheck(console: Console, r: Recheck) -> None:
    console.print(
        say(
            "[bold]Re-assessed on %(on)s[/] against the snapshot of %(since)s",
            on=r.on.isoformat(),
            since=r.since.isoformat(),
        ),
        highlight=False,
    )
    if r.profile_edited:
        console.print(say("The profile was edited since that snapshot."))
    if not r.differences:
        console.print(say("Nothing changed: same CRS, same verdicts."))
    for d in r.differences:
        if d.what == "crs":
            crs = say("CRS %(before)s -> %(after)s", before=d.before, after=d.after)
            console.print(f"[bold]{crs}[/]", highlight=False)
            continue
        what = word(DIFFERENCES.get(d.what, d.what))
        why = say("why: %(why)s", why=d.why)
        console.print(
            f"- {what} [bold]{d.subject}[/]: {d.before} -> {d.after}\n    {why}",
            highlight=False,
        )
        for ref in d.references:
            console.print("    " + say("source: %(ref)s", ref=ref), highlight=False)
    if r.rule_changes:
        changed = say("Rules this case uses that changed since the snapshot")
        console.print(f"[bold]{changed}[/]")
        for c in r.rule_changes:
            console.print(
                f"  {c['effective_from']}  {c['rule']}  {c['reference']}", highlight=False
            )
    if r.stale_rules:  # one line: the change above matters more (the JSON lists them all)
        stale = say_n(
            "%(num)d rule this case depends on was last verified more than 180 days ago "
            "(maplepath rules audit lists them).",
            "%(num)d rules this case depends on were last verified more than 180 days ago "
            "(maplepath rules audit lists them).",
            len(r.stale_rules),
        )
        console.print(f"[yellow]{stale}[/]", highlight=False)
    console.print(f"[dim]{word(DISCLAIMER)}[/]")
