"""Terminal and JSON rendering of facts and rules (rich). No computation happens here."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date
from typing import Any

import yaml
from rich.console import Console
from rich.progress import DownloadColumn, Progress

from maplepath.assess import DISCLAIMER, Assessment
from maplepath.crs.result import CrsResult
from maplepath.profile import language
from maplepath.profile.facts import PersonFacts, ProfileFacts
from maplepath.programs.pathways import Pathway, fastest
from maplepath.report.tables import WholeTable
from maplepath.rulebook.book import Brackets, Change, Rule, Ruling


def _value_text(value: Any) -> str:
    if value is None:
        return "— (ended)"
    if isinstance(value, Brackets):
        return ", ".join(f"≥{t}: {v}" for t, v in zip(value.thresholds, value.values, strict=True))
    if isinstance(value, dict | list):
        text = yaml.safe_dump(value, default_flow_style=None, sort_keys=False, width=96)
        lines = text.rstrip().splitlines()
        if len(lines) > 24:
            lines = [*lines[:24], f"... ({len(lines) - 24} more lines: use --json)"]
        return "\n  ".join(lines)
    return json.dumps(value, ensure_ascii=False, default=str)


def _years(x: float) -> str:
    return "unknown" if x == float("inf") else f"{x:.2f}"


def profile_facts(console: Console, f: ProfileFacts) -> None:
    console.print(f"[bold]Profile facts on {f.on}[/]")
    _person(console, "Applicant", f.applicant)
    if f.spouse is not None:
        _person(console, "Spouse or partner", f.spouse)
    for w in f.warnings:
        console.print(f"[yellow]warning:[/] {w}", highlight=False)
    if f.missing:
        console.print(
            "[cyan]missing facts[/] (verdicts that need them will be unknown): "
            + ", ".join(f.missing)
        )
    console.print(f"\n[dim]{DISCLAIMER}[/]")


def _person(console: Console, who: str, p: PersonFacts) -> None:
    console.print(f"\n[bold underline]{who}[/]  age: {p.age if p.age is not None else 'unknown'}")
    if p.tests:
        table = WholeTable(
            "test", "taken", "valid until", *language.ABILITIES, title="Language (CLB/NCLC)"
        )
        for t in p.tests:
            until = f"[red]expired {t.expires}[/]" if t.expired else str(t.expires)
            table.add_row(
                language.TESTS.get(t.test, t.test),
                str(t.taken),
                until,
                *(f"{t.levels[a].score:g} → {t.clb[a]}" for a in language.ABILITIES),
            )
        console.print(table)
    else:
        console.print("Language: no test given")
    for e in p.education:
        console.print(
            f"Education: {e.level or '?'} ({e.country or '?'}) — {e.detail}", highlight=False
        )
    table = WholeTable(
        "skilled work (TEER 0-3)", "years", "if unknowns favourable", title="Experience"
    )
    for key, acc in p.experience.items():
        table.add_row(key.replace("_", " "), f"{acc.years:.2f}", _years(acc.possible_years))
    console.print(table)
    run = p.longest_run
    if run is not None:
        console.print(
            f"Longest continuous run in one NOC (last 10 years): NOC {run.noc}, "
            f"{run.start} to {run.end}, {run.years:.2f} years"
        )


def rule_summary(rule: Rule) -> dict[str, Any]:
    return {
        "id": rule.id,
        "description": rule.description,
        "unit": rule.unit,
        "latest": rule.values[-1].effective_from.isoformat(),
        "last_verified": rule.last_verified.isoformat(),
        "status": rule.status,
    }


def rules_table(console: Console, rules: list[Rule]) -> None:
    table = WholeTable("id", "latest change", "last verified", "description")
    for r in rules:
        table.add_row(r.id, str(r.values[-1].effective_from), str(r.last_verified), r.description)
    console.print(table)


def rule_detail(rule: Rule, ruling: Ruling) -> dict[str, Any]:
    return {
        **rule_summary(rule),
        "on": ruling.on.isoformat(),
        "in_force": ruling.in_force,
        "reason": ruling.reason,
        "value": ruling.value.as_list() if isinstance(ruling.value, Brackets) else ruling.value,
        "effective_from": ruling.effective_from.isoformat() if ruling.effective_from else None,
        "values": [
            {
                "effective_from": dv.effective_from.isoformat(),
                "value": dv.value.as_list() if isinstance(dv.value, Brackets) else dv.value,
                "status": dv.status,
                "scenario": dv.scenario,
                "references": [r.__dict__ for r in (dv.references or rule.references)],
                "in_force_on_date": dv.effective_from == ruling.effective_from,
            }
            for dv in rule.values
        ],
        "notes": rule.notes,
    }


def rule_show(console: Console, rule: Rule, ruling: Ruling) -> None:
    console.print(f"[bold]{rule.id}[/] — {rule.description}", highlight=False)
    console.print(f"unit: {rule.unit or '-'}   last verified: {rule.last_verified}")
    for dv in rule.values:
        current = dv.effective_from == ruling.effective_from
        mark = "[bold green]▶ in force on " + str(ruling.on) + "[/]" if current else ""
        status = (
            "" if dv.status == "in_force" else f" [magenta]({dv.status}, scenario {dv.scenario})[/]"
        )
        console.print(f"\n[bold]{dv.effective_from}[/]{status} {mark}")
        console.print(f"  {_value_text(dv.value)}", highlight=False)
        for ref in dv.references or rule.references:
            console.print(f"  [dim]source:[/] {ref.title} — {ref.href}", highlight=False)
    if not ruling.in_force:
        console.print(f"\n[yellow]{ruling.reason} (on {ruling.on})[/]")
    if rule.notes:
        console.print(f"\n[dim]notes:[/] {rule.notes}", highlight=False)


def change_json(c: Change) -> dict[str, Any]:
    return {
        "rule": c.rule_id,
        "effective_from": c.effective_from.isoformat(),
        "value": c.value.as_list() if isinstance(c.value, Brackets) else c.value,
        "previous": c.previous.as_list() if isinstance(c.previous, Brackets) else c.previous,
        "status": c.status,
        "scenario": c.scenario,
        "references": [r.__dict__ for r in c.references],
    }


def changes_table(console: Console, changes: list[Change]) -> None:
    table = WholeTable("date", "rule", "change", "source")
    for c in changes:
        what = "ended" if c.value is None else ("started" if c.previous is None else "changed")
        if c.status != "in_force":
            what += f" ({c.status}, scenario {c.scenario})"
        table.add_row(
            str(c.effective_from), c.rule_id, what, c.references[0].title if c.references else ""
        )
    console.print(table)
    if not changes:
        console.print("No rule changed in that period.")


def crs_report(
    console: Console, result: CrsResult, assumed: Callable[[str], list[str]] | None = None
) -> None:
    """The CRS breakdown: one row per line, subtotals per section, warnings, missing facts.
    With ``assumed`` (rule id -> assumed facts, for a case with evidence) each line also says
    which of its facts no document confirms."""
    table = WholeTable(title=f"CRS on {result.on}: {result.total} points")
    for col in ("factor", "points", "detail", "rule (in force since)"):
        table.add_column(col, justify="right" if col == "points" else "left")
    if assumed is not None:
        table.add_column("assumed (no document)")
    for name in ("core", "spouse", "transferability", "additional"):
        lines = [ln for ln in result.lines if ln.section == name]
        if not lines:
            continue
        raw = sum(ln.points for ln in lines)
        capped = "" if raw == result.sections[name] else f" (capped from {raw})"
        table.add_row(
            f"[bold]{SECTION_TITLES[name]}[/]", f"[bold]{result.sections[name]}[/]", capped, ""
        )
        for ln in lines:
            if ln.points or name in ("core", "spouse"):
                since = ln.effective_from.isoformat() if ln.effective_from else "not in force"
                row = [f"  {ln.factor}", str(ln.points), ln.detail, f"{ln.rule} ({since})"]
                if assumed is not None:
                    row.append(", ".join(assumed(ln.rule)) if ln.points else "")
                table.add_row(*row)
    console.print(table)
    if result.alternative and result.alternative["difference"] <= 0:
        alt = result.alternative
        console.print(
            f"With the spouse as principal applicant: {alt['total']} ({alt['difference']:+d}).",
            highlight=False,
        )
    for w in result.warnings:
        console.print(f"[yellow]warning:[/] {w}", highlight=False)
    for m in result.missing:
        console.print(f"[cyan]missing:[/] {m}", highlight=False)


SECTION_TITLES = {
    "core": "A. Core / human capital",
    "spouse": "B. Spouse or common-law partner",
    "transferability": "C. Skill transferability",
    "additional": "D. Additional points",
}


VERDICT_STYLE = {"eligible": "bold green", "ineligible": "red", "unknown": "yellow"}
STATUS_MARK = {"met": "[green]✔[/]", "unmet": "[red]✘[/]", "unknown": "[yellow]?[/]"}


def assessment(
    console: Console,
    a: Assessment,
    assumed_line: Callable[[str], list[str]] | None = None,
    assumed_criterion: Callable[[str, str], list[str]] | None = None,
) -> None:
    """The main report: CRS breakdown, each program's verdict and the criteria behind it.
    For a case, the ``assumed_*`` callbacks name the facts no document confirms."""
    crs_report(console, a.crs, assumed_line)
    console.print()
    for v in a.programs:
        style = VERDICT_STYLE[v.verdict]
        console.print(
            f"[bold]{v.program.upper()}[/] ({v.status}, leads to {v.leads_to.replace('_', ' ')}): "
            f"[{style}]{v.verdict}[/]"
        )
        for c in v.criteria:
            note = assumed_criterion(v.program, c.id) if assumed_criterion else []
            tail = f" [dim](assumed: {', '.join(note)})[/]" if note else ""
            console.print(f"  {STATUS_MARK[c.status]} {c.id}: {c.detail}{tail}", highlight=False)
    _other_routes(console, a)
    if a.missing:
        console.print("\n[cyan]Facts that would change a verdict or the score:[/]")
        for m in a.missing:
            console.print(f"  - {m}", highlight=False)
    last = a.rules_last_verified
    console.print(f"\n[dim]Rules last verified {last} (rule set {a.rules_fingerprint}).[/]")
    console.print(f"[dim]{DISCLAIMER}[/]")


def noc_results(console: Console, results: list[Any]) -> None:
    table = WholeTable("code", "title", "TEER", "score", "why")
    for r in results:
        table.add_row(r.code, r.title, str(r.teer), f"{r.score:.0f}", r.why)
    console.print(table)


def noc_description(console: Console, data: dict[str, Any]) -> None:
    if "became" in data:
        console.print(f"NOC 2016 {data['code']} ({data['change']}) became:", highlight=False)
        for c in data["became"]:
            console.print(f"  {c['code']} {c['title']} (TEER {c['teer']})", highlight=False)
        if data.get("note"):
            console.print(f"  [dim]{data['note']}[/]", highlight=False)
        return
    console.print(f"[bold]{data['code']}[/] {data['title']}", highlight=False)
    console.print(f"TEER {data['teer']}: {data['teer_meaning']}", highlight=False)
    for level, g in data["groups"].items():
        console.print(f"  {level}: {g['code']} {g['title']}", highlight=False)


@contextmanager
def download_progress(source: str) -> Iterator[Callable[[int, int | None], None] | None]:
    """A rich progress bar for downloads (none for local files)."""
    if not source.startswith(("http://", "https://")):
        yield None
        return
    with Progress(*Progress.get_default_columns(), DownloadColumn(), transient=True) as bar:
        task = bar.add_task("downloading", total=None)

        def update(done: int, total: int | None) -> None:
            bar.update(task, completed=done, total=total)

        yield update


def pathways_report(console: Console, ranked: list[Pathway], on: date) -> None:
    """The routes on a date: a ranked table, then each route's criteria."""
    table = WholeTable(title=f"Routes on {on}")
    for col in ("program", "status", "verdict", "leads to", "typical processing"):
        table.add_column(col)
    for p in ranked:
        v = p.verdict
        status = (
            v.status
            if v.status == "open" or p.status_since is None
            else f"{v.status} since {p.status_since}"
        )
        table.add_row(
            v.program,
            status,
            f"[{VERDICT_STYLE[v.verdict]}]{v.verdict}[/]",
            v.leads_to.replace("_", " "),
            v.processing.split(" (")[0] if v.processing else "-",
        )
    console.print(table)
    for kind in ("work_permit", "nomination", "permanent_residence"):
        best = fastest(ranked, kind)
        if best is not None:
            where = kind.replace("_", " ")
            v = best.verdict
            console.print(f"Fastest open route to {where}: [bold]{v.program}[/] ({v.verdict})")
    for p in ranked:
        v = p.verdict
        console.print(f"\n[bold]{v.program}[/] — [{VERDICT_STYLE[v.verdict]}]{v.verdict}[/]")
        for c in v.criteria:
            console.print(f"  {STATUS_MARK[c.status]} {c.id}: {c.detail}", highlight=False)
    console.print(f"\n[dim]{DISCLAIMER}[/]")


def _other_routes(console: Console, a: Assessment) -> None:
    """Beyond FSW/CEC/FST: the open routes that fit or may fit, and what has closed."""
    others = [r for r in a.routes if r.verdict.program not in ("fsw", "cec", "fst")]
    fitting = [
        r for r in others if r.verdict.status == "open" and r.verdict.verdict != "ineligible"
    ]
    closed = [r for r in others if r.verdict.status == "closed"]
    console.print(f"\n[bold]Other routes open on {a.on}[/] (maplepath pathways for the reasons):")
    for r in fitting:
        v = r.verdict
        to = v.leads_to.replace("_", " ")
        style = VERDICT_STYLE[v.verdict]
        console.print(f"  [{style}]{v.verdict:10}[/] {v.program} → {to}", highlight=False)
    if not fitting:
        console.print("  none that fits on the facts given")
    if closed:
        names = ", ".join(f"{r.verdict.program} (since {r.status_since})" for r in closed)
        console.print(f"  [dim]closed: {names}[/]", highlight=False)


def rounds_table(console: Console, rounds: list[Any]) -> None:
    table = WholeTable("round", "date", "type", "invitations", "lowest CRS")
    for r in rounds:
        table.add_row(r.number, str(r.date), r.category, f"{r.invitations:,}", str(r.cutoff or "-"))
    console.print(table)
    if not rounds:
        console.print("No rounds (import them with: maplepath draws update).")


def draw_stats(console: Console, data: dict[str, Any]) -> None:
    if not data["rounds"]:
        console.print("No rounds imported yet: maplepath draws update")
        return
    latest = data["latest"]
    console.print(
        f"{data['rounds']} rounds; latest {latest['date']} ({latest['category']}): "
        f"{latest['invitations']:,} invitations, lowest CRS {latest['cutoff']}",
        highlight=False,
    )
    table = WholeTable(
        "type",
        "rounds",
        "invitations",
        "cut-off last 12 months (min/median/max)",
        "median days apart",
    )
    for cid, c in sorted(data["categories"].items(), key=lambda kv: -kv[1]["rounds"]):
        w = c["cutoff"].get("last_12_months") or {}
        values = [w.get(k) for k in ("min", "median", "max")]
        span = "/".join(f"{v:g}" for v in values) if None not in values else "-"
        table.add_row(
            cid,
            str(c["rounds"]),
            f"{c['invitations']:,}",
            span,
            "-" if (apart := c["days_between_rounds"]["median"]) is None else f"{apart:g}",
        )
    console.print(table)
    console.print("[dim]Past rounds do not promise future ones.[/]")
