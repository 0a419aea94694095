"""What the Express Entry programs share: three-valued logic, language results, credentials,
job offers, work authorization and proof of funds.

Every helper answers True, False or None (a missing fact decides it) and says which profile
facts would settle a None, as field paths counted from 0 (``work[1].hours_per_week``).
Where a list only adds points or an exemption (job offers for the funds exemption, relatives
for adaptability), it is read as complete: an empty ``job_offers`` means no offer. Where a
required criterion rests on a list (``work``, ``language_tests``, ``education``, FST's offers
and certificates), an empty list is a profile not filled in yet, and the criterion is unknown.
"""

from __future__ import annotations

import calendar
import math
from collections.abc import Callable, Iterable, Mapping, Sequence
from datetime import date, timedelta
from functools import lru_cache

from dateutil.relativedelta import relativedelta

from maplepath.i18n import decimal, money, noop, say, word
from maplepath.occupations import codes as occupations
from maplepath.profile import facts, language, memo
from maplepath.profile.model import Credential, JobOffer, LanguageTest, Lmia, Profile, WorkPeriod
from maplepath.programs.verdict import Criterion, Finding, Ternary, Verdict, and3, criterion, or3
from maplepath.rulebook.book import RuleBook

FUNDS_RULE = "programs.express_entry.proof_of_funds"
ECA_RULE = facts.ECA_RULE
EPSILON = 1e-9  # as in experience.py: a year short by float rounding is a year
WORK_FACTS = ("noc", "start", "hours_per_week", "country", "authorized")
Occupation = Callable[[str], bool | None]  # is this NOC code one the program accepts?
_DAY = timedelta(days=1)


def shift(d: date, years: int = 0, months: int = 0) -> date:
    """``d + relativedelta(years=years, months=months)``: the same day so many calendar months
    later (earlier when negative), moved back to the month's last day when it has no such day
    (2024-02-29 less a year is 2023-02-28). Computed directly: building a relativedelta costs
    ten times more, and every provincial window starts with one."""
    if type(years) is not int or type(months) is not int:
        return d + relativedelta(years=years, months=months)  # its checks and errors
    year, month = divmod(d.year * 12 + d.month - 1 + years * 12 + months, 12)
    month += 1
    day = d.day
    if day > 28:
        day = min(day, calendar.monthrange(year, month)[1])
    return date(year, month, day)


def months_and_days(first: date, after: date) -> tuple[int, int]:
    """``relativedelta(after, first)`` as (whole months, remaining days) for ``after >= first``:
    the most months that, added to ``first``, do not pass ``after``, then the days left."""
    if after < first:
        span = relativedelta(after, first)
        return span.years * 12 + span.months, span.days
    months = (after.year - first.year) * 12 + after.month - first.month
    reached = shift(first, 0, months)
    while after < reached:
        months -= 1
        reached = shift(first, 0, months)
    return months, (after - reached).days


def years(y: float) -> str:
    """Years cut (not rounded) to two decimals, so 1.998 short of 2 never reads as 2.00; an
    infinite bound (start dates unknown) reads as such."""
    if y == float("inf"):
        return noop("unbounded")
    return f"{math.floor(y * 100 + EPSILON) / 100:.2f}"


def shown_years(y: float) -> str:
    """``years`` as a sentence says it in the language in force (``1,50`` in French)."""
    text = years(y)
    return word(text) if y == float("inf") else decimal(text)


@lru_cache(maxsize=16_384)
def status(program: str, on: date, book: RuleBook) -> str:
    """The program's status rule on ``on``: before its first date "not_yet_open", after a
    ``null`` value "closed". The same for every profile (a book never changes): kept per
    program, date and book, as every verdict asks (some several times)."""
    rule_id = f"programs.{program}.status"
    ruling = book.at(rule_id, on)
    if ruling.reason is None:  # in force
        return str(ruling.value)
    return "not_yet_open" if on < book.get(rule_id).values[0].effective_from else "closed"


def processing(on: date, book: RuleBook) -> str | None:
    """IRCC's Express Entry service standard on ``on`` (rule programs.express_entry.processing)."""
    value = book.value("programs.express_entry.processing", on)
    return str(value) if value is not None else None


def before_rules(program: str, on: date, book: RuleBook) -> Verdict | None:
    """A verdict for a date before the program's rules start (maplepath models dates from
    2015-01-01, when Express Entry opened), or None when its rules are in force."""
    rule_id, first = _first_day(program, book)
    if on >= first:
        return None
    why = say(
        "maplepath's rules for %(program)s start on %(first)s; %(on)s is earlier",
        program=program,
        first=first,
        on=on,
    )
    gap = Criterion("rules_in_force", Ternary.unknown, why, (rule_id,))
    return Verdict(program, "unknown", "not_yet_open", (gap,), "permanent_residence", None)


@lru_cache(maxsize=256)
def _first_day(program: str, book: RuleBook) -> tuple[str, date]:
    """The program's status rule and the first day it has a value (per book: a book never
    changes, and every verdict asks)."""
    rule_id = f"programs.{program}.status"
    return rule_id, book.get(rule_id).values[0].effective_from


def work_needs(
    work: Sequence[WorkPeriod], indexes: Iterable[int], facts: Sequence[str]
) -> list[str]:
    """The missing facts among ``facts`` of the listed periods. Authorization is asked only of
    work that may be Canadian, and the country only while authorization is not given."""
    return [
        f"work[{i}].{fact}"
        for i in indexes
        for fact in facts
        if getattr(work[i], fact) is None
        and not (fact == "authorized" and work[i].canadian is False)
        and not (fact == "country" and work[i].authorized is True)
    ]


# --- occupations -------------------------------------------------------------------------------


def skilled(code: str) -> bool | None:
    """TEER 0-3; a NOC 2016 code is skilled when every NOC 2021 group it maps to is."""
    if len(code) == 5:
        return occupations.is_skilled(code)
    mapping = occupations.map_2016(code)
    if mapping is None:
        return None
    return and3(*(occupations.is_skilled(c) for c in mapping.candidates))


# --- language: read once per person within a memo session, for the CRS and every program ------
read_tests = facts.language_results
best_tests = facts.best_results


def clb_text(r: language.TestResult) -> str:
    return r.summary


def results_only_fade(tests: Sequence[LanguageTest], on: date) -> bool:
    """Whether every test was taken by ``on``: later days can then only see results expire (rule
    language.validity), never a new or better one, so a language minimum unmet on ``on`` stays
    unmet while the rules stay as they are (a ``timeless`` criterion, ``verdict.Criterion``)."""
    return all(t.date <= on for t in tests)


def language_finding(
    tests: Sequence[LanguageTest], on: date, book: RuleBook, minimum: Mapping[str, int], what: str
) -> tuple[Finding, tuple[str, ...]]:
    """Whether the best valid result in English or in French reaches ``minimum`` in every
    ability; also the rules applied (the chart of the result used, and validity)."""
    if not tests:
        return Finding(None, say("no language test result given"), ("language_tests",)), ()
    best = best_tests(tests, on, book)
    if not best:
        why = say("no language result valid on %(on)s (results last 2 years)", on=on)
        return Finding(False, why), ()
    if len(best) == 1:
        (top,) = best.values()
    else:  # the language that comes closest to the minimum in its weakest ability
        top = max(best.values(), key=lambda r: min(r.clb[a] - minimum[a] for a in r.clb))
    rules = (top.rule_id, language.VALIDITY_RULE)
    clb = top.clb
    short = [a for a in language.ABILITIES if clb[a] < minimum[a]]
    result = clb_text(top)
    if not short:
        return Finding(True, say("%(result)s reaches %(what)s", result=result, what=what)), rules
    below = ", ".join(word(a) for a in short)
    text = say("%(result)s: %(below)s below %(what)s", result=result, below=below, what=what)
    return Finding(False, text), rules


# --- education ---------------------------------------------------------------------------------


def read_credential(c: Credential, path: str, on: date, book: RuleBook) -> Finding:
    """Whether a credential counts on ``on``: completed by then, and Canadian or assessed by an
    ECA less than five years old (rule education.eca_validity)."""
    needs: list[str] = []
    done: bool | None = None
    if c.completed is None:
        needs.append(f"{path}.completed")
    else:
        done = c.completed <= on
    origin: bool | None = None
    window = facts.eca_window(c, on, book)
    if c.canadian is None:
        needs.append(f"{path}.country")
        note = say("country not given")
    elif c.canadian:
        origin, note = True, say("Canadian credential")
    elif window is None:
        needs.append(f"{path}.eca")
        note = say("foreign credential without an ECA given")
    else:
        issued, expires = window
        origin = issued <= on < expires
        issuer = (c.eca.issuer if c.eca else None) or "?"
        note = say(
            "ECA by %(issuer)s valid from %(issued)s until %(expires)s",
            issuer=issuer,
            issued=issued,
            expires=expires,
        )
    if done is False:
        note = say("completed on %(completed)s, after %(on)s", completed=c.completed, on=on)
    return Finding(and3(done, origin), note, tuple(needs))


def read_education(profile: Profile, on: date, book: RuleBook) -> tuple[Finding, ...]:
    """``read_credential`` of each credential, in order: once per memo session."""
    return memo.in_session(profile, on, book, "education.reads", lambda: _read(profile, on, book))


def _read(profile: Profile, on: date, book: RuleBook) -> tuple[Finding, ...]:
    return tuple(
        read_credential(c, f"education[{i}]", on, book) for i, c in enumerate(profile.education)
    )


def level(c: Credential) -> str | None:
    """The level a credential counts at: its ECA's equivalence for foreign ones."""
    lv = c.level if c.canadian or c.eca is None else c.eca.level
    return None if lv is None else str(lv)


# --- work authorization and job offers ---------------------------------------------------------


def _current(p: WorkPeriod, on: date) -> bool | None:
    if p.end is not None and p.end < on:
        return False
    return None if p.start is None else p.start <= on


def _same_employer(name: str | None) -> Callable[[WorkPeriod], bool | None]:
    def match(p: WorkPeriod) -> bool | None:
        if name is None or p.employer is None:
            return None
        return p.employer.casefold() == name.casefold()

    return match


def authorized_now(
    work: Sequence[WorkPeriod],
    on: date,
    match: Callable[[WorkPeriod], bool | None] = lambda p: True,
) -> Finding:
    """Working in Canada with authorization on ``on`` (in a period ``match`` accepts). The
    profile records authorization on Canadian work periods, so someone with no current Canadian
    period reads as not authorized to work in Canada."""
    answers, needs = [], []
    for i, p in enumerate(work):
        answer = and3(_current(p, on), p.canadian, p.authorized, match(p))
        answers.append(answer)
        if answer is None:
            needs += work_needs(work, [i], ("start", "country", "authorized", "employer"))
    value = or3(answers)
    if value is None:
        text = say("work in Canada unclear on %(on)s", on=on)
    elif value:
        text = say("working in Canada with authorization on %(on)s", on=on)
    else:
        text = say("not working in Canada on %(on)s", on=on)
    return Finding(value, text, tuple(needs))


def offer_finding(
    offer: JobOffer, i: int, work: Sequence[WorkPeriod], on: date, occupation: Occupation
) -> Finding:
    """A valid job offer (IRPR s. 82 for FSW, s. 87.2 for FST): in an accepted occupation,
    full-time, for a year or more, and backed by an LMIA, or LMIA-exempt while the person is
    already working in Canada for that employer (R82(2)(b): e.g. a CUSMA or ICT work permit)."""
    at = f"job_offers[{i}]."
    noc_ok = None if offer.noc is None else occupation(offer.noc)
    checks: list[tuple[bool | None, str, tuple[str, ...]]] = [
        (noc_ok, say("NOC %(noc)s does not qualify", noc=offer.noc), (at + "noc",)),
        (offer.full_time, say("not full-time"), (at + "full_time",)),
    ]
    if offer.end is not None:
        # A year or more: ``relativedelta(end + 1 day, start).years >= 1``, i.e. the first
        # anniversary of the start is no later than the day after the end.
        year = None if offer.start is None else shift(offer.start, 1) <= offer.end + _DAY
        checks.append((offer.end >= on, say("ended on %(end)s", end=offer.end), ()))
        checks.append((year, say("shorter than a year"), (at + "start",)))
    if offer.lmia == Lmia.exempt:
        # Only whether, not the sentence: the check says it for the employer.
        here = authorized_now(work, on, _same_employer(offer.employer))
        why = say("LMIA-exempt, and not now working in Canada for the employer")
        checks.append((here.value, why, here.needs))
    else:
        lmia = None if offer.lmia is None else offer.lmia == Lmia.approved
        checks.append((lmia, say("no LMIA"), (at + "lmia",)))
    value = and3(*(ok for ok, _, _ in checks))
    name = offer.employer or f"job_offers[{i}]"
    if value is False:
        failed = "; ".join(why for ok, why, _ in checks if ok is False)
        return Finding(
            False, say("job offer from %(name)s is not valid: %(why)s", name=name, why=failed)
        )
    needs = tuple(n for ok, _, ns in checks if ok is None for n in ns)
    text = say("valid job offer from %(name)s (NOC %(noc)s)", name=name, noc=offer.noc)
    return Finding(value, text, needs)


def best_offer(profile: Profile, on: date, occupation: Occupation) -> Finding:
    if not profile.job_offers:
        return Finding(False, say("no job offer"))
    found = [
        offer_finding(o, i, profile.work, on, occupation) for i, o in enumerate(profile.job_offers)
    ]
    return min(found, key=lambda f: {True: 0, None: 1, False: 2}[f.value])


# --- proof of funds ----------------------------------------------------------------------------


def required_funds(table: Mapping[str, int], family_size: int) -> int:
    if family_size <= 7:
        return int(table[str(family_size)])
    return int(table["7"]) + (family_size - 7) * int(table["each_additional"])


def funds_criterion(
    profile: Profile, on: date, book: RuleBook, occupation: Occupation
) -> Criterion:
    """Settlement funds for the family size, from the table in force on ``on``; not needed
    when the person is authorized to work in Canada now and holds a valid job offer."""
    return criterion("proof_of_funds", _funds(profile, on, book, occupation), [FUNDS_RULE])


_NOT_READ = Finding(False, "")


def _funds(profile: Profile, on: date, book: RuleBook, occupation: Occupation) -> Finding:
    ruling = book.at(FUNDS_RULE, on)
    # FSW's grid asks for the same best offer (arranged employment).
    offer = memo.in_session(
        profile, on, book, ("best_offer", occupation), lambda: best_offer(profile, on, occupation)
    )
    # Without a valid offer there is no exemption, whatever the work: it is not read.
    here = _NOT_READ if offer.value is False else authorized_now(profile.work, on)
    exempt = and3(here.value, offer.value)
    if exempt:
        why = say("exempt: %(work)s, %(offer)s", work=here.detail, offer=offer.detail)
        return Finding(True, why)
    if not ruling.in_force:
        why = say("no funds table on %(on)s: %(reason)s", on=on, reason=ruling.reason)
        return Finding(None, why)
    n, funds = profile.family_size, profile.settlement_funds_cad
    if n is None or funds is None:
        facts = (("family_size", n), ("settlement_funds_cad", funds))
        missing = tuple(k for k, v in facts if v is None)
        return Finding(None, say("funds or family size not given"), missing)
    need = required_funds(ruling.value, n)
    since, has = ruling.effective_from, money(funds)
    table = say(
        "%(need)s for a family of %(n)s (table of %(since)s)", need=money(need), n=n, since=since
    )
    if funds >= need:
        return Finding(True, say("%(has)s meets %(table)s", has=has, table=table))
    short = say(
        "%(has)s is %(gap)s short of %(table)s", has=has, gap=money(need - funds), table=table
    )
    if exempt is None:
        why = say(
            "%(short)s, unless exempt (%(work)s; %(offer)s)",
            short=short,
            work=here.detail,
            offer=offer.detail,
        )
        return Finding(None, why, here.needs + offer.needs)
    return Finding(False, short)


def credential_completed(
    profile: Profile, on: date, levels: Iterable[str], rules: tuple[str, ...], met: str, unmet: str
) -> Criterion:
    """A credential of one of ``levels`` completed by ``on`` (provincial streams' education
    criterion): unknown while a credential's level or completion date is missing."""
    if not profile.education:
        f = Finding(None, say("no education given"), ("education",))
        return criterion("education", f, rules)
    wanted = set(levels)
    answers: list[bool | None] = []
    needs: list[str] = []
    for i, c in enumerate(profile.education):
        level = None if c.level is None else str(c.level) in wanted
        done = None if c.completed is None else c.completed <= on
        answers.append(None if level is None or done is None else level and done)
        needs += [f"education[{i}].{k}" for k in ("level", "completed") if getattr(c, k) is None]
    value = or3(answers)
    if value:
        text = met
    elif value is False:
        text = say("%(unmet)s by %(on)s", unmet=unmet, on=on)
    else:
        text = say("%(met)s: unclear", met=met)
    return criterion("education", Finding(value, text, tuple(needs)), rules)
