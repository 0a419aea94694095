"""Manitoba Provincial Nominee Program, Skilled Worker Overseas stream, with its strategic
recruitment initiatives (overseas recruitment missions, exploratory visits, employer referrals).

The stream nominates skilled workers outside Manitoba who show an established connection to the
province: close relatives or friends there, past education or work in Manitoba, or an Invitation
to Apply the MPNP issued directly through a strategic recruitment initiative (a recruitment
mission, such as one reported in Buenos Aires in 2019). Candidates also need CLB 5 in every
ability (for NOC 0, A, B occupations), a completed post-secondary program of at least a year,
recent experience, and 60 points on Manitoba's assessment grid; mission candidates are generally
21 to 45 with three years of experience in the last five. Its Manitoba Express Entry Pathway is
Express Entry-aligned: a nomination adds 600 CRS points (crs.additional.provincial_nomination).

A profile cannot show most connections (relatives and friends in Manitoba, study there, an
invitation from a mission), nor the assessment grid: those are unknown, never unmet.

References: Immigrate Manitoba, Skilled Workers Overseas and Recruit Overseas pages
(https://www.immigratemanitoba.com/immigrate-to-manitoba/swo/).
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, timedelta
from typing import Any

from maplepath.i18n import noop, say
from maplepath.profile import language
from maplepath.profile.facts import age_on
from maplepath.profile.model import Profile
from maplepath.programs import common, steady
from maplepath.programs.provincial import (
    early,
    listed_experience,
    listed_steady,
    nomination_note,
    window_start,
)
from maplepath.programs.verdict import (
    Criterion,
    Finding,
    Verdict,
    beyond_profile,
    combine,
    criterion,
)
from maplepath.rulebook import book as rulebook
from maplepath.rulebook.book import RuleBook

PROGRAM = "mpnp_skilled_worker_overseas"
LEADS_TO = "nomination"
R = "programs.mpnp_skilled_worker_overseas."
NOMINATION = "crs.additional.provincial_nomination"
_DAY = timedelta(days=1)


def evaluate(profile: Profile, on: date, book: RuleBook | None = None) -> Verdict:
    book = book or rulebook.default()
    before = early(PROGRAM, on, book, LEADS_TO)
    if before:
        return before
    rule = book.value(R + "requirements", on)
    grid = Finding(
        None,
        say(
            "60 points on Manitoba's assessment grid (age, language, experience, education, "
            "adaptability); the grid is not encoded in maplepath"
        ),
        (say("MPNP assessment grid score (not computed)"),),
    )
    criteria = (
        _connection(profile, on, book, rule),
        _language(profile, on, book, rule),
        _education(profile, on, rule),
        _experience(profile, on, book, rule),
        criterion("assessment_grid", grid, (R + "requirements",)),
    )
    status = common.status(PROGRAM, on, book)
    return Verdict(PROGRAM, combine(criteria), status, criteria, LEADS_TO, None)


def steady_until(profile: Profile, on: date, book: RuleBook) -> date:
    """The verdict moves when a period starts or leaves the stream's window, a language result
    is taken or expires, a credential is completed, or the recent skilled work comes near the
    months asked (``programs/steady.py``); age only enters the wording."""
    if early(PROGRAM, on, book, LEADS_TO):
        return steady.NEVER  # the rules' first day is a rule change: all is evaluated again
    rule = book.value(R + "requirements", on)
    years = int(rule["window_years"])
    days = [
        *(p.start for p in profile.work),
        # A period is Manitoba work "since" the window's first day until that day passes its end.
        *(common.shift(p.end, years) - _DAY for p in profile.work if p.end is not None),
        *steady.language_days(profile.language_tests, on, book),
        *(c.completed for c in profile.education),
    ]
    since, months = window_start(on, years=years), (rule["experience_months"] / 12,)
    return min(steady.first(on, days), listed_steady(profile.work, on, book, months, since=since))


def _connection(profile: Profile, on: date, book: RuleBook, rule: Mapping[str, Any]) -> Criterion:
    """Past work in Manitoba is the one connection a profile can show; otherwise unknown."""
    rules = (R + "status", R + "requirements", NOMINATION)
    since = window_start(on, years=rule["window_years"])
    for i, p in enumerate(profile.work):
        started = p.start is not None and p.start <= on
        if p.province == "MB" and started and (p.end is None or p.end >= since):
            path, note = f"work[{i}]", nomination_note(on, book)
            text = say("past work in Manitoba (%(work)s); %(note)s", work=path, note=note)
            return criterion("manitoba_connection", Finding(True, text), rules)
    return _no_connection_shown(rules)


def _no_connection_shown(rules: tuple[str, ...]) -> Criterion:
    """What a profile without Manitoba work cannot show (``verdict.beyond_profile``)."""
    why = noop(
        "no Manitoba work in the profile; the stream needs family or friends in Manitoba, past "
        "study there, or an invitation through a strategic recruitment initiative"
    )
    need = noop(
        "a connection to Manitoba (not in the profile): a close relative or friend living there, "
        "past study there, or an MPNP Invitation to Apply from a strategic recruitment initiative"
    )
    return beyond_profile("manitoba_connection", why, (need,), rules)


def _language(profile: Profile, on: date, book: RuleBook, rule: Mapping[str, Any]) -> Criterion:
    """CLB in every ability: the In-Demand Occupations List's minimum for the candidate's
    occupation (the most recent work period with a NOC code) where the rule has one, else the
    stream's general minimum; with no NOC given, the lowest and highest minimums bound it."""
    rules = (R + "requirements",)
    general, by_noc = rule["clb"], rule.get("clb_by_occupation") or {}
    tests = profile.language_tests
    if not by_noc:
        what = say("CLB %(clb)s", clb=general)
        f, used = common.language_finding(
            tests, on, book, dict.fromkeys(language.ABILITIES, general), what
        )
        return criterion("language", f, (*rules, *used))
    coded = [(i, p) for i, p in enumerate(profile.work) if p.noc]
    if coded:
        i, p = max(coded, key=lambda ip: (ip[1].start or date.min, ip[0]))
        clb = by_noc.get(p.noc)
        facts = {"noc": p.noc, "work": f"work[{i}]"}
        if clb is None:
            clb = general
            what = say(
                "CLB %(clb)s, the stream's general minimum: NOC %(noc)s (%(work)s, the most recent "
                "occupation given) is not on Manitoba's In-Demand Occupations List",
                clb=clb,
                **facts,
            )
        else:
            what = say(
                "CLB %(clb)s, the minimum Manitoba's In-Demand Occupations List sets for NOC "
                "%(noc)s (%(work)s, the most recent occupation given)",
                clb=clb,
                **facts,
            )
        f, used = common.language_finding(
            tests, on, book, dict.fromkeys(language.ABILITIES, clb), what
        )
        return criterion("language", f, (*rules, *used))
    floors = [general, *by_noc.values()]
    low, high = min(floors), max(floors)
    what = say(
        "CLB %(high)s, the highest minimum on Manitoba's In-Demand Occupations List", high=high
    )
    top, used = common.language_finding(
        tests, on, book, dict.fromkeys(language.ABILITIES, high), what
    )
    if top.value is not False:
        return criterion("language", top, (*rules, *used))
    what = say("CLB %(low)s, the lowest minimum for any occupation", low=low)
    f, used = common.language_finding(tests, on, book, dict.fromkeys(language.ABILITIES, low), what)
    if f.value is False:
        return criterion("language", f, (*rules, *used))
    why = say(
        "%(detail)s; Manitoba's In-Demand Occupations List sets CLB %(low)s to %(high)s by "
        "occupation and no work period gives a NOC code",
        detail=top.detail,
        low=low,
        high=high,
    )
    return criterion("language", Finding(None, why, ("work[].noc",)), (*rules, *used))


def _education(profile: Profile, on: date, rule: Mapping[str, Any]) -> Criterion:
    return common.credential_completed(
        profile,
        on,
        rule["education_levels"],
        (R + "requirements",),
        say("a post-secondary program of a year or more completed"),
        say("no post-secondary program completed"),
    )


def _experience(profile: Profile, on: date, book: RuleBook, rule: Mapping[str, Any]) -> Criterion:
    """Recent skilled work (six months in five years); missions ask more, said in the detail."""
    rules = (R + "requirements",)
    if not profile.work:
        return criterion("experience", Finding(None, say("no work given"), ("work",)), rules)
    since = window_start(on, years=rule["window_years"])
    months = rule["experience_months"]
    f = listed_experience(profile.work, on, book, years=months / 12, since=since)
    mission = rule["mission"]
    facts = {
        "since": since,
        "detail": f.detail,
        "years": mission["experience_years"],
        "window": mission["window_years"],
        "min_age": mission["min_age"],
        "max_age": mission["max_age"],
    }
    if profile.birth_date is None:
        note = say(
            "skilled work since %(since)s: %(detail)s; recruitment missions look for %(years)s "
            "years in %(window)s and ages %(min_age)s-%(max_age)s",
            **facts,
        )
    else:
        note = say(
            "skilled work since %(since)s: %(detail)s; recruitment missions look for %(years)s "
            "years in %(window)s and ages %(min_age)s-%(max_age)s, age %(age)s",
            age=age_on(profile.birth_date, on),
            **facts,
        )
    return criterion("experience", Finding(f.value, note, f.needs), rules)
