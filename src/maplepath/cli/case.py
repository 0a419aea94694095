"""``maplepath case init|assess|recheck|review|checklist``: the case folder — its profile,
its evidence and its saved assessments. Thin: the work is in ``maplepath.planner``."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import typer
from rich.console import Console
from rich.padding import Padding
from rich.text import Text

from maplepath import programs
from maplepath.assess import assess
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
from maplepath.crs import scalar as crs
from maplepath.i18n import noop, say, say_n, word
from maplepath.planner import (
    assumptions,
    case,
    checklist,
    consistency,
    evidence,
    recheck,
    snapshot,
)
from maplepath.planner.case import case_dir, profile_file
from maplepath.planner.evidence import Document, load_documents
from maplepath.profile.load import read_profile
from maplepath.profile.model import Profile
from maplepath.report import case as report
from maplepath.report import text as render
from maplepath.report.tables import WholeTable
from maplepath.rulebook import book as rulebook

app = group("A case folder: profile, evidence, saved assessments.")
CASE_HELP = "Case folder (profile.yaml + evidence/)."
MARK = {"present": "✔", "flagged": "⚠", "missing": "✘", "expired": "!", "not_needed": "–"}
SEVERITY_STYLE = {"high": "bold red", "medium": "yellow", "low": "dim"}
# The words shown for values the JSON keeps in English.
SEVERITY = {"high": noop("high"), "medium": noop("medium"), "low": noop("low")}
WHO = {"applicant": noop("applicant"), "spouse": noop("spouse")}
PATHWAYS = {
    "express_entry": noop("express entry"),
    "provincial_nominee": noop("provincial nominee"),
    "work_permit": noop("work permit"),
}


@app.command("init")
def case_init(
    folder: str = typer.Argument(..., metavar="CASE", help="The case folder to create."),
    from_profile: str | None = typer.Option(
        None,
        "--from",
        metavar="PROFILE",
        help="Copy this profile file in (default: a template to fill in).",
    ),
) -> None:
    """Create a case folder: profile.yaml, evidence/ and assessments/. Never overwrites.

    Example: maplepath case init my-case --from examples/software_engineer_abroad.yaml
    """
    with _user_errors():
        root = case.init(folder, from_profile)
    Console().print(
        say(
            "Case created in %(root)s: edit %(profile)s, add documents to %(evidence)s, "
            "then run: maplepath case assess %(root)s",
            root=root,
            profile=root / case.PROFILE,
            evidence=root / case.EVIDENCE,
        ),
        highlight=False,
    )


@app.command("assess")
def case_assess(
    folder: str = typer.Argument(..., metavar="CASE", help="The case folder."),
    on: str | None = typer.Option(None, "--on", help=ON_HELP),
    scenario: list[str] = typer.Option([], "--scenario", help=SCENARIO_HELP),
    as_json: bool = typer.Option(False, "--json", help=JSON_HELP),
) -> None:
    """Assess the case and save a snapshot in CASE/assessments/.

    The snapshot keeps the date, the rule-book fingerprint and every rule used, so a later
    recheck can say what changed and why.

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
    console.print(say("Snapshot saved: %(path)s", path=saved), highlight=False)


@app.command("recheck")
def case_recheck(
    folder: str = typer.Argument(..., metavar="CASE", help="The case folder."),
    on: str | None = typer.Option(None, "--on", help=ON_HELP),
    save: bool = typer.Option(False, "--save", help="Also save the new assessment."),
    as_json: bool = typer.Option(False, "--json", help=JSON_HELP),
) -> None:
    """Re-assess with today's rules and say what changed since the last snapshot.

    And why (a rule changed, a program closed, a fact expired), with citations; the rules
    the case depends on that were last verified more than 180 days ago are listed.

    Example: maplepath case recheck examples/cases/priya --on 2027-07-01
    """
    when = _date(on)
    book = rulebook.default()
    with _user_errors():
        root = _case_folder(folder)
        last = snapshot.latest(root)
        if last is None:
            raise case.CaseError(
                say("%(root)s has no snapshot yet: run maplepath case assess %(root)s", root=root)
            )
        profile_path = case.profile_file(root)
        loaded = read_profile(profile_path, today=date.today())
        now = assess(loaded.profile, when, (), book)
        sha = snapshot.profile_hash(profile_path)
        result = recheck.recheck(last, now, sha, book, loaded.profile)
        if save:  # saved as `case assess` saves it, assumptions included
            documents = evidence.load_documents(root, loaded.profile)
            confirmed = assumptions.confirm(loaded.profile, documents, when, book)
            snapshot.save(root, now, profile_path, datetime.now(), book, confirmed)
    if as_json:
        _print_json(result.to_json())
    else:
        report.recheck(Console(), result)


def _case_folder(folder: str) -> Path:
    root = Path(folder)
    if not root.is_dir():
        raise case.CaseError(
            say("%(root)s: not a case folder (make one: maplepath case init %(root)s)", root=root)
        )
    return root


def _load(case: str) -> tuple[Profile, list[Document]]:
    if not Path(case).exists():
        _fail(say("%(case)s: no such case folder", case=case))
    folder = case_dir(case)
    if folder is None:
        _fail(
            say(
                "%(case)s: give a case folder (with profile.yaml and evidence/), "
                "not a profile file",
                case=case,
            )
        )
    with _user_errors():
        profile = read_profile(profile_file(folder), today=date.today()).profile
        return profile, load_documents(folder, profile)


@app.command("review")
def case_review(
    case: str = typer.Argument(..., help=CASE_HELP),
    on: str | None = typer.Option(None, "--on", help=ON_HELP),
    as_json: bool = typer.Option(False, "--json", help=JSON_HELP),
) -> None:
    """Compare the evidence documents with each other and with the profile.

    Names, dates of birth, passport numbers, test scores, ECA levels, employers, dates,
    hours, job titles against the NOC claimed, gaps and overlaps, wages and funds.

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
    out = Console()  # wrapped to the width, continuation lines indented under the text
    heading = say(
        "Evidence review of %(case)s on %(on)s: %(n)s documents", case=case, on=when, n=len(docs)
    )
    out.print(heading, highlight=False)
    if not findings:
        out.print(say("No contradictions found."), highlight=False)
    width = max(len(word(w)) for w in SEVERITY.values())  # 6 in English: "medium"
    for f in findings:
        severity = word(SEVERITY.get(f.severity, f.severity)).ljust(width)
        out.print(
            f"[{SEVERITY_STYLE[f.severity]}]{severity}[/] {f.kind} "
            f"({', '.join(f.documents)}): {f.detail}",
            highlight=False,
        )
        why = Text(say("why: %(why)s", why=f.why), style="dim")
        out.print(Padding(why, (0, 0, 0, width + 1)), highlight=False)
    assumed = confirmed.assumptions()
    counts = say(
        "Confirmed facts: %(confirmed)s; assumed: %(assumed)s",
        confirmed=len(confirmed.confirmed),
        assumed=len(assumed),
    )
    out.print(f"\n{counts}", highlight=False)
    for a in assumed:
        line = say(
            "assumed %(path)s: %(what)s (%(why)s); confirm with %(confirm_with)s",
            path=a.path,
            what=a.what,
            why=a.why,
            confirm_with=a.confirm_with,
        )
        out.print(f"  {line}", highlight=False)
        if uses[a.path]:
            rests = Text(say("rests on it: %(uses)s", uses=", ".join(uses[a.path])), style="dim")
            out.print(Padding(rests, (0, 0, 0, 4)), highlight=False)


@app.command("checklist")
def case_checklist(
    case: str = typer.Argument(..., help=CASE_HELP),
    program: list[str] = typer.Option(
        [], "--program", help="Program id (repeatable); default: those eligible or unknown."
    ),
    on: str | None = typer.Option(None, "--on", help=ON_HELP),
    as_json: bool = typer.Option(False, "--json", help=JSON_HELP),
) -> None:
    """The documents each pathway needs: present, missing or expired.

    Read from the case's evidence folder; not needed where the profile makes it so (no
    spouse, no job offer).

    Example: maplepath case checklist examples/cases/priya --program fsw --on 2026-11-22
    """
    when = _date(on)
    profile, docs = _load(case)
    known = set(programs.REGISTRY)
    for p in program:
        if p not in known:
            known_ids = ", ".join(sorted(known))
            _fail(
                say("--program: %(p)s is not a program id (%(known)s)", p=repr(p), known=known_ids)
            )
    with _user_errors():
        chosen = program or checklist.pursued(programs.evaluate_all(profile, when))
        found = consistency.review(profile, docs, when)  # one truth: the review's findings
        items = checklist.checklist(profile, docs, chosen, when, findings=found)
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
        which = ", ".join(chosen) or say("any program")
        out.print(say("No document list covers %(programs)s.", programs=which))
    for pathway in dict.fromkeys(i.pathway for i in items):
        rows = [i for i in items if i.pathway == pathway]
        shown = word(PATHWAYS.get(pathway, pathway.replace("_", " ")))
        title = say(
            "%(pathway)s: %(programs)s", pathway=shown, programs=", ".join(rows[0].programs)
        )
        table = WholeTable(title=title)
        for col in ("", say("who"), say("document"), say("have"), say("note")):
            table.add_column(col)
        for i in rows:
            until = say("valid until %(on)s", on=i.valid_until) if i.valid_until else ""
            who = word(WHO.get(i.who, i.who))
            table.add_row(MARK[i.status], who, i.need, ", ".join(i.documents), i.detail or until)
        out.print(table)
    counts = {s: sum(i.status == s for i in items) for s in checklist.STATUSES}
    if not counts["flagged"]:
        del counts["flagged"]  # said only when the review found something
    out.print(", ".join(_count(s, n) for s, n in counts.items()), highlight=False)


def _count(status: str, n: int) -> str:
    """``3 present``, ``1 not needed``: how many documents are in each state."""
    if status == "present":
        return say_n("%(num)d present", "%(num)d present", n)
    if status == "flagged":
        return say_n("%(num)d flagged by the review", "%(num)d flagged by the review", n)
    if status == "missing":
        return say_n("%(num)d missing", "%(num)d missing", n)
    if status == "expired":
        return say_n("%(num)d expired", "%(num)d expired", n)
    if status == "not_needed":
        return say_n("%(num)d not needed", "%(num)d not needed", n)
    return f"{n} {status.replace('_', ' ')}"
