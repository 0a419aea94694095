"""Terminal rendering of the planner's results (rich). No computation happens here."""

from __future__ import annotations

from rich.console import Console

from maplepath.assess import DISCLAIMER, Assessment
from maplepath.planner.assumptions import Confirmations, used_by
from maplepath.planner.recheck import Recheck
from maplepath.planner.trajectory import Trajectory
from maplepath.report.tables import WholeTable


def trajectory(console: Console, t: Trajectory, all_months: bool = False) -> None:
    table = WholeTable(title=f"CRS trajectory from {t.start.isoformat()}", title_justify="left")
    table.add_column("month")
    table.add_column("CRS", justify="right")
    table.add_column("change", justify="right")
    table.add_column("what happens (date)")
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
        console.print("[bold]Programs that change over this period[/]")
        for e in moves:
            console.print(f"  {e.on.isoformat()}  {e.text}", highlight=False)
    else:
        console.print("No program verdict changes over this period.")
    if not all_months:
        console.print("[dim]Months with no change are hidden (--all-months shows them).[/]")
    console.print(f"[dim]{DISCLAIMER}[/]")


def assumptions(console: Console, c: Confirmations, a: Assessment) -> None:
    """The facts no document confirms, what would confirm each, and what rests on it."""
    pending = c.assumptions()
    if not pending:
        console.print("\n[green]Every fact of the profile is confirmed by a document.[/]")
        return
    uses = used_by(c, a.crs, [r.verdict for r in a.routes])
    console.print(f"\n[bold]Assumptions to resolve before applying ({len(pending)})[/]")
    for x in pending:
        rests = uses.get(x.path, [])
        on = f"; rests on it: {', '.join(rests)}" if rests else ""
        console.print(
            f"  - {x.path} ({x.what}): {x.why}; confirm with {x.confirm_with}{on}",
            highlight=False,
        )


def recheck(console: Console, r: Recheck) -> None:
    console.print(
        f"[bold]Re-assessed on {r.on.isoformat()}[/] against the snapshot of {r.since.isoformat()}",
        highlight=False,
    )
    if r.profile_edited:
        console.print("The profile was edited since that snapshot.")
    if not r.differences:
        console.print("Nothing changed: same CRS, same verdicts.")
    for d in r.differences:
        if d.what == "crs":
            console.print(f"[bold]CRS {d.before} -> {d.after}[/]", highlight=False)
            continue
        console.print(
            f"- {d.what} [bold]{d.subject}[/]: {d.before} -> {d.after}\n    why: {d.why}",
            highlight=False,
        )
        for ref in d.references:
            console.print(f"    source: {ref}", highlight=False)
    if r.rule_changes:
        console.print("[bold]Rules this case uses that changed since the snapshot[/]")
        for c in r.rule_changes:
            console.print(
                f"  {c['effective_from']}  {c['rule']}  {c['reference']}", highlight=False
            )
    if r.stale_rules:
        console.print(
            f"[yellow]{len(r.stale_rules)} rule(s) this case depends on were last verified "
            "more than 180 days ago:[/]"
        )
        for s in r.stale_rules:
            console.print(f"  {s['rule']} (last verified {s['last_verified']})", highlight=False)
    console.print(f"[dim]{DISCLAIMER}[/]")
