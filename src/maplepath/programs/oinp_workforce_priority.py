"""The Ontario Workforce Priority stream of the Ontario Immigrant Nominee Program, its TEER 0-3
pathway: Ontario's route for skilled workers with an Ontario job offer since the 2026 redesign
(O. Reg. 422/17 as amended by O. Reg. 204/26, from 2026-06-26), which revoked the job-offer,
graduate and Express Entry streams (Human Capital Priorities among them) from 2026-05-30.

A candidate registers an expression of interest; the OINP invites by general or targeted rounds
(O. Reg. 421/17, s. 3.1). Conditions reported for the TEER 0-3 pathway: a full-time, permanent
job offer in a TEER 0-3 occupation from an employer registered with the OINP; CLB 5 or 6 (by
occupation) in every ability in English or French; a post-secondary credential; and one of a
licence to practise a regulated profession in Ontario, 2 years in the offer's occupation in the
last 5 years, or a period with the offering employer. It is a base nomination, outside Express
Entry: no CRS points. The regulation's text of the conditions was not available to us; the rule
files say which are the secondary sources' and leave undecided what they do not settle.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from maplepath.i18n import noop, say
from maplepath.occupations import codes as occupations
from maplepath.profile.model import JobOffer, Profile
from maplepath.programs import common, provincial
from maplepath.programs.verdict import (
    Criterion,
    Finding,
    Verdict,
    and3,
    beyond_profile,
    combine,
    criterion,
    or3,
)
from maplepath.rulebook import book as rulebook
from maplepath.rulebook.book import RuleBook

PROGRAM = "oinp_workforce_priority"
LEADS_TO = "nomination"
R = "programs.oinp_workforce_priority."


def evaluate(profile: Profile, on: date, book: RuleBook | None = None) -> Verdict:
    book = book or rulebook.default()
    before = provincial.early(PROGRAM, on, book, LEADS_TO)
    if before:
        return before
    rule = book.value(R + "requirements", on)
    rules = (R + "requirements",)
    criteria = (
        _job_offer(profile, book, rule, rules),
        _registered_employer(rules),
        _language(profile, on, book, rule, rules),
        _education(profile, on, rule, rules),
        _experience_or_licence(profile, on, book, rule, rules),
    )
    status = common.status(PROGRAM, on, book)
    return Verdict(PROGRAM, combine(criteria), status, criteria, LEADS_TO, None)


def _teer(noc: str, book: RuleBook) -> int | None:
    """The TEER of a NOC code (a NOC 2016 code through its successors, when they agree)."""
    if len(noc) == 5:
        return int(noc[1])
    mapped = occupations.map_2016(noc, book)
    teers = {int(c[1]) for c in mapped.candidates} if mapped else set()
    return teers.pop() if len(teers) == 1 else None


def _skilled(noc: str | None, book: RuleBook, top: int) -> bool | None:
    teer = None if noc is None else _teer(noc, book)
    return None if teer is None else teer <= top


def _offer(o: JobOffer, i: int, book: RuleBook, top: int) -> Finding:
    at = f"job_offers[{i}]."
    checks: list[provincial.Check] = [
        (provincial.in_province(o.province, "ON"), say("in %(province)s", province=o.province),
         (at + "province",)),
        (_skilled(o.noc, book, top), say("NOC %(noc)s is not TEER 0-%(top)s", noc=o.noc, top=top),
         (at + "noc",)),
        (o.full_time, say("not full-time"), (at + "full_time",)),
        (o.end is None, say("ends on %(end)s (a permanent offer is needed)", end=o.end), ()),
    ]  # fmt: skip
    ok = say("a full-time, permanent Ontario offer as NOC %(noc)s", noc=o.noc)
    return provincial.all_of(checks, ok, say("offer %(i)s", i=i))


def _registered_employer(rules: tuple[str, ...]) -> Criterion:
    """What no profile shows (``verdict.beyond_profile``)."""
    need = noop("the employer's registration with the OINP (not in the profile)")
    why = noop("the employer must be registered with the OINP and submit the job offer")
    return beyond_profile("registered_employer", why, (need,), rules)


def _job_offer(
    profile: Profile, book: RuleBook, rule: Mapping[str, Any], rules: tuple[str, ...]
) -> Criterion:
    if not profile.job_offers:
        f = Finding(None, say("no job offer given"), ("job_offers",))
        return criterion("job_offer", f, rules)
    found = [_offer(o, i, book, rule["max_teer"]) for i, o in enumerate(profile.job_offers)]
    # An offer is judged on its province, NOC, hours and permanence: none moves with the date.
    return criterion("job_offer", provincial.best(found), rules, True)


def _language(
    profile: Profile, on: date, book: RuleBook, rule: Mapping[str, Any], rules: tuple[str, ...]
) -> Criterion:
    """CLB 5 or 6 in every ability, by occupation: the higher surely meets, the lower surely
    fails, between them it depends on which the occupation asks for."""
    high, low = rule["max_clb_asked"], rule["min_clb"]

    def at(level: int) -> tuple[Finding, tuple[str, ...]]:
        minimum = dict.fromkeys(("listening", "reading", "writing", "speaking"), level)
        what = say("CLB %(level)s in every ability", level=level)
        return common.language_finding(profile.language_tests, on, book, minimum, what)

    f, used = at(high)
    if f.value is False:
        lower, used = at(low)
        if lower.value:
            why = say(
                "%(detail)s; CLB %(low)s is enough for some occupations, which ones is not known",
                detail=f.detail,
                low=low,
            )
            f = Finding(None, why, (say("which of CLB 5 or 6 the offer's occupation asks for"),))
        else:
            f = lower
    # Unmet only below the lowest level any occupation asks: it stays so as results age.
    timeless = common.results_only_fade(profile.language_tests, on)
    return criterion("language", f, (*rules, *used), timeless)


def _education(
    profile: Profile, on: date, rule: Mapping[str, Any], rules: tuple[str, ...]
) -> Criterion:
    if not profile.education:
        f = Finding(None, say("no education given"), ("education",))
        return criterion("education", f, rules)
    answers = []
    for c in profile.education:
        level = None if c.level is None else str(c.level) in rule["education_levels"]
        done = None if c.completed is None else c.completed <= on
        answers.append(and3(level, done))
    value = or3(answers)
    if value is None:
        text = say("whether a post-secondary credential was completed is not given")
    else:
        text = say("a post-secondary credential") if value else say("no post-secondary credential")
    return criterion("education", Finding(value, text, ("education",) * (value is None)), rules)


def _experience_or_licence(
    profile: Profile, on: date, book: RuleBook, rule: Mapping[str, Any], rules: tuple[str, ...]
) -> Criterion:
    """Two years in the offer's occupation in the last five (evaluated), else a licence to
    practise in Ontario or time with the offering employer (neither in a profile)."""
    nocs = sorted({o.noc for o in profile.job_offers if o.noc})
    others = say("a licence to practise in Ontario, or a period with the offering employer")
    if nocs and profile.work:
        since = provincial.window_start(on, years=rule["window_years"])
        listing = {"classification": "NOC 2021" if len(nocs[0]) == 5 else "NOC 2016", "codes": nocs}
        f = provincial.listed_experience(
            profile.work, on, book, years=rule["experience_years"], since=since, listing=listing
        )
        if f.value:
            text = say("in the offer's occupation: %(detail)s", detail=f.detail)
            return criterion("experience_or_licence", Finding(True, text), rules)
        text = say(
            "in the offer's occupation: %(detail)s; else %(others)s (not in the profile)",
            detail=f.detail,
            others=others,
        )
        return criterion("experience_or_licence", Finding(None, text, (*f.needs, others)), rules)
    text = say("2 years in the offer's occupation in the last 5, or %(others)s", others=others)
    return criterion(
        "experience_or_licence", Finding(None, text, ("job_offers", "work", others)), rules
    )
