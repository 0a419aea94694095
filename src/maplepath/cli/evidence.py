"""``maplepath case review|checklist``: a case's evidence folder against its profile — where the
documents contradict each other or the profile, and which documents each pathway still needs."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import typer
from rich.console import Console
from rich.table import Table

from maplepath import programs
from maplepath.cli.common import (
    JSON_HELP,
    ON_HELP,
    _date,
    _fail,
    _print_json,
    _user_errors,
    case_app,
)
from maplepath.crs import scalar as crs
from maplepath.planner import assumptions, checklist, consistency
from maplepath.planner.case import case_dir, profile_file
from maplepath.planner.evidence import Document, load_documents
from maplepath.profile.load import read_profile
from maplepath.profile.model import Profile

CASE_HELP = "Case folder (profile.yaml + evidence/)."
MARK = {"present": "✔", "missing": "✘", "expired": "!", "not_needed": "–"}
SEVERITY_STYLE = {"high": "bold red", "medium": "yellow", "low": "dim"}


def _load(case: str) -> tuple[Profile, list[Document]]:
    if not Path(case).exists():
        _fail(f"{case}: no such case folder")
    folder = case_dir(case)
    if folder is None:
        _fail(f"{case}: give a case folder (with profile.yaml and evidence/), not a profile file")
    with _user_errors():
        profile = read_profile(profile_file(folder), today=date.today()).profile
        return profile, load_documents(folder, profile)


@case_app.command("review")
def case_review(
    case: str = typer.Argument(..., help=CASE_HELP),
    on: str | None = typer.Option(None, "--on", help=ON_HELP),
    as_json: bool = typer.Option(False, "--json", help=JSON_HELP),
) -> None:
    """Compare the evidence documents with each other and with the profile: names, dates of
    birth, passport numbers, test scores, ECA levels, employers, dates, hours, job titles
    against the NOC claimed, gaps and overlaps, wages and funds. Each finding says which
    documents disagree, how much it matters and why. Also lists the assumed facts: those no
    valid document confirms.

    Example: maplepath case review examples/cases/priya --on 2026-11-22
    """
    when = _date(on)
    profile, docs = _load(case)
    with _user_errors():
        findings = consistency.review(profile, docs, when)
        confirmed = assumptions.confirm(profile, docs, when)
        score = crs.score(profile, when) if when >= crs.EARLIEST else None
        uses = assumptions.used_by(confirmed, score, programs.evaluate_all(profile, when))
    if as_json:
        _print_json(
            {
                "on": when.isoformat(),
                "case": str(Path(case)),
                "documents": [d.id for d in docs],
                "findings": [f.to_json() for f in findings],
                "confirmed": {p: list(ids) for p, ids in confirmed.confirmed.items()},
                "assumptions": [
                    {**a.to_json(), "used_by": uses[a.path]} for a in confirmed.assumptions()
                ],
            }
        )
        return
    out = Console(soft_wrap=True)
    out.print(f"Evidence review of {case} on {when}: {len(docs)} documents", highlight=False)
    if not findings:
        out.print("No contradictions found.", highlight=False)
    for f in findings:
        out.print(
            f"[{SEVERITY_STYLE[f.severity]}]{f.severity:<6}[/] {f.kind} "
            f"({', '.join(f.documents)}): {f.detail}",
            highlight=False,
        )
        out.print(f"       why: {f.why}", highlight=False, style="dim")
    assumed = confirmed.assumptions()
    out.print(
        f"\nConfirmed facts: {len(confirmed.confirmed)}; assumed: {len(assumed)}", highlight=False
    )
    for a in assumed:
        out.print(
            f"  assumed {a.path}: {a.what} ({a.why}); confirm with {a.confirm_with}",
            highlight=False,
        )
        if uses[a.path]:
            out.print(f"    rests on it: {', '.join(uses[a.path])}", highlight=False, style="dim")


@case_app.command("checklist")
def case_checklist(
    case: str = typer.Argument(..., help=CASE_HELP),
    program: list[str] = typer.Option(
        [], "--program", help="Program id (repeatable); default: those eligible or unknown."
    ),
    on: str | None = typer.Option(None, "--on", help=ON_HELP),
    as_json: bool = typer.Option(False, "--json", help=JSON_HELP),
) -> None:
    """The documents each pathway needs, marked present, missing or expired from the case's
    evidence folder (and not needed where the profile makes it so: no spouse, no job offer).
    Default programs: every program the person is eligible for, or may be (unknown), on the
    date.

    Example: maplepath case checklist examples/cases/priya --program fsw --on 2026-11-22
    """
    when = _date(on)
    profile, docs = _load(case)
    known = set(programs.REGISTRY)
    for p in program:
        if p not in known:
            _fail(f"--program: {p!r} is not a program id ({', '.join(sorted(known))})")
    with _user_errors():
        chosen = program or [
            v.program for v in programs.evaluate_all(profile, when) if v.verdict != "ineligible"
        ]
        items = checklist.checklist(profile, docs, chosen, when)
    if as_json:
        _print_json(
            {
                "on": when.isoformat(),
                "programs": list(chosen),
                "items": [i.to_json() for i in items],
            }
        )
        return
    out = Console()
    if not items:
        out.print(f"No document list covers {', '.join(chosen) or 'any program'}.")
    for pathway in dict.fromkeys(i.pathway for i in items):
        rows = [i for i in items if i.pathway == pathway]
        table = Table(title=f"{pathway.replace('_', ' ')}: {', '.join(rows[0].programs)}")
        for col in ("", "who", "document", "have", "note"):
            table.add_column(col)
        for i in rows:
            note = i.detail or (f"valid until {i.valid_until}" if i.valid_until else "")
            table.add_row(MARK[i.status], i.who, i.need, ", ".join(i.documents), note)
        out.print(table)
    counts = {s: sum(i.status == s for i in items) for s in checklist.STATUSES}
    out.print(", ".join(f"{n} {s.replace('_', ' ')}" for s, n in counts.items()), highlight=False)
