"""How ``maplepath profile check`` shows the facts derived from a profile (rich). No computation
happens here."""

from __future__ import annotations

import re

from rich.console import Console

from maplepath.i18n import decimal, noop, say, word
from maplepath.notices import DISCLAIMER
from maplepath.profile import language
from maplepath.profile.facts import PersonFacts, ProfileFacts
from maplepath.report.tables import WholeTable
from maplepath.report.words import general

ABILITIES = {
    "listening": noop("listening"),
    "reading": noop("reading"),
    "writing": noop("writing"),
    "speaking": noop("speaking"),
}
# The look-back windows are keyed ``canada_skilled_last_3y``, ``foreign_skilled_last_10y``.
_WINDOW = re.compile(r"(canada|foreign)_skilled_last_(\d+)y")
_WHERE = {"canada": noop("canada"), "foreign": noop("foreign")}


def _years(x: float) -> str:
    return say("unknown") if x == float("inf") else decimal(f"{x:.2f}")


def _window(key: str) -> str:
    found = _WINDOW.fullmatch(key)
    if found is None:
        return key.replace("_", " ")
    where, years = found.groups()
    return say("%(where)s skilled last %(years)sy", where=word(_WHERE[where]), years=years)


def profile_facts(console: Console, f: ProfileFacts) -> None:
    console.print("[bold]" + say("Profile facts on %(on)s", on=f.on) + "[/]")
    _person(console, say("Applicant"), f.applicant)
    if f.spouse is not None:
        _person(console, say("Spouse or partner"), f.spouse)
    for w in f.warnings:
        console.print("[yellow]" + say("warning:") + f"[/] {w}", highlight=False)
    if f.missing:
        facts = ", ".join(f.missing)
        console.print(
            "[cyan]"
            + say("missing facts")
            + "[/] "
            + say("(verdicts that need them will be unknown): %(facts)s", facts=facts)
        )
    console.print(f"\n[dim]{word(DISCLAIMER)}[/]")


def _person(console: Console, who: str, p: PersonFacts) -> None:
    age = p.age if p.age is not None else say("unknown")
    console.print(f"\n[bold underline]{who}[/]  " + say("age: %(age)s", age=age))
    if p.tests:
        table = WholeTable(
            say("test"),
            say("taken"),
            say("valid until"),
            *(word(ABILITIES.get(a, a)) for a in language.ABILITIES),
            title=say("Language (CLB/NCLC)"),
        )
        for t in p.tests:
            until = str(t.expires)
            if t.expired:
                until = "[red]" + say("expired %(on)s", on=t.expires) + "[/]"
            table.add_row(
                language.TESTS.get(t.test, t.test),
                str(t.taken),
                until,
                *(f"{general(t.levels[a].score)} → {t.clb[a]}" for a in language.ABILITIES),
            )
        console.print(table)
    else:
        console.print(say("Language: no test given"))
    for e in p.education:
        console.print(
            say(
                "Education: %(level)s (%(country)s) — %(detail)s",
                level=e.level or "?",
                country=e.country or "?",
                detail=e.detail,
            ),
            highlight=False,
        )
    table = WholeTable(
        say("skilled work (TEER 0-3)"),
        say("years"),
        say("if unknowns favourable"),
        title=say("Experience"),
    )
    for key, acc in p.experience.items():
        table.add_row(_window(key), decimal(f"{acc.years:.2f}"), _years(acc.possible_years))
    console.print(table)
    run = p.longest_run
    if run is not None:
        console.print(
            say(
                "Longest continuous run in one NOC (last 10 years): NOC %(noc)s, "
                "%(start)s to %(end)s, %(years)s years",
                noc=run.noc,
                start=run.start,
                end=run.end,
                years=decimal(f"{run.years:.2f}"),
            )
        )
