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

from maplepath.rulebook import book as rulebook
from maplepath.rulebook.book import RuleBook, Ruling

ABILITIES = ("listening", "reading", "writing", "speaking")

TESTS: dict[str, str] = {
    "ielts_general": "IELTS General Training",
    "celpip_general": "CELPIP-General",
    "pte_core": "PTE Core",
    "tef_canada": "TEF Canada",
    "tcf_canada": "TCF Canada",
}

UNACCEPTED_TESTS: dict[str, str] = {
    "ielts_academic": (
        "IELTS Academic is not accepted by IRCC for economic immigration (Express Entry, "
        "provincial nominees); take IELTS General Training instead"
    ),
    "celpip_ls": (
        "CELPIP-General LS (listening and speaking only) is not accepted by IRCC for economic "
        "immigration (it counts for citizenship only); take the full CELPIP-General test instead"
    ),
    "pte_academic": (
        "PTE Academic is not accepted by IRCC for economic immigration (Express Entry, "
        "provincial nominees); take PTE Core instead"
    ),
}

VALIDITY_RULE = "language.validity"


def rule_id(test: str) -> str:
    """The rule holding a test's equivalency chart: ``rule_id("ielts_general")`` is
    ``"language.ielts_general"``."""
    if test not in TESTS:
        raise ValueError(_unknown_test(test))
    return f"language.{test}"


def _unknown_test(test: str) -> str:
    if test in UNACCEPTED_TESTS:
        return UNACCEPTED_TESTS[test]
    return f"{test!r} is not a test IRCC accepts (accepted: {', '.join(TESTS)})"


def _table(test: str, taken: date, book: RuleBook) -> tuple[Ruling | None, str | None]:
    """The chart in force on the test date, or why there is none."""
    ruling = book.at(rule_id(test), taken)
    if ruling.in_force:
        return ruling, None
    name, values = TESTS[test], book.get(rule_id(test)).values
    first = values[0].effective_from
    if taken < first:
        return None, (
            f"IRCC accepts {name} only for tests taken on or after {first} (when IRCC began "
            f"accepting it); this test was taken on {taken}"
        )
    return None, f"IRCC does not accept {name} for a test taken on {taken} ({ruling.reason})"


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
            problems.append(
                (str(key), f"{key!r} is not an ability IRCC scores ({', '.join(ABILITIES)})")
            )
    for ability in ABILITIES:
        if ability not in scores or scores[ability] is None:
            problems.append(
                (ability, f"missing {ability} score: every {name} result reports all four")
            )
            continue
        score = scores[ability]
        if not _is_number(score):
            problems.append((ability, f"{score!r} is not a number"))
            continue
        lo, hi, step = scale[ability]["min"], scale[ability]["max"], scale[ability]["step"]
        if not lo <= score <= hi:
            problems.append(
                (
                    ability,
                    f"{name} {ability} score {score:g} is outside the scale {lo:g}-{hi:g} "
                    f"for tests taken on {taken}",
                )
            )
        elif abs((score - lo) / step - round((score - lo) / step)) > 1e-9:
            problems.append(
                (
                    ability,
                    f"{name} {ability} score {score:g} is not a possible score: the scale goes in "
                    f"steps of {step:g}",
                )
            )
    return problems


@dataclass(frozen=True)
class AbilityLevel:
    ability: str
    score: float
    clb: int  # 0 = below CLB 4, the lowest level IRCC's charts list; 10 = "10 and above"
    detail: str  # "IELTS General Training 7.5 listening = CLB 8"


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
    def summary(self) -> str:
        """The result as verdicts quote it: "IELTS General Training of 2025-01-15: CLB L9 R8
        S7 W7" (NCLC for French). Read by a dozen criteria per assessment, built once."""
        levels = " ".join(f"{a[0].upper()}{self.clb[a]}" for a in ABILITIES)
        benchmark = "CLB" if self.language == "english" else "NCLC"
        return f"{TESTS[self.test]} of {self.taken}: {benchmark} {levels}"

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
        raise ValueError(
            f"{TESTS.get(test, test)} test of {taken} was taken after the assessment date {on}"
        )
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
        raise ValueError(
            f"{TESTS.get(test, test)} test of {taken} was taken after the assessment date {on}"
        )
    validity = book.at(VALIDITY_RULE, on)
    if validity.in_force:
        expires = _anniversary(taken, int(validity.value["years"]))
        # _result reads the scores (raising, naming every problem, when they cannot be read)
        return _result(test, taken, items, expires, on >= expires, book)
    _read(test, taken, items, book)  # a result that cannot be read says so first
    raise ValueError(f"no validity period for language results on {on}: {validity.reason}")


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
        where = f"{TESTS.get(test, test)} test of {taken}"
        raise ValueError(f"{where}: " + "; ".join(f"{a}: {m}" if a else m for a, m in problems))
    ruling = book.at(rule_id(test), taken)  # in force: score_problems checked it
    if ruling.effective_from is None:  # pragma: no cover - guarded by score_problems
        raise ValueError(f"{ruling.reason}")
    chart, name = ruling.value, TESTS[test]
    benchmark = "CLB" if chart["language"] == "english" else "NCLC"
    levels: dict[str, AbilityLevel] = {}
    for ability in ABILITIES:
        score = float(scores[ability])
        clb = _level(chart["clb"][ability], score)
        shown = _show(score, chart["scale"][ability]["step"])
        reads = f"{benchmark} {clb}" if clb else f"below {benchmark} 4"
        levels[ability] = AbilityLevel(ability, score, clb, f"{name} {shown} {ability} = {reads}")
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
