"""BC PNP Tech: British Columbia's tech-only invitations for Skills Immigration registrants.

BC PNP Tech was never a stream of its own. From the first tech-only draw (2017-05-10, the "Tech
Pilot"; permanent as "BC PNP Tech" after 2021-06-30) the BC PNP invited, weekly, registrants of
its Skills Immigration and Express Entry BC categories (Skilled Worker, International Graduate)
who held a B.C. job offer in one of its tech occupations: 29 NOC 2016 unit groups, 35 NOC 2021
ones from 2022-11-16. Tech offers could be shorter than the indeterminate offers the categories
require: from 2018-06-26 a year or more with 120 days left when applying. The dedicated draws
ended with 2024 (rules/programs/bc_pnp_tech/status.yaml); the tech occupations are still
prioritised through Skills Immigration. A nomination leads to a permanent residence application;
through the Express Entry BC option it adds 600 CRS points (crs.additional.provincial_nomination).

References: Welcome BC, Invitations to apply (https://welcomebc.ca/immigrate-to-b-c/invitations-to-apply);
BC PNP Tech Pilot FAQs (June 2018); Government of B.C. news release of 2025-04-14.
"""

from __future__ import annotations

from datetime import date, timedelta

from maplepath.i18n import noop, say, word
from maplepath.profile.model import JobOffer, Profile
from maplepath.programs import common, steady
from maplepath.programs.provincial import (
    NOMINATION,
    Check,
    all_of,
    best,
    early,
    in_province,
    listed_experience,
    listed_steady,
    nomination_note,
    on_list,
)
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

PROGRAM = "bc_pnp_tech"
LEADS_TO = "nomination"
R = "programs.bc_pnp_tech."
_GRADUATE = {
    True: noop("a Canadian credential"),
    False: noop("no Canadian credential"),
    None: noop("unclear"),
}


# --- BC PNP Tech -------------------------------------------------------------------------------


def evaluate(profile: Profile, on: date, book: RuleBook | None = None) -> Verdict:
    book = book or rulebook.default()
    before = early(PROGRAM, on, book, LEADS_TO)
    if before:
        return before
    status = common.status(PROGRAM, on, book)
    criteria = (
        _job_offer(profile, on, book, status),
        _category(profile, on, book),
        _employer(),
    )
    return Verdict(PROGRAM, combine(criteria), status, criteria, LEADS_TO, None)


def steady_until(profile: Profile, on: date, book: RuleBook) -> date:
    """The verdict moves when an offer comes within its minimum days left, a credential is
    completed or leaves International Graduate's years, or skilled work (counted with no
    window) reaches Skilled Worker's years (``programs/steady.py``)."""
    if early(PROGRAM, on, book, LEADS_TO):
        return steady.NEVER  # the rules' first day is a rule change: all is evaluated again
    left = book.value(R + "job_offer", on)["min_days_left"]  # None while offers had no end
    ends = [o.end for o in profile.job_offers if o.end is not None and left is not None]
    days = [end - timedelta(days=int(left)) for end in ends]
    rule = book.value(R + "skills_immigration", on)
    if rule["international_graduate_open"]:
        within = int(rule["international_graduate_within_years"])
        done = [c.completed for c in profile.education if c.completed is not None]
        days += [*done, *(common.shift(d, within) for d in done)]
    years = (float(rule["skilled_worker_years"]),)
    return min(steady.first(on, days), listed_steady(profile.work, on, book, years, since=None))


def _job_offer(profile: Profile, on: date, book: RuleBook, status: str) -> Criterion:
    rules = (R + "occupations", R + "job_offer", R + "status", NOMINATION)
    if not profile.job_offers:
        f = Finding(None, say("no job offer given"), ("job_offers",))
        return criterion("tech_job_offer", f, rules)
    f = best([_offer(o, i, on, book) for i, o in enumerate(profile.job_offers)])
    note = nomination_note(on, book)
    if status == "closed":
        note = say(
            "dedicated tech draws have ended; tech occupations are still prioritised through "
            "Skills Immigration; %(note)s",
            note=note,
        )
    return criterion("tech_job_offer", Finding(f.value, f"{f.detail} ({note})", f.needs), rules)


def _offer(o: JobOffer, i: int, on: date, book: RuleBook) -> Finding:
    at, rule = f"job_offers[{i}].", book.value(R + "job_offer", on)
    listing = book.value(R + "occupations", on)
    checks: list[Check] = [
        (
            in_province(o.province, "BC"),
            say("in %(province)s", province=o.province),
            (at + "province",),
        ),
        (
            None if o.noc is None else on_list(o.noc, listing, book),
            say(
                "NOC %(noc)s is not a BC PNP Tech occupation (%(classification)s)",
                noc=o.noc,
                classification=word(listing["classification"]),
            ),
            (at + "noc",),
        ),
        (o.full_time, say("not full-time"), (at + "full_time",)),
    ]
    if o.end is not None and rule["indeterminate_only"]:
        why = say("has an end date (indeterminate offers only until 2018-06-26)")
        checks.append((False, why, ()))
    elif o.end is not None:
        length = None if o.start is None else (o.end - o.start).days + 1 >= rule["min_days"]
        short = say("shorter than %(days)s days", days=rule["min_days"])
        checks.append((length, short, (at + "start",)))
        left = (o.end - on).days >= rule["min_days_left"]
        few = say("fewer than %(days)s days left on %(on)s", days=rule["min_days_left"], on=on)
        checks.append((left, few, ()))
    name = o.employer or f"job_offers[{i}]"
    ok = say("B.C. tech job offer from %(name)s (NOC %(noc)s)", name=name, noc=o.noc)
    return all_of(checks, ok, say("offer from %(name)s", name=name))


def _category(profile: Profile, on: date, book: RuleBook) -> Criterion:
    """Skilled Worker (two years of skilled work) or International Graduate (a Canadian
    post-secondary credential of the last three years)."""
    rule, rules = book.value(R + "skills_immigration", on), (R + "skills_immigration",)
    if not profile.work and not profile.education:
        f = Finding(None, say("no work or education given"), ("work", "education"))
        return criterion("skills_immigration_category", f, rules)
    worker = listed_experience(
        profile.work, on, book, years=rule["skilled_worker_years"], since=None
    )
    if not rule["international_graduate_open"]:
        # International Graduate stopped taking applications on 2024-11-26 (secondary source):
        # only Skilled Worker remains for a tech registrant.
        text = say(
            "Skilled Worker: skilled work %(work)s; International Graduate: closed",
            work=worker.detail,
        )
        return criterion(
            "skills_immigration_category", Finding(worker.value, text, worker.needs), rules
        )
    recent = common.shift(on, -rule["international_graduate_within_years"])
    graduate = or3(
        and3(
            c.canadian,
            None if c.level is None else c.level != "secondary",
            None if c.completed is None else recent <= c.completed <= on,
        )
        for c in profile.education
    )
    value = or3([worker.value, graduate])
    text = say(
        "Skilled Worker: skilled work %(work)s; International Graduate: %(graduate)s of the "
        "last %(years)s years",
        work=worker.detail,
        graduate=word(_GRADUATE[graduate]),
        years=rule["international_graduate_within_years"],
    )
    needs = worker.needs + tuple(
        f"education[{i}].{k}"
        for i, c in enumerate(profile.education)
        for k in ("country", "level", "completed")
        if getattr(c, k) is None
    )
    return criterion("skills_immigration_category", Finding(value, text, needs), rules)


def _employer() -> Criterion:
    """What no profile shows (``verdict.beyond_profile``)."""
    why = noop(
        "the BC PNP also checks the employer (established in B.C., able to pay) and that the "
        "wage matches B.C. rates for the occupation; neither can be told from a profile"
    )
    need = noop("B.C. employer eligibility and wage rate (not in the profile)")
    return beyond_profile("employer_and_wage", why, (need,), (R + "skills_immigration",))
