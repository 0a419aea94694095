"""Language test scores -> CLB (English) / NCLC (French) levels, by the date the test was taken.

IRCC converts each ability of a designated test to a Canadian Language Benchmark with published
equivalency charts. The charts live in ``rules/language/<test>.yaml``, one dated table per test,
and the table in force is the one for the TEST DATE, not the assessment date: TEF Canada changed
its score scale on 2019-10-01 and again for tests taken on or after 2023-12-10, so the same
number means a different level on either side. A table's first date is the day IRCC began
accepting that test (PTE Core: 2024-01-30; TCF Canada: November 2018; the others are accepted
from the start of Express Entry, 2015-01-01). Results are valid for two years
(``rules/language/validity.yaml``).

Levels run from 4 to 10: IRCC's charts start at CLB 4 and their top row is "10 and above".
A score under the CLB 4 threshold is level 0. NCLC levels are reported in the same ``clb``
fields, since IRCC treats CLB and NCLC levels as equivalent.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from functools import cached_property, lru_cache
from typing import Any

from maplepath import i18n
from maplepath.i18n import decimal, noop, say, word
from maplepath.rulebook import book as rulebook
from maplepath.rulebook.book import RuleBook, Ruling

# The abilities are keys (scores, levels, rule files); ``word`` says them.
ABILITIES = (noop("listening"), noop("reading"), noop("writing"), noop("speaking"))

TESTS: dict[str, str] = {
    "ielts_general": "IELTS General Training",
    "celpip_general": "CELPIP-General",
    "pte_core": "PTE Core",
    "tef_canada": "TEF Canada",
    "tcf_canada": "TCF Canada",
}

# In English here; ``word`` says them in the language in force.
UNACCEPTED_TESTS: dict[str, str] = {
    "ielts_academic": noop(
        "IELTS Academic is not accepted by IRCC for economic immigration (Express Entry, "
        "provincial nominees); take IELTS General Training instead"
    ),
    "celpip_ls": noop(
        "CELPIP-General LS (listening and speaking only) is not accepted by IRCC for economic "
        "immigration (it counts for citizenship only); take the full CELPIP-General test instead"
    ),
    "pte_academic": noop(
        "PTE Academic is not accepted by IRCC for economic immigration (Express Entry, "
        "provincial nominees); take PTE Core instead"
    ),
}

VALIDITY_RULE = "language.validity"
PENDING_RULE = "language.pending_tests"  # designated by IRCC, not accepted yet


def pending(test: str, book: RuleBook | None = None) -> str | None:
    """Why a test IRCC has designated but does not accept yet cannot count (None for others)."""
    book = book or rulebook.default()
    ruling = book.at(PENDING_RULE, date.max)
    found = ruling.value.get(test) if ruling.in_force else None
    if found is None:
        return None
    return say(
        "%(name)s was designated by IRCC on %(day)s but is not accepted yet: no CLB equivalence "
        "is published, so its scores cannot count; give a result of an accepted test (%(tests)s)",
        name=found["name"],
        day=found["designated"],
        tests=", ".join(TESTS),
    )


def rule_id(test: str) -> str:
    """The rule holding a test's equivalency chart: ``rule_id("ielts_general")`` is
    ``"language.ielts_general"``."""
    if test not in TESTS:
        raise ValueError(_unknown_test(test))
    return f"language.{test}"


def _unknown_test(test: str) -> str:
    if test in UNACCEPTED_TESTS:
        return word(UNACCEPTED_TESTS[test])
    waiting = pending(test)
    if waiting:
        return waiting
    return say(
        "%(test)s is not a test IRCC accepts (accepted: %(tests)s)",
        test=repr(test),
        tests=", ".join(TESTS),
    )


def _table(test: str, taken: date, book: RuleBook) -> tuple[Ruling | None, str | None]:
    """The chart in force on the test date, or why there is none."""
    ruling = book.at(rule_id(test), taken)
    if ruling.in_force:
        return ruling, None
    name, values = TESTS[test], book.get(rule_id(test)).values
    first = values[0].effective_from
    if taken < first:
        return None, say(
            "IRCC accepts %(name)s only for tests taken on or after %(first)s (when IRCC began "
            "accepting it); this test was taken on %(taken)s",
            name=name,
            first=first,
            taken=taken,
        )
    return None, say(
        "IRCC does not accept %(name)s for a test taken on %(taken)s (%(reason)s)",
        name=name,
        taken=taken,
        reason=ruling.reason,
    )


def _is_number(x: object) -> bool:
    return isinstance(x, int | float) and not isinstance(x, bool) and math.isfinite(x)


def _show(score: float, step: float) -> str:
    """A score as the test reports it: IELTS in half bands (7.0), the others as integers."""
    return f"{score:.1f}" if not float(step).is_integer() else f"{score:g}"


def score_problems(
    test: str, taken: date, scores: Mapping[str, float], book: RuleBook | None = None
) -> list[tuple[str, str]]:
    """Everything wrong with a result, as (ability or "", message); empty when it can be read.

    Checks the test is one IRCC accepts and accepted on the test date, that every ability has a
    score, and that each score lies on the test's scale for that date (range and step).
    """
    if test not in TESTS:
        return [("", _unknown_test(test))]
    ruling, why = _table(test, taken, book or rulebook.default())
    if ruling is None:
        return [("", why or "")]
    name, scale = TESTS[test], ruling.value["scale"]
    problems: list[tuple[str, str]] = []
    for key in scores:
        if key not in ABILITIES:
            why = say(
                "%(key)s is not an ability IRCC scores (%(abilities)s)",
                key=repr(key),
                abilities=", ".join(ABILITIES),
            )
            problems.append((str(key), why))
    for ability in ABILITIES:
        if ability not in scores or scores[ability] is None:
            why = say(
                "missing %(ability)s score: every %(name)s result reports all four",
                ability=word(ability),
                name=name,
            )
            problems.append((ability, why))
            continue
        score = scores[ability]
        if not _is_number(score):
            problems.append((ability, say("%(score)s is not a number", score=repr(score))))
            continue
        lo, hi, step = scale[ability]["min"], scale[ability]["max"], scale[ability]["step"]
        if not lo <= score <= hi:
            why = say(
                "%(name)s %(ability)s score %(score)s is outside the scale %(lo)s-%(hi)s "
                "for tests taken on %(taken)s",
                name=name,
                ability=word(ability),
                score=decimal(f"{score:g}"),
                lo=decimal(f"{lo:g}"),
                hi=decimal(f"{hi:g}"),
                taken=taken,
            )
            problems.append((ability, why))
        elif abs((score - lo) / step - round((score - lo) / step)) > 1e-9:
            why = say(
                "%(name)s %(ability)s score %(score)s is not a possible score: the scale goes in "
                "steps of %(step)s",
                name=name,
                ability=word(ability),
                score=decimal(f"{score:g}"),
                step=decimal(f"{step:g}"),
            )
            problems.append((ability, why))
    return problems


@dataclass(frozen=True)
class AbilityLevel:
    ability: str
    score: float
    clb: int  # 0 = below CLB 4, the lowest level IRCC's charts list; 10 = "10 and above"
    test: str  # the test's id (a key of TESTS)
    shown: str  # the score as the test reports it: "7.5"
    french: bool  # a French test: its levels are NCLC

    @property
    def detail(self) -> str:
        """ "IELTS General Training 7.5 listening = CLB 8", in the language in force (said when
        read: the level itself is kept once for every language)."""
        said = {"name": TESTS[self.test], "score": decimal(self.shown), "level": self.clb}
        said["ability"] = word(self.ability)
        if self.french:
            if self.clb:
                return say("%(name)s %(score)s %(ability)s = NCLC %(level)s", **said)
            return say("%(name)s %(score)s %(ability)s = below NCLC 4", **said)
        if self.clb:
            return say("%(name)s %(score)s %(ability)s = CLB %(level)s", **said)
        return say("%(name)s %(score)s %(ability)s = below CLB 4", **said)


@dataclass(frozen=True)
class TestResult:
    __test__ = False  # a language test's result, not a pytest test class
    test: str
    language: str  # english | french
    taken: date
    expires: date  # second anniversary of the test: the first day it is no longer valid
    expired: bool  # on the assessment date
    levels: dict[str, AbilityLevel]
    rule_id: str
    effective_from: date  # the chart used: the one in force on the test date

    @cached_property
    def clb(self) -> dict[str, int]:
        return {ability: level.clb for ability, level in self.levels.items()}

    @cached_property
    def _summaries(self) -> dict[str, str]:
        return {}

    @property
    def summary(self) -> str:
        """The result as verdicts quote it: "IELTS General Training of 2025-01-15: CLB L9 R8
        W7 S7" (NCLC for French). Read by a dozen criteria per assessment: built once per
        language (a result is shared by every language's assessments)."""
        lang = i18n.current()
        said = self._summaries.get(lang)
        if said is None:
            said = self._summaries[lang] = self._say()
        return said

    def _say(self) -> str:
        clb, name, taken = self.clb, TESTS[self.test], self.taken
        levels = {a: clb[a] for a in ABILITIES}
        if self.language == "english":
            return say(
                "%(name)s of %(taken)s: CLB L%(listening)s R%(reading)s W%(writing)s S%(speaking)s",
                name=name,
                taken=taken,
                **levels,
            )
        return say(
            "%(name)s of %(taken)s: NCLC L%(listening)s R%(reading)s W%(writing)s S%(speaking)s",
            name=name,
            taken=taken,
            **levels,
        )

    @property
    def minimum(self) -> int:
        """The lowest level of the four: program thresholds (CLB 7 for FSW) apply to each."""
        return min(level.clb for level in self.levels.values())


def _level(thresholds: Mapping[Any, float], score: float) -> int:
    reached = [int(level) for level, minimum in thresholds.items() if score >= minimum]
    return max(reached, default=0)


def _anniversary(taken: date, years: int) -> date:
    # A test taken on 29 February reaches its anniversary on 1 March in common years.
    try:
        return taken.replace(year=taken.year + years)
    except ValueError:
        return date(taken.year + years, 3, 1)


def assess_test(
    test: str,
    taken: date,
    scores: Mapping[str, float],
    on: date,
    book: RuleBook | None = None,
) -> TestResult:
    """Read a result with the chart in force on the test date, and say whether it is still
    valid on ``on``. Raises ValueError (naming every problem) when the result cannot be read.

    Validity: IRCC wants results less than two years old. On the second anniversary of the test
    the result is two years old, so ``expires`` is that day and ``expired`` is ``on >= expires``.
    """
    if taken > on:
        raise ValueError(_after(test, taken, on))
    items = tuple(sorted((k, float(v)) for k, v in scores.items()))
    return assess_items(test, taken, items, on, book or rulebook.default())


def assess_items(
    test: str,
    taken: date,
    items: tuple[tuple[str, float], ...],
    on: date,
    book: RuleBook,
) -> TestResult:
    """``assess_test`` with the scores as (ability, score) pairs sorted by ability name."""
    if taken > on:
        raise ValueError(_after(test, taken, on))
    validity = book.at(VALIDITY_RULE, on)
    if validity.in_force:
        expires = _anniversary(taken, int(validity.value["years"]))
        # _result reads the scores (raising, naming every problem, when they cannot be read)
        return _result(test, taken, items, expires, on >= expires, book)
    _read(test, taken, items, book)  # a result that cannot be read says so first
    why = say(
        "no validity period for language results on %(on)s: %(reason)s",
        on=on,
        reason=validity.reason,
    )
    raise ValueError(why)


def _after(test: str, taken: date, on: date) -> str:
    return say(
        "%(test)s test of %(taken)s was taken after the assessment date %(on)s",
        test=TESTS.get(test, test),
        taken=taken,
        on=on,
    )


@lru_cache(maxsize=4096)
def _result(
    test: str,
    taken: date,
    score_items: tuple[tuple[str, float], ...],
    expires: date,
    expired: bool,
    book: RuleBook,
) -> TestResult:
    """One ``TestResult`` per distinct reading: the result is immutable and depends on the
    assessment date only through ``expires`` and ``expired``, so every date on the same side of
    the expiry shares it (with its ``clb`` levels computed once). A score or a profile read on
    many dates, or by every program of ``pathways``, reads each result once."""
    language, levels, rule, effective_from = _read(test, taken, score_items, book)
    return TestResult(
        test=test,
        language=language,
        taken=taken,
        expires=expires,
        expired=expired,
        levels=levels,
        rule_id=rule,
        effective_from=effective_from,
    )


@lru_cache(maxsize=4096)
def _read(
    test: str, taken: date, score_items: tuple[tuple[str, float], ...], book: RuleBook
) -> tuple[str, dict[str, AbilityLevel], str, date]:
    """The levels a result reads as: depends only on the test, its date and its scores, so a
    person's results are read once however many dates they are assessed on."""
    scores = dict(score_items)
    problems = score_problems(test, taken, scores, book)
    if problems:
        listed = "; ".join(f"{word(a)}: {m}" if a else m for a, m in problems)
        where = TESTS.get(test, test)
        why = say(
            "%(test)s test of %(taken)s: %(problems)s", test=where, taken=taken, problems=listed
        )
        raise ValueError(why)
    ruling = book.at(rule_id(test), taken)  # in force: score_problems checked it
    if ruling.effective_from is None:  # pragma: no cover - guarded by score_problems
        raise ValueError(f"{ruling.reason}")
    chart = ruling.value
    french = chart["language"] != "english"
    levels: dict[str, AbilityLevel] = {}
    for ability in ABILITIES:
        score = float(scores[ability])
        clb = _level(chart["clb"][ability], score)
        shown = _show(score, chart["scale"][ability]["step"])
        levels[ability] = AbilityLevel(ability, score, clb, test, shown, french)
    return chart["language"], levels, ruling.rule_id, ruling.effective_from


@lru_cache(maxsize=64)
def languages_of(test: str, book: RuleBook) -> frozenset[str]:
    """Every language a test's charts have ever measured (``english`` or ``french``); none for
    a test IRCC does not accept. A result of a test outside these can never count for them."""
    if test not in TESTS:
        return frozenset()
    return frozenset(dv.value["language"] for dv in book.get(rule_id(test)).values if dv.value)


def best_by_language(results: Iterable[TestResult]) -> dict[str, TestResult]:
    """Per language, the best unexpired result: highest sum of levels, ties to the most recent.

    A language whose results have all expired is left out: IRCC counts only valid results.
    """
    best: dict[str, TestResult] = {}
    for result in results:
        if result.expired:
            continue
        key = (sum(result.clb.values()), result.taken)
        held = best.get(result.language)
        if held is None or key > (sum(held.clb.values()), held.taken):
            best[result.language] = result
    return best
