"""How the reference commands show what they look up (rich, and the JSON of the rule book):
``rules list|show|changes``, ``noc search|show``, ``draws list|stats``. Rule descriptions, NOC
titles and round names are the official English data and stay as they are."""

from __future__ import annotations

import json
from datetime import date, timedelta
from typing import Any

import yaml
from rich.console import Console

from maplepath.i18n import noop, say, say_n, word
from maplepath.report.tables import WholeTable
from maplepath.report.words import general, number
from maplepath.rulebook.audit import RuleAudit
from maplepath.rulebook.book import Brackets, Change, Rule, Ruling

# The levels of a NOC unit group, as ``noc show --json`` keys them.
NOC_LEVELS = {
    "broad category": noop("broad category"),
    "major group": noop("major group"),
    "sub-major group": noop("sub-major group"),
    "minor group": noop("minor group"),
}


def _value_text(value: Any) -> str:
    if value is None:
        return say("— (ended)")
    if isinstance(value, Brackets):
        return ", ".join(f"≥{t}: {v}" for t, v in zip(value.thresholds, value.values, strict=True))
    if isinstance(value, dict | list):
        text = yaml.safe_dump(value, default_flow_style=None, sort_keys=False, width=96)
        lines = text.rstrip().splitlines()
        if len(lines) > 24:
            more = say("... (%(n)s more lines: use --json)", n=len(lines) - 24)
            lines = [*lines[:24], more]
        return "\n  ".join(lines)
    return json.dumps(value, ensure_ascii=False, default=str)


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
    table = WholeTable(say("id"), say("latest change"), say("last verified"), say("description"))
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


def _scenario(status: str, scenario: str | None) -> str:
    return say("(%(status)s, scenario %(scenario)s)", status=status, scenario=scenario)


def rule_show(console: Console, rule: Rule, ruling: Ruling) -> None:
    console.print(f"[bold]{rule.id}[/] — {rule.description}", highlight=False)
    console.print(
        say("unit: %(unit)s   last verified: %(on)s", unit=rule.unit or "-", on=rule.last_verified)
    )
    for dv in rule.values:
        current = dv.effective_from == ruling.effective_from
        mark = "[bold green]▶ " + say("in force on %(on)s", on=ruling.on) + "[/]" if current else ""
        status = (
            "" if dv.status == "in_force" else f" [magenta]{_scenario(dv.status, dv.scenario)}[/]"
        )
        console.print(f"\n[bold]{dv.effective_from}[/]{status} {mark}")
        console.print(f"  {_value_text(dv.value)}", highlight=False)
        for ref in dv.references or rule.references:
            console.print(
                "  [dim]" + say("source:") + f"[/] {ref.title} — {ref.href}", highlight=False
            )
    if not ruling.in_force:
        reason = say("%(reason)s (on %(on)s)", reason=ruling.reason, on=ruling.on)
        console.print(f"\n[yellow]{reason}[/]")
    if rule.notes:
        console.print("\n[dim]" + say("notes:") + f"[/] {rule.notes}", highlight=False)


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
    table = WholeTable(say("date"), say("rule"), say("change"), say("source"))
    for c in changes:
        if c.value is None:
            what = say("ended")
        else:
            what = say("started") if c.previous is None else say("changed")
        if c.status != "in_force":
            what += " " + _scenario(c.status, c.scenario)
        table.add_row(
            str(c.effective_from), c.rule_id, what, c.references[0].title if c.references else ""
        )
    console.print(table)
    if not changes:
        console.print(say("No rule changed in that period."))


def audit_table(console: Console, audits: list[RuleAudit], on: Any) -> None:
    """``rules audit``: one row per rule, in the order given (those with a warning first), the
    warning under the rule's id (the longest ids leave no room for a column of its own at 80
    columns; a reported rule's warning says its status), then a count."""
    table = WholeTable(say("rule"), say("verified"), say("days ago"))
    for a in audits:
        cell = f"{a.rule_id}\n[yellow]{a.warning}[/]" if a.warning else a.rule_id
        table.add_row(cell, str(a.last_verified), str(a.age_days))
    console.print(table)
    warned = sum(1 for a in audits if a.warning)
    summary = say_n(
        "%(num)d rule on %(on)s, %(warned)s with a warning",
        "%(num)d rules on %(on)s, %(warned)s with a warning",
        len(audits),
        on=on,
        warned=warned,
    )
    console.print(summary, highlight=False)


def noc_results(console: Console, results: list[Any]) -> None:
    table = WholeTable(say("code"), say("title"), say("TEER"), say("score"), say("why"))
    for r in results:
        table.add_row(r.code, r.title, str(r.teer), f"{r.score:.0f}", r.why)
    console.print(table)


def noc_description(console: Console, data: dict[str, Any]) -> None:
    if "became" in data:
        line = say(
            "NOC 2016 %(code)s (%(change)s) became:", code=data["code"], change=data["change"]
        )
        console.print(line, highlight=False)
        for c in data["became"]:
            teer = say("(TEER %(teer)s)", teer=c["teer"])
            console.print(f"  {c['code']} {c['title']} {teer}", highlight=False)
        if data.get("note"):
            console.print(f"  [dim]{data['note']}[/]", highlight=False)
        _named_by(console, data.get("named_by", []))
        return
    console.print(f"[bold]{data['code']}[/] {data['title']}", highlight=False)
    meaning = say("TEER %(teer)s: %(meaning)s", teer=data["teer"], meaning=data["teer_meaning"])
    console.print(meaning, highlight=False)
    for level, g in data["groups"].items():
        name = word(NOC_LEVELS.get(level, level))
        line = say("%(level)s: %(code)s %(title)s", level=name, code=g["code"], title=g["title"])
        console.print(f"  {line}", highlight=False)
    _named_by(console, data.get("named_by", []))


def _named_by(console: Console, listings: list[dict[str, Any]]) -> None:
    """The occupation lists that name the code: programs, then Express Entry categories."""
    if not listings:
        console.print(say("No program or Express Entry category lists this code."))
        return
    for kind, heading in (
        ("program", say("Programs whose occupation lists name it:")),
        ("ee_category", say("Express Entry categories whose occupation lists name it:")),
    ):
        rows = [x for x in listings if x["kind"] == kind]
        if rows:
            console.print(heading, highlight=False)
        for x in rows:
            params = {"program": x["program"], "rule": x["rule"], "since": x["since"]}
            if x["until"] is None:
                line = say("%(program)s (%(rule)s), since %(since)s", **params)
            else:  # ``until`` is the first day off the list: say the last day on it
                last = date.fromisoformat(x["until"]) - timedelta(days=1)
                line = say(
                    "%(program)s (%(rule)s), from %(since)s to %(last)s", last=last, **params
                )
            console.print(f"  {line}", highlight=False)


def rounds_table(console: Console, rounds: list[Any]) -> None:
    table = WholeTable(
        say("round"), say("date"), say("type"), say("invitations"), say("lowest CRS")
    )
    for r in rounds:
        table.add_row(
            r.number, str(r.date), r.category, number(r.invitations), str(r.cutoff or "-")
        )
    console.print(table)
    if not rounds:
        console.print(say("No rounds (import them with: maplepath draws update)."))


def draw_stats(console: Console, data: dict[str, Any]) -> None:
    if not data["rounds"]:
        console.print(say("No rounds imported yet: maplepath draws update"))
        return
    latest = data["latest"]
    console.print(
        say(
            "%(rounds)s rounds; latest %(date)s (%(category)s): %(invitations)s invitations, "
            "lowest CRS %(cutoff)s",
            rounds=data["rounds"],
            date=latest["date"],
            category=latest["category"],
            invitations=number(latest["invitations"]),
            cutoff=latest["cutoff"],
        ),
        highlight=False,
    )
    table = WholeTable(
        say("type"),
        say("rounds"),
        say("invitations"),
        say("cut-off last 12 months (min/median/max)"),
        say("median days apart"),
    )
    for cid, c in sorted(data["categories"].items(), key=lambda kv: -kv[1]["rounds"]):
        w = c["cutoff"].get("last_12_months") or {}
        values = [w.get(k) for k in ("min", "median", "max")]
        span = "/".join(general(v) for v in values) if None not in values else "-"
        table.add_row(
            cid,
            str(c["rounds"]),
            number(c["invitations"]),
            span,
            "-" if (apart := c["days_between_rounds"]["median"]) is None else general(apart),
        )
    console.print(table)
    console.print("[dim]" + say("Past rounds do not promise future ones.") + "[/]")
