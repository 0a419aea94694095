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

This module also holds what the provincial tech modules share: dated occupation lists in NOC 2016
or NOC 2021 (``on_list``), experience in listed occupations over any window
(``listed_experience``) and three-valued lists of checks (``all_of``).

References: Welcome BC, Invitations to apply (https://welcomebc.ca/immigrate-to-b-c/invitations-to-apply);
BC PNP Tech Pilot FAQs (June 2018); Government of B.C. news release of 2025-04-14.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import replace
from datetime import date, timedelta
from functools import lru_cache
from typing import Any

from maplepath import i18n
from maplepath.i18n import decimal, noop, say, word
from maplepath.occupations import codes as occupations
from maplepath.profile import experience
from maplepath.profile.model import JobOffer, Profile, WorkPeriod
from maplepath.programs import common, steady
from maplepath.programs.verdict import Criterion, Finding, Verdict, and3, combine, criterion, or3
from maplepath.rulebook import book as rulebook
from maplepath.rulebook.book import RuleBook

PROGRAM = "bc_pnp_tech"
LEADS_TO = "nomination"
R = "programs.bc_pnp_tech."
NOMINATION = "crs.additional.provincial_nomination"
Check = tuple[bool | None, str, tuple[str, ...]]  # answer, why it fails, facts that would decide
_DAY = timedelta(days=1)
# The classifications of the dated lists, said as "CNP 2021" in French (``word``).
CLASSIFICATIONS = (noop("NOC 2016"), noop("NOC 2021"))
# Credential levels as the profile writes them, for the sentences that show them (``word``).
LEVELS = (
    noop("secondary"),
    noop("one_year"),
    noop("two_year"),
    noop("bachelors"),
    noop("masters"),
    noop("professional"),
    noop("doctoral"),
)
# What separates the reasons of a list ("in ON; not full-time"): " ; " in French.
SEPARATOR = noop("; ")
_GRADUATE = {
    True: noop("a Canadian credential"),
    False: noop("no Canadian credential"),
    None: noop("unclear"),
}


# --- shared by the provincial tech modules ------------------------------------------------------


def early(program: str, on: date, book: RuleBook, leads_to: str) -> Verdict | None:
    """``common.before_rules`` with the program's own ``leads_to``."""
    verdict = common.before_rules(program, on, book)
    return replace(verdict, leads_to=leads_to) if verdict else None


def ended(program: str, on: date, book: RuleBook, leads_to: str, why: str) -> Verdict | None:
    """A program that has closed for good takes no one: one unmet criterion saying since when
    and why (None while it is not closed)."""
    if common.status(program, on, book) != "closed":
        return None
    return _closed(program, on, book, leads_to, why, i18n.current())


@lru_cache(maxsize=1024)
def _closed(program: str, on: date, book: RuleBook, leads_to: str, why: str, lang: str) -> Verdict:
    # The verdict of a closed program is the same for everyone on a date (a book never
    # changes; verdicts are immutable): built once per program, date and language.
    rule_id = f"programs.{program}.status"
    since = book.at(rule_id, on).effective_from
    closed = say("closed since %(since)s: %(why)s", since=since, why=why)
    gone = criterion("program_open", Finding(False, closed), [rule_id], True)
    return Verdict(program, "ineligible", "closed", (gone,), leads_to, None)


def nomination_note(on: date, book: RuleBook) -> str:
    points = book.value(NOMINATION, on)
    return say(
        "a nomination under an Express Entry-aligned stream adds %(points)s CRS points",
        points=points,
    )


def join(parts: Iterable[str]) -> str:
    """Reasons as one list, separated as the language in force writes it."""
    return word(SEPARATOR).join(parts)


def years_text(y: float) -> str:
    """``common.years`` in the language in force (``1,50`` in French)."""
    return decimal(common.years(y))


@lru_cache(maxsize=8)
def _sources_2016(book: RuleBook) -> dict[str, frozenset[str]]:
    """NOC 2021 unit group -> the NOC 2016 unit groups it came from (Statistics Canada)."""
    table = book.value(occupations.CONCORDANCE_RULE, date(2022, 11, 16))
    out: dict[str, set[str]] = {}
    for code2016, entry in table.items():
        for code2021 in entry["noc2021"]:
            out.setdefault(str(code2021), set()).add(str(code2016))
    return {k: frozenset(v) for k, v in out.items()}


def _every(answers: Iterable[bool]) -> bool | None:
    """True if all are True, False if none is (or there are none), None if they differ."""
    seen = set(answers)
    return None if len(seen) > 1 else (seen.pop() if seen else False)


def on_list(code: str, listing: Mapping[str, Any], book: RuleBook) -> bool | None:
    """Whether a NOC code is on a dated list ``{classification, codes}``. Across versions it is
    on the list when every unit group it corresponds to is listed, off when none is, and unknown
    in between (a NOC 2021 software engineer, 21231, came only from NOC 2016 2173)."""
    # One or a few membership tests: scanning the list (some 35 codes) costs less than
    # building a set of it on every call, and reads the list as it is now.
    codes = listing["codes"]
    width = 4 if listing["classification"] == "NOC 2016" else 5
    if len(code) == width:
        return code in codes
    if width == 5:
        mapped = occupations.map_2016(code, book)
        return None if mapped is None else _every(c in codes for c in mapped.candidates)
    sources = _sources_2016(book).get(code)
    return None if not sources else _every(c in codes for c in sources)


def in_province(province: str | None, code: str) -> bool | None:
    return None if province is None else province == code


def window_start(on: date, years: int = 0, months: int = 0) -> date:
    """The first day of the ``years`` and ``months`` ending on ``on``."""
    return common.shift(on, -years, -months) + _DAY


def listed_experience(
    work: Sequence[WorkPeriod],
    on: date,
    book: RuleBook,
    *,
    years: float,
    since: date | None,
    listing: Mapping[str, Any] | None = None,
    keep: Callable[[WorkPeriod], bool | None] | None = None,
) -> Finding:
    """Whether full-time-equivalent ``years`` of authorized work done from ``since`` are reached
    in the listed occupations (any skilled one when ``listing`` is None) among the periods
    ``keep`` accepts (a province, say; all when None). Missing facts widen the bound, never
    shrink it."""
    if keep is None:  # every period kept
        sure_idx = best_idx = list(range(len(work)))
    else:
        kept = [keep(p) for p in work]
        sure_idx = [i for i, k in enumerate(kept) if k is True]
        best_idx = [i for i, k in enumerate(kept) if k is not False]
    sure_nocs: set[str] = set()
    maybe: dict[int, str] = {}  # period index -> a NOC that may or may not be on the list
    for i in best_idx if listing is not None else []:
        noc = work[i].noc
        answer = None if noc is None or listing is None else on_list(noc, listing, book)
        if answer and noc is not None:
            sure_nocs.add(noc)
        elif answer is None and noc is not None:
            maybe[i] = noc

    def accrue(idx: list[int], nocs: set[str] | None) -> experience.Accrual:
        # ``since`` clips each period to the stream's look-back (see experience.accrue).
        periods = [work[i] for i in idx]
        skilled = listing is None
        return experience.accrue(
            periods,
            on,
            require_authorized=True,
            skilled_only=skilled,
            nocs=nocs,
            since=since,
            book=book,
        )

    sure = accrue(sure_idx, sure_nocs if listing is not None else None)
    if not maybe and len(sure_idx) == len(best_idx):
        # Nothing in doubt (every kept period surely kept, every NOC surely on or off the
        # list): the favourable count is the same call on the same periods.
        best = sure
    else:
        best = accrue(best_idx, sure_nocs | set(maybe.values()) if listing is not None else None)
    value = True if sure.at_least(years) else False if best.at_least(years) is False else None
    needed = decimal(f"{years:g}")
    text = say(
        "%(years)s years counted (%(needed)s needed)", years=years_text(sure.years), needed=needed
    )
    if value is not None:
        return Finding(value, text)  # decided: no fact is needed (none would be kept)
    needs = common.work_needs(work, [best_idx[j] for j in best.unknown], common.WORK_FACTS)
    needs += [f"work[{i}].noc" for i in maybe]
    needs += [f"work[{i}].province" for i in best_idx if i not in sure_idx]
    return Finding(value, text, tuple(dict.fromkeys(needs)))


def all_of(checks: Sequence[Check], ok: str, failed: str) -> Finding:
    """Three-valued AND of checks: the failed reasons when one fails, else what decides it."""
    value = and3(*(answer for answer, _, _ in checks))
    if value is False:
        reasons = join(w for a, w, _ in checks if a is False)
        return Finding(False, say("%(failed)s: %(reasons)s", failed=failed, reasons=reasons))
    needs = tuple(n for answer, _, ns in checks if answer is None for n in ns)
    return Finding(value, ok, needs)


def best(findings: Sequence[Finding]) -> Finding:
    """The most favourable finding: met, then unknown, then unmet (with every reason)."""
    top = min(findings, key=lambda f: {True: 0, None: 1, False: 2}[f.value])
    return Finding(False, join(f.detail for f in findings)) if top.value is False else top


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
    # As listed_experience counts Skilled Worker's years: every period, skilled, authorized.
    acc = experience.accrue(profile.work, on, require_authorized=True, book=book)
    years = (float(rule["skilled_worker_years"]),)
    return min(steady.first(on, days), steady.experience(acc, on, book, years, grows_only=True))


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
    why = say(
        "the BC PNP also checks the employer (established in B.C., able to pay) and that the "
        "wage matches B.C. rates for the occupation; neither can be told from a profile"
    )
    need = say("B.C. employer eligibility and wage rate (not in the profile)")
    return criterion("employer_and_wage", Finding(None, why, (need,)), (R + "skills_immigration",))
