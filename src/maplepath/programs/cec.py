"""Canadian Experience Class (CEC), an Express Entry program (IRPR s. 87.1).

Minimum requirements: one year of full-time (or equivalent part-time) skilled work in Canada in
the three years before applying, done while authorized, not self-employed and not as a
full-time student; and a language level that depends on that experience: CLB/NCLC 7 in every
ability for TEER 0 or 1 work, CLB/NCLC 5 for TEER 2 or 3 work. There is no education
requirement and no proof of funds.

History: until 2022-11-16 the occupations were NOC 2016 ones (skill type 0 and level A for
CLB 7, level B for CLB 5); IRCC switched to NOC 2021 TEER categories on that day
(``rules/programs/cec/language.yaml`` keeps both).

References: IRCC, "Canadian Experience Class: who can apply" (page of 2026-06-22,
https://www.canada.ca/en/immigration-refugees-citizenship/services/immigrate-canada/express-entry/who-can-apply/canadian-experience-class.html);
IRCC, Express Entry language tests (same site, documents/language-test.html).
"""

from __future__ import annotations

from collections.abc import Collection
from datetime import date

from maplepath.i18n import say
from maplepath.occupations import codes as occupations
from maplepath.profile import experience, language
from maplepath.profile.experience import Accrual
from maplepath.profile.model import Profile
from maplepath.programs import common
from maplepath.programs.verdict import Criterion, Finding, Verdict, combine, criterion
from maplepath.rulebook import book as rulebook
from maplepath.rulebook.book import RuleBook

PROGRAM = "cec"
EXPERIENCE = "programs.cec.experience"
LANGUAGE = "programs.cec.language"
FACTS = (*common.WORK_FACTS, "self_employed", "full_time_student")


def evaluate(profile: Profile, on: date, book: RuleBook | None = None) -> Verdict:
    book = book or rulebook.default()
    early = common.before_rules(PROGRAM, on, book)
    if early:
        return early
    criteria = (_experience(profile, on, book), _language(profile, on, book))
    status = common.status(PROGRAM, on, book)
    return Verdict(
        PROGRAM,
        combine(criteria),
        status,
        criteria,
        "permanent_residence",
        common.processing(on, book),
    )


def _accrue(profile: Profile, on: date, book: RuleBook, nocs: Collection[str] | None) -> Accrual:
    """Canadian skilled work the CEC counts (IRPR s. 87.1(2)(a) and (3))."""
    return experience.accrue(
        profile.work,
        on,
        window_years=book.value(EXPERIENCE, on)["window_years"],
        where="canada",
        exclude_self_employed=True,
        exclude_full_time_student=True,
        require_authorized=True,
        nocs=nocs,
        book=book,
    )


def _experience(profile: Profile, on: date, book: RuleBook) -> Criterion:
    rule = book.value(EXPERIENCE, on)
    years, window = rule["years"], rule["window_years"]
    if not profile.work:
        f = Finding(None, say("no work given"), ("work",))
        return criterion("experience", f, [EXPERIENCE])
    acc = _accrue(profile, on, book, None)
    value = acc.at_least(years)
    done = common.shown_years(acc.years)
    if value is None:
        text = say(
            "%(years)s years of qualifying Canadian skilled work in the %(window)s years before "
            "%(on)s (%(needed)s needed); up to %(most)s if the missing facts are favourable",
            years=done,
            window=window,
            on=on,
            needed=years,
            most=common.shown_years(acc.possible_years),
        )
    else:
        text = say(
            "%(years)s years of qualifying Canadian skilled work in the %(window)s years before "
            "%(on)s (%(needed)s needed)",
            years=done,
            window=window,
            on=on,
            needed=years,
        )
    needs = tuple(common.work_needs(profile.work, acc.unknown, FACTS))
    return criterion("experience", Finding(value, text, needs), [EXPERIENCE])


def _lower_level_codes(profile: Profile) -> set[str]:
    """The profile's NOC codes in TEER 2 or 3 (for a NOC 2016 code: every NOC 2021 group it
    maps to); before 2022-11-16 these stand for NOC 2016 skill level B."""
    codes = set()
    for p in profile.work:
        if p.noc is None:
            continue
        mapped = occupations.map_2016(p.noc) if len(p.noc) == 4 else None
        candidates = mapped.candidates if mapped else (p.noc,) if len(p.noc) == 5 else ()
        if candidates and all(occupations.teer(c) in (2, 3) for c in candidates):
            codes.add(p.noc)
    return codes


def _language(profile: Profile, on: date, book: RuleBook) -> Criterion:
    """CLB 7 when the year of experience is TEER 0-1; CLB 5 is enough when a year of TEER 2-3
    work alone makes the year (mixed experience that needs TEER 0-1 work to reach a year is held
    to CLB 7)."""
    rule = book.value(LANGUAGE, on)
    higher, lower = rule["higher"], rule["lower"]
    rules: list[str] = [LANGUAGE]
    if not profile.language_tests:
        f = Finding(None, say("no language test result given"), ("language_tests",))
        return criterion("language", f, rules)
    best = common.best_tests(profile.language_tests, on, book)
    if not best:
        f = Finding(False, say("no language result valid on %(on)s (results last 2 years)", on=on))
        return criterion("language", f, rules, common.results_only_fade(profile.language_tests, on))
    top = max(best.values(), key=lambda r: (r.minimum, r.taken))
    rules += [top.rule_id, language.VALIDITY_RULE]
    shown = common.clb_text(top)
    if top.minimum >= higher["clb"]:
        text = say(
            "%(result)s reaches CLB %(clb)s, enough for any skilled experience",
            result=shown,
            clb=higher["clb"],
        )
        f = Finding(True, text)
        return criterion("language", f, rules)
    if top.minimum < lower["clb"]:
        text = say(
            "%(result)s is below CLB %(clb)s in at least one ability",
            result=shown,
            clb=lower["clb"],
        )
        f = Finding(False, text)
        # Below even the lower level: no experience can make it enough, and results only age.
        fades = common.results_only_fade(profile.language_tests, on)
        return criterion("language", f, rules, fades)
    acc = _accrue(profile, on, book, _lower_level_codes(profile))
    value = acc.at_least(book.value(EXPERIENCE, on)["years"])
    # The levels and the classification are the rule's own words ("TEER 2 or 3", "NOC 2021").
    work = say(
        "a year of %(levels)s work (%(classification)s)",
        levels=lower["levels"],
        classification=rule["classification"],
    )
    if value:
        text = say(
            "%(result)s reaches CLB %(clb)s, enough with %(work)s",
            result=shown,
            clb=lower["clb"],
            work=work,
        )
    elif value is False:
        text = say(
            "%(result)s is below CLB %(clb)s, needed without %(work)s",
            result=shown,
            clb=higher["clb"],
            work=work,
        )
    else:
        text = say(
            "%(result)s: CLB %(clb)s is enough only with %(work)s",
            result=shown,
            clb=lower["clb"],
            work=work,
        )
    needs = tuple(common.work_needs(profile.work, acc.unknown, FACTS))
    return criterion("language", Finding(value, text, needs), rules)
