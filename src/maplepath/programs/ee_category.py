"""Express Entry category-based selection: program ids ``ee_category:<category>``.

IRPA was amended on 2022-06-23 to let the Minister invite Express Entry candidates by category
(a language, an occupation, education). The first six categories were established on
2023-05-31 (French-language proficiency, healthcare, STEM, trades, transport, agriculture) and
renewed for 2024. On 2025-02-27 transport was retired, education created and the lists revised
(STEM went from 24 unit groups to 11). Physicians with Canadian work experience followed on
2025-12-08. On 2026-02-18 came senior managers and researchers with Canadian work experience,
a new transport category and skilled military recruits; agriculture was retired, and every
occupation category began to ask for 12 months of work in the last 3 years instead of 6
continuous months.

Eligible means: eligible for FSW, CEC or FST (only the Express Entry pool is invited), and
meeting the category's condition: NCLC 7 in every ability for French; otherwise enough work
in one listed occupation (in Canada for the "Canadian work experience" categories) and, for
military recruits, a Canadian Armed Forces job offer of three years or more, ten years of
foreign military service, which the profile cannot record, and a two-year credential
(``programs.ee_military``). Eligible is not invited: IRCC chooses which categories it draws from,
and has held no STEM round since 2024-04-11.

Rules (``rules/programs/ee_category/``): ``categories`` (ids, names), ``experience``,
``processing``; per category ``status``, ``occupations``, ``language``, ``recruitment``, and
``experience`` where it differs. References: IRCC, "Express Entry rounds of invitations:
category-based selection" (https://www.canada.ca/en/immigration-refugees-citizenship/services/immigrate-canada/express-entry/rounds-invitations/category-based-selection.html);
IRCC, 2023-2024 and 2024-2025 Reports to Parliament on category-based selection.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from datetime import date
from functools import lru_cache
from typing import Any

from maplepath import i18n
from maplepath.i18n import decimal, noop, say, word
from maplepath.occupations import codes as occupations
from maplepath.profile import experience, language, memo
from maplepath.profile.model import Profile
from maplepath.programs import common, ee_military, express_entry
from maplepath.programs.verdict import (
    Criterion,
    Finding,
    Ternary,
    Verdict,
    and3,
    combine,
    criterion,
    or3,
)
from maplepath.rulebook import book as rulebook
from maplepath.rulebook.book import RuleBook
from maplepath.rulebook.rulefile import Rule, parse_rule_file

PREFIX = "ee_category"
R = "programs.ee_category."
CATEGORIES = R + "categories"
EXPERIENCE = R + "experience"
PROCESSING = R + "processing"
LEADS_TO = "permanent_residence"
Evaluator = Callable[[Profile, date, RuleBook | None], Verdict]
KEY_EXPRESS_ENTRY, KEY_MEASURE = "ee_category.express_entry", "ee_category.measure"
KEY_CODES = "ee_category.codes"
_VERDICT: dict[str, bool | None] = {"eligible": True, "ineligible": False, "unknown": None}
_EXPRESS_ENTRY = {
    True: noop("eligible for an Express Entry program"),
    False: noop("not eligible for any Express Entry program"),
    None: noop("eligibility for an Express Entry program depends on missing facts"),
}
# The three programs as the criterion names them (FSW, CEC, FST: TQF, CEC, TMSF in French).
_ACRONYMS = {"fsw": noop("FSW"), "cec": noop("CEC"), "fst": noop("FST")}


def _names(book: RuleBook | None = None) -> dict[str, list[tuple[date, str]]]:
    """Every category ever listed, in order of first appearance, with its display names by
    date. Without a book only the categories file is read, so importing stays cheap."""
    return _read_names(book) if book else _read_names_from_file()


@lru_cache(maxsize=8)
def _read_names(book: RuleBook) -> dict[str, list[tuple[date, str]]]:
    # A rule book never changes once loaded: its names are read once (only this module reads
    # the dict, never changing it).
    return _names_of(book.get(CATEGORIES))


def _read_names_from_file() -> dict[str, list[tuple[date, str]]]:
    path = rulebook.RULES_ROOT.joinpath(*CATEGORIES.split(".")).with_suffix(".yaml")
    return _names_of(parse_rule_file(path, CATEGORIES))


def _names_of(rule: Rule) -> dict[str, list[tuple[date, str]]]:
    names: dict[str, list[tuple[date, str]]] = {}
    for dv in rule.values:
        for cid, name in (dv.value or {}).items():
            names.setdefault(cid, []).append((dv.effective_from, name))
    return names


def category_name(cid: str, on: date, book: RuleBook | None = None) -> str:
    """A category's name on ``on``: the last one listed by then, else its first (a category
    asked about before it existed, or after it was retired, keeps the name it had)."""
    dated = _names(book or rulebook.default()).get(cid)
    if not dated:
        return cid.replace("_", " ")
    return ([n for d, n in dated if d <= on] or [dated[0][1]])[-1]


ALL_CATEGORIES = tuple(_names())
PROGRAM = tuple(f"{PREFIX}:{cid}" for cid in ALL_CATEGORIES)
_STATUS = {cid: f"{PREFIX}.{cid}" for cid in ALL_CATEGORIES}  # program names of the status rules


def CATEGORY_IDS(on: date, book: RuleBook | None = None) -> list[str]:
    """The ids of the categories in force on ``on`` (none before 2023-05-31)."""
    return list((book or rulebook.default()).value(CATEGORIES, on) or {})


def evaluators() -> dict[str, Evaluator]:
    """One evaluator per category that ever existed, keyed by program id (``ee_category:stem``),
    so that past dates can be evaluated too."""
    return {f"{PREFIX}:{cid}": _evaluator(cid) for cid in ALL_CATEGORIES}


def _evaluator(cid: str) -> Evaluator:
    program = f"{PREFIX}:{cid}"  # a known category: its id is not checked on every call

    def run(profile: Profile, on: date, book: RuleBook | None = None) -> Verdict:
        return _evaluate(cid, program, profile, on, book or rulebook.default())

    return run


def evaluate(category_id: str, profile: Profile, on: date, book: RuleBook | None = None) -> Verdict:
    """The verdict for one category (``stem`` or ``ee_category:stem``) on ``on``."""
    cid = category_id.removeprefix(PREFIX + ":")
    if cid not in ALL_CATEGORIES:
        raise KeyError(f"no Express Entry category {category_id!r}: {', '.join(ALL_CATEGORIES)}")
    return _evaluate(cid, f"{PREFIX}:{cid}", profile, on, book or rulebook.default())


def _evaluate(cid: str, program: str, profile: Profile, on: date, book: RuleBook) -> Verdict:
    status, time, checks = _on_date(cid, on, book)
    if status in ("not_yet_open", "closed"):
        return _not_in_force(cid, status, on, book)
    criteria = (
        _express_entry(profile, on, book),
        *[check(cid, profile, on, book) for check in checks],
    )
    return Verdict(program, combine(criteria), status, criteria, LEADS_TO, time)


@lru_cache(maxsize=4096)
def _on_date(cid: str, on: date, book: RuleBook) -> tuple[str, str | None, tuple[Check, ...]]:
    """What a category is on a date whoever asks (a book never changes): its status, the
    processing time (none when it is not in force: no application can follow it) and the
    checks its rules call for. Eleven categories ask for each profile."""
    status = common.status(_STATUS[cid], on, book)
    in_force = status not in ("not_yet_open", "closed")
    processing = book.at(PROCESSING, on)
    time = str(processing.value) if processing.in_force and in_force else None
    return status, time, _checks(book, cid)


@i18n.kept_per_language
def _not_in_force(cid: str, status: str, on: date, book: RuleBook) -> Verdict:
    """No invitation can come through a category before it is established or once retired:
    the same verdict for everyone on a date, in each language (a book never changes)."""
    rule = book.get(f"{R}{cid}.status")
    name = category_name(cid, on, book)
    if status == "not_yet_open":
        first = rule.values[0].effective_from
        text = say("the category %(name)s was established on %(on)s", name=repr(name), on=first)
    else:
        closed = max(dv.effective_from for dv in rule.values if dv.effective_from <= on)
        text = say("the category %(name)s was retired on %(on)s", name=repr(name), on=closed)
    # Whether a category is in force is the rule's alone: timeless (see verdict.Criterion).
    gone = Criterion("category_in_force", Ternary.unmet, text, (rule.id, CATEGORIES), timeless=True)
    return Verdict(f"{PREFIX}:{cid}", "ineligible", status, (gone,), LEADS_TO, None)


Check = Callable[[str, Profile, date, RuleBook], Criterion]


@lru_cache(maxsize=256)
def _checks(book: RuleBook, cid: str) -> tuple[Check, ...]:
    # Which rule files a category has is fixed once its rule book is loaded (a book never
    # changes): worked out once per book and category rather than at every date.
    checks = (
        ("language", _language),
        ("occupations", _experience),
        ("recruitment", ee_military.recruit),
    )
    return tuple(check for part, check in checks if f"{R}{cid}.{part}" in book.rules)


@lru_cache(maxsize=256)
def _experience_rules(book: RuleBook, cid: str) -> tuple[str, str]:
    """The category's experience rule (its own, else the shared one) and its list (per book,
    as above)."""
    own = f"{R}{cid}.experience"
    return (own if own in book.rules else EXPERIENCE, f"{R}{cid}.occupations")


def _express_entry(profile: Profile, on: date, book: RuleBook) -> Criterion:
    """Eligible for one of the three programs Express Entry manages, FSW, CEC or FST (the same
    criterion for every category: derived once per profile and date, see ``memo``)."""
    return memo.get(profile, on, book, KEY_EXPRESS_ENTRY, lambda: _ee(profile, on, book))


def _ee(profile: Profile, on: date, book: RuleBook) -> Criterion:
    verdicts = express_entry.verdicts(profile, on, book)
    value = or3(_VERDICT[v.verdict] for v in verdicts)
    each = ", ".join(
        say("%(program)s %(verdict)s", program=word(_ACRONYMS[v.program]), verdict=word(v.verdict))
        for v in verdicts
    )
    needs = tuple(dict.fromkeys(n for v in verdicts if v.verdict == "unknown" for n in v.needs))
    deciding = [v for v in verdicts if _VERDICT[v.verdict] is value]
    rules = dict.fromkeys(r for v in deciding for c in v.criteria for r in c.rules)
    f = Finding(value, f"{word(_EXPRESS_ENTRY[value])} ({each})", needs)
    return criterion("express_entry_program", f, rules)


def _language(cid: str, profile: Profile, on: date, book: RuleBook) -> Criterion:
    """French-language proficiency: a valid TEF Canada or TCF Canada result at the level in
    every ability (NCLC 7 since 2023-05-31). English results do not count."""
    rule_id = f"{R}{cid}.language"
    minimum: Mapping[str, int] = book.value(rule_id, on)
    levels = "/".join(str(minimum[a]) for a in language.ABILITIES)
    what = say("NCLC %(levels)s in French", levels=levels)
    if not profile.language_tests:
        f = Finding(None, say("no language test result given"), ("language_tests",))
        return criterion("french_language", f, (rule_id,))
    best = common.best_tests(profile.language_tests, on, book).get("french")
    if best is None:
        f = Finding(False, say("no French test result (TEF or TCF Canada) valid on %(on)s", on=on))
        # With no French test at all no date will bring one.
        never = all(
            "french" not in language.languages_of(t.test, book) for t in profile.language_tests
        )
        # Nor will one come when every test was taken already (their results only expire).
        never = never or common.results_only_fade(profile.language_tests, on)
        return criterion("french_language", f, (rule_id, language.VALIDITY_RULE), never)
    short = [a for a in language.ABILITIES if best.clb[a] < minimum[a]]
    result = common.clb_text(best)
    if short:
        below = ", ".join(word(a) for a in short)
        text = say("%(result)s: %(below)s below %(what)s", result=result, below=below, what=what)
    else:
        text = say("%(result)s: reaches %(what)s", result=result, what=what)
    f = Finding(not short, text)
    fades = common.results_only_fade(profile.language_tests, on)
    return criterion("french_language", f, (rule_id, best.rule_id, language.VALIDITY_RULE), fades)


def _months(years: float) -> str:
    """Full-time-equivalent years as months, cut (not rounded) to one decimal."""
    if years == math.inf:
        return say("unbounded")
    return decimal(f"{math.floor(years * 120 + 1e-6) / 10:.1f}")


def _listed(code: str, listed: Mapping[str, str]) -> bool | None:
    """Whether a profile's NOC code is on the list; a NOC 2016 code through its successors."""
    if len(code) == 5:
        return code in listed
    mapped = occupations.map_2016(code)
    answers = {c in listed for c in mapped.candidates} if mapped else set()
    return answers.pop() if len(answers) == 1 else None


def _experience(cid: str, profile: Profile, on: date, book: RuleBook) -> Criterion:
    """Work in one listed occupation, each occupation counted on its own: 6 continuous months
    until 2026-02-17, then 12 months that need not be continuous, in the last 3 years."""
    rules, listed, need, lead = _experience_on(cid, on, book, i18n.current())
    if not profile.work:
        f = Finding(None, say("no work given"), ("work",))
        return criterion("occupation_experience", f, rules)
    codes, unnamed = memo.in_session(profile, on, book, KEY_CODES, lambda: _codes(profile))
    # Categories with the same experience rule measure the same work: each code once per
    # profile. The rule id stands for ``need``: the memo is per date and rule book.
    measured: dict[str | None, tuple[bool | None, float, tuple[int, ...]]] | None = None
    results: list[tuple[bool | None, float, str | None, tuple[int, ...]]] = []
    for code in (*codes, *unnamed):  # None: the work whose NOC is not given
        on_list = True if code is None else _listed(code, listed)
        if on_list is not False:
            if measured is None:
                measured = memo.get(profile, on, book, (KEY_MEASURE, rules[0]), dict)
            m = measured.get(code)
            if m is None:
                nocs = frozenset([code] if code else [])
                m = measured[code] = _measured(profile, on, book, nocs, need)
            value, done, doubtful = m
            results.append((and3(on_list, value), done, code, doubtful))
    value = or3(r[0] for r in results)
    if value:
        done, code = next((d, c) for v, d, c, _ in results if v)
        text = say(
            "%(months)s months as NOC %(noc)s (%(lead)s)", months=_months(done), noc=code, lead=lead
        )
        f = Finding(True, text)
    elif value is False:
        most = max(((d, c) for _, d, c, _ in results if c), default=None)
        if most:
            text = say(
                "at most %(months)s months as NOC %(noc)s; needed: %(lead)s",
                months=_months(most[0]),
                noc=most[1],
                lead=lead,
            )
        else:
            text = say(
                "no work in a listed occupation (NOC %(codes)s not listed); needed: %(lead)s",
                codes=", ".join(codes) or "-",
                lead=lead,
            )
        f = Finding(False, text)
        # No period with a listed NOC (every NOC given, none on the list): time adds nothing.
        return criterion("occupation_experience", f, rules, not results)
    else:
        unsure = sorted({i for v, _, _, ids in results if v is None for i in ids})
        needs = common.work_needs(profile.work, unsure, common.WORK_FACTS)
        split = [i for i, p in enumerate(profile.work) if p.noc and _listed(p.noc, listed) is None]
        needs += [f"work[{i}].noc" for i in split]  # a NOC 2016 code split across the list
        text = say("depends on missing facts: %(lead)s", lead=lead)
        f = Finding(None, text, tuple(dict.fromkeys(needs)))
    return criterion("occupation_experience", f, rules)


@lru_cache(maxsize=4096)
def _experience_on(
    cid: str, on: date, book: RuleBook, lang: str
) -> tuple[tuple[str, str], Mapping[str, str], Mapping[str, Any], str]:
    """The category's experience rules on a date, its list, what it needs, and the wording of
    the need in ``lang`` (the language in force): the same for every profile (a book never
    changes)."""
    rules = _experience_rules(book, cid)
    need: Mapping[str, Any] = book.value(rules[0], on)
    return rules, book.value(rules[1], on), need, _lead(need, on)


def _codes(profile: Profile) -> tuple[list[str], list[None]]:
    """The NOC codes of the work, sorted, and [None] when some work has no NOC given."""
    codes = sorted({p.noc for p in profile.work if p.noc})
    return codes, [None] if any(p.noc is None for p in profile.work) else []


def _lead(need: Mapping[str, Any], on: date) -> str:
    said = {"months": need["months"], "window": need["window_years"], "on": on}
    if need["where"] == "canada":
        if need["continuous"]:
            return say(
                "%(months)s continuous months in one listed occupation in Canada in the "
                "%(window)s years before %(on)s",
                **said,
            )
        return say(
            "%(months)s months in one listed occupation in Canada in the %(window)s years "
            "before %(on)s",
            **said,
        )
    if need["continuous"]:
        return say(
            "%(months)s continuous months in one listed occupation in the %(window)s years "
            "before %(on)s",
            **said,
        )
    return say(
        "%(months)s months in one listed occupation in the %(window)s years before %(on)s", **said
    )


def _measured(
    profile: Profile, on: date, book: RuleBook, nocs: frozenset[str], need: Mapping[str, Any]
) -> tuple[bool | None, float, tuple[int, ...]]:
    """Whether the work in ``nocs`` is enough (one continuous run, or in total), the years that
    certainly count, and the periods in doubt. Canadian work counts only if authorized; the
    list decides the occupations (every listed unit group is TEER 0-3)."""
    years = need["months"] / 12
    kw: dict[str, Any] = {"window_years": need["window_years"], "where": need["where"]}
    kw |= {"skilled_only": False, "require_authorized": True, "nocs": nocs, "book": book}
    if not need["continuous"]:
        acc = experience.accrue(profile.work, on, **kw)
        return acc.at_least(years), acc.years, acc.unknown
    sure, best = (
        experience.longest_continuous(profile.work, on, assume_favourable=favourable, **kw)
        for favourable in (False, True)
    )
    done, most = (run.years if run else 0.0 for run in (sure, best))
    value = True if done >= years - common.EPSILON else None
    value = False if most < years - common.EPSILON else value
    return value, done, best.periods if best else ()
