"""Terminal rendering of an assessment (rich): the CRS line by line, each program's verdict with
the criteria behind it, every route ranked. No computation happens here. The reference
commands' views are in ``report.reference``, the profile's facts in ``report.facts``."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date

from rich.console import Console
from rich.progress import DownloadColumn, Progress

from maplepath.assess import DISCLAIMER, Assessment
from maplepath.crs.result import CrsResult
from maplepath.i18n import noop, say, word
from maplepath.programs.pathways import Pathway, fastest
from maplepath.report import words
from maplepath.report.tables import WholeTable


def crs_report(
    console: Console, result: CrsResult, assumed: Callable[[str], list[str]] | None = None
) -> None:
    """The CRS breakdown: one row per line, subtotals per section, warnings, missing facts.
    With ``assumed`` (rule id -> assumed facts, for a case with evidence) each line also says
    which of its facts no document confirms."""
    title = say("CRS on %(on)s: %(total)s points", on=result.on, total=result.total)
    table = WholeTable(title=title)
    table.add_column(say("factor"))
    table.add_column(say("points"), justify="right")
    table.add_column(say("detail"))
    table.add_column(say("rule (in force since)"))
    if assumed is not None:
        table.add_column(say("assumed (no document)"))
    for name in ("core", "spouse", "transferability", "additional"):
        lines = [ln for ln in result.lines if ln.section == name]
        if not lines:
            continue
        raw = sum(ln.points for ln in lines)
        capped = "" if raw == result.sections[name] else say("(capped from %(raw)s)", raw=raw)
        title = word(SECTION_TITLES[name])
        table.add_row(f"[bold]{title}[/]", f"[bold]{result.sections[name]}[/]", capped, "")
        for ln in lines:
            if ln.points or name in ("core", "spouse"):
                since = ln.effective_from.isoformat() if ln.effective_from else say("not in force")
                row = [f"  {ln.factor}", str(ln.points), ln.detail, f"{ln.rule} ({since})"]
                if assumed is not None:
                    row.append(", ".join(assumed(ln.rule)) if ln.points else "")
                table.add_row(*row)
    console.print(table)
    if result.alternative and result.alternative["difference"] <= 0:
        alt = result.alternative
        console.print(
            say(
                "With the spouse as principal applicant: %(total)s (%(difference)s).",
                total=alt["total"],
                difference=format(alt["difference"], "+d"),
            ),
            highlight=False,
        )
    for w in result.warnings:
        console.print("[yellow]" + say("warning:") + f"[/] {w}", highlight=False)
    for m in result.missing:
        console.print("[cyan]" + say("missing:") + f"[/] {m}", highlight=False)


SECTION_TITLES = {
    "core": noop("A. Core / human capital"),
    "spouse": noop("B. Spouse or common-law partner"),
    "transferability": noop("C. Skill transferability"),
    "additional": noop("D. Additional points"),
}


VERDICT_STYLE = {"eligible": "bold green", "ineligible": "red", "unknown": "yellow"}
STATUS_MARK = {"met": "[green]✔[/]", "unmet": "[red]✘[/]", "unknown": "[yellow]?[/]"}


def _verdict(verdict: str) -> str:
    return f"[{VERDICT_STYLE[verdict]}]{words.verdict(verdict)}[/]"


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
        leads = say(
            "(%(status)s, leads to %(leads_to)s):",
            status=words.status(v.status),
            leads_to=words.leads_to(v.leads_to),
        )
        console.print(f"[bold]{v.program.upper()}[/] {leads} {_verdict(v.verdict)}")
        for c in v.criteria:
            note = assumed_criterion(v.program, c.id) if assumed_criterion else []
            tail = ""
            if note:
                tail = " [dim]" + say("(assumed: %(facts)s)", facts=", ".join(note)) + "[/]"
            console.print(f"  {STATUS_MARK[c.status]} {c.id}: {c.detail}{tail}", highlight=False)
    _other_routes(console, a)
    if a.missing:
        console.print("\n[cyan]" + say("Facts that would change a verdict or the score:") + "[/]")
        for m in a.missing:
            console.print(f"  - {m}", highlight=False)
    last = say(
        "Rules last verified %(on)s (rule set %(fingerprint)s).",
        on=a.rules_last_verified,
        fingerprint=a.rules_fingerprint,
    )
    console.print(f"\n[dim]{last}[/]")
    console.print(f"[dim]{word(DISCLAIMER)}[/]")


@contextmanager
def download_progress(source: str) -> Iterator[Callable[[int, int | None], None] | None]:
    """A rich progress bar for downloads (none for local files)."""
    if not source.startswith(("http://", "https://")):
        yield None
        return
    with Progress(*Progress.get_default_columns(), DownloadColumn(), transient=True) as bar:
        task = bar.add_task(say("downloading"), total=None)

        def update(done: int, total: int | None) -> None:
            bar.update(task, completed=done, total=total)

        yield update


def pathways_report(console: Console, ranked: list[Pathway], on: date) -> None:
    """The routes on a date: a ranked table, then each route's criteria."""
    table = WholeTable(title=say("Routes on %(on)s", on=on))
    table.add_column(say("program"))
    table.add_column(say("status"))
    table.add_column(say("verdict"))
    table.add_column(say("leads to"))
    table.add_column(say("typical processing"))
    for p in ranked:
        v = p.verdict
        status = words.status(v.status)
        if v.status != "open" and p.status_since is not None:
            status = say("%(status)s since %(on)s", status=status, on=p.status_since)
        table.add_row(
            v.program,
            status,
            _verdict(v.verdict),
            words.leads_to(v.leads_to),
            v.processing.split(" (")[0] if v.processing else "-",
        )
    console.print(table)
    for kind in ("work_permit", "nomination", "permanent_residence"):
        best = fastest(ranked, kind)
        if best is not None:
            v = best.verdict
            fast = say(
                "Fastest open route to %(where)s: %(program)s (%(verdict)s)",
                where=words.leads_to(kind),
                program="[bold]" + v.program + "[/]",
                verdict=words.verdict(v.verdict),
            )
            console.print(fast)
    for p in ranked:
        v = p.verdict
        console.print(f"\n[bold]{v.program}[/] — {_verdict(v.verdict)}")
        for c in v.criteria:
            console.print(f"  {STATUS_MARK[c.status]} {c.id}: {c.detail}", highlight=False)
    console.print(f"\n[dim]{word(DISCLAIMER)}[/]")


def _other_routes(console: Console, a: Assessment) -> None:
    """Beyond FSW/CEC/FST: the open routes that fit or may fit, and what has closed."""
    others = [r for r in a.routes if r.verdict.program not in ("fsw", "cec", "fst")]
    fitting = [
        r for r in others if r.verdict.status == "open" and r.verdict.verdict != "ineligible"
    ]
    closed = [r for r in others if r.verdict.status == "closed"]
    heading = say("Other routes open on %(on)s", on=a.on)
    why = say("(maplepath pathways for the reasons):")
    console.print(f"\n[bold]{heading}[/] {why}")
    width = words.verdict_width()
    for r in fitting:
        v = r.verdict
        to = words.leads_to(v.leads_to)
        style = VERDICT_STYLE[v.verdict]
        shown = words.verdict(v.verdict).ljust(width)
        console.print(f"  [{style}]{shown}[/] {v.program} → {to}", highlight=False)
    if not fitting:
        console.print("  " + say("none that fits on the facts given"))
    if closed:
        names = ", ".join(
            say("%(program)s (since %(on)s)", program=r.verdict.program, on=r.status_since)
            for r in closed
        )
        console.print("  [dim]" + say("closed: %(names)s", names=names) + "[/]", highlight=False)
