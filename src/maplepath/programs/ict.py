"""Intra-company transferees (ICT): moving to a Canadian parent, subsidiary, branch or affiliate
of one's employer abroad, on an LMIA-exempt work permit (IRPR paragraph 205(a)).

IRCC's requirements (rule ``programs.ict.requirements``): currently employed by a multinational
company; employed continuously, full-time (not accumulated part-time), by the company outside
Canada for at least one year in the three years before applying; transferring to an enterprise
with a qualifying relationship (parent, subsidiary, branch or affiliate, both doing business);
into an executive, senior managerial or specialized knowledge position.

How maplepath judges what the profile can show:

- The year: work periods with the same employer name, outside Canada, at 30 or more hours a week
  (``experience.full_time``), merged when no day falls between them; one run of a year inside
  the three-year window, and a period still running on the date.
- The relationship: ``job_offers[].employer_relationship`` names it; missing, it is unknown.
- The position: a NOC 2021 TEER 0 job (management occupations, major groups 00, 10, 20, ... 90)
  is read as executive or senior managerial. Any other job could only be specialized knowledge
  (proprietary knowledge of the company with advanced expertise, IRCC's 2024 guidance), which the
  profile does not hold: that criterion stays unknown, and an officer decides from evidence.

History: exemption code C12 until 2022-12-14; from 2022-12-15 codes C61, C62 and C63. US and
Mexican citizens may also transfer under CUSMA (codes T37, T38), not modelled separately.

References: IRCC, "Intra-company transferees - general requirements [R205(a)]" and
"Qualifying relationship between the Canadian and foreign employer" (operational instructions on
canada.ca); IRPR s. 205 (https://laws-lois.justice.gc.ca/eng/regulations/SOR-2002-227/section-205.html).
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import NamedTuple

from maplepath import i18n
from maplepath.i18n import noop, say, word
from maplepath.occupations import codes as occupations
from maplepath.profile.model import JobOffer, Profile, WorkPeriod
from maplepath.programs import common, steady
from maplepath.programs.verdict import (
    Criterion,
    Finding,
    Ternary,
    Verdict,
    and3,
    combine,
    criterion,
)
from maplepath.rulebook import book as rulebook
from maplepath.rulebook.book import RuleBook

PROGRAM = "ict"
LEADS_TO = "work_permit"
R = "programs.ict."
STATUS, PROCESSING = R + "status", R + "processing"
REQUIREMENTS, EXEMPTION = R + "requirements", R + "lmia_exemption"
FULL_TIME, CEC = "experience.full_time", "programs.cec.experience"
MEASURED_FROM = date(2015, 1, 1)  # maplepath's experience rules start here
_DAY = timedelta(days=1)
_RANK = {True: 2, None: 1, False: 0}
Span = tuple[date, date]
# "X is a subsidiary of the employer abroad", one sentence per qualifying relationship (the
# French word has its own article), said with ``word`` and the name filled in.
_RELATED = {
    "parent": noop("%(name)s is a parent of the employer abroad"),
    "subsidiary": noop("%(name)s is a subsidiary of the employer abroad"),
    "branch": noop("%(name)s is a branch of the employer abroad"),
    "affiliate": noop("%(name)s is a affiliate of the employer abroad"),
}


def evaluate(profile: Profile, on: date, book: RuleBook | None = None) -> Verdict:
    book = book or rulebook.default()
    status = common.status(PROGRAM, on, book)
    if status == "not_yet_open":
        first = book.get(STATUS).values[0].effective_from
        why = say("IRPR 205(a) took effect on %(first)s; %(on)s is earlier", first=first, on=on)
        gap = Criterion("program_exists", Ternary.unmet, why, (STATUS,))
        return Verdict(PROGRAM, "ineligible", status, (gap,), LEADS_TO, None)
    if on < MEASURED_FROM:
        why = say(
            "intra-company transfers were open on %(on)s, but maplepath measures from 2015-01-01",
            on=on,
        )
        gap = Criterion("rules_in_force", Ternary.unknown, why, (STATUS,))
        return Verdict(PROGRAM, "unknown", status, (gap,), LEADS_TO, None)
    criteria = (_employment(profile, on, book), *_transfer(profile, on, book), _permit(on, book))
    ruling = book.at(PROCESSING, on)
    processing = str(ruling.value) if ruling.in_force else None
    return Verdict(PROGRAM, combine(criteria), status, criteria, LEADS_TO, processing)


@i18n.kept_per_language  # the same for everyone on a date (a book never changes)
def _permit(on: date, book: RuleBook) -> Criterion:
    exempt, cec = book.value(EXEMPTION, on), book.value(CEC, on)
    text = say(
        "an employer-specific work permit, LMIA-exempt under %(provision)s (code %(code)s); "
        "%(years)s year of full-time skilled work in Canada on it is Canadian experience that the "
        "Canadian Experience Class counts (in the %(window)s years before applying)",
        provision=exempt["provision"],
        code=exempt["code"],
        years=cec["years"],
        window=cec["window_years"],
    )
    return Criterion("permit", Ternary.met, text, (EXEMPTION, CEC))


# --- a continuous year of full-time work for the company, abroad -------------------------------


def _employment(profile: Profile, on: date, book: RuleBook) -> Criterion:
    rules = (REQUIREMENTS, FULL_TIME)
    if not profile.work:
        return criterion("employment", Finding(None, say("no work given"), ("work",)), rules)
    names = {p.employer.casefold(): p.employer for p in profile.work if p.employer}
    found = [_company(profile.work, key, shown, on, book) for key, shown in names.items()]
    if not found:  # no employer named anywhere
        needs = tuple(f"work[{i}].employer" for i in range(len(profile.work)))
        found = [Finding(None, say("the employer of the work is not given"), needs)]
    return criterion("employment", max(found, key=lambda f: _RANK[f.value]), rules)


class _Spans(NamedTuple):
    """The company's periods that count (``sure``) or may count (``maybe``), clipped to the
    window, whether one of each is current on the day, and the facts that would decide."""

    sure: list[Span]
    maybe: list[Span]
    now_sure: bool
    now_maybe: bool
    needs: list[str]


def _spans(work: list[WorkPeriod], key: str, on: date, book: RuleBook) -> _Spans:
    window = int(book.value(REQUIREMENTS, on)["window_years"])
    full_week = float(book.value(FULL_TIME, on)["hours_per_week"])
    start = common.shift(on, -window) + _DAY
    sure: list[Span] = []
    maybe: list[Span] = []
    needs: list[str] = []
    now_sure = now_maybe = False
    for i, p in enumerate(work):
        same = None if p.employer is None else p.employer.casefold() == key
        abroad = None if p.canadian is None else not p.canadian
        full = None if p.hours_per_week is None else p.hours_per_week >= full_week
        counts = and3(same, abroad, full, None if p.start is None else p.start <= on)
        span = (max(p.start or start, start), on if p.end is None else min(p.end, on))
        if counts is False or span[0] > span[1]:
            continue
        current = p.end is None or p.end >= on
        maybe.append(span)
        now_maybe |= current
        if counts:
            sure.append(span)
            now_sure |= current
        else:
            facts = ("employer", "country", "hours_per_week", "start")
            needs += [f"work[{i}].{f}" for f in facts if getattr(p, f) is None]
    return _Spans(sure, maybe, now_sure, now_maybe, needs)


def _company(work: list[WorkPeriod], key: str, shown: str, on: date, book: RuleBook) -> Finding:
    rule = book.value(REQUIREMENTS, on)
    years, window = int(rule["years"]), int(rule["window_years"])
    sure, maybe, now_sure, now_maybe, needs = _spans(work, key, on, book)
    best, best_maybe = _longest(sure), _longest(maybe)
    text = say(
        "%(months)s of continuous full-time work for %(employer)s outside Canada in the "
        "%(window)s years before %(on)s (%(years)s year needed)",
        months=_months(best),
        employer=shown,
        window=window,
        on=on,
        years=years,
    )
    if not now_sure:
        text = say("%(text)s; not known to be working there on %(on)s", text=text, on=on)
    if _reaches(best, years) and now_sure:
        return Finding(True, text)
    if not (_reaches(best_maybe, years) and now_maybe):
        return Finding(False, text)
    return Finding(None, text, tuple(needs))


def _runs(spans: list[Span]) -> list[Span]:
    """The runs of spans with no day between them."""
    runs: list[Span] = []
    for first, last in sorted(spans):
        if runs and first <= runs[-1][1] + _DAY:
            runs[-1] = (runs[-1][0], max(runs[-1][1], last))
        else:
            runs.append((first, last))
    return runs


def _longest(spans: list[Span]) -> Span | None:
    """The longest run of spans with no day between them."""
    return max(_runs(spans), key=lambda r: r[1] - r[0], default=None)


def steady_until(profile: Profile, on: date, book: RuleBook) -> date:
    """The verdict moves when a period starts or ends, an offer ends, or a run of work for the
    company comes near the year it must reach (``programs/steady.py``). A run's two ends move
    at most three days a day together (its last day with the assessment day, its first with
    the window's, which jumps a day over 29 February, and the year counted from it with the
    length of a month), so a run ``n`` days from the year cannot cross it within ``n / 4``."""
    if common.status(PROGRAM, on, book) == "not_yet_open":
        return steady.NEVER  # opening is a rule change: everything is evaluated again then
    if on < MEASURED_FROM:
        return MEASURED_FROM
    days = [d for p in profile.work for d in (p.start, p.end)]
    until = steady.first(on, [*days, *(o.end for o in profile.job_offers)])
    years = int(book.value(REQUIREMENTS, on)["years"])
    for key in {p.employer.casefold() for p in profile.work if p.employer}:
        found = _spans(profile.work, key, on, book)
        for first, last in _runs(found.sure) + _runs(found.maybe):
            slack = abs((last + _DAY - common.shift(first, years)).days)
            until = min(until, on + _DAY * max(1, slack // 4 - 1))
    return until


def _reaches(run: Span | None, years: int) -> bool:
    return run is not None and run[1] + _DAY >= common.shift(run[0], years)


def _months(run: Span | None) -> str:
    if run is None:
        return say("no months")
    months, left = common.months_and_days(run[0], run[1] + _DAY)
    if left:
        return say(
            "%(months)s months %(days)s days (%(first)s to %(last)s)",
            months=months,
            days=left,
            first=run[0],
            last=run[1],
        )
    return say(
        "%(months)s months (%(first)s to %(last)s)", months=months, first=run[0], last=run[1]
    )


# --- the transfer: the relationship between the enterprises, and the position ------------------


def _transfer(profile: Profile, on: date, book: RuleBook) -> tuple[Criterion, Criterion]:
    if not profile.job_offers:
        none = Finding(None, say("no job offer given"), ("job_offers",))
        pair = (none, none)
    else:
        found = [_offer(o, i, on, book) for i, o in enumerate(profile.job_offers)]
        pair = max(found, key=lambda fs: _RANK[and3(fs[0].value, fs[1].value)])
    rules = (REQUIREMENTS,)
    return criterion("relationship", pair[0], rules), criterion("position", pair[1], rules)


def _offer(offer: JobOffer, i: int, on: date, book: RuleBook) -> tuple[Finding, Finding]:
    rule, at = book.value(REQUIREMENTS, on), f"job_offers[{i}]."
    name = offer.employer or f"job_offers[{i}]"
    if offer.end is not None and offer.end < on:
        ended = Finding(
            False, say("the offer from %(name)s ended on %(end)s", name=name, end=offer.end)
        )
        return ended, ended
    tie = offer.employer_relationship
    if tie is None:
        why = say("how %(name)s is related to the employer abroad is not given", name=name)
        relation = Finding(None, why, (at + "employer_relationship",))
    else:
        ok = str(tie) in rule["relationships"]
        relation = Finding(ok, word(_RELATED[str(tie)]) % {"name": name})
    return relation, _position(offer, name, at, int(rule["managerial_teer"]), book)


def _position(offer: JobOffer, name: str, at: str, managerial: int, book: RuleBook) -> Finding:
    if offer.noc is None:
        why = say("NOC of the position at %(name)s not given", name=name)
        return Finding(None, why, (at + "noc",))
    codes: tuple[str, ...] = (offer.noc,)
    if len(offer.noc) == 4:
        mapping = occupations.map_2016(offer.noc, book)
        codes = mapping.candidates if mapping else ()
    if codes and all(occupations.teer(c) == managerial for c in codes):
        title = occupations.lookup(codes[0]).title
        # The title is the NOC's own (English), as occupations.lookup gives it.
        why = say(
            "NOC %(noc)s (%(title)s) is TEER %(teer)s, read as executive or senior managerial "
            "(IRCC judges the duties)",
            noc=offer.noc,
            title=title,
            teer=managerial,
        )
        return Finding(True, why)
    teers = "/".join(sorted({str(occupations.teer(c)) for c in codes})) or "?"
    why = say(
        "NOC %(noc)s is TEER %(teers)s, not managerial: only specialized knowledge could qualify",
        noc=offer.noc,
        teers=teers,
    )
    need = say("specialized knowledge for the position at %(name)s: not in the profile", name=name)
    return Finding(None, why, (need,))
