"""Re-assessment when rules change: what moved since the last saved snapshot, and why.

Three causes, told apart with the snapshot's record of the rules it used:
- a **rule changed**: the value of a rule the line or criterion applies took effect after the
  value the snapshot used (the new value's citation is shown);
- a **program opened, paused or closed**: its status rule changed (with the date);
- **time or facts**: the same rules, but a fact moved — a result expired, a birthday passed,
  experience accrued, or the profile itself was edited (its hash differs).
It also lists the rules the case depends on that nobody has verified for more than 180 days.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from maplepath.assess import Assessment
from maplepath.i18n import say, word
from maplepath.planner.snapshot import Snapshot, rules_used
from maplepath.profile.facts import age_on, eca_window, language_results
from maplepath.profile.language import TESTS
from maplepath.profile.model import Profile
from maplepath.rulebook import book as rulebook

STALE_DAYS = 180
# Most important first: the total, a program opening or closing, a verdict, then a CRS line.
_ORDER = {("crs", False): 0, ("program", True): 1, ("program", False): 2, ("crs line", False): 3}


@dataclass(frozen=True)
class Difference:
    what: str  # "crs" | "crs line" | "program"
    subject: str  # the CRS factor or the program id
    before: str
    after: str
    cause: str  # rule_changed | status_changed | facts_or_time | profile_edited
    why: str
    rules: tuple[str, ...] = ()
    references: tuple[str, ...] = ()  # "title <href>" of the new rule values

    def to_json(self) -> dict[str, Any]:
        return {
            "what": self.what,
            "subject": self.subject,
            "before": self.before,
            "after": self.after,
            "cause": self.cause,
            "why": self.why,
            "rules": list(self.rules),
            "references": list(self.references),
        }


@dataclass
class Recheck:
    since: date
    on: date
    profile_edited: bool
    differences: list[Difference] = field(default_factory=list)
    rule_changes: list[dict[str, str]] = field(default_factory=list)
    stale_rules: list[dict[str, str]] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return {
            "since": self.since.isoformat(),
            "on": self.on.isoformat(),
            "profile_edited": self.profile_edited,
            "differences": [d.to_json() for d in self.differences],
            "rule_changes": self.rule_changes,
            "stale_rules": self.stale_rules,
        }


def recheck(
    before: Snapshot,
    now: Assessment,
    profile_sha: str,
    book: rulebook.RuleBook,
    profile: Profile | None = None,
) -> Recheck:
    """What moved between the snapshot and ``now``, each change with its cause, the most
    important first (the CRS total, programs opening or closing, verdicts, then CRS lines).
    With ``profile``, a change with the same rules names the dated facts behind it (which
    result expired on which date, a birthday)."""
    old_used = before.rules_used
    new_used = rules_used(now, book)
    changed_rules = {r for r, eff in new_used.items() if r in old_used and old_used[r] != eff} | (
        new_used.keys() - old_used.keys()
    )
    edited = before.data.get("profile_sha256") != profile_sha
    out = Recheck(before.on, now.on, edited)

    def cite(rules: set[str]) -> tuple[str, ...]:
        refs = []
        for r in sorted(rules):
            dv = book.dated_value(r, now.on)
            for ref in ((dv.references if dv else ()) or book.get(r).references)[:1]:
                refs.append(f"{r}: {ref.title} <{ref.href}>")
        return tuple(refs)

    def cause_of(rules: set[str]) -> tuple[str, str, set[str]]:
        hit = rules & changed_rules
        if hit:
            dates = ", ".join(
                say("%(rule)s from %(since)s", rule=r, since=new_used.get(r, "?"))
                for r in sorted(hit)
            )
            why = say("rule changed since %(on)s: %(rules)s", on=before.on, rules=dates)
            return "rule_changed", why, hit
        if edited:
            return "profile_edited", say("the profile was edited since the snapshot"), set()
        if happened:
            why = say("same rules; %(events)s", events="; ".join(happened))
        else:
            why = say("same rules; time passed (experience accrued)")
        return "facts_or_time", why, set()

    happened = [] if profile is None else events(profile, before.on, now.on, book)

    old_crs = before.data["assessment"]["crs"]
    if old_crs["total"] != now.crs.total:
        out.differences.append(
            Difference("crs", "total", str(old_crs["total"]), str(now.crs.total), "", "")
        )
    old_lines = {line["factor"]: line for line in old_crs["lines"]}
    for line in now.crs.lines:
        old = old_lines.pop(line.factor, None)
        if old is not None and old["points"] == line.points:
            continue
        cause, why, hit = cause_of({line.rule})
        was = f"{old['points']} ({old['detail']})" if old else say("no line")
        out.differences.append(
            Difference(
                "crs line",
                line.factor,
                was,
                f"{line.points} ({line.detail})",
                cause,
                why,
                (line.rule,),
                cite(hit),
            )
        )
    for factor, old in old_lines.items():
        cause, why, hit = cause_of({old["rule"]})
        out.differences.append(
            Difference(
                "crs line",
                factor,
                f"{old['points']} ({old['detail']})",
                say("no line"),
                cause,
                why,
                (old["rule"],),
                cite(hit),
            )
        )
    out.differences += _programs(before, now, book, cause_of, cite)
    out.differences.sort(key=lambda d: _ORDER[d.what, d.cause == "status_changed"])
    out.rule_changes = _rule_changes(before.on, now.on, set(new_used) | set(old_used), book)
    out.stale_rules = _stale(new_used, now.on, book)
    return out


def _programs(
    before: Snapshot, now: Assessment, book: rulebook.RuleBook, cause_of: Any, cite: Any
) -> list[Difference]:
    old = {p["program"]: p for p in before.data["assessment"].get("pathways", [])}
    out = []
    for route in now.routes:
        v = route.verdict
        prev = old.get(v.program)
        if prev is None:
            continue
        if prev["status"] != v.status:
            rule = f"programs.{v.program.replace(':', '.')}.status"
            since = book.at(rule, now.on).effective_from if rule in book.rules else None
            out.append(
                Difference(
                    "program",
                    v.program,
                    f"{word(prev['verdict'])}, {word(prev['status'])}",
                    f"{word(v.verdict)}, {word(v.status)}",
                    "status_changed",
                    say(
                        "the program is %(status)s since %(since)s",
                        status=word(v.status),
                        since=since,
                    )
                    if since
                    else word(v.status),
                    (rule,),
                    cite({rule}) if rule in book.rules else (),
                )
            )
            continue
        if prev["verdict"] == v.verdict:
            continue
        old_status = {c["id"]: c["status"] for c in prev.get("criteria", [])}
        moved = [c for c in v.criteria if old_status.get(c.id) != str(c.status)]
        rules = {r for c in moved for r in c.rules}
        cause, why, hit = cause_of(rules)
        detail = "; ".join(
            f"{c.id}: {word(old_status.get(c.id, '-'))} -> {word(str(c.status))}" for c in moved
        )
        out.append(
            Difference(
                "program",
                v.program,
                word(prev["verdict"]),
                word(v.verdict),
                cause,
                say("%(why)s (%(detail)s)", why=why, detail=detail) if detail else why,
                tuple(sorted(rules)),
                cite(hit),
            )
        )
    return out


def _rule_changes(
    since: date, on: date, used: set[str], book: rulebook.RuleBook
) -> list[dict[str, str]]:
    """Dated values of the case's rules that took effect after the snapshot, up to today."""
    if on <= since:
        return []
    out = []
    for c in book.changes(since.fromordinal(since.toordinal() + 1), on):
        if c.rule_id not in used or c.scenario is not None:
            continue
        ref = c.references[0] if c.references else None
        out.append(
            {
                "rule": c.rule_id,
                "effective_from": c.effective_from.isoformat(),
                "reference": f"{ref.title} <{ref.href}>" if ref else "",
            }
        )
    return out


def _stale(used: dict[str, str], on: date, book: rulebook.RuleBook) -> list[dict[str, str]]:
    out = []
    for rule_id in sorted(used):
        checked = book.get(rule_id).last_verified
        if (on - checked).days > STALE_DAYS:
            out.append({"rule": rule_id, "last_verified": checked.isoformat()})
    return out


def events(profile: Profile, since: date, on: date, book: rulebook.RuleBook) -> list[str]:
    """The dated facts of the profile that changed between the two dates (after ``since``, up
    to ``on``): a language result or an ECA that stopped counting, a birthday."""
    if on <= since:
        return []
    out = []
    people = [("", profile)] + ([("spouse.", profile.spouse)] if profile.spouse else [])
    for prefix, person in people:
        for r in language_results(person.language_tests, since, book):
            if since < r.expires <= on:  # ``expires``: the first day it no longer counts
                out.append(
                    say(
                        "the %(test)s result of %(taken)s stopped counting on %(until)s",
                        test=TESTS.get(r.test, r.test),
                        taken=r.taken,
                        until=r.expires,
                    )
                )
        for i, c in enumerate(person.education):
            try:
                window = eca_window(c, since, book)
            except ValueError:  # before Express Entry: no validity to count
                window = None
            if window is not None and since < window[1] <= on:
                path = prefix + "education[" + str(i) + "]"
                out.append(
                    say(
                        "the ECA of %(credential)s stopped counting on %(until)s",
                        credential=path,
                        until=window[1],
                    )
                )
        born = person.birth_date
        if born and age_on(born, since) != age_on(born, on):
            age = age_on(born, on)
            if prefix:
                out.append(say("the spouse's birthday: %(age)s years old", age=age))
            else:
                out.append(say("a birthday: %(age)s years old", age=age))
    return out
