"""Alberta Advantage Immigration Program (AAIP, the Alberta Immigrant Nominee Program until
2022): the Accelerated Tech Pathway and the Alberta Opportunity Stream.

``aaip_accelerated_tech``: a pathway of the Express Entry-aligned Alberta Express Entry stream,
announced on 2022-01-13 (applications from December 2021), for candidates in the Express Entry
pool (FSW, CEC or FST) with a CRS of 300 or more who work full-time, or hold a full-time offer of
a year or more, in Alberta in an eligible occupation (44 NOC 2021 unit groups today) with an
employer in one of Alberta's tech industries. A nomination adds 600 CRS points
(crs.additional.provincial_nomination).

``aaip_opportunity``: a base stream (from 2018-06-14, replacing the Employer-Driven and
Strategic Recruitment streams) for temporary foreign workers already working full-time in
Alberta on a valid work permit, with a full-time Alberta job offer in their current occupation:
CLB 4, or CLB 5 for skilled occupations from 2020-01-01 (NOC 0, A, B; TEER 0-3 from 2022-11-16);
high school; 12 months of full-time work in the occupation in Alberta in the last 18 months, or
24 months anywhere in the last 30. Intake paused from 2024-02-15 to 2024-06-11. A nomination
supports a permanent residence application to IRCC outside Express Entry (no CRS points).

References: rules/programs/aaip_accelerated_tech/ and aaip_opportunity/ (alberta.ca pages on
the Alberta Opportunity Stream and the Accelerated Tech Pathway occupation list).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from functools import partial

from maplepath.i18n import noop, say
from maplepath.occupations import codes as occupations
from maplepath.profile import language
from maplepath.profile.model import JobOffer, Profile, WorkPeriod
from maplepath.programs import cec, common, fst, fsw, provincial
from maplepath.programs.oinp_hcp_tech import crs_at_least, express_entry
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

TECH, OPPORTUNITY = "aaip_accelerated_tech", "aaip_opportunity"
PROGRAM = (TECH, OPPORTUNITY)
LEADS_TO = "nomination"
AT, OS = f"programs.{TECH}.", f"programs.{OPPORTUNITY}."


def _in_alberta(p: WorkPeriod | JobOffer) -> bool | None:
    if isinstance(p, WorkPeriod) and p.canadian is False:
        return False
    return None if p.province is None else p.province == "AB"


def _current(p: WorkPeriod, on: date) -> bool | None:
    """Working in Canada with authorization on ``on`` in this period."""
    started = None if p.start is None else p.start <= on
    return and3(started, p.end is None or p.end >= on, p.canadian, p.authorized)


# --- Accelerated Tech Pathway ------------------------------------------------------------------


def evaluate_tech(profile: Profile, on: date, book: RuleBook | None = None) -> Verdict:
    book = book or rulebook.default()
    before = provincial.early(TECH, on, book, LEADS_TO)
    if before:
        return before
    ee = express_entry(profile, on, book, (fsw, cec, fst))
    note = provincial.nomination_note(on, book)
    ee = Finding(ee.value, say("%(detail)s; %(note)s", detail=ee.detail, note=note), ee.needs)
    minimum = book.value(AT + "crs_minimum", on)
    floor = crs_at_least(profile, on, book, minimum, say("Alberta's minimum"))
    criteria = (
        criterion("express_entry", ee, ("programs.fsw.status", "programs.cec.status")),
        criterion("crs_minimum", floor, (AT + "crs_minimum",)),
        _tech_employment(profile, on, book),
        _tech_industry(),
    )
    status = common.status(TECH, on, book)
    return Verdict(TECH, combine(criteria), status, criteria, LEADS_TO, None)


def _tech_industry() -> Criterion:
    """What no profile shows (``verdict.beyond_profile``)."""
    need = noop("the employer's industry on Alberta's tech industry list (not in the profile)")
    why = noop("the employer must be in one of Alberta's tech industries")
    return beyond_profile("tech_industry_employer", why, (need,), (AT + "employment",))


def _tech_employment(profile: Profile, on: date, book: RuleBook) -> Criterion:
    """Full-time work in Alberta now, or a full-time Alberta offer of a year or more, in an
    eligible occupation (the NOC 2016 lists of 2022 are not encoded: unknown before NOC 2021)."""
    rules = (AT + "occupations", AT + "employment")
    listing, rule = book.value(AT + "occupations", on), book.value(AT + "employment", on)
    if not profile.work and not profile.job_offers:
        f = Finding(None, say("no work or job offer given"), ("work", "job_offers"))
        return criterion("tech_employment", f, rules)

    def occupation(noc: str | None, at: str) -> provincial.Check:
        if listing is None:
            return None, "", ()  # the list in force then is not encoded
        answer = None if noc is None else provincial.on_list(noc, listing, book)
        return answer, say("NOC %(noc)s is not an eligible occupation", noc=noc), (at + "noc",)

    found = []
    # Whether a period is current moves with the date; its province, hours and NOC do not.
    # Timeless when every period fails on one of those (and every offer fails: its checks
    # never read the date).
    timeless = True
    for i, p in enumerate(profile.work):
        at, hours = f"work[{i}].", p.hours_per_week
        full = None if hours is None else hours >= rule["min_hours_per_week"]
        checks: list[provincial.Check] = [
            (_current(p, on), say("not working in Canada with authorization on %(on)s", on=on), ()),
            (_in_alberta(p), say("in %(province)s", province=p.province), (at + "province",)),
            (full, say("part-time"), ()),
            occupation(p.noc, at),
        ]
        timeless = timeless and any(answer is False for answer, _, _ in checks[1:])
        ok = say("working full-time in Alberta as NOC %(noc)s", noc=p.noc)
        found.append(provincial.all_of(checks, ok, f"work[{i}]"))
    for i, o in enumerate(profile.job_offers):
        at = f"job_offers[{i}]."
        year = None if o.start is None or o.end is None else (o.end - o.start).days >= 365
        offer: list[provincial.Check] = [
            (_in_alberta(o), say("in %(province)s", province=o.province), (at + "province",)),
            (o.full_time, say("not full-time"), (at + "full_time",)),
            (True if o.end is None else year, say("shorter than 12 months"), (at + "start",)),
            occupation(o.noc, at),
        ]
        ok = say("full-time Alberta offer as NOC %(noc)s", noc=o.noc)
        found.append(provincial.all_of(offer, ok, say("offer %(i)s", i=i)))
    f = provincial.best(found)
    if listing is None and f.value is not False:
        why = say(
            "%(detail)s; the occupation list in force on %(on)s is not encoded",
            detail=f.detail,
            on=on,
        )
        f = Finding(None, why, f.needs)
    return criterion("tech_employment", f, rules, timeless)


# --- Alberta Opportunity Stream ----------------------------------------------------------------


def evaluate_opportunity(profile: Profile, on: date, book: RuleBook | None = None) -> Verdict:
    book = book or rulebook.default()
    before = provincial.early(OPPORTUNITY, on, book, LEADS_TO)
    if before:
        return before
    now = [i for i, p in enumerate(profile.work) if and3(_current(p, on), _in_alberta(p))]
    maybe = [i for i, p in enumerate(profile.work) if and3(_current(p, on), _in_alberta(p)) is None]
    current = profile.work[now[0]] if now else None
    criteria = (
        _permit(profile, on, now, maybe),
        _occupation(current, now[0] if now else 0, on, book, bool(maybe) or not profile.work),
        _language(profile, current, on, book),
        _experience(profile, current, on, book),
        _education(profile, on, book),
        _offer(profile, current),
    )
    status = common.status(OPPORTUNITY, on, book)
    return Verdict(OPPORTUNITY, combine(criteria), status, criteria, LEADS_TO, None)


def _permit(profile: Profile, on: date, now: list[int], maybe: list[int]) -> Criterion:
    base = say("base stream: a nomination supports a PR application to IRCC outside Express Entry")
    rules = (OS + "status",)
    if now:
        path = f"work[{now[0]}]"
        text = say(
            "working in Alberta with authorization on %(on)s (%(work)s); %(base)s",
            on=on,
            work=path,
            base=base,
        )
        return criterion("alberta_work_permit", Finding(True, text), rules)
    facts = ("start", "country", "authorized", "province")
    needs = tuple(
        f"work[{i}].{k}" for i in maybe for k in facts if getattr(profile.work[i], k) is None
    )
    if maybe or not profile.work:
        why = say("whether you work in Alberta with authorization on %(on)s is unclear", on=on)
        return criterion("alberta_work_permit", Finding(None, why, needs or ("work",)), rules)
    # Timeless when no period is in Alberta at all: no later date makes one current there.
    elsewhere = all(_in_alberta(p) is False for p in profile.work)
    why = say("not working in Alberta on %(on)s", on=on)
    return criterion("alberta_work_permit", Finding(False, why), rules, elsewhere)


def _occupation(
    current: WorkPeriod | None, i: int, on: date, book: RuleBook, maybe: bool
) -> Criterion:
    rule, rules = book.value(OS + "occupations", on), (OS + "occupations",)
    if current is None:
        why = say("no current occupation in Alberta")
        f = Finding(None if maybe else False, why, ("work",))
        return criterion("occupation", f, rules)
    if current.noc is None or len(current.noc) != 5:
        f = Finding(None, say("NOC 2021 code not given"), ("work.noc",))
        return criterion("occupation", f, rules)
    if current.noc[0] in rule["known_eligible_broad_categories"]:
        text = say(
            "NOC %(noc)s: natural and applied sciences, none on the ineligible list",
            noc=current.noc,
        )
        return criterion("occupation", Finding(True, text), rules)
    why = say(
        "NOC %(noc)s: check Alberta's ineligible occupations list (not encoded here)",
        noc=current.noc,
    )
    return criterion("occupation", Finding(None, why), rules)


def _language(profile: Profile, current: WorkPeriod | None, on: date, book: RuleBook) -> Criterion:
    rule = book.value(OS + "language", on)
    noc = current.noc if current else None
    teer = occupations.teer(noc) if noc and len(noc) == 5 else None
    clb = rule["other"] if teer is not None and teer > 3 else rule["skilled"]
    minimum = dict.fromkeys(language.ABILITIES, clb)
    what = say("CLB %(clb)s", clb=clb)
    f, used = common.language_finding(profile.language_tests, on, book, minimum, what)
    if f.value is False and teer is None and rule["other"] < clb:
        lower = dict.fromkeys(language.ABILITIES, rule["other"])
        low, _ = common.language_finding(profile.language_tests, on, book, lower, "")
        if low.value:
            why = say(
                "%(detail)s; CLB %(clb)s is enough in TEER 4-5 work",
                detail=f.detail,
                clb=rule["other"],
            )
            f = Finding(None, why, ("work",))
    return criterion("language", f, (OS + "language", *used))


def _experience(
    profile: Profile, current: WorkPeriod | None, on: date, book: RuleBook
) -> Criterion:
    rule, rules = book.value(OS + "experience", on), (OS + "experience",)
    if current is None or current.noc is None:
        f = Finding(None, say("the current Alberta occupation is not known"), ("work",))
        return criterion("experience", f, rules)
    kind = "NOC 2021" if len(current.noc) == 5 else "NOC 2016"
    count = partial(
        provincial.listed_experience,
        profile.work,
        on,
        book,
        listing={"classification": kind, "codes": [current.noc]},
    )
    alberta: Callable[[WorkPeriod], bool | None] = _in_alberta
    months, window = rule["alberta_months"], rule["alberta_window_months"]
    here = count(years=months / 12, since=provincial.window_start(on, months=window), keep=alberta)
    far, far_window = rule["anywhere_months"], rule["anywhere_window_months"]
    anywhere = count(years=far / 12, since=provincial.window_start(on, months=far_window))
    text = say(
        "as NOC %(noc)s: in Alberta in the last %(window)s months %(here)s; anywhere in the last "
        "%(far_window)s months %(anywhere)s",
        noc=current.noc,
        window=window,
        here=here.detail,
        far_window=far_window,
        anywhere=anywhere.detail,
    )
    value = or3([here.value, anywhere.value])
    return criterion("experience", Finding(value, text, here.needs + anywhere.needs), rules)


def _education(profile: Profile, on: date, book: RuleBook) -> Criterion:
    rule, rules = book.value(OS + "education", on), (OS + "education",)
    if not profile.education:
        f = Finding(None, say("no education given"), ("education",))
        return criterion("education", f, rules)
    done = or3(None if c.completed is None else c.completed <= on for c in profile.education)
    if rule["alberta_equivalency"]:
        text = say(
            "high school or more completed; foreign credentials must be assessed equivalent to "
            "Alberta's"
        )
    else:
        text = say("high school or more completed")
    needs = tuple(f"education[{i}].completed" for i, c in enumerate(profile.education))
    f = Finding(done, text, needs if done is None else ())
    return criterion("education", f, rules)


def _offer(profile: Profile, current: WorkPeriod | None) -> Criterion:
    if not profile.job_offers:
        f = Finding(None, say("no job offer given"), ("job_offers",))
        return criterion("job_offer", f, ())
    noc = current.noc if current else None
    found = []
    for i, o in enumerate(profile.job_offers):
        at = f"job_offers[{i}]."
        same = None if o.noc is None or noc is None else o.noc == noc
        checks: list[provincial.Check] = [
            (_in_alberta(o), say("in %(province)s", province=o.province), (at + "province",)),
            (o.full_time, say("not full-time"), (at + "full_time",)),
            (
                same,
                say("NOC %(noc)s is not the current occupation", noc=o.noc),
                (at + "noc",) if noc else ("work",),
            ),
        ]
        ok = say("full-time Alberta offer as NOC %(noc)s", noc=o.noc)
        found.append(provincial.all_of(checks, ok, say("offer %(i)s", i=i)))
    return criterion("job_offer", provincial.best(found), ())


evaluate = evaluate_tech  # the module's first program; PROGRAMS has both
PROGRAMS: dict[str, Callable[[Profile, date, RuleBook | None], Verdict]] = {
    TECH: evaluate_tech,
    OPPORTUNITY: evaluate_opportunity,
}
