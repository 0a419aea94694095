"""The what-if catalogue: what this person could do, on this date, to raise their CRS.

Each ``Action`` knows its duration (days) and cost (CAD) from dated rules under
``rules/planner/actions/`` and how it changes the profile (a modified copy). Only actions the
person can take are offered: no retake towards a level already held, no spouse action without an
accompanying spouse who counts for the CRS, no nomination through a route whose verdict is not
``eligible`` and open, no ECA for a credential whose ECA is still valid.

Actions in one mutually exclusive ``group`` are alternatives (one English retake per plan);
actions in one ``track`` happen one after another (one person studies for one test at a time);
different tracks run side by side. The preparation time per CLB level is an assumption of the
project, not an official figure (rule ``planner.actions.preparation`` says so).
"""

from __future__ import annotations

from datetime import date, timedelta

from maplepath.crs import inputs as crs_inputs
from maplepath.crs import scalar as crs
from maplepath.i18n import say, years
from maplepath.planner import language_actions
from maplepath.planner.action import Action, on_person
from maplepath.profile import language
from maplepath.profile.facts import eca_window, language_results
from maplepath.profile.model import (
    CanadianStatus,
    Credential,
    Eca,
    EducationLevel,
    Nomination,
    Profile,
    Spouse,
)
from maplepath.programs import pathways
from maplepath.programs.common import shift
from maplepath.rulebook.book import RuleBook, default

ECA_RULES = ("planner.actions.eca.wes", "planner.actions.eca.iqas")
NOMINATION_RULE = "planner.actions.provincial_nomination"
CREDENTIAL_RULE = "planner.actions.credential"
WAIT_HORIZON_MONTHS = 36  # how far ahead "more experience over time" looks


def counts_as_spouse(profile: Profile) -> bool:
    """A partner whose own factors count in the CRS: married or common-law, accompanying, not a
    Canadian citizen or permanent resident."""
    sp = profile.spouse
    return bool(
        profile.has_partner
        and sp is not None
        and sp.accompanying is not False
        and sp.canadian_status not in (CanadianStatus.citizen, CanadianStatus.permanent_resident)
    )


def catalogue(profile: Profile, on: date, book: RuleBook | None = None) -> list[Action]:
    """Every action open to this person on ``on``."""
    book = book or default()
    out: list[Action] = []
    people: list[tuple[str, Profile | Spouse]] = [("applicant", profile)]
    if counts_as_spouse(profile) and profile.spouse is not None:
        people.append(("spouse", profile.spouse))
    for who, person in people:
        out += language_actions.actions(who, person, on, book)
        out += _eca_actions(who, person, on, book)
        out += _credential(who, person, on, book)
    out += _swap(profile, on, book)
    out += _waits(profile, on, book)
    out += _nominations(profile, on, book)
    return out


def _eca_actions(who: str, person: Profile | Spouse, on: date, book: RuleBook) -> list[Action]:
    found = [(rid, book.at(rid, on)) for rid in ECA_RULES]
    known = [(rid, r.value) for rid, r in found if r.in_force and r.value.get("days") is not None]
    if not known:
        return []
    rid, org = min(known, key=lambda x: (x[1]["days"], x[1].get("fee_cad") or 0))
    issuer = rid.rsplit(".", 1)[1].upper()
    out = []
    for i, c in enumerate(person.education):
        if c.canadian is not False or c.level is None:
            continue
        window = eca_window(c, on, book)
        horizon = shift(on, months=WAIT_HORIZON_MONTHS)
        if window is not None and window[0] <= on and horizon < window[1]:
            continue  # an ECA valid on the date and for as long as any plan lasts

        def change(
            p: Profile, done_on: date, i: int = i, who: str = who, level: str = str(c.level)
        ) -> Profile:
            def edit(x: Profile | Spouse) -> Profile | Spouse:
                creds = list(x.education)
                eca = Eca(issuer=issuer, issued=done_on, level=level)
                creds[i] = creds[i].model_copy(update={"eca": eca})
                return x.model_copy(update={"education": creds})

            return on_person(p, who, edit)

        out.append(
            Action(
                id=f"{who}:eca:{i}",
                group=f"{who}:eca:{i}",
                track=f"{who}:eca",
                title=_eca_title(who, issuer, str(c.level), i),
                days=int(org["days"]),
                cost_cad=org.get("fee_cad"),
                rules=(rid, "education.eca_validity"),
                change=change,
            )
        )
    return out


def _credential(who: str, person: Profile | Spouse, on: date, book: RuleBook) -> list[Action]:
    """Another credential: a one-year program in Canada, for someone who holds a credential but
    no Canadian one of a year or more (it would count twice: a second credential, and Canadian
    education)."""
    r = book.at(CREDENTIAL_RULE, on)
    if not r.in_force or not any(c.level for c in person.education):
        return []
    if any(c.canadian and c.level not in (None, "secondary") for c in person.education):
        return []
    v = r.value

    def change(p: Profile, done_on: date) -> Profile:
        def edit(x: Profile | Spouse) -> Profile | Spouse:
            new = Credential(
                level=EducationLevel.one_year,
                program_years=1,
                country="CA",
                completed=done_on,
                full_time=True,
            )
            return x.model_copy(update={"education": [*x.education, new]})

        return on_person(p, who, edit)

    return [
        Action(
            id=f"{who}:credential",
            group=f"{who}:credential",
            track=f"{who}:credential",
            title=say("complete a one-year post-secondary program in Canada")
            if who == "applicant"
            else say("spouse's complete a one-year post-secondary program in Canada"),
            days=int(v["admission_days"]) + int(v["program_days"]),
            cost_cad=v.get("fee_cad"),
            rules=(CREDENTIAL_RULE, "crs.core.education", "crs.additional.canadian_education"),
            change=change,
        )
    ]


def _eca_title(who: str, issuer: str, level: str, i: int) -> str:
    if who == "applicant":
        return say(
            "ECA (%(issuer)s) for %(level)s (education[%(i)s])", issuer=issuer, level=level, i=i
        )
    return say(
        "spouse's ECA (%(issuer)s) for %(level)s (education[%(i)s])",
        issuer=issuer,
        level=level,
        i=i,
    )


def swapped(p: Profile) -> Profile:
    """The couple the other way round: the spouse as principal applicant. Job offers,
    nominations and certificates belong to the applicant and do not move with them (as in
    ``crs_inputs.derive_arrangements``)."""
    sp = p.spouse
    assert sp is not None
    mine = {k: getattr(p, k) for k in ("birth_date", "education", "language_tests", "work")}
    theirs = {k: getattr(sp, k) for k in mine}
    return p.model_copy(
        update={
            **theirs,
            "spouse": sp.model_copy(update=mine),
            "job_offers": [],
            "nominations": [],
            "certificates_of_qualification": [],
        }
    )


def _swap(profile: Profile, on: date, book: RuleBook) -> list[Action]:
    if crs.score(profile, on, book=book).alternative is None:
        return []
    return [
        Action(
            id="swap",
            group="swap",
            track="swap",
            title=say("make the spouse the principal applicant"),
            days=0,
            cost_cad=0,
            rules=(),
            swap=True,
        )
    ]


def _experience_key(profile: Profile, on: date, book: RuleBook) -> tuple[int, int, int]:
    i = crs_inputs.derive(profile, on, book).inputs
    return (i.canadian_years, i.foreign_years, i.spouse_canadian_years)


def _waits(profile: Profile, on: date, book: RuleBook) -> list[Action]:
    """Waiting until the next full year of experience counts (Canadian, foreign or the
    spouse's), found by probing month by month, then day by day, within the horizon."""
    base = _experience_key(profile, on, book)
    out: list[Action] = []
    prev, seen = on, base
    for m in range(1, WAIT_HORIZON_MONTHS + 1):
        day = shift(on, months=m)
        key = _experience_key(profile, day, book)
        if key != seen and any(k > s for k, s in zip(key, seen, strict=True)):
            lo, hi = prev, day  # the first day the key changes lies in (lo, hi]
            while (hi - lo).days > 1:
                mid = lo + (hi - lo) // 2
                lo, hi = (lo, mid) if _experience_key(profile, mid, book) != seen else (mid, hi)
            can, foreign, sp = key
            out.append(
                Action(
                    id=f"wait:{hi}",
                    group="wait",
                    track="wait",
                    title=_wait_title(hi, can, foreign, sp),
                    days=(hi - on).days,
                    cost_cad=0,
                    rules=("crs.experience_windows",),
                )
            )
        seen, prev = key, day
    return out


def _wait_title(until: date, canadian: int, foreign: int, spouse: int) -> str:
    if spouse:
        return say(
            "wait until %(until)s, when %(canadian)s in Canada, %(foreign)s abroad and the "
            "spouse's %(spouse)s in Canada count",
            until=until,
            canadian=years(canadian),
            foreign=years(foreign),
            spouse=years(spouse),
        )
    return say(
        "wait until %(until)s, when %(canadian)s in Canada and %(foreign)s abroad count",
        until=until,
        canadian=years(canadian),
        foreign=years(foreign),
    )


def _nominations(profile: Profile, on: date, book: RuleBook) -> list[Action]:
    ruling = book.at(NOMINATION_RULE, on)
    if not ruling.in_force:
        return []
    already = any(
        n.express_entry_aligned and n.issued and n.issued <= on for n in profile.nominations
    )
    if already:
        return []
    routes = ruling.value
    out = []
    for p in pathways.evaluate(profile, on, only=list(routes), book=book):
        v = p.verdict
        if v.verdict != "eligible" or v.status != "open":
            continue  # never propose a route the person is not eligible for
        route = routes[v.program]

        def change(prof: Profile, done_on: date, route: dict[str, object] = route) -> Profile:
            nom = Nomination(
                province=str(route["province"]),
                stream=str(route["stream"]),
                issued=done_on,
                express_entry_aligned=True,
            )
            return prof.model_copy(update={"nominations": [*prof.nominations, nom]})

        out.append(
            Action(
                id=f"nomination:{v.program}",
                group="nomination",
                track="nomination",
                title=say(
                    "provincial nomination through %(program)s (%(province)s)",
                    program=v.program,
                    province=route["province"],
                ),
                days=int(route["days"]),
                cost_cad=route.get("fee_cad"),
                rules=(NOMINATION_RULE, "crs.additional.provincial_nomination"),
                change=change,
            )
        )
    return out


def valid_tests(
    person: Profile | Spouse, on: date, book: RuleBook
) -> dict[str, language.TestResult]:
    """The best unexpired result per language (english, french) on ``on``."""
    return language.best_by_language(language_results(person.language_tests, on, book))


def later(on: date, days: int) -> date:
    return on + timedelta(days=days)
