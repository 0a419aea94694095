"""Quebec's Skilled Worker Selection Program (Programme de sélection des travailleurs
qualifiés, PSTQ), Quebec's regular route for skilled workers since 2024-11-29 (it replaced the
Regular Skilled Worker Program). A candidate declares an interest in Arrima; the ministry
invites by rounds under ministerial orders (a minimum score and filters: Quebec graduates,
priority occupations, regions); an invited candidate applies for selection, which gives a
Certificat de sélection du Québec (CSQ), then applies to IRCC for permanent residence, outside
Express Entry. Quebec has no provincial nominee program and no CRS points are involved.

Four streams (Regulation respecting immigration to Québec, ss. 32.1 and following, from
2023-11-08): 1, highly qualified and specialized skills (FEER 0-2 work, 12 months in the last
5 years, oral French 7 and written 5); 2, intermediate and manual skills (FEER 3-5, 24 months
in the last 5 years of which 12 in Quebec, oral French 5); 3, regulated professions; 4,
exceptional talent. maplepath evaluates streams 1 and 2 and keeps the one that comes closest;
3 and 4 rest on facts a profile does not hold (an authorization to practise, an endorsement).
After the Quebec Experience Program stopped taking applications (2025-11-19) and the AI, IT and
visual effects pilot ended (2026-01-01), the PSTQ is what Quebec offers a tech worker.

References: Quebec.ca, the PSTQ (application process; knowledge of French); LégisQuébec,
I-0.2.1, r. 3; MIFI release of 2026-03-02 (invitations).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import replace
from datetime import date, timedelta
from functools import cache
from typing import Any

from maplepath.i18n import kept_per_language, noop, say, word
from maplepath.occupations import codes as occupations
from maplepath.profile import language
from maplepath.profile.facts import add_years, age_on
from maplepath.profile.model import Profile, WorkPeriod
from maplepath.programs import common, provincial, steady
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

PROGRAM = "quebec_pstq"
LEADS_TO = "permanent_residence"
R = "programs.quebec_pstq."
STREAMS = {
    "highly_qualified": noop("stream 1, highly qualified and specialized skills (FEER 0-2)"),
    "intermediate": noop("stream 2, intermediate and manual skills (FEER 3-5)"),
}
_RANK = {"eligible": 0, "unknown": 1, "ineligible": 2}
_DAY = timedelta(days=1)


def evaluate(profile: Profile, on: date, book: RuleBook | None = None) -> Verdict:
    book = book or rulebook.default()
    before = provincial.early(PROGRAM, on, book, LEADS_TO)
    if before:
        return before
    rule = book.value(R + "streams", on)
    rules = (R + "streams",)
    tried = [(name, _stream(profile, on, book, rule[name])) for name in STREAMS]
    # The stream that comes closest: eligible, else unknown, else the one with fewest unmet
    # criteria (ties: the first).
    name, criteria = min(tried, key=lambda nc: (_RANK[combine(nc[1])], _unmet(nc[1])))
    criteria = _french_settled(profile, on, tried, criteria)
    common_to_all = (
        _age(profile, on, rule["min_age"], rules),
        _stream_chosen(name),
        *criteria,
        _settlement_and_support(),
    )
    status = common.status(PROGRAM, on, book)
    return Verdict(PROGRAM, combine(common_to_all), status, common_to_all, LEADS_TO, None)


@kept_per_language
def _stream_chosen(name: str) -> Criterion:
    """The stream evaluated, and why the other two are not (said once per stream and
    language)."""
    others = say(
        "evaluated: %(stream)s; streams 3 (regulated professions) and 4 (exceptional talent) "
        "need facts a profile does not hold",
        stream=word(STREAMS[name]),
    )
    return criterion("stream", Finding(True, others), (R + "streams",))


def _settlement_and_support() -> Criterion:
    """What no profile shows (``verdict.beyond_profile``)."""
    settle = noop("the intention to settle in Quebec (not in the profile)")
    support = noop("a contract of financial self-support for 3 months (not in the profile)")
    why = noop("the intention to settle in Quebec and a contract of financial self-support")
    return beyond_profile("settlement_and_support", why, (settle, support), (R + "streams",))


def steady_until(profile: Profile, on: date, book: RuleBook) -> date:
    """The verdict moves when the person reaches the minimum age, a French result is taken or
    expires, a diploma is completed, or a stream's recent work (in all, or in Quebec) comes near
    the months asked (``programs/steady.py``)."""
    if provincial.early(PROGRAM, on, book, LEADS_TO):
        return steady.NEVER  # the rules' first day is a rule change: all is evaluated again
    rule = book.value(R + "streams", on)
    days = [
        *steady.language_days(profile.language_tests, on, book),
        *(c.completed for c in profile.education),
    ]
    if profile.birth_date is not None:
        days.append(add_years(profile.birth_date, int(rule["min_age"])) - _DAY)
    until = steady.first(on, days)
    for name in STREAMS:
        s = rule[name]
        since, listing = provincial.window_start(on, years=s["window_years"]), _listing(s)
        asked: list[tuple[Callable[[WorkPeriod], bool | None] | None, int]] = [
            (None, s["experience_months"])
        ]
        if s["quebec_months"]:
            asked.append((_in_quebec, s["quebec_months"]))
        for keep, months in asked:
            found = provincial.listed_steady(
                profile.work, on, book, (months / 12,), since=since, listing=listing, keep=keep
            )
            until = min(until, found)
    return until


def _french_settled(
    profile: Profile,
    on: date,
    tried: list[tuple[str, tuple[Criterion, ...]]],
    criteria: tuple[Criterion, ...],
) -> tuple[Criterion, ...]:
    """The chosen stream's criteria, its French one ``timeless`` when French is unmet in every
    stream and every test was taken by ``on``: results can then only expire, and no stream's
    French can be met later (another stream may be chosen later, so one stream's is not enough)."""
    unmet_everywhere = all(c.status == "unmet" for _, cs in tried for c in cs if c.id == "french")
    if not unmet_everywhere or not common.results_only_fade(profile.language_tests, on):
        return criteria
    return tuple(replace(c, timeless=True) if c.id == "french" else c for c in criteria)


def _unmet(criteria: tuple[Criterion, ...]) -> int:
    return sum(c.status == "unmet" for c in criteria)


def _age(profile: Profile, on: date, minimum: int, rules: tuple[str, ...]) -> Criterion:
    if profile.birth_date is None:
        return criterion("age", Finding(None, say("birth date not given"), ("birth_date",)), rules)
    age = age_on(profile.birth_date, on)
    text = say("%(age)s years old (%(minimum)s at least)", age=age, minimum=minimum)
    return criterion("age", Finding(age >= minimum, text), rules)


def _stream(
    profile: Profile, on: date, book: RuleBook, s: Mapping[str, Any]
) -> tuple[Criterion, ...]:
    rules = (R + "streams",)
    return (
        _experience(profile, on, book, s, rules),
        _education(profile, on, s, rules),
        _french(profile, on, book, s, rules),
    )


def _in_quebec(p: WorkPeriod) -> bool | None:
    return False if p.canadian is False else provincial.in_province(p.province, "QC")


def _listing(s: Mapping[str, Any]) -> dict[str, Any]:
    """The stream's FEER levels as a dated list of NOC 2021 codes."""
    return {"classification": "NOC 2021", "codes": _teer_codes(s.get("min_teer", 0), s["max_teer"])}


@cache
def _teer_codes(low: int, high: int) -> frozenset[str]:
    """The NOC 2021 unit groups of FEER (TEER) ``low`` to ``high``: Quebec's FEER levels are the
    NOC 2021's TEER levels. The classification never changes: worked out once per range."""
    return frozenset(c for c, g in occupations.unit_groups().items() if low <= g.teer <= high)


def _experience(
    profile: Profile, on: date, book: RuleBook, s: Mapping[str, Any], rules: tuple[str, ...]
) -> Criterion:
    """Full-time-equivalent work in the stream's FEER levels in the last years, and for stream
    2 a part of it in Quebec."""
    if not profile.work:
        return criterion("experience", Finding(None, say("no work given"), ("work",)), rules)
    listing = _listing(s)
    since = provincial.window_start(on, years=s["window_years"])
    years = s["experience_months"] / 12
    anywhere = provincial.listed_experience(
        profile.work, on, book, years=years, since=since, listing=listing
    )
    found = [anywhere]
    if s["quebec_months"]:
        quebec = provincial.listed_experience(
            profile.work,
            on,
            book,
            years=s["quebec_months"] / 12,
            since=since,
            listing=listing,
            keep=_in_quebec,
        )
        found.append(Finding(quebec.value, say("in Quebec: %(detail)s", detail=quebec.detail),
                             quebec.needs))  # fmt: skip
    value = and3(*(f.value for f in found))
    text = say(
        "FEER %(low)s-%(high)s work since %(since)s: %(detail)s",
        low=s.get("min_teer", 0),
        high=s["max_teer"],
        since=since,
        detail=provincial.join(f.detail for f in found),
    )
    needs = tuple(dict.fromkeys(n for f in found for n in f.needs))
    return criterion("experience", Finding(value, text, needs), rules)


def _education(
    profile: Profile, on: date, s: Mapping[str, Any], rules: tuple[str, ...]
) -> Criterion:
    """A diploma of the kinds the stream lists: some levels surely count, some depend on the
    regulation's list (unknown), the rest do not."""
    if not profile.education:
        return criterion(
            "education", Finding(None, say("no education given"), ("education",)), rules
        )
    answers: list[bool | None] = []
    needs: list[str] = []
    for i, c in enumerate(profile.education):
        if c.level is None or c.completed is None:
            answers.append(None)
            needs += [
                f"education[{i}].{k}" for k in ("level", "completed") if getattr(c, k) is None
            ]
            continue
        if c.completed > on:
            answers.append(False)  # not yet completed on the date
        elif c.level in s["sure_levels"]:
            answers.append(True)
        else:
            answers.append(None if c.level in s["unsure_levels"] else False)
    value = or3(answers)
    if value:
        text = say("a diploma of the kinds the stream requires")
    elif value is None:
        text = say("whether the diploma is one the regulation lists for the stream is not known")
        needs.append(say("education (its equivalence to the Quebec diplomas the stream lists)"))
    else:
        text = say("no diploma of the kinds the stream requires")
    return criterion("education", Finding(value, text, tuple(dict.fromkeys(needs))), rules)


def _french(
    profile: Profile, on: date, book: RuleBook, s: Mapping[str, Any], rules: tuple[str, ...]
) -> Criterion:
    """Oral French (listening, speaking) and written French (reading, writing) at the stream's
    levels, read as NCLC levels on a valid TEF Canada or TCF Canada result."""
    oral, written = s["oral"], s["written"]
    what = say("oral French %(oral)s, written %(written)s", oral=oral, written=written)
    if not profile.language_tests:
        f = Finding(None, say("no language test result given"), ("language_tests",))
        return criterion("french", f, rules)
    best = common.best_tests(profile.language_tests, on, book).get("french")
    if best is None:
        f = Finding(
            False, say("no French result valid on %(on)s (%(what)s needed)", on=on, what=what)
        )
        return criterion("french", f, (*rules, language.VALIDITY_RULE))
    clb = best.clb
    ok = (
        min(clb["listening"], clb["speaking"]) >= oral
        and min(clb["reading"], clb["writing"]) >= written
    )
    verb = say("reaches") if ok else say("is below")
    text = say("%(result)s %(verb)s %(what)s", result=common.clb_text(best), verb=verb, what=what)
    return criterion("french", Finding(ok, text), (*rules, best.rule_id, language.VALIDITY_RULE))
