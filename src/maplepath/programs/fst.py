"""Federal Skilled Trades Program (FST), an Express Entry program (IRPR s. 87.2).

Minimum requirements: two years of full-time (or equivalent part-time) work in one skilled
trade in the five years before applying; CLB/NCLC 5 in speaking and listening and 4 in reading
and writing; a valid full-time job offer of at least a year, or a Canadian certificate of
qualification in the trade; proof of funds unless authorized to work in Canada with a valid job
offer. There is no education requirement.

The trades are a rule of NOC groups, not a list (``rules/programs/fst/trades.yaml``): since
2022-11-16, NOC 2021 Major Groups 72 (excluding Sub-Major Group 726), 73, 82, 83, 92 and 93
(excluding Sub-Major Group 932), Minor Group 6320 and Unit Group 62200; before, NOC 2016 Major
Groups 72, 73, 82, 92 and Minor Groups 632, 633.

References: IRCC, "Federal Skilled Trades Program: who can apply" (page of 2026-06-22,
https://www.canada.ca/en/immigration-refugees-citizenship/services/immigrate-canada/express-entry/who-can-apply/federal-skilled-trades.html).
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from functools import partial
from typing import Any

from maplepath.i18n import say
from maplepath.occupations import codes as occupations
from maplepath.profile import experience
from maplepath.profile.experience import Accrual
from maplepath.profile.model import Profile
from maplepath.programs import common
from maplepath.programs.verdict import Criterion, Finding, Verdict, and3, combine, criterion, or3
from maplepath.rulebook import book as rulebook
from maplepath.rulebook.book import RuleBook

PROGRAM = "fst"
R = "programs.fst."
TRADES = R + "trades"


def in_groups(code: str, groups: Mapping[str, Any]) -> bool:
    """Whether a code of the rule's classification falls in its groups: a major, minor or unit
    group listed, and not in an excluded sub-major group. Codes nest by prefix: unit group
    72100 is in minor group 7210, sub-major group 721 and major group 72."""
    listed = (*groups["major_groups"], *groups["minor_groups"], *groups["unit_groups"])
    return occupations.in_groups(code, listed, groups["excluded_sub_major_groups"])


def is_trade(code: str, on: date, book: RuleBook | None = None) -> bool | None:
    """Whether NOC ``code`` is an FST skilled trade on ``on``; None when it cannot be told: a
    NOC 2021 code against the NOC 2016 rule (before 2022-11-16), or a NOC 2016 code whose NOC
    2021 successors disagree."""
    book = book or rulebook.default()
    ruling = book.at(TRADES, on)
    if not ruling.in_force:
        return None
    groups = ruling.value
    width = 4 if groups["classification"] == "NOC 2016" else 5
    if len(code) == width:
        return in_groups(code, groups)
    if width == 4:
        return None  # NOC 2021 groups cannot be mapped back to NOC 2016 reliably
    mapped = occupations.map_2016(code, book)
    if mapped is None:
        return None
    answers = {in_groups(c, groups) for c in mapped.candidates}
    return answers.pop() if len(answers) == 1 else None


def evaluate(profile: Profile, on: date, book: RuleBook | None = None) -> Verdict:
    book = book or rulebook.default()
    early = common.before_rules(PROGRAM, on, book)
    if early:
        return early
    trade = partial(is_trade, on=on, book=book)
    minimum = book.value(R + "language", on)
    lang, lang_rules = common.language_finding(
        profile.language_tests,
        on,
        book,
        minimum,
        say("the FST minimum (CLB 5 speaking and listening, 4 reading and writing)"),
    )
    criteria = (
        _experience(profile, on, book),
        criterion("language", lang, (R + "language", *lang_rules)),
        _offer_or_certificate(profile, on, book),
        common.funds_criterion(profile, on, book, trade),
    )
    status = common.status(PROGRAM, on, book)
    return Verdict(
        PROGRAM,
        combine(criteria),
        status,
        criteria,
        "permanent_residence",
        common.processing(on, book),
    )


def _experience(profile: Profile, on: date, book: RuleBook) -> Criterion:
    """IRPR s. 87.2(3)(a): two years in *the* skilled trade applied for, so each trade (NOC)
    is counted on its own; the years need not be continuous."""
    rule = book.value(R + "experience", on)
    years, window, rules = rule["years"], rule["window_years"], (R + "experience", TRADES)
    if not profile.work:
        return criterion("experience", Finding(None, say("no work given"), ("work",)), rules)
    codes = sorted({p.noc for p in profile.work if p.noc})
    results: list[tuple[bool | None, Accrual, str | None]] = []
    for code in [*codes, None]:  # None: the work whose NOC is not given
        trade = True if code is None else is_trade(code, on, book)
        if trade is False:
            continue
        acc = experience.accrue(
            profile.work,
            on,
            window_years=window,
            skilled_only=False,
            require_authorized=True,
            nocs=frozenset([code] if code else []),
            book=book,
        )
        results.append((and3(trade, acc.at_least(years)), acc, code))
    value = or3(v for v, _, _ in results)
    lead = say(
        "in the %(window)s years before %(on)s (%(years)s needed in one FST trade)",
        window=window,
        on=on,
        years=years,
    )
    if value:
        acc, code = next((a, c) for v, a, c in results if v)
        text = say(
            "%(years)s years as NOC %(noc)s %(lead)s",
            years=common.shown_years(acc.years),
            noc=code,
            lead=lead,
        )
        return criterion("experience", Finding(True, text), rules)
    if value is False:
        trades = [(a.years, c) for _, a, c in results if c]
        most, noc = max(trades, default=(0.0, ""))
        text = (
            say(
                "at most %(years)s years in one trade (NOC %(noc)s) %(lead)s",
                years=common.shown_years(most),
                noc=noc,
                lead=lead,
            )
            if trades
            else say(
                "no work in an FST trade %(lead)s; NOC %(codes)s are not trades",
                lead=lead,
                codes=", ".join(codes) or "-",
            )
        )
        # Every NOC given and none a trade (under the rules in force): no date adds trade work.
        timeless = not trades and all(p.noc for p in profile.work)
        return criterion("experience", Finding(False, text), rules, timeless)
    unknown = sorted({i for v, a, _ in results if v is None for i in a.unknown})
    needs = common.work_needs(profile.work, unknown, common.WORK_FACTS)
    needs += [
        f"work[{i}].noc"
        for i, p in enumerate(profile.work)
        if p.noc and is_trade(p.noc, on, book) is None
    ]
    text = say("two years in one trade depend on missing facts %(lead)s", lead=lead)
    return criterion("experience", Finding(None, text, tuple(dict.fromkeys(needs))), rules)


def _offer_or_certificate(profile: Profile, on: date, book: RuleBook) -> Criterion:
    """A required criterion: with neither offers nor certificates listed the profile may just
    not be filled in yet, so it is unknown (principle 3), not unmet."""
    rules = (R + "job_offer_or_certificate", TRADES)
    if not profile.job_offers and not profile.certificates_of_qualification:
        facts = ("job_offers", "certificates_of_qualification")
        text = say("no job offer or certificate of qualification given")
        return criterion("job_offer_or_certificate", Finding(None, text, facts), rules)
    certificates: list[Finding] = []
    for i, c in enumerate(profile.certificates_of_qualification):
        trade = None if c.trade_noc is None else is_trade(c.trade_noc, on, book)
        issued = None if c.province is None else True
        needs = tuple(
            f"certificates_of_qualification[{i}].{f}"
            for f in ("trade_noc", "province")
            if getattr(c, f) is None
        )
        what = say(
            "certificate of qualification in NOC %(noc)s from %(province)s",
            noc=c.trade_noc or "?",
            province=c.province or "?",
        )
        certificates.append(Finding(and3(trade, issued), what, needs))
    offer = common.best_offer(profile, on, partial(is_trade, on=on, book=book))
    found = [*certificates, offer]
    value = or3(f.value for f in found)
    if value is False and not certificates:
        detail = say("%(offer)s; no certificate of qualification", offer=offer.detail)
    else:
        detail = "; ".join(f.detail for f in found if f.value is value)
    needs = tuple(n for f in found if f.value is None for n in f.needs)
    return criterion("job_offer_or_certificate", Finding(value, detail, needs), rules)
