"""Global Talent Stream (GTS): ESDC's fast stream of the Temporary Foreign Worker Program.

The employer gets an LMIA through the stream without the usual advertising; the worker's
employer-specific work permit is processed in about two weeks (Global Skills Strategy). Two ways:

- Category A (``gts_a``): the employer is referred by one of ESDC's designated referral partners
  and hires "unique and specialized talent" (a wage of at least $80,000 a year, advanced industry
  knowledge, an advanced degree and/or five years of specialized experience). The profile holds
  neither the referral nor the industry knowledge, so Category A is at best ``unknown``.
- Category B (``gts_b``): the job is in an occupation on the Global Talent Occupations List,
  paid at least the list's wage floor where it sets one. The list's history is a rule
  (``programs.gts_b.occupations``): NOC 2016 unit groups until ESDC moved to NOC 2021 on
  2022-11-16, NOC 2021 after. Wage floors were not found, so an occupation with a floor leaves
  the wage ``unknown``; one at "prevailing wage" sets no floor.

History: launched on 2017-06-12 as a two-year pilot of the Global Skills Strategy, permanent since
2019; the list changed on 2018-06-12, 2019-07-05 (and 2019-08-05), 2022-11-16 and 2022-12-22.

References: ESDC, "Program requirements for the Global Talent Stream"
(https://www.canada.ca/en/employment-social-development/services/foreign-workers/global-talent/requirements.html);
IRCC, "Global Skills Strategy" (two-week processing); the rules under ``rules/programs/gts*/``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from datetime import date
from typing import Any

from maplepath import i18n
from maplepath.i18n import decimal, money, noop, say, word
from maplepath.occupations import codes as occupations
from maplepath.profile import experience
from maplepath.profile.model import JobOffer, Profile
from maplepath.programs import common, steady
from maplepath.programs.provincial import join, years_text
from maplepath.programs.verdict import (
    Criterion,
    Finding,
    Ternary,
    Verdict,
    and3,
    beyond_profile,
    combine,
    criterion,
    or3,
)
from maplepath.rulebook import book as rulebook
from maplepath.rulebook.book import RuleBook

PROGRAM = ("gts_a", "gts_b")
LEADS_TO = "work_permit"
STATUS, PROCESSING = "programs.gts.status", "programs.gts.processing"
TALENT, OCCUPATIONS = "programs.gts_a.unique_talent", "programs.gts_b.occupations"
CEC = "programs.cec.experience"
NOC_2021_TABLES = date(2022, 11, 16)  # the concordance rule is read on this date
_RANK = {True: 2, None: 1, False: 0}
_DEGREE = {
    True: noop("an advanced degree"),
    False: noop("no advanced degree"),
    None: noop("degree level unclear"),
}


def _hourly(wage: float) -> str:
    """A wage to the cent, as English writes it after a ``$`` (``12.50``; ``12,50`` in French)."""
    return decimal(f"{wage:.2f}")


def evaluate_a(profile: Profile, on: date, book: RuleBook | None = None) -> Verdict:
    book = book or rulebook.default()
    return _verdict("gts_a", on, book, lambda: _category_a(profile, on, book))


def evaluate_b(profile: Profile, on: date, book: RuleBook | None = None) -> Verdict:
    book = book or rulebook.default()
    return _verdict("gts_b", on, book, lambda: _category_b(profile, on, book))


PROGRAMS = {"gts_a": evaluate_a, "gts_b": evaluate_b}


def steady_until_a(profile: Profile, on: date, book: RuleBook) -> date:
    """Category A's verdict moves when an offer ends, a credential is completed, or the work in
    an offer's field reaches the years asked (``programs/steady.py``)."""
    if common.status("gts", on, book) == "not_yet_open":
        return steady.NEVER  # opening is a rule change: everything is evaluated again then
    days = [*(o.end for o in profile.job_offers), *(c.completed for c in profile.education)]
    until = steady.first(on, days)
    years = (int(book.value(TALENT, on)["experience_years"]),)
    for offer in profile.job_offers:
        nocs = {offer.noc} if offer.noc else None  # as _talent counts it, with no window
        acc = experience.accrue(profile.work, on, skilled_only=False, nocs=nocs, book=book)
        until = min(until, steady.experience(acc, on, book, years, grows_only=True))
    return until


def steady_until_b(profile: Profile, on: date, book: RuleBook) -> date:
    """Category B's verdict moves only when an offer ends (the list and its floors are rules)."""
    return steady.first(on, (o.end for o in profile.job_offers))


def _verdict(
    program: str, on: date, book: RuleBook, measure: Callable[[], Sequence[Criterion]]
) -> Verdict:
    """Before 2017-06-12 the stream did not exist: nobody could use it (not a missing fact)."""
    status = common.status("gts", on, book)
    if status == "not_yet_open":
        first = book.get(STATUS).values[0].effective_from
        why = say(
            "the Global Talent Stream opened on %(first)s; on %(on)s it did not exist yet",
            first=first,
            on=on,
        )
        gap = Criterion("program_exists", Ternary.unmet, why, (STATUS,))
        return Verdict(program, "ineligible", status, (gap,), LEADS_TO, None)
    criteria = (*measure(), permit_criterion(on, book))
    ruling = book.at(PROCESSING, on)
    processing = str(ruling.value) if ruling.in_force else None
    return Verdict(program, combine(criteria), status, criteria, LEADS_TO, processing)


@i18n.kept_per_language  # the same for everyone on a date (a book never changes)
def permit_criterion(on: date, book: RuleBook) -> Criterion:
    """What the permit is, and how it leads to permanent residence through the CEC."""
    cec = book.value(CEC, on)
    text = say(
        "an employer-specific work permit backed by the employer's GTS LMIA; %(years)s year of "
        "full-time skilled work in Canada on it is Canadian experience that the Canadian "
        "Experience Class counts (%(years)s year needed in the %(window)s years before applying "
        "for permanent residence)",
        years=cec["years"],
        window=cec["window_years"],
    )
    return Criterion("permit", Ternary.met, text, (CEC,))


def _name(offer: JobOffer, i: int) -> str:
    return offer.employer or f"job_offers[{i}]"


def _best(found: Iterable[tuple[Finding, ...]]) -> tuple[Finding, ...]:
    """The offer whose findings together are the most favourable (met, then unknown)."""
    return max(found, key=lambda fs: _RANK[and3(*(f.value for f in fs))])


# --- Category A: referral and unique, specialized talent --------------------------------------


def _category_a(profile: Profile, on: date, book: RuleBook) -> tuple[Criterion, ...]:
    talent = book.value(TALENT, on)
    why = noop(
        "a referral by one of ESDC's designated referral partners is needed (ESDC processes "
        "an occupation on the Global Talent Occupations List as Category B)"
    )
    need = noop("referral by a designated partner: not in the profile")
    if not profile.job_offers:
        none = Finding(None, say("no job offer given"), ("job_offers",))
        pair: tuple[Finding, ...] = (none, none)
    else:
        offers = enumerate(profile.job_offers)
        pair = _best(
            (_salary(o, i, on, talent), _talent(profile, o, i, on, book)) for i, o in offers
        )
    return (
        beyond_profile("referral", why, (need,), ()),
        criterion("salary", pair[0], (TALENT,)),
        criterion("specialized_talent", pair[1], (TALENT, experience.RULE)),
    )


def _salary(offer: JobOffer, i: int, on: date, talent: dict[str, Any]) -> Finding:
    floor, name = float(talent["hourly_wage"]), _name(offer, i)
    if offer.end is not None and offer.end < on:
        why = say("the offer from %(name)s ended on %(end)s", name=name, end=offer.end)
        return Finding(False, why)
    if offer.hourly_wage is None:
        why = say("wage of %(name)s's offer not given", name=name)
        return Finding(None, why, (f"job_offers[{i}].hourly_wage",))
    wage, annual = _hourly(offer.hourly_wage), money(talent["annual_salary"])
    if offer.hourly_wage < floor:
        why = say(
            "$%(wage)s an hour is below $%(floor)s an hour (%(annual)s a year)",
            wage=wage,
            floor=_hourly(floor),
            annual=annual,
        )
        return Finding(False, why)
    text = say(
        "$%(wage)s an hour reaches $%(floor)s an hour (%(annual)s a year) (or the prevailing "
        "wage if higher)",
        wage=wage,
        floor=_hourly(floor),
        annual=annual,
    )
    return Finding(True, text)


def _talent(profile: Profile, offer: JobOffer, i: int, on: date, book: RuleBook) -> Finding:
    """An advanced degree and/or the years of experience can be measured; advanced knowledge of
    the industry cannot, so the best answer is unknown."""
    rule = book.value(TALENT, on)
    degree = _advanced_degree(profile, on, rule["advanced_degree_levels"])
    years = int(rule["experience_years"])
    nocs = {offer.noc} if offer.noc else None
    acc = experience.accrue(profile.work, on, skilled_only=False, nocs=nocs, book=book)
    seasoned: bool | None = acc.at_least(years)
    exp_needs = common.work_needs(profile.work, acc.unknown, ("noc", "start", "hours_per_week"))
    if offer.noc is None and seasoned:  # enough work, but in which field?
        seasoned, exp_needs = None, [f"job_offers[{i}].noc"]
    if not profile.work:  # an empty list is a profile not filled in yet
        seasoned, exp_needs = None, ["work"]
    field = say("NOC %(noc)s", noc=offer.noc) if offer.noc else say("the job's field")
    if or3([degree.value, seasoned]) is False:
        why = say(
            "no master's or doctorate and under %(years)s years of experience in %(field)s",
            years=years,
            field=field,
        )
        return Finding(False, why)
    needs = [say("advanced knowledge of the industry: not in the profile")]
    if degree.value is None and not seasoned:
        needs += degree.needs
    if seasoned is None and not degree.value:
        needs += exp_needs
    shown = say(
        "%(years)s years in %(field)s; %(degree)s; ESDC also looks for advanced industry knowledge",
        years=years_text(acc.years),
        field=field,
        degree=degree.detail,
    )
    return Finding(None, shown, tuple(needs))


def _advanced_degree(profile: Profile, on: date, levels: Sequence[str]) -> Finding:
    if not profile.education:
        return Finding(None, say("no education given"), ("education",))
    answers, needs = [], []
    for k, c in enumerate(profile.education):
        level = None if c.level is None else str(c.level)
        done = None if c.completed is None else c.completed <= on
        answers.append(and3(None if level is None else level in levels, done))
        needs += [
            f"education[{k}].{f}" for f, v in (("level", level), ("completed", done)) if v is None
        ]
    value = or3(answers)
    return Finding(value, word(_DEGREE[value]), tuple(needs))


# --- Category B: the Global Talent Occupations List -------------------------------------------


def _category_b(profile: Profile, on: date, book: RuleBook) -> tuple[Criterion, ...]:
    if not profile.job_offers:
        none = Finding(None, say("no job offer given"), ("job_offers",))
        pair: tuple[Finding, ...] = (none, none)
    else:
        pair = _best(_offer_b(o, i, on, book) for i, o in enumerate(profile.job_offers))
    return (
        criterion("occupation", pair[0], (OCCUPATIONS,)),
        criterion("wage_floor", pair[1], (OCCUPATIONS,)),
    )


def _offer_b(offer: JobOffer, i: int, on: date, book: RuleBook) -> tuple[Finding, Finding]:
    name, at = _name(offer, i), f"job_offers[{i}]."
    idle = Finding(None, say("no listed occupation to take a wage floor from"))
    if offer.end is not None and offer.end < on:
        why = say("the offer from %(name)s ended on %(end)s", name=name, end=offer.end)
        return Finding(False, why), idle
    if offer.noc is None:
        why = say("NOC of %(name)s's offer not given", name=name)
        return Finding(None, why, (at + "noc",)), idle
    value, entries = listed(offer.noc, on, book)
    table = book.value(OCCUPATIONS, on)["classification"]
    # The titles are the list's own (ESDC's English), kept as the rules write them.
    titles = join(e["title"] + (f" ({e['subset']})" if "subset" in e else "") for e in entries)
    noc = offer.noc
    if value is False:
        why = say(
            "NOC %(noc)s is not on the list (%(table)s) on %(on)s",
            noc=noc,
            table=word(table),
            on=on,
        )
        return Finding(False, why), idle
    wage = _wage(offer, i, entries)
    if value:
        return Finding(
            True, say("NOC %(noc)s is on the list: %(titles)s", noc=noc, titles=titles)
        ), wage
    if (len(offer.noc) == 5) != (table == "NOC 2021"):  # translated through the concordance
        needs: tuple[str, ...] = (
            say("%(path)s as a %(table)s code", path=at + "noc", table=word(table)),
        )
    else:
        needs = (
            say(
                "whether %(name)s's job is in the listed part of %(titles)s: not in the profile",
                name=name,
                titles=titles,
            ),
        )
    why = say("NOC %(noc)s is on the list only in part: %(titles)s", noc=noc, titles=titles)
    return Finding(None, why, needs), wage


def _wage(offer: JobOffer, i: int, entries: Sequence[dict[str, Any]]) -> Finding:
    """The list's floor, where it sets one; "prevailing" means no floor (ESDC checks the
    prevailing wage in the LMIA); null means a floor maplepath has not found."""
    wages = [e["wage"] for e in entries]
    if all(w == "prevailing" for w in wages):
        return Finding(True, say("the list sets no wage floor here: the prevailing wage applies"))
    missing = [e["title"] for e in entries if e["wage"] is None]
    if missing:
        needs = tuple(
            say("the list's wage floor for %(title)s: not in maplepath's rules", title=t)
            for t in missing
        )
        why = say("the list sets a wage floor that maplepath has not found")
        return Finding(None, why, needs)
    floor = min(float(w) for w in wages if w != "prevailing")
    if offer.hourly_wage is None:
        why = say("wage floor $%(floor)s an hour", floor=_hourly(floor))
        return Finding(None, why, (f"job_offers[{i}].hourly_wage",))
    ok = offer.hourly_wage >= floor
    text = say(
        "$%(wage)s an hour against a floor of $%(floor)s",
        wage=_hourly(offer.hourly_wage),
        floor=_hourly(floor),
    )
    return Finding(ok, text)


def listed(code: str, on: date, book: RuleBook | None = None) -> tuple[bool | None, list[Any]]:
    """Whether a job's NOC code is on the Global Talent Occupations List on ``on``, and the list
    entries it falls in. True: fully listed; None: only a listed subset, or a code of the other
    NOC version that maps in part; False: not listed (or no list on that date)."""
    book = book or rulebook.default()
    ruling = book.at(OCCUPATIONS, on)
    if not ruling.in_force:
        return False, []
    entries: list[dict[str, Any]] = ruling.value["occupations"]
    key = "noc2021" if ruling.value["classification"] == "NOC 2021" else "noc2016"
    if (len(code) == 5) == (key == "noc2021"):
        found = [e for e in entries if code in (e[key] if key == "noc2021" else [e[key]])]
        full = [e for e in found if "subset" not in e]
        return (True if full else None if found else False), (full or found)
    # A code of the other NOC version: translate through Statistics Canada's concordance.
    answers = [listed(c, on, book) for c in _other_version(code, book)]
    values = {a for a, _ in answers}
    # All on the list, or none (an unknown code too); else a split code: the person must choose.
    value = values.pop() if len(values) == 1 else False if not values else None
    seen = {e["title"]: e for _, es in answers for e in es}
    return value, list(seen.values())


def _other_version(code: str, book: RuleBook) -> list[str]:
    """NOC 2016 -> the NOC 2021 groups it became; NOC 2021 -> the NOC 2016 groups it came from."""
    if len(code) == 4:
        mapping = occupations.map_2016(code, book)
        return list(mapping.candidates) if mapping else []
    table = book.value(occupations.CONCORDANCE_RULE, NOC_2021_TABLES)
    return [old for old, entry in table.items() if code in entry["noc2021"]]
