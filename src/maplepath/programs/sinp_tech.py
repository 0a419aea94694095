"""Saskatchewan's tech routes: the SINP Tech Talent Pathway (the Innovation and Tech Talent
Pathway from 2026-01-01), and International Skilled Worker rounds restricted to tech occupations.

The Tech Talent Pathway (International Skilled Worker category, from 2022-03-07) nominates
workers with a full-time, permanent job offer in an eligible tech occupation from a registered
Saskatchewan employer, approved by the SINP (a Job Approval Letter); a year of experience in the
field in the last five years, or six months with the employer in Saskatchewan; CLB 5 (CLB 7
through Express Entry); post-secondary education. It has an Express Entry route, where a
nomination adds 600 CRS points (crs.additional.provincial_nomination), and a base route. The
eligible occupations were 11 NOC 2016 unit groups, 16 NOC 2021 ones from 2022-11-16 and 32 from
2026-01-01. The Express Entry and Occupations In-Demand sub-categories also held rounds limited
to tech occupations, which invited without a job offer: a reported round of 621 invitations (455
Express Entry, 166 Occupations In-Demand) on 2023-09-15 is recorded in
rules/programs/sinp_tech/tech_rounds.yaml. Both sub-categories ended with the SINP's reboot of
2025-03-27; since then every Saskatchewan tech route needs an approved offer.

References: Government of Saskatchewan news release of 2022-03-07; saskatchewan.ca, SINP
Innovation and Tech Talent Pathway.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from maplepath.i18n import noop, say, word
from maplepath.profile import language
from maplepath.profile.model import JobOffer, Profile, WorkPeriod
from maplepath.programs import common, provincial
from maplepath.programs.verdict import (
    Criterion,
    Finding,
    Verdict,
    beyond_profile,
    combine,
    criterion,
    or3,
)
from maplepath.rulebook import book as rulebook
from maplepath.rulebook.book import RuleBook

PROGRAM = "sinp_tech"
LEADS_TO = "nomination"
R = "programs.sinp_tech."
NOMINATION = "crs.additional.provincial_nomination"


def evaluate(profile: Profile, on: date, book: RuleBook | None = None) -> Verdict:
    book = book or rulebook.default()
    before = provincial.early(PROGRAM, on, book, LEADS_TO)
    if before:
        return before
    rule = book.value(R + "requirements", on)
    criteria = (
        _job_offer(profile, on, book),
        _approval_letter(),
        _experience(profile, on, book, rule),
        _language(profile, on, book, rule),
        _education(profile, on, rule),
    )
    status = common.status(PROGRAM, on, book)
    return Verdict(PROGRAM, combine(criteria), status, criteria, LEADS_TO, None)


def _job_offer(profile: Profile, on: date, book: RuleBook) -> Criterion:
    rules = (R + "occupations", R + "tech_rounds", NOMINATION)
    if not profile.job_offers:
        f = Finding(None, say("no job offer given"), ("job_offers",))
        return criterion("tech_job_offer", f, rules)
    f = provincial.best([_offer(o, i, on, book) for i, o in enumerate(profile.job_offers)])
    rounds = book.at(R + "tech_rounds", on)
    note = say("%(note)s (Express Entry route)", note=provincial.nomination_note(on, book))
    if rounds.in_force:
        note = say(
            "%(note)s; tech-restricted International Skilled Worker rounds also invite without an "
            "offer (latest on record: %(invitations)s invitations on %(date)s)",
            note=note,
            invitations=rounds.value["invitations"],
            date=rounds.effective_from,
        )
    elif (ended := _rounds_ended(on, book)) is not None:
        note = say(
            "%(note)s; the Express Entry and Occupations In-Demand sub-categories, whose rounds "
            "invited without an offer, ended on %(date)s",
            note=note,
            date=ended,
        )
    # Each offer is judged on its province, NOC (against the list), hours and permanence: none
    # of them moves with the date, so an offer refused stays refused (timeless).
    f = Finding(f.value, say("%(detail)s; %(note)s", detail=f.detail, note=note), f.needs)
    return criterion("tech_job_offer", f, rules, True)


def _rounds_ended(on: date, book: RuleBook) -> date | None:
    """The day the sub-categories holding tech-restricted rounds ended, when it is past on
    ``on`` (the 2025-03-27 reboot); None before the first round on record or while held."""
    values = book.get(R + "tech_rounds").values
    ends = [v.effective_from for v in values if v.value is None and v.effective_from <= on]
    return max(ends) if ends else None


def _approval_letter() -> Criterion:
    """What no profile shows (``verdict.beyond_profile``)."""
    need = noop("an SINP Job Approval Letter for the offer (not in the profile)")
    why = noop("the SINP must approve the job offer (Job Approval Letter)")
    return beyond_profile("job_approval_letter", why, (need,), (R + "requirements",))


def _offer(o: JobOffer, i: int, on: date, book: RuleBook) -> Finding:
    at, listing = f"job_offers[{i}].", book.value(R + "occupations", on)
    checks: list[provincial.Check] = [
        (
            None if o.province is None else o.province == "SK",
            say("in %(province)s", province=o.province),
            (at + "province",),
        ),
        (
            None if o.noc is None else provincial.on_list(o.noc, listing, book),
            say(
                "NOC %(noc)s is not an eligible tech occupation (%(classification)s)",
                noc=o.noc,
                classification=word(listing["classification"]),
            ),
            (at + "noc",),
        ),
        (o.full_time, say("not full-time"), (at + "full_time",)),
        (o.end is None, say("ends on %(end)s (a permanent offer is needed)", end=o.end), ()),
    ]
    name = o.employer or f"job_offers[{i}]"
    ok = say("Saskatchewan tech job offer from %(name)s", name=name)
    return provincial.all_of(checks, ok, say("offer from %(name)s", name=name))


def _experience(profile: Profile, on: date, book: RuleBook, rule: Mapping[str, Any]) -> Criterion:
    """A year in an eligible tech occupation in the last five years, or six months of such work
    in Saskatchewan (read as the offer's field)."""
    rules = (R + "requirements", R + "occupations")
    if not profile.work:
        return criterion("experience", Finding(None, say("no work given"), ("work",)), rules)
    listing = book.value(R + "occupations", on)
    since = provincial.window_start(on, years=rule["window_years"])
    field = provincial.listed_experience(
        profile.work, on, book, years=rule["experience_years"], since=since, listing=listing
    )
    here = provincial.listed_experience(
        profile.work,
        on,
        book,
        years=rule["saskatchewan_months"] / 12,
        since=None,
        listing=listing,
        keep=_in_saskatchewan,
    )
    text = say(
        "tech work since %(since)s: %(field)s; in Saskatchewan: %(here)s (%(months)s months "
        "would do)",
        since=since,
        field=field.detail,
        here=here.detail,
        months=rule["saskatchewan_months"],
    )
    value = or3([field.value, here.value])
    return criterion("experience", Finding(value, text, field.needs + here.needs), rules)


def _in_saskatchewan(p: WorkPeriod) -> bool | None:
    if p.canadian is False:
        return False
    return None if p.province is None else p.province == "SK"


def _language(profile: Profile, on: date, book: RuleBook, rule: Mapping[str, Any]) -> Criterion:
    clb = rule["clb"]
    minimum = dict.fromkeys(language.ABILITIES, clb)
    what = say("CLB %(clb)s", clb=clb)
    f, used = common.language_finding(profile.language_tests, on, book, minimum, what)
    text = say(
        "%(detail)s (CLB %(clb)s for the Express Entry route)",
        detail=f.detail,
        clb=rule["express_entry_clb"],
    )
    f = Finding(f.value, text, f.needs)
    timeless = common.results_only_fade(profile.language_tests, on)
    return criterion("language", f, (R + "requirements", *used), timeless)


def _education(profile: Profile, on: date, rule: Mapping[str, Any]) -> Criterion:
    return common.credential_completed(
        profile,
        on,
        rule["education_levels"],
        (R + "requirements",),
        say("post-secondary education completed"),
        say("no post-secondary credential completed"),
    )
